import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { adviceOf } from '../../../server/matching/service';
import { QUIET_MS } from '../../../server/chat/hub';
import { ChatBucket, ChatMessage } from '../../../server/models/ChatMessage';
import { ChatSession } from '../../../server/models/ChatSession';
import type { ChatMessageView } from '../../../shared/schemas/chat';
import { connectSocket, nextEvent, request } from '../../helpers/socket';
import { startTestServer } from '../../helpers/server';
import { openSession as openSharedSession } from './chatSession';
import { TestClient } from '../../helpers/http';
import { adminPerson, fastAdvice, person, record, sleep, until, type Person } from './setup';

let server: Awaited<ReturnType<typeof startTestServer>>;

beforeAll(async () => {
  server = await startTestServer();
  fastAdvice(server, { offerTimeoutMs: 10_000 });
});
afterAll(async () => {
  await adviceOf(server.ctx).stop();
  await server?.stop();
});

const openSession = () => openSharedSession(server);

const send = (p: Person, sessionId: string, clientId: string, text: string) => request(p.socket, 'chat:send', { sessionId, clientId, text });

describe('advice chat', () => {
  it('delivers messages both ways after storing them, with seq, typing and read receipts', async () => {
    const { founder, advisor, sessionId } = await openSession();
    const atAdvisor = record(advisor.socket, 'chat:message');
    const atFounder = record(founder.socket, 'chat:message');
    const typing = nextEvent(advisor.socket, 'chat:typing');
    const founderTyping = record(founder.socket, 'chat:typing');
    founder.socket.emit('chat:typing', { sessionId, typing: true });
    expect(await typing).toEqual({ sessionId, userId: founder.id, typing: true });

    const a = await send(founder, sessionId, 'founder-msg-0001', '你好，<b>请问</b> https://example.com');
    expect(a.data).toMatchObject({ seq: 1, authorId: founder.id, text: '你好，<b>请问</b> https://example.com' });
    const b = await send(advisor, sessionId, 'advisor-msg-0001', '您好');
    expect(b.data?.seq).toBe(2);
    await until(() => atAdvisor.length === 2 && atFounder.length === 2);
    expect(atFounder.map((m) => m.seq)).toEqual([1, 2]);
    expect(founderTyping).toHaveLength(0); // the typer does not hear themself

    const read = nextEvent(advisor.socket, 'chat:read');
    expect((await request(founder.socket, 'chat:read', { sessionId, seq: 2 })).data).toEqual({ seq: 2 });
    expect(await read).toEqual({ sessionId, userId: founder.id, seq: 2 });
  });

  it('stores a resent message once and acknowledges it with the first seq', async () => {
    const { founder, advisor, sessionId } = await openSession();
    const atAdvisor = record(advisor.socket, 'chat:message');
    const [first, again] = await Promise.all([send(founder, sessionId, 'same-client-id-1', 'once'), send(founder, sessionId, 'same-client-id-1', 'once')]);
    const third = await send(founder, sessionId, 'same-client-id-1', 'once');
    expect(first.data?.seq).toBe(1);
    expect(again.data?.seq).toBe(1);
    expect(third.data?.seq).toBe(1);
    await sleep(100);
    expect(atAdvisor).toHaveLength(1);
    expect(await ChatMessage.countDocuments({ sessionId })).toBe(1);
  });

  it('loses nothing when both sides are cut off during a burst: resend + catch-up give 1..N, in order, once each', async () => {
    const { founder, advisor, sessionId } = await openSession();
    const N = 300;
    const seen = new Map<number, ChatMessageView>();
    advisor.socket.on('chat:message', (m) => seen.set(m.seq, m));
    const acked = new Set<string>();
    const id = (i: number) => `burst-${String(i).padStart(4, '0')}`;
    const fire = (from: number, to: number) =>
      Array.from({ length: to - from }, (_, k) => send(founder, sessionId, id(from + k), `m${from + k}`).then((r) => r.data && acked.add(r.data.clientId)).catch(() => undefined));
    await Promise.all(fire(0, 100));
    const inFlight = fire(100, N); // written to the wire, then both sides are cut off before the server reads them all
    await new Promise((r) => setImmediate(r));
    server.io.in(advisor.socket.id ?? '').disconnectSockets(true);
    server.io.in(founder.socket.id ?? '').disconnectSockets(true);
    await Promise.all(inFlight);
    expect(acked.size).toBeLessThan(N); // some acks really were lost

    // the sender reconnects and resends everything unacknowledged with the same ids
    const f2 = await connectSocket(server.url, founder.http.cookie);
    await request(f2, 'chat:join', { sessionId, afterSeq: 0 });
    for (let i = 0; i < N; i++) {
      if (!acked.has(id(i))) expect((await request(f2, 'chat:send', { sessionId, clientId: id(i), text: `m${i}` })).data?.clientId).toBe(id(i));
    }
    // the observer catches up from the last seq it saw without a gap
    let last = 0;
    while (seen.has(last + 1)) last++;
    const a2 = await connectSocket(server.url, advisor.http.cookie);
    const join = await request(a2, 'chat:join', { sessionId, afterSeq: last });
    for (const m of join.data.messages as ChatMessageView[]) {
      expect(seen.has(m.seq) && m.seq <= last).toBe(false);
      seen.set(m.seq, m);
    }
    expect([...seen.keys()].filter((s) => s <= N).sort((x, y) => x - y)).toEqual(Array.from({ length: N }, (_, i) => i + 1));
    const texts = [...seen.values()].sort((x, y) => x.seq - y.seq).map((m) => m.text);
    expect(new Set(texts).size).toBe(N); // each message once
    expect(await ChatMessage.countDocuments({ sessionId })).toBe(N);
    f2.close();
    a2.close();
  });

  it('pages history backwards across sealed buckets, also after the room is reloaded from the database', async () => {
    const { founder, sessionId } = await openSession();
    for (let i = 1; i <= 120; i++) await send(founder, sessionId, `hist-${String(i).padStart(4, '0')}`, `h${i}`);
    expect(await ChatBucket.countDocuments({ sessionId })).toBe(2); // seqs 1–49 and 50–99 sealed
    const pages = async () => {
      const out: number[][] = [];
      let before = 121;
      for (;;) {
        const r = await founder.http.get(`/api/advice/sessions/${sessionId}/messages?before=${before}&limit=50`);
        out.push(r.body.data.messages.map((m: ChatMessageView) => m.seq));
        if (!r.body.data.more) return out;
        before = r.body.data.messages[0].seq;
      }
    };
    const first = await pages();
    expect(first.map((p) => [p[0], p.at(-1)])).toEqual([[71, 120], [21, 70], [1, 20]]);
    await adviceOf(server.ctx).chat.saveHints();
    const hub = adviceOf(server.ctx).chat;
    hub.evict(sessionId, (await hub.loaded(sessionId))!);
    expect(await pages()).toEqual(first);
    const after = await founder.http.get(`/api/advice/sessions/${sessionId}/messages?after=95&limit=10`);
    expect(after.body.data.messages.map((m: ChatMessageView) => m.seq)).toEqual([96, 97, 98, 99, 100, 101, 102, 103, 104, 105]);
    expect((await send(founder, sessionId, 'hist-0121', 'h121')).data?.seq).toBe(121); // continues, no reuse
    expect((await send(founder, sessionId, 'hist-0120', 'h120')).data?.seq).toBe(120); // a resend after reload is still known
  });

  it('writes the seq hint and read marks of quiet rooms (not of busy ones) and of every room at shutdown', async () => {
    const { founder, sessionId } = await openSession();
    const chat = adviceOf(server.ctx).chat;
    await send(founder, sessionId, 'hint-0001', 'one');
    await request(founder.socket, 'chat:read', { sessionId, seq: 1 });
    const room = (await chat.loaded(sessionId))!;
    await chat.saveHints(); // just changed: busy, not written yet
    expect(await ChatSession.findById(sessionId).lean()).toMatchObject({ seq: 0, readFounder: 0 });
    room.lastChange -= QUIET_MS; // quiet for a while now
    await chat.saveHints();
    expect(await ChatSession.findById(sessionId).lean()).toMatchObject({ seq: 1, readFounder: 1 });
    expect(room.dirty).toBe(false);
    await send(founder, sessionId, 'hint-0002', 'two');
    await chat.saveHints(true); // what stop() does
    expect((await ChatSession.findById(sessionId).lean())?.seq).toBe(2);
  });

  it('keeps outsiders — the admin included, a consultation is private — out of the room: no join, no post, no history, no typing', async () => {
    const { founder, sessionId } = await openSession();
    const outsiders = [await person(server, ['founder', 'advisor', 'expert']), await adminPerson(server)];
    const heard = outsiders.map((o) => record(o.socket, 'chat:message'));
    for (const outsider of outsiders) {
      expect((await request(outsider.socket, 'chat:join', { sessionId, afterSeq: 0 })).error?.code).toBe('forbidden');
      expect((await send(outsider, sessionId, 'intruder-0001', 'hi')).error?.code).toBe('forbidden');
      expect((await request(outsider.socket, 'chat:read', { sessionId, seq: 1 })).error?.code).toBe('forbidden');
      expect((await outsider.http.get(`/api/advice/sessions/${sessionId}/messages`)).status).toBe(403);
      expect((await outsider.http.get(`/api/advice/sessions/${sessionId}`)).status).toBe(403);
      expect((await outsider.http.post(`/api/advice/sessions/${sessionId}/end`)).status).toBe(403);
    }
    expect((await new TestClient(server.url).get(`/api/advice/sessions/${sessionId}/messages`)).status).toBe(401);
    const anon = await connectSocket(server.url);
    expect((await request(anon, 'chat:join', { sessionId, afterSeq: 0 })).error?.code).toBe('unauthenticated');
    anon.close();
    await send(founder, sessionId, 'inside-msg-0001', 'private');
    await sleep(100);
    expect(heard.flat()).toHaveLength(0);
    expect((await request(founder.socket, 'chat:send', { sessionId, clientId: 'x', text: '' })).error?.code).toBe('validation_failed');
  });

  it('ends, rates once, summarises; both see it in history; the rating feeds the advisor score', async () => {
    const { founder, advisor, sessionId } = await openSession();
    await send(founder, sessionId, 'end-msg-000001', '谢谢');
    const advisorHears = nextEvent(advisor.socket, 'chat:session');
    const ended = await founder.http.post(`/api/advice/sessions/${sessionId}/end`);
    expect(ended.body.data).toMatchObject({ state: 'ended', endedBy: founder.id, abilities: { rate: true, post: false } });
    expect((await advisorHears).abilities).toMatchObject({ summarize: true, rate: false, post: false });
    expect((await send(advisor, sessionId, 'late-msg-00001', 'late')).error?.code).toBe('forbidden');
    expect((await founder.http.post(`/api/advice/sessions/${sessionId}/end`)).status).toBe(403);

    expect((await advisor.http.post(`/api/advice/sessions/${sessionId}/rating`, { rating: 5 })).status).toBe(403);
    expect((await founder.http.post(`/api/advice/sessions/${sessionId}/rating`, { rating: 6 })).status).toBe(400);
    const rated = await founder.http.post(`/api/advice/sessions/${sessionId}/rating`, { rating: 4, comment: '很有帮助' });
    expect(rated.body.data).toMatchObject({ rating: 4, comment: '很有帮助', abilities: { rate: false } });
    expect((await founder.http.post(`/api/advice/sessions/${sessionId}/rating`, { rating: 1 })).status).toBe(403);
    expect((await founder.http.post(`/api/advice/sessions/${sessionId}/summary`, { summary: 'x' })).status).toBe(403);
    const summary = await advisor.http.post(`/api/advice/sessions/${sessionId}/summary`, { summary: '建议先做CE认证' });
    expect(summary.body.data.summary).toBe('建议先做CE认证');

    for (const p of [founder, advisor]) {
      const h = await p.http.get('/api/advice/sessions');
      expect(h.body.data.items.find((s: { id: string }) => s.id === sessionId)).toMatchObject({ rating: 4, summary: '建议先做CE认证', seq: 1 });
    }
    const state = await advisor.http.get('/api/advice/advisor');
    expect(state.body.data).toMatchObject({ rating: { average: 4, count: 1 }, openSessions: 0 });
  });
});
