/**
 * One chat session's room in memory: its sequence counter, the recent messages (the open bucket
 * and the one before it) and the seq of every client id it has stored, so sending, catching up
 * and de-duplicating a resend never touch the database except to store. Older messages are read
 * from sealed buckets by `_id`. Normally one process serves a room; when two do, each `_id` still
 * holds one message: a seq taken by the other process is refused at write (the sender's room
 * reloads and stores it under the next seq), and catch-up reads probe past the known seq for
 * what others stored. A client id is stored once per sender whatever the distance: the room
 * knows every id of its history (read once at load), and the database's unique key refuses
 * what a stale room did not know (the room reloads and answers with the first copy).
 */
import { BUCKET_SIZE, ChatBucket, ChatMessage, bucketId, bucketOf, messageId, toStored, type StoredMessage } from '../models/ChatMessage';
import { AppError } from '../errors';
import type { MessageWriter } from './writer';

export interface RoomMeta {
  sessionId: string;
  founderId: string;
  advisorId: string;
  state: 'open' | 'ended';
  seq: number;
  reads: { founder: number; advisor: number };
}

const byId = <T>(model: { collection: { name: string }; db: { collection<D>(n: string): { findOne(f: object): Promise<D | null> } } }, id: string) =>
  model.db.collection<T>(model.collection.name).findOne({ _id: id });

export class ChatRoom {
  /** Recent messages, ascending and contiguous, from seq `tailStart`. */
  private tail: StoredMessage[] = [];
  private tailStart = 1;
  /** Seq of every stored message by sender and client id (a number each: cheap for long histories). */
  private readonly known = new Map<string, number>();
  /** Sends handed a seq and not yet durable, so a resend in flight waits for the same copy. */
  private readonly pending = new Map<string, Promise<StoredMessage>>();
  /** Set when reads or seq changed since the session document was last updated. */
  dirty = false;
  /** When it last became dirty, and when it last changed (epoch ms): the hub saves quiet rooms first. */
  dirtySince = 0;
  lastChange = 0;

  constructor(
    readonly meta: RoomMeta,
    private readonly writer: MessageWriter,
  ) {}

  get seq(): number {
    return this.meta.seq;
  }

  /**
   * Cold start: finds the last stored seq from the hint by probing `_id`s, loads the recent tail,
   * then learns the client ids of the older history (one `_id` read per sealed bucket).
   */
  async load(): Promise<void> {
    const id = this.meta.sessionId;
    let n = bucketOf(this.meta.seq);
    while (await byId(ChatBucket, bucketId(id, n))) n++;
    const prev = n > 0 ? await byId<{ messages: StoredMessage[] }>(ChatBucket, bucketId(id, n - 1)) : null;
    const open: StoredMessage[] = [];
    for (let s = Math.max(1, n * BUCKET_SIZE); ; s++) {
      const m = await byId<StoredMessage>(ChatMessage, messageId(id, s));
      if (!m) break;
      open.push(toStored(m));
    }
    this.tail = [...(prev?.messages ?? []), ...open];
    this.tailStart = this.tail[0]?.seq ?? Math.max(1, n * BUCKET_SIZE);
    this.meta.seq = Math.max(this.meta.seq, this.tail.at(-1)?.seq ?? 0, n * BUCKET_SIZE - 1);
    for (const m of [...(await this.range(1, this.tailStart - 1)), ...this.tail]) this.remember(m);
  }

  private remember(m: StoredMessage): void {
    if (!m.dropped) this.known.set(clientKey(m.authorId, m.clientId), m.seq);
  }

  /** Learns messages stored after the known seq by another process serving this room (one `_id` read when there are none). */
  async refresh(): Promise<void> {
    for (;;) {
      const s = this.meta.seq + 1;
      const m = await byId<StoredMessage>(ChatMessage, messageId(this.meta.sessionId, s));
      // nothing further, or this process handed out `s` meanwhile (its own write settles it)
      if (!m || s !== this.meta.seq + 1) return;
      const message = toStored(m);
      if (this.tail.length === 0) this.tailStart = s;
      this.tail.push(message);
      this.remember(message);
      this.meta.seq = s;
    }
  }

