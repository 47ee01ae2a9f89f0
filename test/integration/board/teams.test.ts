import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Team } from '../../../server/models/Team';
import { boardFixture, challengeInput } from '../../helpers/board';
import { startTestServer } from '../../helpers/server';
import { connectSocket, nextEvent, request } from '../../helpers/socket';

let server: Awaited<ReturnType<typeof startTestServer>>;
let f: Awaited<ReturnType<typeof boardFixture>>;
beforeAll(async () => {
  server = await startTestServer();
  f = await boardFixture(server.url);
});
afterAll(() => server?.stop());

const newChallenge = async (overrides = {}) => (await f.rep.post('/api/challenges', challengeInput(overrides))).body.data as { id: string };

describe('teams', () => {
  it('needs accepted terms, then lets an expert start and lead one team per challenge; the room sees it', async () => {
    const c = await newChallenge();
    const lead = await f.expert();
    expect((await lead.post(`/api/challenges/${c.id}/teams`, { name: '焊缝攻关组' })).body.error.details[0].code).toBe('terms_not_accepted');
    const accepted = await lead.post(`/api/challenges/${c.id}/terms`);
    expect(accepted.body.data).toMatchObject({ participantCount: 1, me: { acceptedTerms: true } });
    expect((await lead.post(`/api/challenges/${c.id}/terms`)).body.data.participantCount).toBe(1);

    const observer = await connectSocket(server.url);
    await request(observer, 'challenge:watch', { id: c.id });
    const announced = nextEvent(observer, 'team:created');
    const t = await lead.post(`/api/challenges/${c.id}/teams`, { name: '焊缝攻关组' });
    expect(t.status).toBe(201);
    expect(t.body.data).toMatchObject({ name: '焊缝攻关组', memberCount: 1, sizeLimit: 3, documentName: `team.${t.body.data.id}`, me: { lead: true } });
    expect((await announced).id).toBe(t.body.data.id);
    expect((await lead.post(`/api/challenges/${c.id}/teams`, { name: '第二个组' })).status).toBe(409);
    expect((await lead.get(`/api/challenges/${c.id}`)).body.data).toMatchObject({ teamCount: 1, me: { teamId: t.body.data.id } });
    expect((await f.rep.post(`/api/challenges/${c.id}/terms`)).status).toBe(403); // the owner's people do not compete
    observer.disconnect();
  });

  it('join request → lead notified live → approve / decline → requester notified', async () => {
    const c = await newChallenge();
    const lead = await f.expert();
    await lead.post(`/api/challenges/${c.id}/terms`);
    const team = (await lead.post(`/api/challenges/${c.id}/teams`, { name: '甲组' })).body.data;
    const leadSocket = await connectSocket(server.url, lead.cookie);
    const [a, b] = [await f.expert(), await f.expert()];
    for (const e of [a, b]) await e.post(`/api/challenges/${c.id}/terms`);
    const requested = nextEvent(leadSocket, 'notification:created');
    expect((await a.post(`/api/teams/${team.id}/requests`, { message: '我做过真空检测' })).body.data.me.requested).toBe(true);
    expect(await requested).toMatchObject({ kind: 'team.joinRequested', data: { teamId: team.id, text: '我做过真空检测' } });
    await b.post(`/api/teams/${team.id}/requests`, {});
    expect((await a.post(`/api/teams/${team.id}/requests`, {})).status).toBe(409);

    expect((await a.post(`/api/teams/${team.id}/requests/${b.id}`, { approve: true })).status).toBe(403);
    const aSocket = await connectSocket(server.url, a.cookie);
    const bSocket = await connectSocket(server.url, b.cookie);
    const approved = nextEvent(aSocket, 'notification:created');
    const declined = nextEvent(bSocket, 'notification:created');
    const r1 = await lead.post(`/api/teams/${team.id}/requests/${a.id}`, { approve: true });
    expect(r1.body.data.members.map((m: { id: string }) => m.id)).toEqual([lead.id, a.id]);
    await lead.post(`/api/teams/${team.id}/requests/${b.id}`, { approve: false, reason: '方向不同' });
    expect(await approved).toMatchObject({ kind: 'team.joinApproved' });
    expect(await declined).toMatchObject({ kind: 'team.joinDeclined', data: { text: '方向不同' } });
    const view = (await lead.get(`/api/teams/${team.id}`)).body.data;
    expect(view.requests).toEqual([]);
    expect((await a.get(`/api/teams/${team.id}`)).body.data.requests).toBeUndefined();
    for (const s of [leadSocket, aSocket, bSocket]) s.disconnect();
  });

  it('never exceeds the size limit when many approvals race', async () => {
    const c = await newChallenge({ teamSizeLimit: 3 });
    const lead = await f.expert();
    await lead.post(`/api/challenges/${c.id}/terms`);
    const team = (await lead.post(`/api/challenges/${c.id}/teams`, { name: '抢位组' })).body.data;
    const experts = await Promise.all(Array.from({ length: 8 }, () => f.expert()));
    for (const e of experts) {
      await e.post(`/api/challenges/${c.id}/terms`);
      await e.post(`/api/teams/${team.id}/requests`, {});
    }
    const results = await Promise.all(experts.map((e) => lead.post(`/api/teams/${team.id}/requests/${e.id}`, { approve: true })));
    expect(results.filter((r) => r.status === 200)).toHaveLength(2);
    expect(results.filter((r) => r.status === 409)).toHaveLength(6);
    const stored = await Team.findById(team.id).lean();
    expect(stored?.members).toHaveLength(3);
    expect(stored?.memberCount).toBe(3);
  });

  it('keeps an expert in one team per challenge even when two leads approve at once', async () => {
    const c = await newChallenge();
    const [l1, l2, x] = [await f.expert(), await f.expert(), await f.expert()];
    for (const e of [l1, l2, x]) await e.post(`/api/challenges/${c.id}/terms`);
    const t1 = (await l1.post(`/api/challenges/${c.id}/teams`, { name: '一组' })).body.data;
    const t2 = (await l2.post(`/api/challenges/${c.id}/teams`, { name: '二组' })).body.data;
    await x.post(`/api/teams/${t1.id}/requests`, {});
    await x.post(`/api/teams/${t2.id}/requests`, {});
    const [r1, r2] = await Promise.all([l1.post(`/api/teams/${t1.id}/requests/${x.id}`, { approve: true }), l2.post(`/api/teams/${t2.id}/requests/${x.id}`, { approve: true })]);
    expect([r1.status, r2.status].sort()).toEqual([200, 409]);
    const teams = await Team.find({ 'members.userId': x.id }).lean();
    expect(teams).toHaveLength(1);
  });

  it('hands the lead on when the lead leaves, lets the lead remove members, and disbands when empty', async () => {
    const c = await newChallenge();
    const [lead, m1, m2] = [await f.expert(), await f.expert(), await f.expert()];
    for (const e of [lead, m1, m2]) await e.post(`/api/challenges/${c.id}/terms`);
    const team = (await lead.post(`/api/challenges/${c.id}/teams`, { name: '轮换组' })).body.data;
    for (const m of [m1, m2]) {
      await m.post(`/api/teams/${team.id}/requests`, {});
      await lead.post(`/api/teams/${team.id}/requests/${m.id}`, { approve: true });
    }
    expect((await m1.delete(`/api/teams/${team.id}/members/${m2.id}`)).status).toBe(403);
    const left = await lead.post(`/api/teams/${team.id}/leave`);
    expect(left.body.data.lead.id).toBe(m1.id);
    const removed = await m1.delete(`/api/teams/${team.id}/members/${m2.id}`);
    expect(removed.body.data.members.map((m: { id: string }) => m.id)).toEqual([m1.id]);
    expect((await m1.post(`/api/teams/${team.id}/leave`)).status).toBe(200);
    expect((await m1.get(`/api/teams/${team.id}`)).status).toBe(404);
    expect((await m1.get(`/api/challenges/${c.id}`)).body.data.teamCount).toBe(0);
    // the former members are free to start again
    expect((await m2.post(`/api/challenges/${c.id}/teams`, { name: '重新开始' })).status).toBe(201);
  });

  it('lists my teams for the workspaces page', async () => {
    const c = await newChallenge({ title: '我的团队难题' });
    const e = await f.expert();
    await e.post(`/api/challenges/${c.id}/terms`);
    await e.post(`/api/challenges/${c.id}/teams`, { name: '我的组' });
    const mine = (await e.get('/api/teams/mine')).body.data;
    expect(mine).toEqual([expect.objectContaining({ name: '我的组', challengeTitle: '我的团队难题', me: expect.objectContaining({ lead: true }) })]);
  });

  it('lets the organisation invite a named expert, who is notified; others cannot invite', async () => {
    const c = await newChallenge();
    const e = await f.expert();
    const s = await connectSocket(server.url, e.cookie);
    const invited = nextEvent(s, 'notification:created');
    expect((await f.rep.post(`/api/challenges/${c.id}/invites`, { email: e.email })).status).toBe(201);
    expect(await invited).toMatchObject({ kind: 'challenge.invited', data: { challengeId: c.id } });
    expect((await e.get(`/api/challenges/${c.id}`)).body.data.me.invited).toBe(true);
    expect((await e.post(`/api/challenges/${c.id}/invites`, { email: e.email })).status).toBe(403);
    expect((await f.rep.post(`/api/challenges/${c.id}/invites`, { email: 'nobody@example.com' })).status).toBe(400);
    s.disconnect();
  });
});
