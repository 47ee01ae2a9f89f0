import mongoose, { Schema } from 'mongoose';

/** A message as stored: inside a bucket and in the write-ahead log. */
export interface StoredMessage {
  seq: number;
  clientId: string;
  authorId: string;
  text: string;
  at: Date;
  /**
   * A filler left at a seq whose message turned out to be a resend of one already stored (the
   * unique client key refused it after the seq was handed out): it keeps seqs contiguous for the
   * `_id` probes and is never shown.
   */
  dropped?: true;
}

const fields = { seq: Number, clientId: String, authorId: String, text: String, at: Date, dropped: { type: Boolean, default: undefined } };
const message = new Schema<StoredMessage>(fields, { _id: false });

/**
 * Every message is first inserted on its own as `_id = <sessionId>:<seq>` (inserts are cheap on
 * FerretDB and batch well; the `_id` makes a seq impossible to store twice). When a bucket of
 * {@link BUCKET_SIZE} seqs is full it is also written whole as a ChatBucket, so reads fetch
 * 50 messages with one `_id` lookup instead of 50.
 *
 * The unique (sessionId, authorId, clientId) index makes a client id impossible to store twice,
 * across connections and processes (FerretDB keeps unique indexes, measured: no extra insert
 * cost at batches of 1–100). It is only ever read through E11000s: SQLite FerretDB scans for
 * anything but `_id`, so rooms keep the client ids in memory for lookups.
 */
const chatMessageSchema = new Schema({ _id: String, sessionId: String, ...fields }, { versionKey: false });
chatMessageSchema.index({ sessionId: 1, authorId: 1, clientId: 1 }, { unique: true, name: 'one_copy_per_client_id' });
export const ChatMessage = mongoose.model('ChatMessage', chatMessageSchema);

/** Messages with seq in [n·BUCKET_SIZE, (n+1)·BUCKET_SIZE) of one session, `_id = <sessionId>:b<n>`. */
export const ChatBucket = mongoose.model(
  'ChatBucket',
  new Schema({ _id: String, sessionId: String, messages: { type: [message], default: [] } }, { versionKey: false }),
);

export const BUCKET_SIZE = 50;
export const messageId = (sessionId: string, seq: number) => `${sessionId}:${seq}`;
export const bucketId = (sessionId: string, n: number) => `${sessionId}:b${n}`;
/** The bucket number a seq belongs to. */
export const bucketOf = (seq: number) => Math.floor(seq / BUCKET_SIZE);
/** The message fields of a stored document (without `_id` and `sessionId`). */
export const toStored = (m: StoredMessage): StoredMessage => ({ seq: m.seq, clientId: m.clientId, authorId: m.authorId, text: m.text, at: m.at, ...(m.dropped ? { dropped: true as const } : {}) });
/** The filler stored at `seq` in place of a refused resend (see {@link StoredMessage.dropped}). */
export const droppedAt = (sessionId: string, seq: number, at: Date) => ({ _id: messageId(sessionId, seq), sessionId, seq, clientId: `dropped-${seq}`, authorId: '', text: '', at, dropped: true as const });
