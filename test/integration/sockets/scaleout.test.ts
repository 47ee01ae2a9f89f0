/**
 * Two server processes' worth of Socket.io servers sharing one database and one Redis: a write
 * on one reaches clients connected to the other through the Socket.io Redis adapter.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadEnv } from '../../../server/env';
import { createLogger } from '../../../server/logger';
import { startServer, type RunningServer } from '../../../server/server';
import { boardFixture, challengeInput } from '../../helpers/board';
import { startRedis } from '../../helpers/redis';
import { startTestServer } from '../../helpers/server';
import { connectSocket, nextEvent, request } from '../../helpers/socket';

let redis: Awaited<ReturnType<typeof startRedis>>;
let a: Awaited<ReturnType<typeof startTestServer>>;
let b: RunningServer;

beforeAll(async () => {
  redis = await startRedis();
  a = await startTestServer({ env: { REDIS_URL: redis.url } });
  b = await startServer({ env: loadEnv({ NODE_ENV: 'test', LOG_LEVEL: 'silent', CLIENT_DIST: '/nonexistent', REDIS_URL: redis.url }), log: createLogger('silent'), database: { kind: 'ferretdb' }, port: 0 });
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
});
