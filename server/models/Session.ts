import mongoose, { Schema, type InferSchemaType } from 'mongoose';

/**
 * A login session. `_id` is the SHA-256 of the cookie token (the token itself is never stored),
 * so every request resolves its session by `_id`: the one filter FerretDB's SQLite backend
 * answers without a scan. FerretDB has no TTL indexes: expiry is checked on read and a periodic
 * sweep deletes old rows.
 */
const sessionSchema = new Schema(
  {
    _id: { type: String, required: true },
    userId: { type: Schema.Types.ObjectId, ref: 'User', required: true },
    expiresAt: { type: Date, required: true },
    userAgent: { type: String, default: '' },
  },
  { timestamps: true },
);
sessionSchema.index({ userId: 1 });

export type SessionRecord = InferSchemaType<typeof sessionSchema>;
export const Session = mongoose.model('Session', sessionSchema);
