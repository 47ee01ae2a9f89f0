import mongoose, { Schema, type InferSchemaType } from 'mongoose';

/**
 * A one-time password reset link an admin issued. `_id` is the SHA-256 of the link's token (the
 * token itself is never stored), so the link resolves by `_id`, the filter FerretDB answers
 * without a scan. Expiry is checked on read; issuing a new link for the account deletes the old.
 */
const passwordResetSchema = new Schema(
  {
    _id: { type: String, required: true },
    userId: { type: Schema.Types.ObjectId, ref: 'User', required: true },
    expiresAt: { type: Date, required: true },
    issuedBy: { type: Schema.Types.ObjectId, ref: 'User', required: true },
  },
  { timestamps: true },
);
passwordResetSchema.index({ userId: 1 });

export type PasswordResetRecord = InferSchemaType<typeof passwordResetSchema>;
export const PasswordReset = mongoose.model('PasswordReset', passwordResetSchema);

/**
 * The claim that uses a link up: inserted with the link's `_id` before the password changes.
 * FerretDB rewrites documents without re-checking an update's filter across connections, but a
 * duplicate `_id` insert always fails, so of two simultaneous uses exactly one gets here first.
 */
const passwordResetUseSchema = new Schema({ _id: { type: String, required: true }, usedAt: { type: Date, default: Date.now } });

export const PasswordResetUse = mongoose.model('PasswordResetUse', passwordResetUseSchema);
