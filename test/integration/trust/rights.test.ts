/**
 * Rights stay true after each change, not only at the handshake (issue 13, findings 2 and 3):
 * open sockets and /collab connections are re-decided by the central policies at once, and
 * receive nothing they may no longer see.
 */
import { io as ioClient } from 'socket.io-client';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { approveRepresentative, challengeInput } from '../../helpers/board';
import { TestClient } from '../../helpers/http';
import { startTestServer } from '../../helpers/server';
import { connectSocket, nextEvent, request, type ClientSocket } from '../../helpers/socket';
import { collabOf } from '../../../server/collab';
import { eventually, openProvider, workspaceFixture } from '../collab/fixture';

let server: Awaited<ReturnType<typeof startTestServer>>;
let f: Awaited<ReturnType<typeof workspaceFixture>>;

beforeAll(async () => {
  server = await startTestServer();
  f = await workspaceFixture(server.url);
});
afterAll(() => server?.stop());

/** Everything `socket` receives from now on (to assert that nothing arrives). */
function recorder(socket: ClientSocket) {
  const got: string[] = [];
  socket.onAny((event: string) => got.push(event));
  return got;
}
const settle = (ms = 1000) => new Promise((r) => setTimeout(r, ms));

describe('Socket.io refuses a foreign Origin like REST and /collab do', () => {
  it('refuses the handshake from another site, even with a valid cookie; accepts this host', async () => {
    const evil = ioClient(server.url, { transports: ['websocket'], extraHeaders: { cookie: f.lead.cookie, origin: 'http://evil.example' }, reconnection: false, forceNew: true });
    const outcome = await new Promise<string>((resolve) => {
      evil.once('session:ready', () => resolve('ready'));
      evil.once('connect_error', () => resolve('refused'));
    });
    evil.close();
    expect(outcome).toBe('refused');
    const own = ioClient(server.url, { transports: ['websocket'], extraHeaders: { cookie: f.lead.cookie, origin: server.url }, reconnection: false, forceNew: true });
    const ready = await new Promise<{ user: { id: string } | null }>((resolve, reject) => (own.once('session:ready', resolve), own.once('connect_error', reject)));
    expect(ready.user?.id).toBe(f.lead.id);
    own.close();
  });
});

