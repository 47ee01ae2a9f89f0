/**
 * One chat room served by two processes at once (two hubs with their own memory and writer on
 * one database — what two servers behind a non-sticky balancer do): every message is stored
 * once under its own seq, none is reported stored that is not, and catch-up from either side
 * returns every message in order without gaps.
 */
import mongoose from 'mongoose';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ChatHub } from '../../../server/chat/hub';
import { readMessages, sendMessage } from '../../../server/commands/advice/messages';
import { BUCKET_SIZE, ChatBucket, ChatMessage } from '../../../server/models/ChatMessage';
import { ChatSession } from '../../../server/models/ChatSession';
import { startTestServer } from '../../helpers/server';

let server: Awaited<ReturnType<typeof startTestServer>>;
beforeAll(async () => {
  server = await startTestServer();
});
afterAll(async () => {
  await server?.stop();
});

const oid = () => new mongoose.Types.ObjectId();

async function newSession(): Promise<string> {
  const s = await ChatSession.create({ requestId: oid(), founderId: oid(), founderName: 'F', advisorId: oid(), advisorName: 'A', industry: '3381', question: 'two hubs' });
  return String(s._id);
}

async function send(hub: ChatHub, sessionId: string, clientId: string) {
  const room = (await hub.room(sessionId))!;
  return sendMessage({ chat: hub, room, authorId: 'x', clientId, text: clientId });
}

describe('a chat room served by two processes', () => {
  it('stores every message once under its own seq, alternating and concurrent, across bucket boundaries', async () => {
    const sessionId = await newSession();
    const [a, b] = [new ChatHub(() => {}), new ChatHub(() => {})];
    await Promise.all([a.room(sessionId), b.room(sessionId)]); // both loaded at seq 0

    const sent: string[] = [];
    // alternating sends: each hub's view is stale every time
    for (let i = 0; i < 30; i++) {
      const id = `alt-${i}`;
      sent.push(id);
      await send(i % 2 ? b : a, sessionId, id);
    }
    // concurrent bursts from both
    const burst = Array.from({ length: 60 }, (_, i) => `burst-${i}`);
    sent.push(...burst);
    const results = await Promise.all(burst.map((id, i) => send(i % 2 ? b : a, sessionId, id)));

    const stored = await ChatMessage.find({ sessionId }).sort({ seq: 1 }).lean();
    expect(stored.map((m) => m.seq)).toEqual(Array.from({ length: sent.length }, (_, i) => i + 1));
    expect(new Set(stored.map((m) => m.clientId))).toEqual(new Set(sent));
    // what each sender was told matches what is stored under that seq
    const bySeq = new Map(stored.map((m) => [m.seq, m.clientId]));
    for (const r of results) expect(bySeq.get(r.message.seq)).toBe(r.message.clientId);

    // a resend to the other hub is recognised, not stored again
    const again = await send(b, sessionId, 'alt-0');
    expect(again).toMatchObject({ duplicate: true, message: { seq: 1 } });

    // catch-up from either side: all of it, in order, no gaps — including what the other stored
    for (const hub of [a, b]) {
      const seen: number[] = [];
      let after = 0;
      for (;;) {
        const page = await readMessages({ room: (await hub.room(sessionId))!, after, limit: 40 });
        seen.push(...page.messages.map((m) => m.seq));
        after = page.messages.at(-1)?.seq ?? after;
        if (!page.more) break;
      }
      expect(seen).toEqual(Array.from({ length: sent.length }, (_, i) => i + 1));
    }

    // history paging reads sealed buckets, or the messages when a bucket was left unwritten
    await Promise.all([a.writer.idle(), b.writer.idle()]);
    const buckets = await ChatBucket.find({ sessionId }).lean();
    expect(sent.length).toBeGreaterThan(BUCKET_SIZE); // crosses at least one bucket boundary
    for (const bucket of buckets) for (const m of bucket.messages) expect(bySeq.get(m.seq)).toBe(m.clientId);
    const fresh = new ChatHub(() => {});
    const room = (await fresh.room(sessionId))!;
    const page = await readMessages({ room, before: sent.length + 1, limit: sent.length });
    expect(page.messages.map((m) => [m.seq, m.clientId])).toEqual(stored.map((m) => [m.seq, m.clientId]));
    await Promise.all([a.stop(), b.stop(), fresh.stop()]);
  });
});
