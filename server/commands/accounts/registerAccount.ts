import argon2 from 'argon2';
import type { RegisterInput } from '../../../shared/schemas/user';
import { badRequest, conflict, isDuplicateKey } from '../../errors';
import { Organization } from '../../models/Organization';
import { User, type UserDocument } from '../../models/User';

/** argon2id with the library's defaults (m=64 MiB, t=3, p=4): the OWASP-recommended family. */
export const hashPassword = (password: string) => argon2.hash(password, { type: argon2.argon2id });

/** Creates an account. A representative must name an existing organisation. */
export async function registerAccount(props: { input: RegisterInput }): Promise<UserDocument> {
  const { input } = props;
  let organizationId: string | null = null;
  if (input.roles.includes('representative')) {
    if (!input.organizationId) {
      throw badRequest('A company representative must choose an organisation', [
        { path: ['organizationId'], code: 'required', message: 'required for representatives' },
      ]);
    }
    if (!(await Organization.exists({ _id: input.organizationId }))) {
      throw badRequest('Unknown organisation', [{ path: ['organizationId'], code: 'not_found', message: 'no such organisation' }]);
    }
    organizationId = input.organizationId;
  }
  try {
    return await User.create({
      email: input.email,
      passwordHash: await hashPassword(input.password),
      name: input.name,
      roles: input.roles,
      organizationId,
    });
  } catch (err) {
    if (isDuplicateKey(err)) {
      throw conflict('This email is already registered', [{ path: ['email'], code: 'taken', message: 'already registered' }]);
    }
    throw err;
  }
}
