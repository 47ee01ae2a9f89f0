import mongoose, { Schema } from 'mongoose';

/** A message as stored: inside a bucket and in the write-ahead log. */
export interface StoredMessage {
  seq: number;
  clientId: string;
  authorId: string;
  text: string;
  at: Date;
}

const fields = { seq: Number, clientId: String, authorId: String, text: String, at: Date };
const message = new Schema<StoredMessage>(fields, { _id: false });

/**
 * Every message is first inserted on its own as `_id = <sessionId>:<seq>` (inserts are cheap on
 * FerretDB and batch well; the `_id` makes a seq impossible to store twice). When a bucket of
 * {@link BUCKET_SIZE} seqs is full it is also written whole as a ChatBucket, so reads fetch
 * 50 messages with one `_id` lookup instead of 50.
 */
export const ChatMessage = mongoose.model(
  'ChatMessage',
  new Schema({ _id: String, sessionId: String, ...fields }, { versionKey: false }),
);

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
export const toStored = (m: StoredMessage): StoredMessage => ({ seq: m.seq, clientId: m.clientId, authorId: m.authorId, text: m.text, at: m.at });
