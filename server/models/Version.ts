import mongoose, { Schema, type InferSchemaType, type HydratedDocument } from 'mongoose';

/** A named, immutable snapshot of a team's solution document (`Y.encodeStateAsUpdate`). */
const versionSchema = new Schema(
  {
    teamId: { type: Schema.Types.ObjectId, ref: 'Team', required: true },
    name: { type: String, required: true },
    authorId: { type: Schema.Types.ObjectId, ref: 'User', required: true },
    state: { type: Buffer, required: true },
    bytes: { type: Number, required: true },
  },
  { timestamps: { createdAt: true, updatedAt: false } },
);
versionSchema.index({ teamId: 1, createdAt: -1 });

/** A version's state must fit one document with room to spare. */
export const VERSION_MAX_BYTES = 12 * 1024 * 1024;
export type VersionRecord = InferSchemaType<typeof versionSchema>;
export type VersionDocument = HydratedDocument<VersionRecord>;
export const Version = mongoose.model('Version', versionSchema);
