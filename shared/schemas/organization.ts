import { z } from 'zod';
import { IndustryCode } from '../industry';

export const OrganizationInput = z.object({
  name: z.string().trim().min(2).max(120),
  nameEn: z.string().trim().max(160).default(''),
  industry: IndustryCode,
  description: z.string().trim().max(4000).default(''),
  fictional: z.boolean().default(false),
});
export type OrganizationInput = z.infer<typeof OrganizationInput>;

export const OrganizationUpdate = OrganizationInput.partial().strict();
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
