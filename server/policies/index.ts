/** Loads every policy (each registers itself) and re-exports the decision functions. */
import './user';
import './organization';
import './challenge';
import './team';
import './question';
import './dashboard';
import './workspace';
import './submission';
import './advice';
import './representation';

export { can, authorize, hasRole, registeredKinds, type Actor } from './registry';
import type { Actor } from './registry';
import type { UserDocument } from '../models/User';

/** The policy view of an account document (null for anonymous). */
export function actorOf(user: UserDocument | null | undefined): Actor {
  if (!user || user.disabled) return null;
  return {
    id: user.id as string,
    roles: user.roles,
    organizationId: user.organizationId ? String(user.organizationId) : null,
  };
}
