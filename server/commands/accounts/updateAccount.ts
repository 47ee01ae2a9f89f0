import type { AccountUpdate, ProfileUpdate } from '../../../shared/schemas/user';
import { badRequest, notFound } from '../../errors';
import { Organization } from '../../models/Organization';
import { User, type UserDocument } from '../../models/User';

/** Applies a profile change to the user's own account. */
export async function updateProfile(props: { user: UserDocument; changes: ProfileUpdate }): Promise<UserDocument> {
  props.user.set(props.changes);
  return props.user.save();
}

/** An admin's change of roles, organisation or disabled flag. */
export async function updateAccount(props: { userId: string; changes: AccountUpdate }): Promise<UserDocument> {
  const user = await User.findById(props.userId);
  if (!user) throw notFound('User');
  const { organizationId, ...rest } = props.changes;
  if (organizationId !== undefined) {
    if (organizationId && !(await Organization.exists({ _id: organizationId }))) {
      throw badRequest('Unknown organisation', [{ path: ['organizationId'], code: 'not_found', message: 'no such organisation' }]);
    }
    user.set('organizationId', organizationId);
  }
  user.set(rest);
  return user.save();
}