describe('a change of rights re-decides every open socket', () => {
  it('after the admin moves a representative to another organisation, the old organisation’s private questions no longer reach them', async () => {
    const mover = new TestClient(server.url);
    const moverId = (await mover.register({ email: `mover${Date.now()}@example.com`, roles: ['representative'], organizationId: f.orgA })).id;
    await approveRepresentative(f.admin, moverId);
    const challengeId = (await f.rep.post('/api/challenges', challengeInput({ publish: true }))).body.data.id as string;
    const moverSocket = await connectSocket(server.url, mover.cookie);
    const stayerSocket = await connectSocket(server.url, f.rep.cookie);
    const updated = nextEvent(moverSocket, 'session:updated');
    expect((await f.admin.patch(`/api/users/${moverId}`, { organizationId: f.orgB })).status).toBe(200);
    expect((await updated).user).toMatchObject({ organizationId: f.orgB });
    const got = recorder(moverSocket);
    const stayerHears = nextEvent(stayerSocket, 'question:created');
    await f.outsider.post(`/api/challenges/${challengeId}/questions`, { text: '私下：预算多少？', visibility: 'private' });
    expect((await stayerHears).text).toBe('私下：预算多少？');
    await settle();
    expect(got.filter((e) => e.startsWith('question:'))).toEqual([]);
    moverSocket.disconnect();
    stayerSocket.disconnect();
  });

  it('when a challenge becomes alliance-only, outsiders who had it open are told it is gone and hear nothing more of it', async () => {
    const challengeId = (await f.rep.post('/api/challenges', challengeInput({ publish: true }))).body.data.id as string;
    const member = new TestClient(server.url);
    const memberId = (await member.register({ email: `member${Date.now()}@example.com` })).id;
    await f.admin.patch(`/api/users/${memberId}`, { organizationId: f.orgB });
    const sockets = { anon: await connectSocket(server.url), outsider: await connectSocket(server.url, f.outsider.cookie), member: await connectSocket(server.url, member.cookie) };
    for (const s of Object.values(sockets)) {
      await request(s, 'board:watch', {});
      expect((await request(s, 'challenge:watch', { id: challengeId })).data).toBeDefined();
    }
    const removed = [nextEvent(sockets.anon, 'challenge:removed'), nextEvent(sockets.outsider, 'challenge:removed')];
    const memberSees = nextEvent(sockets.member, 'challenge:updated');
    expect((await f.rep.patch(`/api/challenges/${challengeId}`, { visibility: 'members' })).status).toBe(200);
    for (const r of await Promise.all(removed)) expect(r.id).toBe(challengeId);
    expect((await memberSees).visibility).toBe('members');
    const anonGot = recorder(sockets.anon);
    const outsiderGot = recorder(sockets.outsider);
    const memberAsked = nextEvent(sockets.member, 'question:created');
    await f.rep.patch(`/api/challenges/${challengeId}`, { summary: '只对联盟成员开放的新的摘要文字。' });
    await member.post(`/api/challenges/${challengeId}/questions`, { text: '成员公开提问' });
    expect((await memberAsked).text).toBe('成员公开提问');
    await settle();
    expect(anonGot).toEqual([]);
    expect(outsiderGot).toEqual([]);
    for (const s of Object.values(sockets)) s.disconnect();
  });
});

describe('a change of rights closes open documents at once', () => {
  it('logout closes the member’s /collab connection (4401); its later edits never reach the team or the store', async () => {
    const lead = await openProvider(server.url, f.team.documentName, f.lead.cookie);
    const member = await openProvider(server.url, f.team.documentName, f.member.cookie);
    const closed = new Promise<number>((resolve) => member.provider.once('connection-close', (ev: { code: number } | null) => resolve(ev?.code ?? 0)));
    const memberCookie = f.member.cookie;
    expect((await f.member.post('/api/auth/logout')).status).toBe(204);
    expect(await closed).toBe(4401);
    member.doc.getText('t').insert(0, 'after-logout ');
    await settle();
    expect(lead.text()).not.toContain('after-logout');
    const stored = await collabOf(server.ctx).registry.use(f.team.documentName, (d) => d.doc.getText('t').toString());
    expect(stored).not.toContain('after-logout');
    member.provider.destroy();
    lead.provider.destroy();
    await f.member.login(f.member.email, 'correct-horse-1');
    expect(f.member.cookie).not.toBe(memberCookie);
  });

  it('a member removed by the lead is closed with 4403 before the reply, and an edit sent after reaches nobody', async () => {
    const extra = await f.expert();
    await extra.post(`/api/challenges/${f.challenge.id}/terms`);
    await extra.post(`/api/teams/${f.team.id}/requests`, {});
    await f.lead.post(`/api/teams/${f.team.id}/requests/${extra.id}`, { approve: true });
    const lead = await openProvider(server.url, f.team.documentName, f.lead.cookie);
    const removed = await openProvider(server.url, f.team.documentName, extra.cookie);
    let code = 0;
    removed.provider.once('connection-close', (ev: { code: number } | null) => (code = ev?.code ?? 0));
    expect((await f.lead.delete(`/api/teams/${f.team.id}/members/${extra.id}`)).status).toBe(200);
    await eventually(() => code !== 0, 1000, 'close');
    expect(code).toBe(4403);
    removed.doc.getText('t').insert(0, 'after-removal ');
    await settle();
    expect(lead.text()).not.toContain('after-removal');
    removed.provider.destroy();
    lead.provider.destroy();
  });
});
