import * as Y from 'yjs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DocUpdate } from '../../../server/models/DocUpdate';
import { startTestServer } from '../../helpers/server';
import { connectSocket, nextEvent, request } from '../../helpers/socket';
import { eventually, openProvider, workspaceFixture } from '../collab/fixture';

let server: Awaited<ReturnType<typeof startTestServer>>;
let f: Awaited<ReturnType<typeof workspaceFixture>>;
beforeAll(async () => {
  server = await startTestServer();
  f = await workspaceFixture(server.url);
});
afterAll(() => server?.stop());

/** Writes Tiptap-shaped content (what the editor would) into a provider's document. */
function write(doc: Y.Doc, heading: string, body: string) {
  const frag = doc.getXmlFragment('default');
  doc.transact(() => {
    frag.delete(0, frag.length);
    const h = new Y.XmlElement('heading');
    h.setAttribute('level', 2 as unknown as string);
    h.insert(0, [new Y.XmlText(heading)]);
    const p = new Y.XmlElement('paragraph');
    const t = new Y.XmlText();
    p.insert(0, [t]);
    frag.insert(0, [h, p]);
    t.insert(0, body);
    t.insert(t.length, ' 粗体', { bold: {} });
    t.insert(t.length, ' bad', { link: { href: 'javascript:alert(1)' } });
    t.insert(t.length, ' good', { link: { href: 'https://example.com/a?b=1' } });
  });
}

describe('workspaces: versions', () => {
  it('members see the workspace; others get 404', async () => {
    const w = await f.member.get(`/api/workspaces/${f.team.id}`);
    expect(w.status).toBe(200);
    expect(w.body.data).toMatchObject({ teamId: f.team.id, documentName: f.team.documentName, me: { lead: false, can: { edit: true, submit: false } } });
    expect((await f.lead.get(`/api/workspaces/${f.team.id}`)).body.data.me.can).toEqual({ edit: true, submit: true });
    for (const c of [f.rival, f.rep, f.outsider]) expect((await c.get(`/api/workspaces/${f.team.id}`)).status).toBe(404);
    expect((await f.lead.get('/api/workspaces')).body.data.map((x: { teamId: string }) => x.teamId)).toContain(f.team.id);
  });

  it('saves, lists, shows read-only and restores a version as a forward edit seen live', async () => {
    const a = await openProvider(server.url, f.team.documentName, f.lead.cookie);
    write(a.doc, '第一版', '最初的方案');
    await new Promise((r) => setTimeout(r, 250));
    const memberSocket = await connectSocket(server.url, f.member.cookie);
    const announced = nextEvent(memberSocket, 'version:created');
    const v1 = await f.lead.post(`/api/workspaces/${f.team.id}/versions`, { name: '初稿' });
    expect(v1.status).toBe(201);
    expect(await announced).toMatchObject({ id: v1.body.data.id, name: '初稿', author: { id: f.lead.id } });
    expect((await f.lead.post(`/api/workspaces/${f.team.id}/versions`, { name: '' })).status).toBe(400);

    write(a.doc, '第二版', '改过的方案');
    await new Promise((r) => setTimeout(r, 250));
    await f.member.post(`/api/workspaces/${f.team.id}/versions`, { name: '二稿' });
    const list = (await f.member.get(`/api/workspaces/${f.team.id}/versions`)).body.data;
    expect(list.map((v: { name: string }) => v.name)).toEqual(['二稿', '初稿']);
    expect(list[0].html).toBeUndefined();

    const view = (await f.member.get(`/api/workspaces/${f.team.id}/versions/${v1.body.data.id}`)).body.data;
    expect(view.html).toContain('<h2>第一版</h2>');
    expect(view.html).toContain('<strong> 粗体</strong>');
    expect(view.html).toContain('href="https://example.com/a?b=1"');
    expect(view.html).not.toContain('javascript:');
    expect((await f.rival.get(`/api/workspaces/${f.team.id}/versions/${v1.body.data.id}`)).status).toBe(404);

    const stored = await DocUpdate.countDocuments({ doc: f.team.documentName });
    const restored = await f.member.post(`/api/workspaces/${f.team.id}/versions/${v1.body.data.id}/restore`);
    expect(restored.status).toBe(200);
    await eventually(() => a.doc.getXmlFragment('default').toString().includes('第一版'), 5000, 'restore seen live');
    expect(a.doc.getXmlFragment('default').toString()).not.toContain('第二版');
    await eventually(async () => (await DocUpdate.countDocuments({ doc: f.team.documentName })) > stored || stored === 0, 3000, 'restore appended');
    a.provider.destroy();
    memberSocket.disconnect();
  });
});

