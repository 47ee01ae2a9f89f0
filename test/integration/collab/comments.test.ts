/**
 * Comment authorship inside a team (issue 13, finding 4): two real y-websocket clients of two
 * members write threads and replies the way client/components/workspace/comments.ts does; the
 * server keeps each member's changes to their own comments, lets anyone resolve, and reverts the
 * rest. Every check reads the thread on both clients, in the server's live document and in what
 * was stored (flushed, then loaded back from the database).
 */
import * as Y from 'yjs';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { collabOf, type Collab } from '../../../server/collab';
import { applyLoaded, loadState } from '../../../server/collab/store';
import { COMMENTS_FIELD } from '../../../shared/schemas/workspace';
import { startTestServer } from '../../helpers/server';
import { eventually, openProvider, workspaceFixture, type Expert } from './fixture';

let server: Awaited<ReturnType<typeof startTestServer>>;
let f: Awaited<ReturnType<typeof workspaceFixture>>;
let collab: Collab;
let open: Awaited<ReturnType<typeof openProvider>>[] = [];
beforeAll(async () => {
  server = await startTestServer();
  f = await workspaceFixture(server.url);
  collab = collabOf(server.ctx);
});
afterEach(() => {
  open.forEach((p) => p.provider.destroy());
  open = [];
});
afterAll(() => server?.stop());

const nameOf = (e: Expert) => e.email.split('@')[0]!;
const comments = (doc: Y.Doc) => doc.getMap<unknown>(COMMENTS_FIELD);
const thread = (doc: Y.Doc, id: string) => comments(doc).get(id) as Y.Map<unknown>;
const replies = (doc: Y.Doc, id: string) => thread(doc, id).get('replies') as Y.Map<Record<string, unknown>>;

/** A thread as client/components/workspace/comments.ts `addThread` writes it (author as claimed). */
function addThread(doc: Y.Doc, id: string, author: { id: string; name: string }, text: string, withReplies: Record<string, string> = {}): void {
  const th = new Y.Map<unknown>();
  doc.transact(() => {
    comments(doc).set(id, th);
    th.set('anchor', { start: 'AAA=', end: 'AAE=' });
    th.set('quote', '引用的文字');
    th.set('authorId', author.id);
    th.set('authorName', author.name);
    th.set('text', text);
    th.set('createdAt', new Date().toISOString());
    th.set('resolved', false);
    const rs = new Y.Map<unknown>();
    th.set('replies', rs);
    for (const [rid, rtext] of Object.entries(withReplies)) rs.set(rid, reply(rid, author, rtext));
  });
}
const reply = (id: string, author: { id: string; name: string }, text: string) => ({ id, authorId: author.id, authorName: author.name, text, createdAt: new Date().toISOString() });

/** Member A (the lead) and member B, each on a real y-websocket client. */
async function members() {
  const a = await openProvider(server.url, f.team.documentName, f.lead.cookie);
  const b = await openProvider(server.url, f.team.documentName, f.member.cookie);
  open.push(a, b);
  return { a: a.doc, b: b.doc, A: { id: f.lead.id, name: nameOf(f.lead) }, B: { id: f.member.id, name: nameOf(f.member) } };
}

/** JSON with sorted keys: two docs list map keys in the order each received them. */
const canonical = (v: unknown): unknown =>
  Array.isArray(v) ? v.map(canonical) : v && typeof v === 'object' ? Object.fromEntries(Object.entries(v).sort(([x], [y]) => x.localeCompare(y)).map(([k, x]) => [k, canonical(x)])) : v;
/** What a doc has seen (its state vector: deletions alone do not move it) and what its comments read. */
const stateOf = (doc: Y.Doc) => `${[...Y.decodeStateVector(Y.encodeStateVector(doc))].sort(([x], [y]) => x - y).join(';')} ${JSON.stringify(canonical(comments(doc).toJSON()))}`;

/** Waits until both clients hold the server's state, then returns the thread as seen everywhere. */
async function everywhere(a: Y.Doc, b: Y.Doc, id: string) {
  const live = (await collab.registry.open(f.team.documentName)).doc;
  await eventually(() => stateOf(a) === stateOf(live) && stateOf(b) === stateOf(live), 5000, 'clients and server converge');
  await collab.persistence.flush(f.team.documentName);
  const stored = new Y.Doc();
  applyLoaded(stored, await loadState(f.team.documentName), null);
  const view = (doc: Y.Doc) => (comments(doc).get(id) as Y.Map<unknown> | undefined)?.toJSON();
  const seen = { a: view(a), b: view(b), server: view(live), stored: view(stored) };
  stored.destroy();
  return seen;
}

/** Asserts that all four views agree and returns the one thread they agree on. */
async function agreed(a: Y.Doc, b: Y.Doc, id: string) {
  const seen = await everywhere(a, b, id);
  expect(seen.b).toEqual(seen.a);
  expect(seen.server).toEqual(seen.a);
  expect(seen.stored).toEqual(seen.a);
  return seen.a as Record<string, unknown> | undefined;
}

