import * as Y from 'yjs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { attachCollab } from '../../../server/collab';
import { Persistence } from '../../../server/collab/persistence';
import { appendBucket, loadState, storedBytes } from '../../../server/collab/store';
import { loadEnv } from '../../../server/env';
import { createLogger } from '../../../server/logger';
import { DocChunk } from '../../../server/models/DocChunk';
import { DocState } from '../../../server/models/DocState';
import { DocUpdate } from '../../../server/models/DocUpdate';
import { startServer } from '../../../server/server';
import { startTestServer } from '../../helpers/server';
import { openProvider, workspaceFixture } from './fixture';

let server: Awaited<ReturnType<typeof startTestServer>>;
let f: Awaited<ReturnType<typeof workspaceFixture>>;
beforeAll(async () => {
  server = await startTestServer();
  f = await workspaceFixture(server.url);
});
afterAll(() => server?.stop());

const log = createLogger('silent');
const opts = { maxWaitMs: 20, maxUpdates: 5, maxBytes: 1 << 20, compactAfterBuckets: 4, compactOnUnloadBuckets: 1 };

/** A Persistence extension driven directly, as the registry would. */
async function persisted(name: string, o = opts) {
  const p = new Persistence(log, o);
  const doc = new Y.Doc();
  await p.onLoadDocument({ documentName: name, document: doc });
  doc.on('update', (update: Uint8Array, origin: unknown) => p.onChange({ documentName: name, document: doc, update, origin }));
  return { p, doc };
}

describe('collab persistence', () => {
  it('keeps a document across a graceful restart', async () => {
    const a = await openProvider(server.url, f.team.documentName, f.lead.cookie);
    a.doc.getText('t').insert(0, 'survives restart');
    await new Promise((r) => setTimeout(r, 50));
    a.provider.destroy();
    await server.close(); // stores every document
    const env = loadEnv({ NODE_ENV: 'test', LOG_LEVEL: 'silent', CLIENT_DIST: '/nonexistent' });
    const again = await startServer({ env, log, database: { kind: 'ferretdb' }, port: 0 });
    attachCollab(again);
    const b = await openProvider(again.url, f.team.documentName, f.member.cookie);
    expect(b.text()).toBe('survives restart');
    b.provider.destroy();
    server = Object.assign(again, { stop: server.stop.bind(again) });
  });

  it('batches updates into append-only buckets and compacts them into a snapshot', async () => {
    const name = 'team.aaaaaaaaaaaaaaaaaaaaaaaa';
    const { p, doc } = await persisted(name);
    const text = doc.getText('t');
    for (let i = 0; i < 4; i++) {
      for (let j = 0; j < 5; j++) text.insert(text.length, `${i}.${j},`);
      await p.flush(name); // one bucket each; the 4th triggers compaction (compactAfterBuckets: 4)
    }
    expect(await DocState.findById(name).lean()).toMatchObject({ gen: 1, chunks: 1, fromSeq: 4 });
    expect(await DocUpdate.countDocuments({ doc: name })).toBe(0);
    for (let i = 0; i < 3; i++) text.insert(text.length, `${i},`);
    await p.flush(name);
    const loaded = await loadState(name);
    const fresh = new Y.Doc();
    for (const u of loaded.updates) Y.applyUpdate(fresh, u);
    expect(fresh.getText('t').toString()).toBe(text.toString());
    expect(loaded.bucketCount).toBeGreaterThan(0);
    await p.onStoreDocument({ documentName: name, document: doc }); // compactOnUnloadBuckets: 1
    expect(await DocUpdate.countDocuments({ doc: name })).toBe(0);
    expect(await storedBytes(name)).toBe(Y.encodeStateAsUpdate(doc).byteLength);
  });

  it('group-commits buckets of many documents; a taken seq moves to the next one alone', async () => {
    const names = Array.from({ length: 6 }, (_, i) => `team.${String(i).padStart(24, 'c')}`);
    await DocUpdate.collection.insertOne({ _id: `${names[2]}:0` as never, doc: names[2], seq: 0, update: Buffer.from([0, 0]), count: 1, at: new Date() });
    const u = Y.encodeStateAsUpdate(new Y.Doc());
    const seqs = await Promise.all(names.flatMap((n) => [appendBucket(n, 0, u, 1), appendBucket(n, 1, u, 1)]));
    // names[2]: seq 0 was taken, so that bucket alone is retried and lands after its sibling (the
    // order of buckets does not matter to Yjs; persistence never has two of one document in flight)
    expect(seqs).toEqual([0, 1, 0, 1, 2, 1, 0, 1, 0, 1, 0, 1]);
    expect(await DocUpdate.countDocuments({ doc: { $in: names } })).toBe(13);
  });

  it('splits a snapshot bigger than a chunk and loads it back', async () => {
    const name = 'team.bbbbbbbbbbbbbbbbbbbbbbbb';
    const { p, doc } = await persisted(name);
    const big = 'x'.repeat(5 * 1024 * 1024 + 17);
    doc.getText('t').insert(0, big);
    await p.onStoreDocument({ documentName: name, document: doc });
    const head = await DocState.findById(name).lean();
    expect(head?.chunks).toBe(2);
    expect(await DocChunk.countDocuments({ doc: name })).toBe(2);
    const loaded = await loadState(name);
    const fresh = new Y.Doc();
    for (const u of loaded.updates) Y.applyUpdate(fresh, u);
    expect(fresh.getText('t').length).toBe(big.length);
  });
});
