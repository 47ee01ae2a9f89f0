import crypto from 'node:crypto';
import { parse as parseCookie } from 'cookie';
import mongoose, { Schema } from 'mongoose';
import { isDuplicateKey } from '../../errors';

/**
 * Known devices (OWASP "device cookies"): a browser that logged in to an account once gets a
 * long-lived random httpOnly cookie; on its next login it is throttled on its own key, so a
 * stranger guessing that account's password elsewhere cannot lock it out. Only the token's
 * SHA-256 is stored (as `_id`, the one filter FerretDB's SQLite backend answers without a scan),
 * bound to one account. FerretDB has no TTL index: expiry is checked on read.
 */
export const DEVICE_COOKIE = 'yz_dev';
export const DEVICE_TTL_DAYS = 180;

const knownDeviceSchema = new Schema(
  {
    _id: { type: String, required: true },
    userId: { type: Schema.Types.ObjectId, ref: 'User', required: true },
    expiresAt: { type: Date, required: true },
  },
  { timestamps: true },
);
// Kept beside its only user rather than in models/ (this change may only add files here).
export const KnownDevice = mongoose.model('KnownDevice', knownDeviceSchema);

const hashToken = (token: string) => crypto.createHash('sha256').update(token).digest('hex');

/** The device token of a request's cookie header, if it looks like one we issue (43 base64url characters). */
export function deviceTokenOf(cookieHeader: string | undefined): string | undefined {
  const token = cookieHeader ? parseCookie(cookieHeader)[DEVICE_COOKIE] : undefined;
  return token && /^[A-Za-z0-9_-]{43}$/.test(token) ? token : undefined;
}

/** The device's id when `token` is a live known device of `userId`, else null. */
export async function knownDeviceOf(token: string | undefined, userId: string): Promise<string | null> {
  if (!token) return null;
  const id = hashToken(token);
  const device = await KnownDevice.findById(id).lean();
  return device && String(device.userId) === userId && device.expiresAt.getTime() > Date.now() ? id : null;
}

/**
 * Remembers the browser after a successful login: a device already known for this account keeps
 * its token (its expiry moves on); anything else gets a fresh one, so a token planted in the
 * browser beforehand never becomes known.
 */
export async function rememberDevice(props: { token: string | undefined; knownId: string | null; userId: string }) {
  const expiresAt = new Date(Date.now() + DEVICE_TTL_DAYS * 86_400_000);
  const token = props.knownId && props.token ? props.token : crypto.randomBytes(32).toString('base64url');
  try {
    await KnownDevice.updateOne({ _id: hashToken(token) }, { $set: { userId: props.userId, expiresAt } }, { upsert: true });
  } catch (err) {
    if (!isDuplicateKey(err)) throw err; // two logins of one browser raced; the row exists
  }
  return { token, expiresAt };
}