describe('comment authorship in a team document', () => {
  it("reverts B's edit of A's thread text on both clients, the server and storage", async () => {
    const { a, b, A } = await members();
    addThread(a, 't1', A, '原文');
    const before = await agreed(a, b, 't1');
    thread(b, 't1').set('text', '被篡改');
    expect(await agreed(a, b, 't1')).toEqual(before);
    expect(before).toMatchObject({ text: '原文', authorId: A.id });
  });

  it("reverts B rewriting the author of A's thread", async () => {
    const { a, b, A, B } = await members();
    addThread(a, 't2', A, '我的意见');
    const before = await agreed(a, b, 't2');
    b.transact(() => (thread(b, 't2').set('authorId', B.id), thread(b, 't2').set('authorName', B.name)));
    expect(await agreed(a, b, 't2')).toEqual(before);
    expect(before).toMatchObject({ authorId: A.id, authorName: A.name });
  });

  it("restores A's thread (with its replies) when B deletes or replaces it", async () => {
    const { a, b, A, B } = await members();
    addThread(a, 't3', A, '请勿删除', { ra: 'A 的补充' });
    await agreed(a, b, 't3');
    replies(b, 't3').set('rb', reply('rb', B, 'B 的回复'));
    const before = await agreed(a, b, 't3');
    comments(b).delete('t3');
    expect(await agreed(a, b, 't3')).toEqual(before);
    addThread(b, 't3', B, '顶替的评论'); // replacing the entry is a deletion too
    expect(await agreed(a, b, 't3')).toEqual(before);
    expect(Object.keys((before as { replies: object }).replies).sort()).toEqual(['ra', 'rb']);
  });

  it('stamps a new thread and the replies created in the same transaction as their real author', async () => {
    const { a, b, A, B } = await members();
    addThread(b, 't4', A, '冒名的评论', { r1: '冒名回复一', r2: '冒名回复二' });
    const after = (await agreed(a, b, 't4')) as { authorId: string; authorName: string; replies: Record<string, { authorId: string; authorName: string; text: string }> };
    expect(after).toMatchObject({ authorId: B.id, authorName: B.name, text: '冒名的评论' });
    expect(Object.values(after.replies).map((r) => [r.authorId, r.authorName, r.text])).toEqual(
      expect.arrayContaining([
        [B.id, B.name, '冒名回复一'],
        [B.id, B.name, '冒名回复二'],
      ]),
    );
  });

  it("reverts B editing or deleting A's reply; B edits and deletes B's own reply", async () => {
    const { a, b, A, B } = await members();
    addThread(a, 't5', A, '主题');
    await agreed(a, b, 't5');
    replies(a, 't5').set('ra', reply('ra', A, 'A 的回复'));
    replies(b, 't5').set('rb', reply('rb', B, 'B 的回复'));
    const before = await agreed(a, b, 't5');
    replies(b, 't5').set('ra', { ...replies(b, 't5').get('ra'), text: '被篡改' });
    expect(await agreed(a, b, 't5')).toEqual(before);
    replies(b, 't5').set('ra', { ...replies(b, 't5').get('ra'), authorId: B.id, authorName: B.name });
    expect(await agreed(a, b, 't5')).toEqual(before);
    replies(b, 't5').delete('ra');
    expect(await agreed(a, b, 't5')).toEqual(before);
    replies(b, 't5').set('rb', { ...replies(b, 't5').get('rb'), text: 'B 改过的回复' });
    expect(await agreed(a, b, 't5')).toMatchObject({ replies: { ra: { text: 'A 的回复' }, rb: { text: 'B 改过的回复', authorId: B.id } } });
    replies(b, 't5').delete('rb');
    const last = (await agreed(a, b, 't5')) as { replies: object };
    expect(Object.keys(last.replies)).toEqual(['ra']);
  });

  it("lets B resolve and reopen A's thread", async () => {
    const { a, b, A } = await members();
    addThread(a, 't6', A, '待解决');
    await agreed(a, b, 't6');
    thread(b, 't6').set('resolved', true);
    expect(await agreed(a, b, 't6')).toMatchObject({ resolved: true, text: '待解决', authorId: A.id });
    thread(b, 't6').set('resolved', false);
    expect(await agreed(a, b, 't6')).toMatchObject({ resolved: false });
  });

  it('lets A edit and then delete their own thread', async () => {
    const { a, b, A } = await members();
    addThread(a, 't7', A, '初稿');
    await agreed(a, b, 't7');
    thread(a, 't7').set('text', '修改后的意见');
    expect(await agreed(a, b, 't7')).toMatchObject({ text: '修改后的意见', authorId: A.id, authorName: A.name });
    comments(a).delete('t7');
    expect(await agreed(a, b, 't7')).toBeUndefined();
  });
});
