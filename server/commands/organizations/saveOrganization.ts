import type { OrganizationInput, OrganizationUpdate } from '../../../shared/schemas/organization';
import { conflict, isDuplicateKey, notFound } from '../../errors';
import { Organization, type OrganizationDocument } from '../../models/Organization';

const duplicateName = () => conflict('An organisation with this name exists', [{ path: ['name'], code: 'taken', message: 'name taken' }]);

export async function createOrganization(props: { input: OrganizationInput }): Promise<OrganizationDocument> {
  try {
    return await Organization.create(props.input);
  } catch (err) {
    throw isDuplicateKey(err) ? duplicateName() : err;
  }
}

export async function updateOrganization(props: { id: string; changes: OrganizationUpdate }): Promise<OrganizationDocument> {
  const org = await Organization.findById(props.id);
  if (!org) throw notFound('Organisation');
  org.set(props.changes);
  try {
    return await org.save();
  } catch (err) {
    throw isDuplicateKey(err) ? duplicateName() : err;
  }
}
