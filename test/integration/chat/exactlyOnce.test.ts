/**
 * Exactly once under random socket drops: a founder and an advisor each send several hundred
 * messages with up to WINDOW unanswered at a time while their sockets are cut at random. After
 * each cut a side waits, reconnects, catches up from the last seq it holds (paging while `more`)
 * and resends everything that got no reply with the same client id — by then the first copy of
 * a lost reply is often hundreds of messages back. Every client id must be stored once, shown
 * once in both views and in the REST history, and every acknowledgement must name what is stored.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { adviceOf } from '../../../server/matching/service';
import { ChatMessage } from '../../../server/models/ChatMessage';
import type { ChatMessageView } from '../../../shared/schemas/chat';
import { connectSocket, type ClientSocket } from '../../helpers/socket';
import { startTestServer } from '../../helpers/server';
import { openSession, type Person } from '../advice/chatSession';

let server: Awaited<ReturnType<typeof startTestServer>>;
beforeAll(async () => {
  server = await startTestServer();
});
afterAll(async () => {
  await adviceOf(server.ctx).stop();
  await server?.stop();
});

const PER_SIDE = 400;
const WINDOW = 40;

/** Deterministic per run seed so a failure can be replayed (printed on failure). */
const seed = Number(process.env.CHAT_DROP_SEED ?? Date.now() % 100_000);
let state = seed;
const rand = () => ((state = (state * 1103515245 + 12345) % 2 ** 31) / 2 ** 31);
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

/** One participant: its view by seq, what it sent, what was acknowledged. */
class Side {
  socket!: ClientSocket;
  readonly view = new Map<number, ChatMessageView>();
  readonly acked = new Map<string, number>();
  readonly unanswered = new Set<string>();
  drops = 0;
  private inFlight = 0;

  constructor(
    private readonly person: Person,
    private readonly sessionId: string,
    private readonly prefix: string,
  ) {}

  /** The highest seq up to which the view has no hole. */
  contiguous(): number {
    let s = 0;
    while (this.view.has(s + 1)) s++;
    return s;
  }

  async connect(): Promise<void> {
    this.socket = await connectSocket(server.url, this.person.http.cookie);
    this.socket.on('chat:message', (m) => this.view.set(m.seq, m));
    await this.catchUp();
  }

  /** Joins from the last contiguous seq and pages until nothing more is missing. */
  async catchUp(): Promise<void> {
    let after = this.contiguous();
    let reply = await this.socket.timeout(10_000).emitWithAck('chat:join', { sessionId: this.sessionId, afterSeq: after });
    for (;;) {
      if ('error' in reply) throw new Error(JSON.stringify(reply.error));
      for (const m of reply.data.messages) this.view.set(m.seq, m);
      if (!reply.data.more) return;
      after = reply.data.messages.at(-1)?.seq ?? after;
      reply = await this.socket.timeout(10_000).emitWithAck('chat:join', { sessionId: this.sessionId, afterSeq: after });
    }
  }

  private async send(clientId: string): Promise<void> {
    this.inFlight++;
    try {
      const reply = await this.socket.timeout(10_000).emitWithAck('chat:send', { sessionId: this.sessionId, clientId, text: `text of ${clientId}` });
      if ('data' in reply) {
        this.acked.set(clientId, reply.data.seq);
        this.unanswered.delete(clientId);
        this.view.set(reply.data.seq, reply.data);
      }
    } catch {
      // the socket was cut: the reply is lost; resent after the reconnect
    } finally {
      this.inFlight--;
    }
  }

  /** Cuts the transport abruptly (what a lost network does), waits, comes back and resends. */
  private async dropAndResume(): Promise<void> {
    this.drops++;
    this.socket.io.engine.close();
    this.socket.close();
    await sleep(50 + rand() * 250);
    await this.connect();
    for (const id of [...this.unanswered]) void this.send(id);
  }

  async run(): Promise<void> {
    for (let i = 0; i < PER_SIDE; i++) {
      while (this.inFlight >= WINDOW) await sleep(1);
      const id = `${this.prefix}-${String(i).padStart(5, '0')}`;
      this.unanswered.add(id);
      void this.send(id);
      if (rand() < 1 / 50) await this.dropAndResume();
      else if (i % 10 === 0) await sleep(1);
    }
    while (this.unanswered.size > 0) {
      while (this.inFlight > 0) await sleep(5);
      if (this.unanswered.size > 0) await this.dropAndResume();
    }
  }
}

describe('chat exactly once under random socket drops', () => {
  it('stores, shows and pages every client id once, and every acknowledged message is stored as acknowledged', async () => {
    const { founder, advisor, sessionId } = await openSession(server);
    const sides = [new Side(founder, sessionId, 'founder'), new Side(advisor, sessionId, 'advisor')];
    await Promise.all(sides.map((s) => s.connect()));
    await Promise.all(sides.map((s) => s.run()));
    for (const s of sides) await s.catchUp();
    const context = `seed ${seed}, drops ${sides.map((s) => s.drops).join('+')}`;

    const stored = await ChatMessage.find({ sessionId }).lean();
    const copies = new Map<string, number>();
    for (const m of stored) copies.set(m.clientId!, (copies.get(m.clientId!) ?? 0) + 1);
    expect([...copies].filter(([, n]) => n > 1), context).toEqual([]);
    expect(stored, context).toHaveLength(2 * PER_SIDE);

    const bySeq = new Map(stored.map((m) => [m.seq!, m.clientId!]));
    for (const s of sides) {
      for (const [clientId, seq] of s.acked) expect(bySeq.get(seq), `${clientId} acknowledged as ${seq}; ${context}`).toBe(clientId);
      const ids = [...s.view.values()].map((m) => m.clientId);
      expect(ids.length - new Set(ids).size, `duplicates in a view; ${context}`).toBe(0);
      expect(new Set(ids), context).toEqual(new Set(copies.keys()));
    }

    const history: string[] = [];
    for (let after = 0; ; ) {
      const r = await founder.http.get(`/api/advice/sessions/${sessionId}/messages?after=${after}&limit=200`);
      history.push(...r.body.data.messages.map((m: ChatMessageView) => m.clientId));
      if (!r.body.data.more) break;
      after = r.body.data.messages.at(-1).seq;
    }
    expect(history, context).toHaveLength(2 * PER_SIDE);
    expect(new Set(history), context).toEqual(new Set(copies.keys()));
  });
});