describe('submissions, review and award', () => {
  it('lead submits; the organisation sees it live; others cannot; resubmission keeps history', async () => {
    const versions = (await f.lead.get(`/api/workspaces/${f.team.id}/versions`)).body.data as { id: string }[];
    const repSocket = await connectSocket(server.url, f.rep.cookie);
    expect((await f.member.post(`/api/workspaces/${f.team.id}/submissions`, { versionId: versions[1]!.id })).status).toBe(403);
    const received = nextEvent(repSocket, 'submission:created');
    const s1 = await f.lead.post(`/api/workspaces/${f.team.id}/submissions`, { versionId: versions[1]!.id, note: '请审阅' });
    expect(s1.status).toBe(201);
    expect(s1.body.data).toMatchObject({ round: 1, latest: true, status: 'pending', versionName: '初稿', me: { review: false } });
    const live = await received;
    expect(live).toMatchObject({ id: s1.body.data.id, me: { review: true } });
    expect(live.html).toContain('<p>'); // the organisation's review page shows the body without a reload (issue 9, item 4)

    const s2 = await f.lead.post(`/api/workspaces/${f.team.id}/submissions`, { versionId: versions[0]!.id });
    expect(s2.body.data.round).toBe(2);
    const history = (await f.member.get(`/api/workspaces/${f.team.id}/submissions`)).body.data;
    expect(history.map((s: { round: number; latest: boolean }) => [s.round, s.latest])).toEqual([[2, true], [1, false]]);

    const orgList = await f.rep.get(`/api/challenges/${f.challenge.id}/submissions`);
    expect(orgList.status).toBe(200);
    expect(orgList.body.data).toHaveLength(2);
    expect(orgList.body.data[0].html).toContain('第二版');
    expect((await f.otherRep.get(`/api/challenges/${f.challenge.id}/submissions`)).status).toBe(403);
    expect((await f.rival.get(`/api/submissions/${s1.body.data.id}`)).status).toBe(404);
    expect((await f.rep.get(`/api/submissions/${s1.body.data.id}`)).body.data.html).toContain('第一版');

    const md = await f.rep.get(`/api/submissions/${s1.body.data.id}/export/md`);
    expect(md.headers.get('content-type')).toMatch(/markdown/);
    expect(md.body).toContain('## 第一版');
    expect(md.body).toContain('[ good](https://example.com/a?b=1)');
    const html = await f.rep.get(`/api/submissions/${s1.body.data.id}/export/html`);
    expect(html.body).toMatch(/<!doctype html>[\s\S]*@page[\s\S]*<h2>第一版<\/h2>/);
    repSocket.disconnect();
  });

  it('a decline needs a reason; accepting marks the challenge solved live and credits the team', async () => {
    const empty = await f.rival.post(`/api/workspaces/${f.rivalTeam.id}/versions`, { name: '空白' });
    expect((await f.rival.post(`/api/workspaces/${f.rivalTeam.id}/submissions`, { versionId: empty.body.data.id })).body.error.details[0].code).toBe('empty_version');
    const r = await openProvider(server.url, f.rivalTeam.documentName, f.rival.cookie);
    write(r.doc, '乙组', '另一种方案');
    await new Promise((res) => setTimeout(res, 250));
    r.provider.destroy();
    const rivalVersion = await f.rival.post(`/api/workspaces/${f.rivalTeam.id}/versions`, { name: '乙组稿' });
    const rsr = await f.rival.post(`/api/workspaces/${f.rivalTeam.id}/submissions`, { versionId: rivalVersion.body.data.id });
    expect(rsr.body).toMatchObject({ data: { round: 1 } });
    const rs = rsr.body.data;
    const [latest] = (await f.lead.get(`/api/workspaces/${f.team.id}/submissions`)).body.data as { id: string }[];

    const noReason = await f.rep.post(`/api/submissions/${rs.id}/review`, { score: 40, decision: 'declined' });
    expect(noReason.status).toBe(400);
    expect(noReason.body.error.details).toEqual([expect.objectContaining({ path: ['reason'], code: 'reason_required' })]);
    expect((await f.lead.post(`/api/submissions/${latest!.id}/review`, { score: 99, decision: 'accepted' })).status).toBe(403);
    const rivalSocket = await connectSocket(server.url, f.rival.cookie);
    const declinedNote = nextEvent(rivalSocket, 'notification:created');
    const declined = await f.rep.post(`/api/submissions/${rs.id}/review`, { score: 40, comment: '思路可以', decision: 'declined', reason: '成本过高' });
    expect(declined.body.data).toMatchObject({ status: 'declined', review: { score: 40, reason: '成本过高' } });
    expect(await declinedNote).toMatchObject({ kind: 'submission.reviewed', data: { text: '成本过高' } });

    const board = await connectSocket(server.url);
    await request(board, 'board:watch', {});
    const leadSocket = await connectSocket(server.url, f.lead.cookie);
    const solvedLive = nextEvent(board, 'challenge:updated');
    const reviewedLive = nextEvent(leadSocket, 'submission:reviewed');
    const accepted = await f.rep.post(`/api/submissions/${latest!.id}/review`, { score: 92, comment: '采纳', decision: 'accepted' });
    expect(accepted.status).toBe(200);
    expect(await solvedLive).toMatchObject({ id: f.challenge.id, status: 'solved' });
    expect(await reviewedLive).toMatchObject({ id: latest!.id, status: 'accepted' });
    expect((await f.rep.post(`/api/submissions/${latest!.id}/review`, { score: 10, decision: 'declined', reason: '反悔了' })).status).toBe(409);

    const me = (await f.member.get('/api/me')).body.data;
    expect(me.credits).toEqual([expect.objectContaining({ challengeId: f.challenge.id, title: f.challenge.title })]);
    expect((await f.rival.get('/api/me')).body.data.credits).toEqual([]);
    expect((await f.lead.post(`/api/workspaces/${f.team.id}/submissions`, { versionId: rivalVersion.body.data.id })).status).toBe(404);
    for (const s of [rivalSocket, board, leadSocket]) s.disconnect();
  });
});
