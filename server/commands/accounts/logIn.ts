import argon2 from 'argon2';
import type { LoginInput } from '../../../shared/schemas/user';
import { AppError } from '../../errors';
import { User, type UserDocument } from '../../models/User';
import { knownDeviceOf, rememberDevice } from './knownDevices';
import type { LoginThrottle } from './loginThrottle';

// A real hash to verify against when the email is unknown, so both paths take the same time.
let dummyHash: Promise<string> | null = null;

/**
 * Checks credentials under the throttle; the same error for unknown email and wrong password.
 * `deviceToken` is the request's known-device cookie: when it belongs to this account the
 * attempt is throttled on the device instead of the address. On success the device is
 * remembered and its (possibly new) token returned for the cookie.
 */
export async function logIn(props: {
  input: LoginInput;
  ip: string;
  deviceToken?: string;
  throttle: LoginThrottle;
}): Promise<{ user: UserDocument; device: { token: string; expiresAt: Date } }> {
  const { input, ip, throttle } = props;
  const user = await User.findOne({ email: input.email });
  const deviceId = user ? await knownDeviceOf(props.deviceToken, user.id as string) : null;
  const attempt = { email: input.email, ip, deviceId };
  await throttle.check(attempt);
  dummyHash ??= argon2.hash('not-a-password', { type: argon2.argon2id });
  const ok = await argon2.verify(user?.passwordHash ?? (await dummyHash), input.password);
  if (!user || !ok || user.disabled) {
    await throttle.failed(attempt);
    throw new AppError('invalid_credentials', user?.disabled && ok ? 'This account is disabled' : 'Wrong email or password');
  }
  await throttle.succeeded(attempt);
  const device = await rememberDevice({ token: props.deviceToken, knownId: deviceId, userId: user.id as string });
  return { user, device };
}
