/**
 * Catch-up after a long absence, with the real chat store (client/stores/chat.ts) against the real
 * server: its socket is a real socket.io-client and its REST calls go over HTTP, only the module
 * wiring is swapped for Node. A participant that missed more messages than one join returns
 * pages on until its view holds every seq without a hole.
 */
import { createPinia, setActivePinia } from 'pinia';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { adviceOf } from '../../../server/matching/service';
import type { ChatPage } from '../../../shared/schemas/chat';
import type { ClientSocket } from '../../helpers/socket';
import { connectSocket } from '../../helpers/socket';
import { startTestServer } from '../../helpers/server';
import { TestClient } from '../../helpers/http';
import { openSession } from '../advice/chatSession';
import { until } from '../advice/setup';

const wiring = vi.hoisted(() => ({ socket: null as unknown, http: null as unknown }));

vi.mock('../../../client/api/socket', () => ({
  get socket() {
    return wiring.socket;
  },
  async request(event: string, payload: unknown) {
    const reply = (await (wiring.socket as ClientSocket).timeout(10_000).emitWithAck(event as 'chat:join', payload as never)) as { data?: unknown; error?: unknown };
    if (reply.error !== undefined) throw new Error(JSON.stringify(reply.error));
    return reply.data;
  },
  connectSocket: () => undefined,
  reconnectSocket: () => undefined,
}));
vi.mock('../../../client/api/http', () => ({
  http: {
    async get(path: string, query: Record<string, string | number> = {}) {
      const qs = new URLSearchParams(Object.entries(query).map(([k, v]) => [k, String(v)]));
      const r = await (wiring.http as TestClient).get(`${path}?${qs}`);
      if (r.status !== 200) throw new Error(JSON.stringify(r.body));
      return r.body.data;
    },
  },
}));

const { useChatStore } = await import('../../../client/stores/chat');

let server: Awaited<ReturnType<typeof startTestServer>>;
beforeAll(async () => {
  server = await startTestServer();
  adviceOf(server.ctx).chat.catchUpLimit = 100; // several pages without thousands of messages
});
afterAll(async () => {
  await adviceOf(server.ctx).stop();
  await server?.stop();
});

describe('chat catch-up', () => {
  it('the join reply says more, and the store pages on to the last message after missing several pages', async () => {
    const { founder, advisor, sessionId } = await openSession(server);
    wiring.http = founder.http;
    const socket = await connectSocket(server.url, founder.http.cookie);
    wiring.socket = socket;
    setActivePinia(createPinia());
    const chat = useChatStore();
    await chat.join(sessionId);
    const send = (i: number) => advisor.socket.timeout(10_000).emitWithAck('chat:send', { sessionId, clientId: `missed-${String(i).padStart(5, '0')}`, text: `m${i}` });
    for (let i = 1; i <= 3; i++) await send(i);
    await until(() => chat.rooms[sessionId]!.messages.length === 3, 5000, 'live messages');

    socket.disconnect();
    const MISSED = 650; // the join's 100, then REST pages of 200, 200, 150
    for (let i = 4; i <= 3 + MISSED; i += 50) await Promise.all(Array.from({ length: Math.min(50, 3 + MISSED - i + 1) }, (_, k) => send(i + k)));
    const joinReply = (await advisor.socket.timeout(10_000).emitWithAck('chat:join', { sessionId, afterSeq: 3 })) as { data: ChatPage };
    expect(joinReply.data).toMatchObject({ more: true, seq: 3 + MISSED });
    expect(joinReply.data.messages).toHaveLength(100);

    socket.connect(); // the store rejoins every room it holds on `connect`
    await until(() => chat.rooms[sessionId]!.messages.length >= 3 + MISSED, 10_000, 'catch-up to the last message');
    expect(chat.rooms[sessionId]!.messages.map((m) => m.seq)).toEqual(Array.from({ length: 3 + MISSED }, (_, i) => i + 1));
    socket.close();
  });
});
