import argon2 from 'argon2';
import type { RegisterInput } from '../../../shared/schemas/user';
import { badRequest, conflict, isDuplicateKey } from '../../errors';
import type { DomainEvent } from '../../events/types';
import { Organization } from '../../models/Organization';
import { User, type UserDocument } from '../../models/User';
import { acceptInvite } from '../representation/invites';
import { requestRepresentation } from '../representation/requestRepresentation';

/** argon2id with the library's defaults (m=64 MiB, t=3, p=4): the OWASP-recommended family. */
export const hashPassword = (password: string) => argon2.hash(password, { type: argon2.argon2id });

/**
 * Creates an account with the self-service roles it chose. Representing an organisation is not
 * one of them: choosing it files a request that the organisation's representatives or the admin
 * approve (an invite for this e-mail approves it at once); until then the account has only its
 * other roles (none, if it chose no other).
 */
export async function registerAccount(props: { input: RegisterInput }): Promise<{ user: UserDocument; events: DomainEvent[] }> {
  const { input } = props;
  const wantsToRepresent = input.roles.includes('representative');
  if (wantsToRepresent) {
    if (!input.organizationId) {
      throw badRequest('A company representative must choose an organisation', [
        { path: ['organizationId'], code: 'required', message: 'required for representatives' },
      ]);
    }
    if (!(await Organization.exists({ _id: input.organizationId }))) {
      throw badRequest('Unknown organisation', [{ path: ['organizationId'], code: 'not_found', message: 'no such organisation' }]);
    }
  }
  const roles = input.roles.filter((r) => r !== 'representative');
  let user: UserDocument;
  try {
    user = await User.create({
      email: input.email,
      passwordHash: await hashPassword(input.password),
      name: input.name,
      roles,
      organizationId: null,
    });
  } catch (err) {
    if (isDuplicateKey(err)) {
      throw conflict('This email is already registered', [{ path: ['email'], code: 'taken', message: 'already registered' }]);
    }
    throw err;
  }
  const events = await acceptInvite(user);
  if (events.length === 0 && wantsToRepresent) events.push(...(await requestRepresentation({ user, organizationId: input.organizationId! })).events);
  return { user, events };
}
