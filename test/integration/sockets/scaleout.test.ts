/**
 * Two server processes' worth of servers sharing one database and one Redis: a write on one
 * reaches clients connected to the other through the Socket.io Redis adapter, and the login
 * throttle's budgets are shared through Redis.
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
});
