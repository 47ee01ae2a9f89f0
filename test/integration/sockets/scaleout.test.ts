/**
 * Two server processes' worth of servers sharing one database and one Redis: a write on one
 * reaches clients connected to the other through the Socket.io Redis adapter; the login
 * throttle's budgets and the live viewer counts are shared through Redis.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadEnv } from '../../../server/env';
import { createLogger } from '../../../server/logger';
import { startServer, type RunningServer } from '../../../server/server';
import { boardFixture, challengeInput } from '../../helpers/board';
import { startRedis } from '../../helpers/redis';
import { startTestServer } from '../../helpers/server';
import { TestClient } from '../../helpers/http';
import { connectSocket, nextEvent, request } from '../../helpers/socket';

let redis: Awaited<ReturnType<typeof startRedis>>;
let a: Awaited<ReturnType<typeof startTestServer>>;
let b: RunningServer;
const throttle = { perAccount: 3, perIp: 1000, windowSeconds: 60 };

beforeAll(async () => {
  redis = await startRedis();
  a = await startTestServer({ env: { REDIS_URL: redis.url }, throttle });
  b = await startServer({ env: loadEnv({ NODE_ENV: 'test', LOG_LEVEL: 'silent', CLIENT_DIST: '/nonexistent', REDIS_URL: redis.url }), log: createLogger('silent'), database: { kind: 'ferretdb' }, port: 0, throttle });
});
afterAll(async () => {
  await b?.close();
  await a?.stop();
  await redis?.stop();
});

describe('scale-out through the Redis adapter', () => {
  it('a challenge posted on server A reaches a board watching on server B, and a notification its user there', async () => {
    const f = await boardFixture(a.url);
    const expert = await f.expert();
    const onB = await connectSocket(b.url, expert.cookie);
    await request(onB, 'board:watch', {});
    const created = nextEvent(onB, 'challenge:created');
    const posted = (await f.rep.post('/api/challenges', challengeInput({ title: '跨进程广播难题' }))).body.data;
    expect((await created).id).toBe(posted.id);

    const invited = nextEvent(onB, 'notification:created');
    await f.rep.post(`/api/challenges/${posted.id}/invites`, { email: expert.email });
    expect(await invited).toMatchObject({ kind: 'challenge.invited' });
    onB.disconnect();
  });

  it('shares the login budget: failures on one server count on the other', async () => {
    await new TestClient(a.url).register({ email: 'shared-victim@example.com', password: 'right-password-1' });
    const guess = (url: string) => new TestClient(url).post('/api/auth/login', { email: 'shared-victim@example.com', password: 'bad-guess' });
    expect([(await guess(a.url)).status, (await guess(b.url)).status, (await guess(a.url)).status]).toEqual([401, 401, 401]);
    const onB = await new TestClient(b.url).post('/api/auth/login', { email: 'shared-victim@example.com', password: 'right-password-1' });
    expect(onB.status).toBe(429);
    expect(Number(onB.headers.get('retry-after'))).toBeGreaterThan(0);
  });

  it('counts a page\'s viewers across servers, a person on both once, and announces the total everywhere', async () => {
    const f = await boardFixture(a.url);
    const c = (await f.rep.post('/api/challenges', challengeInput({ title: '跨进程在看人数' }))).body.data;
    const [e1, e2] = [await f.expert(), await f.expert()];
    const watcherOnA = await connectSocket(a.url);
    await request(watcherOnA, 'board:watch', {});
    const counts: number[] = [];
    watcherOnA.on('challenge:viewers', (p) => p.id === c.id && counts.push(p.viewers));

    const e1OnA = await connectSocket(a.url, e1.cookie);
    const e1OnB = await connectSocket(b.url, e1.cookie); // the same person on the other server
    const e2OnB = await connectSocket(b.url, e2.cookie);
    for (const s of [e1OnA, e1OnB, e2OnB]) await request(s, 'challenge:watch', { id: c.id });
    await new Promise((r) => setTimeout(r, 600));
    expect(counts.at(-1)).toBe(2);
    expect((await new TestClient(b.url).get(`/api/challenges/${c.id}`)).body.data.viewers).toBe(2);
    const list = (await new TestClient(a.url).get('/api/challenges?pageSize=50')).body.data.items as { id: string; viewers: number }[];
    expect(list.find((x) => x.id === c.id)?.viewers).toBe(2);

    e2OnB.disconnect(); // B announces the new total; the board on A hears it through the adapter
    await new Promise((r) => setTimeout(r, 600));
    expect(counts.at(-1)).toBe(1);
    e1OnA.disconnect();
    await new Promise((r) => setTimeout(r, 600));
    expect(counts.at(-1)).toBe(1); // still open on B
    expect((await new TestClient(a.url).get(`/api/challenges/${c.id}`)).body.data.viewers).toBe(1);
    e1OnB.disconnect();
    watcherOnA.disconnect();
  });
});

describe('rights re-decided on every process (the event bus over Redis)', () => {
  it('a representative connected to server B loses the organisation’s room when the admin on server A moves them', async () => {
    const f = await boardFixture(a.url);
    const challengeId = (await f.rep.post('/api/challenges', challengeInput({ publish: true }))).body.data.id as string;
    const onB = await connectSocket(b.url, f.rep.cookie);
    const updated = nextEvent(onB, 'session:updated');
    expect((await f.admin.patch(`/api/users/${f.repId}`, { organizationId: f.orgB })).status).toBe(200);
    expect((await updated).user).toMatchObject({ organizationId: f.orgB });
    const heard: string[] = [];
    onB.onAny((event: string) => heard.push(event));
    const expert = await f.expert();
    await expert.post(`/api/challenges/${challengeId}/questions`, { text: '私下：跨进程？', visibility: 'private' });
    await new Promise((r) => setTimeout(r, 1000));
    expect(heard.filter((e) => e.startsWith('question:'))).toEqual([]);
    onB.disconnect();
  });
});
