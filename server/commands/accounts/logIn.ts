import argon2 from 'argon2';
import type { LoginInput } from '../../../shared/schemas/user';
import { AppError } from '../../errors';
import { User, type UserDocument } from '../../models/User';
import type { LoginThrottle } from './loginThrottle';

// A real hash to verify against when the email is unknown, so both paths take the same time.
let dummyHash: Promise<string> | null = null;

/** Checks credentials under the throttle; the same error for unknown email and wrong password. */
export async function logIn(props: { input: LoginInput; ip: string; throttle: LoginThrottle }): Promise<UserDocument> {
  const { input, ip, throttle } = props;
  await throttle.check(input.email, ip);
  const user = await User.findOne({ email: input.email });
  dummyHash ??= argon2.hash('not-a-password', { type: argon2.argon2id });
  const ok = await argon2.verify(user?.passwordHash ?? (await dummyHash), input.password);
  if (!user || !ok || user.disabled) {
    await throttle.failed(input.email);
    throw new AppError('invalid_credentials', user?.disabled && ok ? 'This account is disabled' : 'Wrong email or password');
  }
  await throttle.succeeded(input.email);
  return user;
}
