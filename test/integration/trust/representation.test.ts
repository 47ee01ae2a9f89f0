/**
 * Acting for a company needs approval (issue 13, finding 1): a self-registered "representative"
 * gets none of the organisation's rights until an approved representative or the admin approves;
 * approvers are told live; a refusal carries its reason; invites approve at registration.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { rooms } from '../../../shared/events';
import { approveRepresentative, boardFixture, challengeInput } from '../../helpers/board';
import { TestClient } from '../../helpers/http';
import { startTestServer } from '../../helpers/server';
import { connectSocket, nextEvent } from '../../helpers/socket';

let server: Awaited<ReturnType<typeof startTestServer>>;
let f: Awaited<ReturnType<typeof boardFixture>>;
let challengeId: string;
let n = 0;
const email = (p: string) => `${p}${n++}-${Date.now().toString(36)}@example.com`;

beforeAll(async () => {
  server = await startTestServer();
  f = await boardFixture(server.url);
  challengeId = (await f.rep.post('/api/challenges', challengeInput({ publish: true }))).body.data.id;
});
afterAll(() => server?.stop());

async function registerRep(organizationId: string) {
  const c = new TestClient(server.url);
  const r = await c.post('/api/auth/register', { email: email('claim'), password: 'correct-horse-1', name: '冒名者', roles: ['representative'], organizationId });
  return Object.assign(c, { status: r.status, me: r.body.data });
}

describe('representing an organisation needs approval', () => {
  it('gives a self-registered representative none of the organisation’s rights while pending', async () => {
    const expert = await f.expert();
    await expert.post(`/api/challenges/${challengeId}/questions`, { text: '私下问：预算上限？', visibility: 'private' });
    const claimant = await registerRep(f.orgA);
    expect(claimant.status).toBe(201);
    expect(claimant.me).toMatchObject({ organizationId: null, abilities: { postChallenges: false }, representation: { status: 'pending', organizationId: f.orgA } });
    expect(claimant.me.roles).not.toContain('representative');
    // private questions, editing, answering, reviewing, posting: all refused
    const questions = (await claimant.get(`/api/challenges/${challengeId}/questions`)).body.data as { text: string }[];
    expect(questions.map((q) => q.text)).not.toContain('私下问：预算上限？');
    const tries = await Promise.all([
      claimant.patch(`/api/challenges/${challengeId}`, { title: '这个标题被冒名者改掉了' }),
      claimant.post('/api/challenges', challengeInput()),
      claimant.get(`/api/challenges/${challengeId}/submissions`),
    ]);
    expect(tries.map((t) => t.status)).toEqual([403, 403, 403]);
    // and no room of the organisation
    const socket = await connectSocket(server.url, claimant.cookie);
    const inOrgRoom = await server.io.in(rooms.organization(f.orgA)).fetchSockets();
    expect(inOrgRoom.map((s) => s.id)).not.toContain(socket.id);
    socket.disconnect();
  });

  it('tells the organisation’s approvers live; a representative approves and the account gains the rights at once, on its open socket too', async () => {
    const repSocket = await connectSocket(server.url, f.rep.cookie);
    const told = nextEvent(repSocket, 'notification:created');
    const claimant = await registerRep(f.orgA);
    expect(await told).toMatchObject({ kind: 'representation.requested', data: { actorName: '冒名者' } });
    const own = await connectSocket(server.url, claimant.cookie);
    const updated = nextEvent(own, 'session:updated');
    const approvedNote = nextEvent(own, 'notification:created');
    // another company's representative may not decide, the claimant may not approve itself
    const queue = (await f.rep.get('/api/representation/requests')).body.data as { id: string; user: { id: string } }[];
    const req = queue.find((r) => r.user.id === claimant.me.id)!;
    expect((await f.otherRep.post(`/api/representation/requests/${req.id}/decision`, { approve: true })).status).toBe(404);
    expect((await claimant.post(`/api/representation/requests/${req.id}/decision`, { approve: true })).status).toBe(404);
    await approveRepresentative(f.rep, claimant.me.id);
    expect((await updated).user).toMatchObject({ organizationId: f.orgA, abilities: { postChallenges: true } });
    expect(await approvedNote).toMatchObject({ kind: 'representation.approved' });
    const inOrgRoom = await server.io.in(rooms.organization(f.orgA)).fetchSockets();
    expect(inOrgRoom.map((s) => s.id)).toContain(own.id);
    expect((await claimant.post('/api/challenges', challengeInput())).status).toBe(201);
    own.disconnect();
    repSocket.disconnect();
  });

  it('leaves an organisation’s first representative to the admin, who rejects with a reason', async () => {
    const fresh = (await f.admin.post('/api/organizations', { name: `新公司-${n++}`, industry: '3381' })).body.data.id as string;
    const adminSocket = await connectSocket(server.url, f.admin.cookie);
    const told = nextEvent(adminSocket, 'notification:created');
    const claimant = await registerRep(fresh);
    expect(await told).toMatchObject({ kind: 'representation.requested' });
    const pending = (await f.admin.get('/api/representation/requests?status=pending')).body.data as { id: string; user: { id: string } }[];
    const req = pending.find((r) => r.user.id === claimant.me.id)!;
    const noReason = await f.admin.post(`/api/representation/requests/${req.id}/decision`, { approve: false });
    expect(noReason.status).toBe(400);
    expect(noReason.body.error.details[0]).toMatchObject({ path: ['reason'], code: 'reason_required' });
    expect((await f.admin.post(`/api/representation/requests/${req.id}/decision`, { approve: false, reason: '无法核实身份' })).status).toBe(200);
    expect((await claimant.get('/api/me')).body.data).toMatchObject({ organizationId: null, representation: { status: 'rejected', reason: '无法核实身份' } });
    expect((await f.admin.post(`/api/representation/requests/${req.id}/decision`, { approve: true })).status).toBe(409);
    adminSocket.disconnect();
  });

  it('lets an approved representative invite a colleague by e-mail, approved when that e-mail registers', async () => {
    const address = email('colleague');
    expect((await (await f.expert()).post('/api/representation/invites', { email: address })).status).toBe(403);
    expect((await f.rep.post('/api/representation/invites', { email: address })).status).toBe(201);
    const colleague = new TestClient(server.url);
    const me = (await colleague.post('/api/auth/register', { email: address, password: 'correct-horse-1', name: '同事', roles: ['expert'] })).body.data;
    expect(me).toMatchObject({ organizationId: f.orgA, abilities: { postChallenges: true }, representation: null });
    expect(me.roles).toContain('representative');
  });

  it('accepts an invite when an existing account logs in', async () => {
    const existing = await f.expert();
    expect((await f.rep.post('/api/representation/invites', { email: existing.email })).status).toBe(201);
    const again = new TestClient(server.url);
    const me = await again.login(existing.email, 'correct-horse-1');
    expect(me).toMatchObject({ organizationId: f.orgA, abilities: { postChallenges: true } });
  });
});
