/**
 * Mongo storage of collaborative documents, shaped for FerretDB (reads by `_id` only, no
 * multi-document transactions): a head (DocState) naming the current snapshot generation and the
 * first update bucket after it; the snapshot in ≤ 4 MB chunks (DocChunk); and append-only
 * update buckets (DocUpdate) `<doc>:<seq>`. Loading reads the head, the chunks and then buckets
 * by consecutive `_id` until one is missing. Compaction writes the new chunks first and the head
 * last, so a crash at any point leaves either the old or the new state fully readable.
 */
import mongoose from 'mongoose';
import * as Y from 'yjs';
import { CHUNK_BYTES, DocChunk, docChunkId } from '../models/DocChunk';
import { DocState } from '../models/DocState';
import { DocUpdate, docUpdateId } from '../models/DocUpdate';
import { insertBucket } from './bucketWriter';

export interface LoadedState {
  /** Snapshot first, then each bucket, in order: apply them all. */
  updates: Uint8Array[];
  gen: number;
  /** The next bucket to write. */
  nextSeq: number;
  /** Buckets (and their bytes) stored after the snapshot: the compaction trigger. */
  bucketCount: number;
  bucketBytes: number;
  snapshotBytes: number;
}

/** `lean()` reads hand back BSON Binary; documents hand back Buffers. */
const asBytes = (b: Buffer | mongoose.mongo.Binary): Uint8Array =>
  Buffer.isBuffer(b) ? new Uint8Array(b.buffer, b.byteOffset, b.byteLength) : b.buffer.subarray(0, b.position);

export async function loadState(doc: string): Promise<LoadedState> {
  const head = await DocState.findById(doc).lean();
  const gen = head?.gen ?? 0;
  const updates: Uint8Array[] = [];
  if (head && head.chunks > 0) {
    const ids = Array.from({ length: head.chunks }, (_, i) => docChunkId(doc, gen, i));
    const chunks = await Promise.all(ids.map((id) => DocChunk.findById(id).lean()));
    const parts = chunks.map((c, i) => {
      if (!c) throw new Error(`collab: snapshot chunk ${ids[i]} missing`);
      return asBytes(c.data);
    });
    updates.push(parts.length === 1 ? parts[0]! : new Uint8Array(Buffer.concat(parts)));
  }
  let seq = head?.fromSeq ?? 0;
  let bucketBytes = 0;
  const first = seq;
  for (;;) {
    const bucket = await DocUpdate.findById(docUpdateId(doc, seq)).lean();
    if (!bucket) break;
    const bytes = asBytes(bucket.update);
    bucketBytes += bytes.byteLength;
    updates.push(bytes);
    seq++;
  }
  return { updates, gen, nextSeq: seq, bucketCount: seq - first, bucketBytes, snapshotBytes: head?.bytes ?? 0 };
}

/**
 * Appends one bucket (group-committed with other documents' buckets). If another process wrote
 * the same seq first (two servers on one document), the next free seq is taken. Returns the seq used.
 */
export const appendBucket = (doc: string, seq: number, update: Uint8Array, count: number): Promise<number> => insertBucket(doc, seq, update, count);

/**
 * Replaces the snapshot with `state` covering every bucket before `fromSeq`. Chunks of the new
 * generation are written before the head moves to them; old chunks and buckets are deleted after.
 */
export async function writeSnapshot(doc: string, props: { state: Uint8Array; gen: number; fromSeq: number }): Promise<void> {
  const { state, fromSeq } = props;
  const gen = props.gen + 1;
  const chunks = Math.max(1, Math.ceil(state.byteLength / CHUNK_BYTES));
  for (let i = 0; i < chunks; i++) {
    const data = Buffer.from(state.subarray(i * CHUNK_BYTES, (i + 1) * CHUNK_BYTES));
    await DocChunk.replaceOne({ _id: docChunkId(doc, gen, i) }, { _id: docChunkId(doc, gen, i), doc, gen, data }, { upsert: true });
  }
  await DocState.replaceOne({ _id: doc }, { _id: doc, gen, chunks, fromSeq, bytes: state.byteLength, compactedAt: new Date() }, { upsert: true });
  await DocChunk.deleteMany({ doc, gen: { $lt: gen } });
  await DocUpdate.deleteMany({ doc, seq: { $lt: fromSeq } });
}

/** Bytes stored for a document (snapshot + buckets): what the benchmark compares to its state. */
export async function storedBytes(doc: string): Promise<number> {
  const [chunks, buckets] = await Promise.all([DocChunk.find({ doc }, { data: 1 }).lean(), DocUpdate.find({ doc }, { update: 1 }).lean()]);
  return chunks.reduce((n, c) => n + asBytes(c.data).byteLength, 0) + buckets.reduce((n, b) => n + asBytes(b.update).byteLength, 0);
}

/** Applies a loaded state to an empty Y.Doc in one transaction. */
export function applyLoaded(target: Y.Doc, loaded: LoadedState, origin: unknown): void {
  Y.transact(target, () => {
    for (const u of loaded.updates) Y.applyUpdate(target, u, origin);
  }, origin);
}
