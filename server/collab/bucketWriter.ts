/**
 * Group commit of update buckets across documents, on the server's one group-commit writer
 * (server/db/groupCommit.ts). The process talks to FerretDB over one connection, so one insert
 * per document per batch window would queue behind each other when many documents are busy:
 * buckets queued while an insert is in flight go out together in the next unordered
 * `insertMany` (each bucket succeeds or fails alone). A bucket whose `_id` was taken (another
 * process wrote that seq of the same document) is stored again at the next seq.
 */
import type mongoose from 'mongoose';
import { GroupCommit } from '../db/groupCommit';
import { insertUnordered } from '../db/insertUnordered';
import { isDuplicateKey } from '../errors';
import { DocUpdate, docUpdateId } from '../models/DocUpdate';

interface BucketRow {
  _id: string;
  doc: string;
  seq: number;
  update: Buffer;
  count: number;
  at: Date;
}

const collection = () => DocUpdate.collection as unknown as mongoose.mongo.Collection<BucketRow>;

const writer = new GroupCommit<BucketRow, number>(async (rows, settle) => {
  const refused = await insertUnordered(collection(), rows); // a whole-batch failure rejects every row
  rows.forEach((row, i) => {
    const error = refused.get(i);
    settle(i, error === undefined ? { value: row.seq } : { error });
  });
});

/** Stores one bucket (in the next group insert); resolves with the seq it was stored under. */
export async function insertBucket(doc: string, seq: number, update: Uint8Array, count: number): Promise<number> {
  // The driver's insert, not Model.create: the shape is ours alone, so Mongoose's hydration and
  // validation would be pure overhead on the hottest write path.
  const bytes = Buffer.from(update.buffer, update.byteOffset, update.byteLength);
  for (let s = seq; ; s++) {
    try {
      return await writer.add({ _id: docUpdateId(doc, s), doc, seq: s, update: bytes, count, at: new Date() });
    } catch (err) {
      if (!isDuplicateKey(err) || s >= Number.MAX_SAFE_INTEGER) throw err;
    }
  }
}
