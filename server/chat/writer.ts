/**
 * Group commit for chat messages. Writes queue up while one batch is in flight and go out
 * together as one `insertMany` (FerretDB stores a batch of 100 inserts in ~10 ms, one at a time
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
 * A duplicate `_id` (E11000) means that exact message or bucket is already stored (a retried
 * batch), so it counts as success. Other failures are retried twice, then reported.
 */
import { ChatBucket, ChatMessage } from '../models/ChatMessage';

type Doc = { _id: string } & Record<string, unknown>;
interface Pending {
  message: Doc;
  bucket: Doc | null;
  resolve: () => void;
  reject: (err: unknown) => void;
}

const RETRIES = 2;

export class MessageWriter {
  private queue: Pending[] = [];
  /** Sealed buckets whose write failed: retried with the next flush. */
  private carried: Doc[] = [];
  private running = false;
  /** Messages stored and batches written, for the benchmark's figures. */
  readonly stats = { messages: 0, batches: 0 };

  write(message: Doc, bucket: Doc | null): Promise<void> {
    return new Promise((resolve, reject) => {
      this.queue.push({ message, bucket, resolve, reject });
      if (!this.running) {
        // the first write of a quiet spell waits for the rest of this I/O turn (setImmediate),
        // so the messages read from the sockets together share one flush instead of two
        this.running = true;
        setImmediate(() => void this.run());
      }
    });
  }

  /** Resolves once everything queued so far is stored (or failed). */
  async idle(): Promise<void> {
    while (this.running || this.queue.length > 0) await new Promise((r) => setTimeout(r, 5));
  }

  private async run(): Promise<void> {
    try {
      while (this.queue.length > 0) {
        const batch = this.queue.splice(0, 1000);
        try {
          await retried(() => insertAll(ChatMessage.collection.name, batch.map((p) => p.message)));
          this.stats.messages += batch.length;
          this.stats.batches++;
          for (const p of batch) p.resolve();
        } catch (err) {
          for (const p of batch) p.reject(err);
          continue; // their buckets are not sealed: the rooms are reloaded from what is stored
        }
        const buckets = [...this.carried, ...batch.flatMap((p) => (p.bucket ? [p.bucket] : []))];
        this.carried = [];
        if (buckets.length > 0) await retried(() => insertAll(ChatBucket.collection.name, buckets)).catch(() => (this.carried = buckets));
      }
    } finally {
      this.running = false;
    }
  }
}

async function retried(write: () => Promise<void>): Promise<void> {
  for (let attempt = 0; ; attempt++) {
    try {
      return await write();
    } catch (err) {
      if (attempt >= RETRIES) throw err;
      await new Promise((r) => setTimeout(r, 20 * (attempt + 1)));
    }
  }
}

/** Unordered insert through the driver (no Mongoose casting on the hot path); duplicates are fine. */
async function insertAll(collection: string, docs: Doc[]): Promise<void> {
  const coll = ChatMessage.db.collection<Doc>(collection);
  try {
    await coll.insertMany(docs, { ordered: false });
  } catch (err) {
    const writeErrors = (err as { writeErrors?: { code?: number }[] | { code?: number } }).writeErrors;
    const list = Array.isArray(writeErrors) ? writeErrors : writeErrors ? [writeErrors] : null;
    if (!list || list.some((e) => e.code !== 11000)) throw err;
  }
}

