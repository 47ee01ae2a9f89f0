/**
 * Group commit of update buckets across documents. The process talks to FerretDB over one
 * connection, so one insert per document per batch window would queue behind each other when
 * many documents are busy. Buckets queued while an insert is in flight go out together in the
 * next `insertMany` (unordered: each bucket succeeds or fails alone). A bucket whose `_id` was
 * taken (another process wrote that seq of the same document) is retried alone at the next seq.
 */
import mongoose from 'mongoose';
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
interface Pending {
  row: BucketRow;
  resolve(seq: number): void;
  reject(err: unknown): void;
}

const collection = () => DocUpdate.collection as unknown as mongoose.mongo.Collection<BucketRow>;
let queue: Pending[] = [];
let inFlight = false;

/** Stores one bucket (in the next group insert); resolves with the seq it was stored under. */
export function insertBucket(doc: string, seq: number, update: Uint8Array, count: number): Promise<number> {
  return new Promise((resolve, reject) => {
    // The driver's insert, not Model.create: the shape is ours alone, so Mongoose's hydration and
    // validation would be pure overhead on the hottest write path.
    const row = { _id: docUpdateId(doc, seq), doc, seq, update: Buffer.from(update.buffer, update.byteOffset, update.byteLength), count, at: new Date() };
    queue.push({ row, resolve, reject });
    if (!inFlight) void drain();
  });
}

async function drain(): Promise<void> {
  inFlight = true;
  while (queue.length) {
    const batch = queue;
    queue = [];
    let failed = new Map<number, unknown>();
    try {
      await collection().insertMany(batch.map((p) => p.row), { ordered: false });
    } catch (err) {
      // the driver reports one or many write errors (a lone one may come unwrapped); anything else
      // (network, server down) failed the whole batch
      type WriteError = { index: number; code?: number };
      const reported = (err as { writeErrors?: WriteError | WriteError[] }).writeErrors;
      const list = reported === undefined ? null : Array.isArray(reported) ? reported : [reported];
      failed = list ? new Map(list.map((w) => [w.index, w])) : new Map(batch.map((_, i) => [i, err]));
    }
    batch.forEach((p, i) => {
      const error = failed.get(i);
      if (error === undefined) p.resolve(p.row.seq);
      else if (isDuplicateKey(error) && p.row.seq < Number.MAX_SAFE_INTEGER) retryNext(p);
      else p.reject(error);
    });
  }
  inFlight = false;
}

function retryNext(p: Pending): void {
  const seq = p.row.seq + 1;
  insertBucket(p.row.doc, seq, p.row.update, p.row.count).then(p.resolve, p.reject);
}
