import crypto from 'node:crypto';
import { Session } from '../../models/Session';
import { User, type UserDocument } from '../../models/User';

const hashToken = (token: string) => crypto.createHash('sha256').update(token).digest('hex');

/** Opens a session for `userId`; returns the opaque cookie token (only its hash is stored). */
export async function createSession(props: { userId: string; ttlDays: number; userAgent?: string }) {
  const token = crypto.randomBytes(32).toString('base64url');
  const expiresAt = new Date(Date.now() + props.ttlDays * 86_400_000);
  await Session.create({ _id: hashToken(token), userId: props.userId, expiresAt, userAgent: props.userAgent ?? '' });
  return { token, sessionId: hashToken(token), expiresAt };
}

/** Resolves a cookie token to its live session and enabled user, or null. Reads by `_id` only. */
export async function resolveSession(token: string | undefined): Promise<{ sessionId: string; user: UserDocument } | null> {
  if (!token || token.length > 100) return null;
  const sessionId = hashToken(token);
  const session = await Session.findById(sessionId).lean();
  if (!session || session.expiresAt.getTime() <= Date.now()) return null;
  const user = await User.findById(session.userId);
  if (!user || user.disabled) return null;
  return { sessionId, user };
}

export async function revokeSession(sessionId: string): Promise<void> {
  await Session.deleteOne({ _id: sessionId });
}

/** Removes every session of a user (used when an admin disables the account). */
export async function revokeUserSessions(userId: string): Promise<string[]> {
  const sessions = await Session.find({ userId }, { _id: 1 }).lean();
  await Session.deleteMany({ userId });
  return sessions.map((s) => s._id);
}

/** Deletes expired sessions; FerretDB has no TTL index, so the server runs this periodically. */
export async function sweepExpiredSessions(now = new Date()): Promise<number> {
  const r = await Session.deleteMany({ expiresAt: { $lte: now } });
  return r.deletedCount;
}
