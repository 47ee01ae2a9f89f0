import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { TestClient } from '../../helpers/http';
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

async function watchingBoard(cookie = '') {
  const s = await connectSocket(server.url, cookie);
  expect((await request(s, 'board:watch', {})).data).toEqual({ watching: true });
  return s;
}

describe('posting challenges', () => {
  it('a representative posts one and an open board sees it live (actor and observer)', async () => {
    const expert = await f.expert();
    const observer = await watchingBoard(expert.cookie);
    const created = nextEvent(observer, 'challenge:created');
    const r = await f.rep.post('/api/challenges', challengeInput());
    expect(r.status).toBe(201);
    expect(r.body.data).toMatchObject({ status: 'open', industry: '3381', me: { can: { edit: true, answer: true } } });
    const card = await created;
    expect(card).toMatchObject({ id: r.body.data.id, title: '真空保温杯焊缝漏气检测', teamCount: 0 });
    expect(card).not.toHaveProperty('description');
    observer.disconnect();
  });

  it('refuses experts and validates input', async () => {
    const expert = await f.expert();
    expect((await expert.post('/api/challenges', challengeInput())).status).toBe(403);
    expect((await new TestClient(server.url).post('/api/challenges', challengeInput())).status).toBe(401);
    const bad = await f.rep.post('/api/challenges', challengeInput({ industry: '9999', deadline: '2001-01-01', reward: { amount: null, description: '' } }));
    expect(bad.status).toBe(400);
    const codes = Object.fromEntries(bad.body.error.details.map((d: { path: string[]; code: string }) => [d.path.join('.'), d.code]));
    // the schema's own rules carry machine codes the client translates
    expect(codes).toMatchObject({ deadline: 'deadline_past', 'reward.amount': 'reward_missing' });
    expect(codes).toHaveProperty('industry');
  });

  it('sanitises the rich description', async () => {
    const r = await f.rep.post('/api/challenges', challengeInput({ description: '<p onclick="x()">hi<script>alert(1)</script><a href="javascript:alert(1)">bad</a><a href="https://ok.example">ok</a><img src="http://x/a.png"></p>' }));
    const html: string = r.body.data.description;
    expect(html).not.toMatch(/script|onclick|javascript:|http:\/\/x/);
    expect(html).toContain('href="https://ok.example"');
    expect(html).toContain('rel="noopener noreferrer nofollow"');
  });

  it('keeps drafts to the organisation until published, then announces them', async () => {
    const draft = (await f.rep.post('/api/challenges', challengeInput({ publish: false, title: '草稿难题 draft' }))).body.data;
    expect(draft.status).toBe('draft');
    const expert = await f.expert();
    expect((await expert.get(`/api/challenges/${draft.id}`)).status).toBe(404);
    expect((await expert.get('/api/challenges?q=草稿难题')).body.data.total).toBe(0);
    expect((await f.rep.get('/api/challenges?mine=true&q=草稿难题')).body.data.total).toBe(1);
    const observer = await watchingBoard(expert.cookie);
    const created = nextEvent(observer, 'challenge:created');
    expect((await f.otherRep.post(`/api/challenges/${draft.id}/transition`, { to: 'open' })).status).toBe(404);
    const opened = await f.rep.post(`/api/challenges/${draft.id}/transition`, { to: 'open' });
    expect(opened.body.data.status).toBe('open');
    expect((await created).id).toBe(draft.id);
    expect((await f.rep.post(`/api/challenges/${draft.id}/transition`, { to: 'open' })).status).toBe(409);
    observer.disconnect();
  });
});

