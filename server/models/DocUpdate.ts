import mongoose, { Schema, type InferSchemaType } from 'mongoose';

/**
 * One batch of Yjs updates of a collaborative document, append-only: `_id` is `<doc>:<seq>` with
 * `seq` counting up from the snapshot's `fromSeq`, so loading reads buckets by `_id` (the only
 * read FerretDB's SQLite backend turns into SQL) without a per-doc index. The batch is merged
 * (`Y.mergeUpdates`) into one update before it is written.
 */
const docUpdateSchema = new Schema(
  {
    _id: { type: String, required: true },
    doc: { type: String, required: true },
    seq: { type: Number, required: true },
    update: { type: Buffer, required: true },
    /** How many client updates the batch merged. */
    count: { type: Number, required: true },
    at: { type: Date, required: true },
  },
  { versionKey: false },
);
// Compaction cleanup deletes a document's old buckets by this (rare, so a scan is fine on FerretDB).
docUpdateSchema.index({ doc: 1, seq: 1 });

export const docUpdateId = (doc: string, seq: number) => `${doc}:${seq}`;
export type DocUpdateRecord = InferSchemaType<typeof docUpdateSchema>;
export const DocUpdate = mongoose.model('DocUpdate', docUpdateSchema);
