import type { AccountUpdate, ProfileUpdate } from '../../../shared/schemas/user';
import { badRequest, notFound } from '../../errors';
import { Organization } from '../../models/Organization';
import { User, type UserDocument } from '../../models/User';
import { event, type DomainEvent } from '../../events/types';
import type { Role } from '../../../shared/roles';
import { revokeUserSessions } from './sessions';

/** Applies a profile change to the user's own account. */
export async function updateProfile(props: { user: UserDocument; changes: ProfileUpdate }): Promise<UserDocument> {
  props.user.set(props.changes);
  return props.user.save();
}

/**
 * An admin's change of roles, organisation or disabled flag. A change of roles or organisation
 * is `user.rightsChanged` (every open socket and document re-decided); disabling ends every
 * session of the account.
 */
export async function updateAccount(props: { userId: string; changes: AccountUpdate }): Promise<{ user: UserDocument; events: DomainEvent[] }> {
  const user = await User.findById(props.userId);
  if (!user) throw notFound('User');
  const before = { roles: [...user.roles].sort().join(), organizationId: user.organizationId ? String(user.organizationId) : null, disabled: user.disabled };
  const { organizationId, ...rest } = props.changes;
  if (organizationId !== undefined) {
    if (organizationId && !(await Organization.exists({ _id: organizationId }))) {
      throw badRequest('Unknown organisation', [{ path: ['organizationId'], code: 'not_found', message: 'no such organisation' }]);
    }
    user.set('organizationId', organizationId);
  }
  user.set(rest);
  await user.save();
  const events: DomainEvent[] = [];
  if (user.disabled && !before.disabled) {
    const sessionIds = await revokeUserSessions(props.userId);
    events.push(event('user.disabled', { userId: props.userId, sessionIds }), event('session.ended', { userId: props.userId, sessionIds, reason: 'disabled' }));
  }
  const nowOrganizationId = user.organizationId ? String(user.organizationId) : null;
  if (before.roles !== [...user.roles].sort().join() || before.organizationId !== nowOrganizationId) {
    events.push(event('user.rightsChanged', { userId: props.userId, roles: [...user.roles] as Role[], organizationId: nowOrganizationId, previousOrganizationId: before.organizationId }));
  }
  return { user, events };
}
