import type { OrganizationView } from '../../shared/schemas/organization';
import type { OrganizationDocument } from '../models/Organization';

export function presentOrganization(org: OrganizationDocument, memberCount?: number): OrganizationView {
  return {
    id: org.id as string,
    name: org.name,
    nameEn: org.nameEn,
    industry: org.industry,
    description: org.description,
    fictional: org.fictional,
    ...(memberCount === undefined ? {} : { memberCount }),
    createdAt: (org.get('createdAt') as Date).toISOString(),
  };
}