  /**
   * Stores a message once per sender and client id: a resend of an id already stored (or still
   * being stored) returns the first copy, however long ago it was stored. Resolves once durable.
   */
  async append(authorId: string, clientId: string, text: string): Promise<{ message: StoredMessage; duplicate: boolean }> {
    const key = clientKey(authorId, clientId);
    const inFlight = this.pending.get(key);
    if (inFlight) return { message: await inFlight, duplicate: true };
    const storedSeq = this.known.get(key);
    if (storedSeq !== undefined) return { message: await this.original(storedSeq), duplicate: true };
    const seq = ++this.meta.seq;
    const message: StoredMessage = { seq, clientId, authorId, text, at: new Date() };
    this.tail.push(message);
    const sealed = (seq + 1) % BUCKET_SIZE === 0 ? this.sealedBucket(seq) : null;
    const stored = this.writer
      .write({ _id: messageId(this.meta.sessionId, seq), sessionId: this.meta.sessionId, ...message }, sealed)
      .then(() => {
        this.known.set(key, seq);
        return message;
      })
      .finally(() => this.pending.delete(key));
    this.pending.set(key, stored);
    this.touch();
    this.trim();
    return { message: await stored, duplicate: false };
  }

  /** The stored message at a seq this room recorded for a client id. */
  private async original(seq: number): Promise<StoredMessage> {
    const [message] = await this.range(seq, seq);
    // only a database that lost a stored message gets here: the client resends later
    if (!message) throw new AppError('unavailable', 'The message could not be read; please resend');
    return message;
  }

  private sealedBucket(lastSeq: number): { _id: string; sessionId: string; messages: StoredMessage[] } {
    const n = bucketOf(lastSeq);
    return { _id: bucketId(this.meta.sessionId, n), sessionId: this.meta.sessionId, messages: this.tail.filter((m) => bucketOf(m.seq) === n) };
  }

  /** Keeps the open bucket and the previous one in memory. */
  private trim(): void {
    const keepFrom = Math.max(1, (bucketOf(this.meta.seq) - 1) * BUCKET_SIZE);
    if (this.tailStart >= keepFrom) return;
    const drop = this.tail.findIndex((m) => m.seq >= keepFrom);
    this.tail.splice(0, drop < 0 ? this.tail.length : drop);
    this.tailStart = this.tail[0]?.seq ?? keepFrom;
  }

  /** Messages with from ≤ seq ≤ to, ascending, from the tail or sealed buckets (fillers left out). */
  async range(from: number, to: number): Promise<StoredMessage[]> {
    from = Math.max(1, from);
    to = Math.min(to, this.meta.seq);
    if (from > to) return [];
    const out: StoredMessage[] = [];
    if (from < this.tailStart) {
      const last = Math.min(to, this.tailStart - 1);
      for (let n = bucketOf(from); n <= bucketOf(last); n++) {
        const b = await byId<{ messages: StoredMessage[] }>(ChatBucket, bucketId(this.meta.sessionId, n));
        if (b) {
          for (const m of b.messages) if (m.seq >= from && m.seq <= last) out.push(m);
          continue;
        }
        // no bucket (a crash before it was written, or left unwritten after a seq conflict): the messages themselves
        for (let seq = Math.max(from, n * BUCKET_SIZE); seq <= Math.min(last, (n + 1) * BUCKET_SIZE - 1); seq++) {
          const m = await byId<StoredMessage>(ChatMessage, messageId(this.meta.sessionId, seq));
          if (m) out.push(toStored(m));
        }
      }
    }
    for (const m of this.tail) if (m.seq >= from && m.seq <= to) out.push(m);
    return out.filter((m) => !m.dropped);
  }

  /** Marks `seq` read by one side; returns false when it moved nothing. */
  markRead(side: 'founder' | 'advisor', seq: number): boolean {
    const capped = Math.min(seq, this.meta.seq);
    if (capped <= this.meta.reads[side]) return false;
    this.meta.reads[side] = capped;
    this.touch();
    return true;
  }

  private touch(): void {
    this.lastChange = Date.now();
    if (!this.dirty) this.dirtySince = this.lastChange;
    this.dirty = true;
  }
}

/** Client ids are the sender's own: the same id from the other participant is another message. */
const clientKey = (authorId: string, clientId: string) => `${authorId}:${clientId}`;
