import WebSocket from 'ws';
import * as Y from 'yjs';
import * as encoding from 'lib0/encoding';
import { Awareness, encodeAwarenessUpdate } from 'y-protocols/awareness';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { collabOf } from '../../../server/collab';
import { startTestServer } from '../../helpers/server';
import { closeCodeOf, collabUrl, eventually, openProvider, workspaceFixture } from './fixture';

let server: Awaited<ReturnType<typeof startTestServer>>;
let f: Awaited<ReturnType<typeof workspaceFixture>>;
beforeAll(async () => {
  server = await startTestServer();
  f = await workspaceFixture(server.url);
});
afterAll(() => server?.stop());

describe('collab endpoint', () => {
  it('two y-websocket clients of the team converge through the server', async () => {
    const a = await openProvider(server.url, f.team.documentName, f.lead.cookie);
    const b = await openProvider(server.url, f.team.documentName, f.member.cookie);
    a.doc.getText('t').insert(0, 'hello ');
    b.doc.getText('t').insert(0, 'world ');
    await eventually(() => a.text() === b.text() && a.text().length === 12, 5000, 'convergence');
    expect(a.text()).toContain('hello');
    expect(a.text()).toContain('world');
    a.provider.destroy();
    b.provider.destroy();
  });

  it('allows members; refuses the rival team (4403), the organisation (4403), the admin (4403: a private workspace), outsiders (4403), anonymous (4401)', async () => {
    await expect(openProvider(server.url, f.team.documentName, f.member.cookie).then((p) => (p.provider.destroy(), 'ok'))).resolves.toBe('ok');
    expect(await closeCodeOf(server.url, f.team.documentName, f.rival.cookie)).toBe(4403);
    expect(await closeCodeOf(server.url, f.team.documentName, f.rep.cookie)).toBe(4403);
    expect(await closeCodeOf(server.url, f.team.documentName, f.admin.cookie)).toBe(4403);
    expect(await closeCodeOf(server.url, f.team.documentName, f.outsider.cookie)).toBe(4403);
    expect(await closeCodeOf(server.url, f.team.documentName, '')).toBe(4401);
    expect(await closeCodeOf(server.url, f.rivalTeam.documentName, f.lead.cookie)).toBe(4403);
    await expect(openProvider(server.url, f.team.documentName, f.rival.cookie)).rejects.toMatchObject({ code: 4403 });
  });

  it('refuses malformed and unknown document names and cross-origin pages', async () => {
    expect(await closeCodeOf(server.url, 'team.zzz', f.lead.cookie)).toBe(4400);
    expect(await closeCodeOf(server.url, '%E0%A4%A', f.lead.cookie)).toBe(4400);
    expect(await closeCodeOf(server.url, `team.${'0'.repeat(24)}`, f.lead.cookie)).toBe(4404);
    expect(await closeCodeOf(server.url, f.team.documentName, f.lead.cookie, { origin: 'https://evil.example' })).toBe(4403);
    const res = await fetch(`${server.url}/api/health`);
    expect(res.status).toBe(200);
  });

  it('stamps presence with the authenticated name and colour, ignoring what the client claims', async () => {
    const a = await openProvider(server.url, f.team.documentName, f.lead.cookie);
    const b = await openProvider(server.url, f.team.documentName, f.member.cookie);
    b.provider.awareness.setLocalStateField('user', { name: '冒充的组长', color: 'red', id: f.lead.id });
    await eventually(() => (a.provider.awareness.getStates().get(b.doc.clientID) as { user?: unknown } | undefined)?.user !== undefined);
    const seen = a.provider.awareness.getStates().get(b.doc.clientID) as { user: { id: string; name: string; color: string } };
    expect(seen.user.id).toBe(f.member.id);
    expect(seen.user.name).not.toBe('冒充的组长');
    expect(seen.user.color).toMatch(/^#[0-9a-f]{6}$/);
    b.provider.destroy();
    await eventually(() => !a.provider.awareness.getStates().has(b.doc.clientID), 5000, 'presence removed on disconnect');
    a.provider.destroy();
  });

  it("refuses presence for another user's Yjs client id", async () => {
    const a = await openProvider(server.url, f.team.documentName, f.lead.cookie);
    const b = await openProvider(server.url, f.team.documentName, f.member.cookie);
    a.provider.awareness.setLocalStateField('cursor', { at: 1 });
    await eventually(() => b.provider.awareness.getStates().has(a.doc.clientID), 5000, 'a present');
    const forged = new Y.Doc();
    forged.clientID = a.doc.clientID;
    const aw = new Awareness(forged);
    for (let i = 0; i < 50; i++) aw.setLocalState({ cursor: null, n: i }); // a clock far ahead of a's
    const e = encoding.createEncoder();
    encoding.writeVarUint(e, 1);
    encoding.writeVarUint8Array(e, encodeAwarenessUpdate(aw, [forged.clientID]));
    b.provider.ws!.send(encoding.toUint8Array(e));
    await new Promise((r) => setTimeout(r, 300));
    const seen = b.provider.awareness.getStates().get(a.doc.clientID) as { user: { id: string }; n?: number };
    expect(seen.user.id).toBe(f.lead.id);
    expect(seen.n).toBeUndefined();
    aw.destroy();
    a.provider.destroy();
    b.provider.destroy();
  });

  it('stamps comment authors from the session', async () => {
    const a = await openProvider(server.url, f.team.documentName, f.member.cookie);
    const thread = new Y.Map<unknown>();
    a.doc.transact(() => {
      a.doc.getMap('comments').set('c1', thread);
      thread.set('authorId', f.lead.id);
      thread.set('authorName', 'someone else');
      thread.set('replies', new Y.Map());
    });
    await eventually(() => thread.get('authorId') === f.member.id, 5000, 'stamped thread');
    (thread.get('replies') as Y.Map<unknown>).set('r1', { id: 'r1', text: 'hi', authorId: 'x', authorName: 'x', createdAt: '' });
    await eventually(() => ((thread.get('replies') as Y.Map<{ authorId: string }>).get('r1')?.authorId ?? '') === f.member.id, 5000, 'stamped reply');
    a.provider.destroy();
  });

  it('closes the connection of a member who was removed from the team (4403)', async () => {
    const extra = await f.expert();
    await extra.post(`/api/challenges/${f.challenge.id}/terms`);
    await extra.post(`/api/teams/${f.team.id}/requests`, {});
    await f.lead.post(`/api/teams/${f.team.id}/requests/${extra.id}`, { approve: true });
    const e = await openProvider(server.url, f.team.documentName, extra.cookie);
    const closed = new Promise<number>((resolve) => e.provider.once('closed', (ev: { code: number }) => resolve(ev.code)));
    await collabOf(server.ctx).revalidate();
    expect(e.provider.wsconnected).toBe(true); // still a member: untouched
    expect((await f.lead.delete(`/api/teams/${f.team.id}/members/${extra.id}`)).status).toBe(200);
    await collabOf(server.ctx).revalidate();
    expect(await closed).toBe(4403);
    e.provider.destroy();
  });

  it('a document leaves memory after it idles, and loads again intact', async () => {
    const collab = collabOf(server.ctx);
    collab.registry.idleMs = 300;
    const a = await openProvider(server.url, f.team.documentName, f.lead.cookie);
    a.doc.getText('t').insert(0, 'idle-test ');
    await eventually(() => collab.registry.loadedNames().includes(f.team.documentName));
    a.provider.destroy();
    await eventually(() => !collab.registry.loadedNames().includes(f.team.documentName), 5000, 'unload');
    const b = await openProvider(server.url, f.team.documentName, f.member.cookie);
    expect(b.text()).toContain('idle-test');
    b.provider.destroy();
    collab.registry.idleMs = 30_000;
  });

  it('serves WebSocket only on /collab/ and refuses other upgrade paths', async () => {
    const code = await new Promise<string>((resolve) => {
      const ws = new WebSocket(`${collabUrl(server.url).replace('/collab', '/nope')}/x`);
      ws.on('error', (e) => resolve(e.message));
    });
    expect(code).toMatch(/404/);
  });
});
