import mongoose, { Schema, type InferSchemaType } from 'mongoose';

/** One slice of a compacted snapshot: `_id` is `<doc>:g<gen>:<index>` (read by `_id`). */
const docChunkSchema = new Schema(
  {
    _id: { type: String, required: true },
    doc: { type: String, required: true },
    gen: { type: Number, required: true },
    data: { type: Buffer, required: true },
  },
  { versionKey: false },
);
docChunkSchema.index({ doc: 1, gen: 1 });

export const docChunkId = (doc: string, gen: number, index: number) => `${doc}:g${gen}:${index}`;
/** Chunks stay far below 16 MB (BSON overhead, and FerretDB's SQLite rows). */
export const CHUNK_BYTES = 4 * 1024 * 1024;
export type DocChunkRecord = InferSchemaType<typeof docChunkSchema>;
export const DocChunk = mongoose.model('DocChunk', docChunkSchema);
