/**
 * Every socket event the server handles, sent malformed payloads by an anonymous socket and by
 * a founder, an advisor and the admin on the demo data, with and without an acknowledgement:
 * every acknowledged request is answered with `{ data }` or `{ error: { code } }` (never left
 * hanging) and no socket is dropped; a reserved name (`disconnect`…) written by hand closes only
 * that connection; the server still answers. The event list is checked against the socket modules' source.
 */
import fs from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DEMO_PASSWORD, seedDemoIfEmpty } from '../../../server/seed/demo';
import { TestClient } from '../../helpers/http';
import { startTestServer } from '../../helpers/server';
import { connectSocket, request, type ClientSocket } from '../../helpers/socket';

const EVENTS = [
  'system:ping', 'board:watch', 'board:unwatch', 'challenge:watch', 'challenge:unwatch', 'advisor:status', 'advice:request',
  'advice:accept', 'advice:decline', 'chat:join', 'chat:leave', 'chat:send', 'chat:typing', 'chat:read',
] as const;
const PAYLOADS: unknown[] = [
  undefined, null, 7, 'x', [], {},
  { id: 'x' }, { id: '0'.repeat(24), sessionId: { $gt: '' } },
  { sessionId: '0'.repeat(24), text: 'x'.repeat(50_000), clientId: 5, seq: -1 },
  { status: 'bogus', offerId: [], reason: null },
  { industry: '99999', topics: Array(500).fill('x'), question: '', urgency: 9, language: 'xx' },
  JSON.parse(`{"a":${'['.repeat(300)}${']'.repeat(300)}}`),
];
const RESERVED = ['disconnect', 'connect', 'connect_error', 'disconnecting', 'newListener', 'removeListener'];

let server: Awaited<ReturnType<typeof startTestServer>>;
beforeAll(async () => {
  server = await startTestServer();
  await seedDemoIfEmpty(() => {});
});
afterAll(() => server?.stop());

describe('every socket event under malformed payloads', () => {
  it('covers every event the socket modules handle', () => {
    const dir = path.resolve(import.meta.dirname, '../../../server/sockets');
    const handled = fs
      .readdirSync(dir)
      .flatMap((f) => [...fs.readFileSync(path.join(dir, f), 'utf8').matchAll(/^\s+'([a-z]+:[a-z:]+)': sharedHandler\(/gm)].map((m) => m[1]));
    expect([...EVENTS].sort()).toEqual(handled.sort());
  });

  it('answers every acknowledged request, keeps every socket, closes only a connection that forges a reserved name, and stays up', async () => {
    const cookieOf = async (email: string) => {
      const c = new TestClient(server.url);
      await c.login(email, DEMO_PASSWORD);
      return c.cookie;
    };
    const cookies = ['', ...(await Promise.all(['founder@yinzhi.demo', 'advisor@yinzhi.demo', 'admin@yinzhi.demo'].map(cookieOf)))];
    const sockets: ClientSocket[] = await Promise.all(cookies.map((c) => connectSocket(server.url, c)));
    const unanswered: string[] = [];
    const malformed: string[] = [];
    await Promise.all(
      sockets.map(async (socket, who) => {
        const raw = socket as unknown as { emit: (...a: unknown[]) => void };
        for (const event of EVENTS) {
          for (const payload of PAYLOADS) {
            raw.emit(event, payload); // no acknowledgement
            raw.emit(event, payload, 'not a function', 7);
            try {
              const reply = await request(socket, event, payload);
              if (!('data' in reply) && typeof reply.error?.code !== 'string') malformed.push(`${event} as ${who}: ${JSON.stringify(reply).slice(0, 100)}`);
            } catch {
              unanswered.push(`${event} as ${who} with ${JSON.stringify(payload)?.slice(0, 40)}`);
            }
          }
        }
      }),
    );
    expect(unanswered).toEqual([]);
    expect(malformed).toEqual([]);
    expect(sockets.every((s) => s.connected)).toBe(true);
    for (const socket of sockets) expect((await request(socket, 'system:ping', {})).data?.serverTime).toBeTruthy();

    // reserved names cannot be sent by the client library: written by hand, Socket.io's parser
    // refuses them and closes only the forger's connection; everyone else carries on
    for (const name of RESERVED) {
      const forger = await connectSocket(server.url, cookies[1]);
      const closed = new Promise((resolve) => forger.once('disconnect', resolve));
      const engine = (forger as unknown as { io: { engine: { send: (p: string) => void } } }).io.engine;
      engine.send(`42${JSON.stringify([name, { reason: 'forged' }])}`);
      expect(await closed).toBe('transport close');
    }
    for (const socket of sockets) expect((await request(socket, 'system:ping', {})).data?.serverTime).toBeTruthy();
    expect((await new TestClient(server.url).get('/api/health')).body.data.status).toBe('ok');
    for (const s of sockets) s.disconnect();
  }, 120_000);
});
