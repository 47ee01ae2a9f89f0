import crypto from 'node:crypto';
import argon2 from 'argon2';
import { PASSWORD_PROBLEM_MESSAGES, passwordProblem, passwordUserInputs } from '../../../shared/passwordStrength';
import { AppError, badRequest, isDuplicateKey, notFound } from '../../errors';
import { PasswordReset, PasswordResetUse } from '../../models/PasswordReset';
import { Session } from '../../models/Session';
import { User, type UserDocument } from '../../models/User';
import { hashPassword } from './registerAccount';
import { revokeSession, revokeUserSessions } from './sessions';

/** How long an admin's reset link stays usable. */
export const RESET_LINK_TTL_MS = 24 * 3_600_000;

const sha256 = (token: string) => crypto.createHash('sha256').update(token).digest('hex');

/**
 * The schema judged the password alone; here the account's email and name join the judgement,
 * so `zhangsan.design` is refused to zhangsan.design@… (same code and path as the schema's).
 */
function assertStrongFor(user: UserDocument, password: string, field: string): void {
  const problem = passwordProblem(password, passwordUserInputs({ email: user.email, name: user.name }));
  if (!problem) return;
  throw new AppError('validation_failed', 'Invalid password', {
    details: [{ path: [field], code: problem, message: PASSWORD_PROBLEM_MESSAGES[problem] }],
  });
}

const invalidToken = () =>
  badRequest('This reset link is invalid, expired or already used', [{ path: ['token'], code: 'reset_token_invalid', message: 'invalid or expired reset link' }]);

async function storePassword(userId: string, password: string): Promise<void> {
  await User.updateOne({ _id: userId }, { $set: { passwordHash: await hashPassword(password) } });
}

/**
 * Changes the user's own password after checking the current one, and ends every other session
 * of the account (a thief logged in elsewhere is out); the session making the change stays.
 * `countAttempt` throws once the user's guesses of the current password are used up. Returns
 * the ended sessions' ids, so their sockets can be told.
 */
export async function changePassword(props: {
  user: UserDocument;
  currentPassword: string;
  newPassword: string;
  keepSessionId: string | null;
  countAttempt: (userId: string) => Promise<void>;
}): Promise<string[]> {
  const { user, newPassword } = props;
  const userId = user.id as string;
  assertStrongFor(user, newPassword, 'newPassword'); // before the throttle: a weak choice is no guess
  await props.countAttempt(userId);
  if (!(await argon2.verify(user.passwordHash, props.currentPassword))) {
    throw badRequest('The current password is wrong', [{ path: ['currentPassword'], code: 'wrong_password', message: 'wrong password' }]);
  }
  await storePassword(userId, newPassword);
  await PasswordReset.deleteMany({ userId }); // a link issued before is for a password that is gone
  const sessions = await Session.find({ userId }, { _id: 1 }).lean();
  const others = sessions.map((s) => s._id).filter((id) => id !== props.keepSessionId);
  for (const id of others) await revokeSession(id);
  return others;
}

/**
 * Issues a one-time reset link for an account (the admin hands it over; there is no e-mail). The
 * token is 32 random bytes; only its SHA-256 is stored. A new link replaces the account's older ones.
 */
export async function issuePasswordReset(props: { userId: string; issuedBy: string; now?: Date }): Promise<{ token: string; expiresAt: Date }> {
  if (!(await User.exists({ _id: props.userId }))) throw notFound('User');
  await PasswordReset.deleteMany({ userId: props.userId });
  const token = crypto.randomBytes(32).toString('base64url');
  const expiresAt = new Date((props.now ?? new Date()).getTime() + RESET_LINK_TTL_MS);
  await PasswordReset.create({ _id: sha256(token), userId: props.userId, expiresAt, issuedBy: props.issuedBy });
  return { token, expiresAt };
}

/**
 * Sets a new password through a reset link and ends every session of the account. A weak password
 * is refused before the link is used up; then the link is claimed by a unique insert, so of two
 * simultaneous uses one wins and the other gets `reset_token_invalid`. Returns the ended sessions.
 */
export async function resetPassword(props: { token: string; newPassword: string; now?: Date }): Promise<{ user: UserDocument; endedSessionIds: string[] }> {
  const id = sha256(props.token);
  const reset = await PasswordReset.findById(id).lean();
  if (!reset || reset.expiresAt.getTime() <= (props.now ?? new Date()).getTime()) throw invalidToken();
  const user = await User.findById(reset.userId);
  if (!user) throw invalidToken();
  assertStrongFor(user, props.newPassword, 'newPassword');
  try {
    await PasswordResetUse.create({ _id: id });
  } catch (err) {
    if (isDuplicateKey(err)) throw invalidToken();
    throw err;
  }
  await storePassword(user.id as string, props.newPassword);
  await PasswordReset.deleteMany({ userId: user._id });
  return { user, endedSessionIds: await revokeUserSessions(user.id as string) };
}
