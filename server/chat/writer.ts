/**
 * Group commit for chat messages, on the server's one group-commit writer
 * (server/db/groupCommit.ts). Writes queue up while one batch is in flight and go out together
 * as one `insertMany` (FerretDB stores a batch of 100 inserts in ~10 ms, one at a time
 * ~1.5 ms each), so a quiet room's message is stored at once and a busy server's throughput
 * grows with load. Callers learn their message is durable when their promise resolves; only
 * then is it acknowledged and broadcast.
 *
 * Sealed buckets (a copy of 50 stored messages, for paging by `_id`) go out in the same flush
 * but after the messages' callers are answered: the messages are the truth, and a room keeps
 * the bucket's messages in memory until the next bucket is sealed 50 messages later, so
 * nobody reads it from the database before then. A bucket that fails is carried into the next
 * flush; a crash before it is written is repaired by the room's cold load, which reads
 * messages one by one from the first missing bucket on.
 *
 * A duplicate message `_id` (E11000) is either that very message already stored (a retried
 * batch: success) or, when another process serves the same room, another message stored under
 * that seq first: the write is rejected with {@link SeqTaken} so the room reloads and stores it
 * under the next seq — never reported stored when it is not. The bucket that would have held
 * the refused seq is not written by this process (its copy of that bucket could be wrong);
 * readers fall back to the messages themselves. A duplicate bucket `_id` counts as success.
 * Other failures are retried twice with backoff (p-retry), each one reported to `onError`, then
 * the batch's callers are rejected (a failed bucket is carried instead: nobody waits on it).
 */
import pRetry, { type Options as RetryOptions } from 'p-retry';
import { GroupCommit, type Settle } from '../db/groupCommit';
import { insertUnordered } from '../db/insertUnordered';
import { ChatBucket, ChatMessage, bucketId, bucketOf, droppedAt } from '../models/ChatMessage';

type Doc = { _id: string } & Record<string, unknown>;
interface Pending {
  message: Doc;
  bucket: Doc | null;
}

/** Short: a sender is waiting for the acknowledgement, and the client resends by id anyway. */
const RETRY: RetryOptions = { retries: 2, minTimeout: 20, factor: 2, randomize: true };

/** The seq was taken by a different message (another process serving the same room). */
export class SeqTaken extends Error {
  constructor(readonly id: string) {
    super(`chat: ${id} was taken by another message`);
  }
}

/** This sender's client id is already stored under another seq (a room that did not know it). */
export class AlreadyStored extends Error {
  constructor(readonly id: string) {
    super(`chat: ${id} repeats a client id already stored`);
  }
}

export class MessageWriter {
  /** The server's one group-commit writer (server/db/groupCommit.ts); a flush is one batch of messages, then their buckets. */
  private readonly commit: GroupCommit<Pending, void>;
  /** Sealed buckets whose write failed: retried with the next flush. */
  private carried: Doc[] = [];
  /** Buckets this process must not write: they would hold a seq another message took. */
  private readonly unsafeBuckets = new Set<string>();
  /** Messages stored and batches written, for the benchmark's figures. */
  readonly stats = { messages: 0, batches: 0 };

  /** `onError` hears every failed write attempt, including those of buckets no caller waits on. */
  constructor(private readonly onError: (err: unknown) => void) {
    this.commit = new GroupCommit<Pending, void>((items, settle) => this.flush(items, settle));
  }

  /** Resolves once the message is stored (the bucket, if any, follows in the same flush). */
  write(message: Doc, bucket: Doc | null): Promise<void> {
    return this.commit.add({ message, bucket });
  }

  /** Resolves once everything queued so far is stored (or failed). */
  idle(): Promise<void> {
    return this.commit.idle();
  }

  /** Messages first (their callers answered as soon as they are stored), then the sealed buckets. A throw rejects the whole batch. */
  private async flush(batch: Pending[], settle: Settle<void>): Promise<void> {
    const taken = await this.retried(() => insertMessages(batch.map((p) => p.message)));
    this.stats.messages += batch.length - taken.size;
    this.stats.batches++;
    batch.forEach((p, i) => {
      const refusal = taken.get(i);
      if (!refusal) return settle(i, { value: undefined });
      this.unsafeBuckets.add(bucketId(String(p.message.sessionId), bucketOf(Number(p.message.seq))));
      settle(i, { error: refusal === 'seq' ? new SeqTaken(String(p.message._id)) : new AlreadyStored(String(p.message._id)) });
    });
    const buckets = [...this.carried, ...batch.flatMap((p) => (p.bucket ? [p.bucket] : []))].filter((b) => !this.unsafeBuckets.has(String(b._id)));
    this.carried = [];
    if (buckets.length > 0) await this.retried(() => insertAll(ChatBucket.collection.name, buckets)).catch(() => (this.carried = buckets)); // reported by retried
  }

  private retried<T>(write: () => Promise<T>): Promise<T> {
    return pRetry(write, { ...RETRY, onFailedAttempt: ({ error }) => this.onError(error) });
  }
}

/** Unordered insert through the driver (no Mongoose casting on the hot path); returns the indexes refused as duplicates. */
async function insertAll(collection: string, docs: Doc[]): Promise<number[]> {
  const refused = await insertUnordered(ChatMessage.db.collection<Doc>(collection), docs);
  const other = [...refused.values()].filter((e) => e.code !== 11000);
  if (other.length > 0) throw Object.assign(new Error(`chat: ${other.length} writes refused`), { writeErrors: other });
  return [...refused.keys()];
}

/** Why a message was refused: its seq holds another message, or its client id is stored already. */
type Refusal = 'seq' | 'client';

/**
 * Inserts messages; returns the refused indexes and why. A duplicate `_id` holding the same
 * sender and client id is this message, stored by an earlier attempt of the batch. A refused
 * client id leaves its seq empty: a filler goes there (unless another process took the seq).
 */
async function insertMessages(docs: Doc[]): Promise<Map<number, Refusal>> {
  const refused = new Map<number, Refusal>();
  const fillers: Doc[] = [];
  for (const i of await insertAll(ChatMessage.collection.name, docs)) {
    const doc = docs[i]!;
    const stored = await ChatMessage.db.collection<Doc>(ChatMessage.collection.name).findOne({ _id: doc._id });
    if (!stored) {
      refused.set(i, 'client');
      fillers.push(droppedAt(String(doc.sessionId), Number(doc.seq), new Date()));
    } else if (stored.clientId !== doc.clientId || stored.authorId !== doc.authorId) refused.set(i, 'seq');
  }
  if (fillers.length > 0) await insertAll(ChatMessage.collection.name, fillers); // a filler refused as a duplicate `_id`: the seq is taken, no gap
  return refused;
}
