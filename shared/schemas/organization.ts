import { z } from 'zod';
import { IndustryCode } from '../industry';

const organizationFields = {
  name: z.string().trim().min(2).max(120),
  nameEn: z.string().trim().max(160),
  industry: IndustryCode,
  description: z.string().trim().max(4000),
  fictional: z.boolean(),
};

export const OrganizationInput = z.object({
  ...organizationFields,
  nameEn: organizationFields.nameEn.default(''),
  description: organizationFields.description.default(''),
  fictional: organizationFields.fictional.default(false),
});
export type OrganizationInput = z.infer<typeof OrganizationInput>;

/** A partial edit (no defaults, so unsent fields stay as they are). */
export const OrganizationUpdate = z.object(organizationFields).partial().strict();
export type OrganizationUpdate = z.infer<typeof OrganizationUpdate>;

export interface OrganizationView {
  id: string;
  name: string;
  nameEn: string;
  industry: string;
  description: string;
  fictional: boolean;
  memberCount?: number;
  createdAt: string;
}
