import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Challenge } from '../../../server/models/Challenge';
import { loadEnv } from '../../../server/env';
import { createLogger } from '../../../server/logger';
import { startServer } from '../../../server/server';
import { boardFixture, challengeInput } from '../../helpers/board';
import { startTestServer } from '../../helpers/server';
import { connectSocket, request } from '../../helpers/socket';

let server: Awaited<ReturnType<typeof startTestServer>>;
let f: Awaited<ReturnType<typeof boardFixture>>;
beforeAll(async () => {
  server = await startTestServer();
  f = await boardFixture(server.url);
});
afterAll(() => server?.stop());

const soon = (ms: number) => new Date(Date.now() + ms).toISOString();

describe('deadlines', () => {
  it('moves an open challenge to reviewing at its deadline and tells open boards', async () => {
    const board = await connectSocket(server.url);
    await request(board, 'board:watch', {});
    const c = (await f.rep.post('/api/challenges', challengeInput({ deadline: soon(1200) }))).body.data;
    const updated = await new Promise<{ id: string; status: string }>((resolve) => board.on('challenge:updated', (x) => x.id === c.id && resolve(x)));
    expect(updated.status).toBe('reviewing');
    expect((await Challenge.findById(c.id).lean())?.status).toBe('reviewing');
    board.disconnect();
  });

  it('lets the owner reopen with a later deadline, but not with a past one', async () => {
    const c = (await f.rep.post('/api/challenges', challengeInput())).body.data;
    await f.rep.post(`/api/challenges/${c.id}/transition`, { to: 'reviewing' });
    await Challenge.updateOne({ _id: c.id }, { $set: { deadline: new Date(Date.now() - 1000) } });
    expect((await f.rep.post(`/api/challenges/${c.id}/transition`, { to: 'open' })).status).toBe(400);
    await f.rep.patch(`/api/challenges/${c.id}`, { deadline: soon(86_400_000) });
    expect((await f.rep.post(`/api/challenges/${c.id}/transition`, { to: 'open' })).body.data.status).toBe('open');
  });

  // last in this file: it stops the file's server
  it('catches up on deadlines that passed while the server was down', async () => {
    const c = (await f.rep.post('/api/challenges', challengeInput({ deadline: soon(60_000) }))).body.data;
    const expert = await f.expert();
    await expert.post(`/api/challenges/${c.id}/terms`);
    await server.close(); // the database stays; only the process "goes down"
    await Challenge.updateOne({ _id: c.id }, { $set: { deadline: new Date(Date.now() - 1000) } }); // the deadline passes meanwhile
    expect((await Challenge.findById(c.id).lean())?.status).toBe('open');
    const env = loadEnv({ NODE_ENV: 'test', LOG_LEVEL: 'silent', CLIENT_DIST: '/nonexistent' });
    const restarted = await startServer({ env, log: createLogger('silent'), database: { kind: 'ferretdb' }, port: 0 });
    try {
      expect((await Challenge.findById(c.id).lean())?.status).toBe('reviewing');
      const expertSocket = await connectSocket(restarted.url, expert.cookie);
      const list = await fetch(`${restarted.url}/api/notifications`, { headers: { cookie: expert.cookie } }).then((r) => r.json());
      expect(list.data.items[0]).toMatchObject({ kind: 'challenge.statusChanged', data: { challengeId: c.id, status: 'reviewing' } });
      expertSocket.disconnect();
    } finally {
      await restarted.close();
    }
  });

});
