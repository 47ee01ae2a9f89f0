/**
 * The chat rooms of this process: loaded on first use from the session document, kept in
 * memory while used, their seq hint and read marks written back lazily since the messages
 * themselves are the durable truth. On FerretDB an update costs ~8 ms of the one connection
 * (an insert ~1 ms), so saving every busy room every two seconds queued the message flushes
 * behind hint updates: a room is saved once it has been quiet for {@link QUIET_MS}, or after
 * {@link MAX_STALE_MS} dirty, and at shutdown and when a session ends. A crash loses at most
 * that much of the read marks (the seq hint only makes the next load probe a little further).
 */
import { ChatSession, type ChatSessionDocument } from '../models/ChatSession';
import { ChatRoom, type RoomMeta } from './room';
import { MessageWriter } from './writer';

const HINT_EVERY_MS = 2000;
export const QUIET_MS = 5000;
export const MAX_STALE_MS = 60_000;

export function metaOf(session: ChatSessionDocument): RoomMeta {
  return {
    sessionId: String(session._id),
    founderId: String(session.founderId),
    advisorId: String(session.advisorId),
    state: session.state,
    seq: session.seq,
    reads: { founder: session.readFounder, advisor: session.readAdvisor },
  };
}

export class ChatHub {
  readonly writer: MessageWriter;
  /** Most messages a join's catch-up returns; its reply says `more` and the client pages on (tests make it small). */
  catchUpLimit = 500;
  private readonly rooms = new Map<string, Promise<ChatRoom>>();
  /** The loaded room behind each settled entry of `rooms`. */
  private readonly current = new Map<string, ChatRoom>();
  private readonly timer: ReturnType<typeof setInterval>;

  /** `onError` hears every failed write: messages, buckets and hints. */
  constructor(private readonly onError: (err: unknown) => void) {
    this.writer = new MessageWriter(onError);
    this.timer = setInterval(() => void this.saveHints().catch(onError), HINT_EVERY_MS);
    this.timer.unref?.();
  }

  /** The room of a session, loading it once; null when the session does not exist. */
  async room(sessionId: string): Promise<ChatRoom | null> {
    let room = this.rooms.get(sessionId);
    if (!room) {
      room = (async () => {
        const session = await ChatSession.findById(sessionId);
        if (!session) throw new RoomMissing();
        const r = new ChatRoom(metaOf(session), this.writer);
        await r.load();
        if (this.rooms.get(sessionId) === room) this.current.set(sessionId, r);
        return r;
      })();
      this.rooms.set(sessionId, room);
      const loading = room;
      room.catch(() => {
        if (this.rooms.get(sessionId) === loading) this.rooms.delete(sessionId);
      });
    }
    return room.catch((err: unknown) => {
      if (err instanceof RoomMissing) return null;
      throw err;
    });
  }

  /** Peeks at a loaded room without loading it. */
  async loaded(sessionId: string): Promise<ChatRoom | null> {
    const r = this.rooms.get(sessionId);
    return r ? r.catch(() => null) : null; // a failed load was answered to whoever opened the room
  }

  /**
   * Drops a room (after a failed write) so the next use reloads what is really stored — only
   * if it is still the one in use: several sends failing on the same stale room must not each
   * throw away the fresh room the first of them loaded.
   */
  evict(sessionId: string, room: ChatRoom): void {
    if (this.current.get(sessionId) !== room) return;
    this.current.delete(sessionId);
    this.rooms.delete(sessionId);
  }

  /**
   * Writes the hints of quiet (or long dirty) rooms; `all` at shutdown. A failed write is
   * reported and the room stays dirty, so the next round retries it; the other rooms still save.
   */
  async saveHints(all = false): Promise<void> {
    const now = Date.now();
    for (const p of this.rooms.values()) {
      const room = await p.catch(() => null); // a failed load was answered to whoever opened the room
      if (!room?.dirty) continue;
      if (!all && now - room.lastChange < QUIET_MS && now - room.dirtySince < MAX_STALE_MS) continue;
      room.dirty = false;
      const { sessionId, seq, reads } = room.meta;
      try {
        await ChatSession.updateOne({ _id: sessionId }, { $max: { seq, readFounder: reads.founder, readAdvisor: reads.advisor } });
      } catch (err) {
        room.dirty = true;
        this.onError(err);
      }
    }
  }

  async stop(): Promise<void> {
    clearInterval(this.timer);
    await this.writer.idle();
    await this.saveHints(true).catch(this.onError);
  }
}

class RoomMissing extends Error {}
