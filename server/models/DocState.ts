import mongoose, { Schema, type InferSchemaType } from 'mongoose';

/**
 * The head of a collaborative document's stored state, keyed by the document name. It points at
 * the current compacted snapshot (`gen`, split into `chunks` DocChunk documents so no document
 * nears MongoDB's 16 MB limit) and at the first update bucket not in it (`fromSeq`). Writing the
 * head is the commit point of a compaction: until then the old snapshot and buckets are intact.
 */
const docStateSchema = new Schema(
  {
    _id: { type: String, required: true },
    gen: { type: Number, required: true },
    chunks: { type: Number, required: true },
    fromSeq: { type: Number, required: true },
    /** Size of the snapshot (the encoded state) in bytes. */
    bytes: { type: Number, required: true },
    compactedAt: { type: Date, required: true },
  },
  { versionKey: false },
);

export type DocStateRecord = InferSchemaType<typeof docStateSchema>;
export const DocState = mongoose.model('DocState', docStateSchema);