describe('alliance-only challenges', () => {
  it('are invisible to outsiders in lists, search, URL and socket rooms, and visible to members', async () => {
    const outsider = await f.expert();
    const outsiderBoard = await watchingBoard(outsider.cookie);
    const memberBoard = await watchingBoard(f.otherRep.cookie);
    let leaked = false;
    outsiderBoard.on('challenge:created', (c) => {
      if (c.title.includes('联盟内部')) leaked = true;
    });
    const seen = nextEvent(memberBoard, 'challenge:created');
    const r = await f.rep.post('/api/challenges', challengeInput({ visibility: 'members', title: '联盟内部难题' }));
    expect((await seen).visibility).toBe('members');
    const id = r.body.data.id;
    expect((await outsider.get(`/api/challenges/${id}`)).status).toBe(404);
    expect((await outsider.get('/api/challenges?q=联盟内部')).body.data.total).toBe(0);
    expect((await new TestClient(server.url).get(`/api/challenges/${id}/questions`)).status).toBe(404);
    expect((await request(outsiderBoard, 'challenge:watch', { id })).error?.code).toBe('not_found');
    expect((await f.otherRep.get('/api/challenges?q=联盟内部')).body.data.total).toBe(1);
    expect((await request(memberBoard, 'challenge:watch', { id })).data).toEqual({ viewers: 1 });
    await new Promise((r) => setTimeout(r, 200));
    expect(leaked).toBe(false);
    outsiderBoard.disconnect();
    memberBoard.disconnect();
  });
});

describe('editing', () => {
  it('records edits of an open challenge as updates, broadcasts and notifies participants', async () => {
    const c = (await f.rep.post('/api/challenges', challengeInput({ title: '可编辑难题' }))).body.data;
    const expert = await f.expert();
    await expert.post(`/api/challenges/${c.id}/terms`);
    const expertSocket = await connectSocket(server.url, expert.cookie);
    const board = await watchingBoard();
    const notified = nextEvent(expertSocket, 'notification:created');
    const updated = nextEvent(board, 'challenge:updated');
    const r = await f.rep.patch(`/api/challenges/${c.id}`, { reward: { amount: 80000, description: '另加样机费用' }, note: '提高奖金' });
    expect(r.status).toBe(200);
    expect(r.body.data.updates).toEqual([expect.objectContaining({ fields: ['reward'], note: '提高奖金', byName: '应维湖' })]);
    expect((await updated).reward.amount).toBe(80000);
    expect(await notified).toMatchObject({ kind: 'challenge.updated', data: { challengeId: c.id } });
    expect((await f.otherRep.patch(`/api/challenges/${c.id}`, { title: '别人改的标题' })).status).toBe(403);
    expect((await expert.patch(`/api/challenges/${c.id}`, { title: '专家改的标题' })).status).toBe(403);
    expertSocket.disconnect();
    board.disconnect();
  });

  it('closes a challenge and refuses further edits', async () => {
    const c = (await f.rep.post('/api/challenges', challengeInput())).body.data;
    expect((await f.rep.post(`/api/challenges/${c.id}/transition`, { to: 'closed' })).body.data.status).toBe('closed');
    expect((await f.rep.patch(`/api/challenges/${c.id}`, { title: '关闭后再改' })).status).toBe(409);
  });
});

describe('viewers', () => {
  it('counts people on a challenge page live, once per person', async () => {
    const c = (await f.rep.post('/api/challenges', challengeInput())).body.data;
    const board = await watchingBoard();
    const e1 = await f.expert();
    const a = await connectSocket(server.url, e1.cookie);
    const b = await connectSocket(server.url, e1.cookie); // same person, second tab
    const anon = await connectSocket(server.url);
    const counts: number[] = [];
    board.on('challenge:viewers', (p) => p.id === c.id && counts.push(p.viewers));
    await request(a, 'challenge:watch', { id: c.id });
    await request(b, 'challenge:watch', { id: c.id });
    expect((await request(anon, 'challenge:watch', { id: c.id })).data).toEqual({ viewers: 2 });
    await new Promise((r) => setTimeout(r, 400));
    expect(counts.at(-1)).toBe(2);
    anon.disconnect();
    a.disconnect();
    await new Promise((r) => setTimeout(r, 400));
    expect(counts.at(-1)).toBe(1);
    expect((await new TestClient(server.url).get(`/api/challenges/${c.id}`)).body.data.viewers).toBe(1);
    b.disconnect();
    board.disconnect();
  });
});
