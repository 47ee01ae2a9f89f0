/**
 * Cold loads: a fresh client's first sync is answered from the stored snapshot and buckets
 * without waiting for the server to apply the whole history to its own Y.Doc. The server's apply
 * is held back here by a gate in front of Persistence.onLoadDocument, so each test can act in
 * the window between "stored state known" and "history applied" — without any timing.
 */
import * as Y from 'yjs';
import { afterAll, afterEach, beforeAll, describe, expect, it, vi } from 'vitest';
import { collabOf } from '../../../server/collab';
import { Persistence } from '../../../server/collab/persistence';
import { appendBucket, loadState, writeSnapshot } from '../../../server/collab/store';
import { startTestServer } from '../../helpers/server';
import { eventually, openProvider as open, workspaceFixture } from './fixture';

let server: Awaited<ReturnType<typeof startTestServer>>;
beforeAll(async () => {
  server = await startTestServer();
});
afterAll(() => server?.stop());

/** While closed, the server cannot apply a loaded document's history (its own Y.Doc stays empty). */
let gate = Promise.resolve();
let openGate = () => {};
const closeGate = () => void (gate = new Promise<void>((resolve) => (openGate = resolve)));
const applyHistory = Persistence.prototype.onLoadDocument;
vi.spyOn(Persistence.prototype, 'onLoadDocument').mockImplementation(async function (this: Persistence, payload) {
  await gate;
  return applyHistory.call(this, payload);
});
/** Every provider a test opened is destroyed after it, even when it failed half-way. */
const providers: { destroy(): void }[] = [];
const openProvider = async (...args: Parameters<typeof open>) => {
  const p = await open(...args);
  providers.push(p.provider);
  return p;
};
afterEach(() => {
  openGate();
  providers.splice(0).forEach((p) => p.destroy());
});

/**
 * Stores a document of `edits` typed edits as the server does: a snapshot, then two buckets, the
 * first overlapping the snapshot (a change queued during compaction lands in both). Returns it.
 */
async function storeDocument(name: string, edits: number): Promise<Y.Doc> {
  const doc = new Y.Doc();
  const text = doc.getText('t');
  const updates: Uint8Array[] = [];
  doc.on('update', (u: Uint8Array) => updates.push(u));
  let cursor = 0;
  for (let i = 0; i < edits; i++) {
    if (i % 10 === 9 && cursor > 0) text.delete(--cursor, 1);
    else text.insert(cursor++, String.fromCharCode(0x4e00 + (i % 2000)));
    if (i % 25 === 0) cursor = (i * 7919) % (text.length + 1);
    if (i === Math.floor(edits * 0.8)) await writeSnapshot(name, { state: Y.encodeStateAsUpdate(doc), gen: 0, fromSeq: 0 });
  }
  const split = Math.floor(edits * 0.8) - 50; // 50 edits before the snapshot are in bucket 0 again
  await appendBucket(name, 0, Y.mergeUpdates(updates.slice(split, split + 500)), 500);
  await appendBucket(name, 1, Y.mergeUpdates(updates.slice(split + 500)), updates.length - split - 500);
  return doc;
}

/** Fails instead of hanging when the first sync waits for the gated apply (the old behaviour). */
function beforeTheApply<T>(p: Promise<T>): Promise<T> {
  const waited = new Promise<never>((_, reject) => setTimeout(() => reject(new Error('the first sync waited for the server to apply the history')), 10_000).unref());
  return Promise.race([p, waited]);
}

const sameState = (a: Y.Doc, b: Y.Doc) => Y.equalSnapshots(Y.snapshot(a), Y.snapshot(b)) && a.getText('t').toString() === b.getText('t').toString();

describe('collab cold load', () => {
  it('a fresh client syncs a large stored document from storage before the server has applied it; the server then holds the same state', async () => {
    const f = await workspaceFixture(server.url);
    const name = f.team.documentName;
    const stored = await storeDocument(name, 20_000);
    closeGate();
    const a = await beforeTheApply(openProvider(server.url, name, f.lead.cookie));
    expect(sameState(a.doc, stored)).toBe(true);
    // a server-side edit or read waits for the applied document, never sees it empty
    const serverText = collabOf(server.ctx).registry.use(name, (shared) => shared.doc.getText('t').toString());
    openGate();
    expect(await serverText).toBe(stored.getText('t').toString());
    const b = await openProvider(server.url, name, f.member.cookie); // answered from the applied doc
    expect(sameState(b.doc, stored)).toBe(true);
    a.provider.destroy();
    b.provider.destroy();
  }, 60_000);

  it('edits racing the first sync (a fresh client typing, a client back with offline edits) are applied after the history, reach everyone and are stored', async () => {
    const f = await workspaceFixture(server.url);
    const name = f.team.documentName;
    const stored = await storeDocument(name, 5_000);
    closeGate();
    const a = await beforeTheApply(openProvider(server.url, name, f.lead.cookie));
    a.doc.getText('t').insert(0, '抢先编辑 racing edit;');
    const b = await beforeTheApply(openProvider(server.url, name, f.member.cookie));
    expect(b.text()).toBe(stored.getText('t').toString()); // the held edit is not in storage yet
    const offline = new Y.Doc();
    Y.applyUpdate(offline, Y.encodeStateAsUpdate(stored));
    offline.getText('t').insert(0, '离线 offline;');
    const c = openProvider(server.url, name, f.member.cookie, offline); // a known state vector waits for the apply
    openGate();
    const back = await c;
    const want = (t: string) => t.includes('racing edit;') && t.includes('offline;');
    await eventually(() => [a, b, back].every((p) => want(p.text())) && a.text() === b.text() && b.text() === back.text(), 10_000, 'convergence');
    await collabOf(server.ctx).persistence.flush(name);
    const fromDisk = new Y.Doc();
    for (const u of (await loadState(name)).updates) Y.applyUpdate(fromDisk, u);
    expect(fromDisk.getText('t').toString()).toBe(a.text());
    for (const p of [a, b, back]) p.provider.destroy();
  }, 60_000);

  it('a connection revoked before the history is applied has its held edits dropped', async () => {
    const f = await workspaceFixture(server.url);
    const name = f.team.documentName;
    await storeDocument(name, 2_000);
    closeGate();
    const a = await beforeTheApply(openProvider(server.url, name, f.lead.cookie));
    a.provider.shouldConnect = false; // no reconnect after the revocation
    const closed = new Promise((resolve) => a.provider.once('connection-close', resolve));
    a.doc.getText('t').insert(0, 'revoked edit;');
    await new Promise((r) => setTimeout(r, 100)); // let the frame reach the server, where it is held
    expect(collabOf(server.ctx).revoke((c) => c.userId === f.lead.id, 'forbidden')).toBe(1);
    await closed;
    openGate();
    const b = await openProvider(server.url, name, f.member.cookie);
    expect(b.text()).not.toContain('revoked edit;');
    expect(b.text().length).toBeGreaterThan(0);
    a.provider.destroy();
    b.provider.destroy();
  }, 60_000);
});
