/**
 * Collaboration benchmark (`npx tsx test/bench/collab.ts`, not part of `npm test`). In one run:
 *  1. propagation: E editors (BENCH_EDITORS, default 20) on one document, each inserting one
 *     character R times a second (BENCH_RATE, default 10) for BENCH_SECONDS (10): p50/p99 of
 *     send → arrival at every other editor, and server CPU — our server (cookie auth, policy,
 *     decode-before-apply, presence stamping, batched Mongo persistence on FerretDB) side by side
 *     with the Yjs reference server (@y/websocket-server's setupWSConnection, no auth, no
 *     persistence), each in its own child process, in alternating rounds (BENCH_ROUNDS, 4: two were too few for a stable p99 ratio at ~3 ms), and the ratios;
 *     "deliveries" counts arrivals matched to their send within the round (plus 300 ms), and
 *     each round ends by checking that every editor holds the same document;
 *  2. cold load of a document with 100,000 stored edits (from the database, ours) vs the first
 *     sync of the same document already in the reference server's memory;
 *  3. stored bytes vs the encoded state after compaction; 4. idle unload time (default 30 s).
 * The same file is the child: BENCH_COLLAB_ROLE=ours|reference.
 */
import http from 'node:http';
import { fileURLToPath } from 'node:url';
import WebSocket, { WebSocketServer } from 'ws';
import * as Y from 'yjs';
import { WebsocketProvider } from 'y-websocket';
import { startChild, serveMetrics, type BenchChild } from './support/child';
import { announce, reportTargets } from './support/report';
import { percentile, ms, ratio, table } from './support/stats';

const E = Number(process.env.BENCH_EDITORS ?? 20);
const R = Number(process.env.BENCH_RATE ?? 10);
const SECONDS = Number(process.env.BENCH_SECONDS ?? 10);
const EDITS = Number(process.env.BENCH_EDITS ?? 100_000);
const ROUNDS = Number(process.env.BENCH_ROUNDS ?? 4);
/** BENCH_ONLY=cold runs only the cold load (and the stored-size line): no propagation rounds. */
const ONLY = process.env.BENCH_ONLY ?? '';
const role = process.env.BENCH_COLLAB_ROLE;
type Ready = { url: string; doc: string; bigDoc: string; cookies: string; seedMs: string; stored: string; state: string };

/** Child: the reference y-websocket server, exactly as the Yjs project ships it. */
async function reference(): Promise<void> {
  const { setupWSConnection } = await import('@y/websocket-server/utils');
  const server = http.createServer();
  const wss = new WebSocketServer({ server });
  wss.on('connection', (ws, req) => setupWSConnection(ws, req, { docName: (req.url ?? '/').slice(1).split('?')[0]!.replace(/^collab\//, ''), gc: true }));
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  serveMetrics(async () => process.exit(0));
  // server side of the reference's first sync: encode the in-memory document for a fresh client
  const { docs } = await import('@y/websocket-server/utils');
  process.on('message', (m: { type: string; doc?: string }) => {
    if (m.type !== 'encode') return;
    const t = performance.now();
    const doc = docs.get(m.doc ?? '') as Y.Doc | undefined;
    if (doc) Y.encodeStateAsUpdate(doc);
    process.send?.({ value: performance.now() - t });
  });
  const url = `http://127.0.0.1:${(server.address() as import('node:net').AddressInfo).port}`;
  process.send?.({ url, doc: 'team.000000000000000000000001', bigDoc: 'team.000000000000000000000002', cookies: '', seedMs: '0', stored: '0', state: '0' });
}

/** BENCH_PROFILE=1: prints the child's hottest functions (self time) over `ms`. */
async function profileFor(msLong: number): Promise<void> {
  const { Session } = await import('node:inspector/promises');
  const session = new Session();
  session.connect();
  await session.post('Profiler.enable');
  await session.post('Profiler.start');
  await new Promise((r) => setTimeout(r, msLong));
  const { profile } = await session.post('Profiler.stop');
  const self = new Map<string, number>();
  const dt = profile.timeDeltas ?? [];
  const byId = new Map(profile.nodes.map((n) => [n.id, n]));
  (profile.samples ?? []).forEach((id, i) => {
    const n = byId.get(id)!;
    const key = `${n.callFrame.functionName || '(anon)'} ${n.callFrame.url.split('/').slice(-2).join('/')}:${n.callFrame.lineNumber}`;
    self.set(key, (self.get(key) ?? 0) + (dt[i] ?? 0) / 1000);
  });
  console.log([...self].sort((a, b) => b[1] - a[1]).slice(0, 25).map(([k, v]) => `${v.toFixed(1).padStart(8)} ms  ${k}`).join('\n'));
}

/** Child: the real server on an embedded FerretDB, with a team of E experts and a 100k-edit document. */
async function ours(): Promise<void> {
  const fs = await import('node:fs');
  const os = await import('node:os');
  const path = await import('node:path');
  const { connectDatabase } = await import('../../server/db/connect');
  const { loadEnv } = await import('../../server/env');
  const { createLogger } = await import('../../server/logger');
  const { startServer } = await import('../../server/server');
  const { attachCollab } = await import('../../server/collab');
  const { storedBytes } = await import('../../server/collab/store');
  const { firstSyncFromStorage, syncStep2Message } = await import('../../server/collab/protocol');
  const { createSession } = await import('../../server/commands/accounts/sessions');
  const { User } = await import('../../server/models/User');
  const { Challenge } = await import('../../server/models/Challenge');
  const { Team } = await import('../../server/models/Team');
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'yinzhi-bench-collab-'));
  const env = loadEnv({ ...process.env, MONGODB_URI: '', DATA_DIR: dataDir, LOG_LEVEL: 'silent', CLIENT_DIST: '/nonexistent', PORT: '0' });
  const db = await connectDatabase(env, () => {});
  const server = await startServer({ env, log: createLogger('silent'), database: { kind: db.kind }, port: 0 });
  const collab = attachCollab(server, { persistence: process.env.BENCH_FLUSH_MS ? { maxWaitMs: Number(process.env.BENCH_FLUSH_MS) } : {} });
  const users = await Promise.all(Array.from({ length: E }, (_, i) => User.create({ email: `bench${i}@example.com`, passwordHash: 'x', name: `编辑${i}`, roles: ['expert'] })));
  const cookies = await Promise.all(users.map(async (u) => `yz_sid=${(await createSession({ userId: u.id as string, ttlDays: 1 })).token}`));
  const challenge = await Challenge.create({ organizationId: users[0]!._id, createdBy: users[0]!._id, title: 'bench', summary: 'bench', industry: '3381', deadline: new Date(Date.now() + 86_400_000), status: 'open' });
  const members = users.map((u, i) => ({ userId: u._id, role: i === 0 ? 'lead' : 'member', joinedAt: new Date() }));
  const teams = await Promise.all([0, 1].map((n) => Team.create({ challengeId: challenge._id, name: `t${n}`, leadId: users[0]!._id, members, memberCount: E, sizeLimit: E })));
  const [doc, bigDoc] = teams.map((t) => `team.${t.id as string}`) as [string, string];

  // 100k edits stored the way live typing stores them: batches of ≤ 50, compacted past the threshold
  const t0 = performance.now();
  const state = await collab.registry.use(bigDoc, async (shared) => {
    const text = shared.doc.getText('t');
    let cursor = 0;
    for (let i = 0; i < EDITS; i++) {
      if (i % 10 === 9 && cursor > 0) text.delete(--cursor, 1);
      else text.insert(cursor++, String.fromCharCode(0x4e00 + (i % 2000)));
      if (i % 25 === 0) cursor = Math.floor(Math.random() * (text.length + 1));
      if (i % 50 === 49) await collab.persistence.flush(bigDoc);
    }
    await collab.persistence.onStoreDocument({ documentName: bigDoc, document: shared.doc });
    return Y.encodeStateAsUpdate(shared.doc).byteLength;
  });
  const seedMs = performance.now() - t0;
  const stored = await storedBytes(bigDoc);
  collab.registry.idleMs = 0; // let it unload now so the next open is a cold load
  while (collab.registry.loadedNames().includes(bigDoc)) await new Promise((r) => setTimeout(r, 50));
  collab.registry.idleMs = 30_000;

  process.on('message', (m: { type: string; ms?: number }) => {
    if (m.type === 'idle') return void (collab.registry.idleMs = m.ms ?? 30_000);
    if (m.type === 'profile') return void profileFor(m.ms ?? 5000);
    if (m.type === 'cold-open') {
      // server side of a cold load: read snapshot + buckets from FerretDB up to the bytes of a
      // fresh client's first-sync reply; then (reported apart) the apply of the history to the doc
      const t = performance.now();
      void (async () => {
        const shared = await collab.registry.openForSync(bigDoc);
        const stored = shared.storedState();
        if (stored) firstSyncFromStorage(stored);
        else syncStep2Message(shared.doc, Y.encodeStateVector(new Y.Doc()));
        const value = performance.now() - t;
        await shared.load();
        process.send?.({ value, applied: performance.now() - t });
      })();
      return;
    }
    if (m.type !== 'unload-wait') return;
    const start = Date.now(); // the parent closes the document's only connection right after this
    const timer = setInterval(() => {
      if (collab.registry.loadedNames().includes(doc)) return;
      clearInterval(timer);
      process.send?.({ value: Date.now() - start });
    }, 100);
  });
  serveMetrics(async () => {
    await server.close();
    await db.stop();
    fs.rmSync(dataDir, { recursive: true, force: true });
  });
  process.send?.({ url: server.url, doc, bigDoc, cookies: cookies.join('\n'), seedMs: String(seedMs), stored: String(stored), state: String(state) });
}

function provider(url: string, doc: string, cookie: string, ydoc = new Y.Doc()): Promise<WebsocketProvider> {
  const Ws = class extends WebSocket {
    constructor(u: string | URL, p?: string | string[]) {
      super(u, p, cookie ? { headers: { cookie } } : {});
    }
  };
  const p = new WebsocketProvider(`${url.replace(/^http/, 'ws')}/collab`, doc, ydoc, { WebSocketPolyfill: Ws as unknown as typeof globalThis.WebSocket, disableBc: true });
  return new Promise((resolve, reject) => {
    p.once('sync', () => resolve(p));
    p.once('closed', (e: { code: number }) => reject(new Error(`refused ${e.code}`)));
  });
}

/** E editors typing at R/s for SECONDS: latencies (ms) and server CPU (% of one core). */
async function propagation(child: BenchChild, ready: Ready): Promise<{ lat: number[]; cpu: number; converged: boolean }> {
  const cookies = ready.cookies.split('\n');
  const editors = await Promise.all(Array.from({ length: E }, (_, i) => provider(ready.url, ready.doc, cookies[i] ?? '')));
  const sent = new Map<string, number>();
  const lat: number[] = [];
  let measuring = false;
  for (const p of editors) {
    p.doc.on('update', (u: Uint8Array, origin: unknown) => {
      if (origin !== p || !measuring) return;
      const now = performance.now();
      for (const [client, clock] of Y.parseUpdateMeta(u).from) {
        const at = sent.get(`${client}:${clock}`);
        if (at !== undefined) lat.push(now - at);
      }
    });
  }
  const type = (p: WebsocketProvider) => {
    const text = p.doc.getText('t');
    const key = `${p.doc.clientID}:${Y.getState(p.doc.store, p.doc.clientID)}`;
    sent.set(key, performance.now());
    text.insert(Math.floor(Math.random() * (text.length + 1)), 'x');
  };
  const run = (secs: number) =>
    Promise.all(editors.map((p) => new Promise<void>((done) => setTimeout(() => {
      const timer = setInterval(() => type(p), 1000 / R);
      setTimeout(() => (clearInterval(timer), done()), secs * 1000);
    }, Math.random() * (1000 / R)))));
  await run(1); // warm-up
  if (process.env.BENCH_PROFILE) child.proc.send({ type: 'profile', ms: SECONDS * 1000 });
  measuring = true;
  const cpu0 = await child.cpu();
  const t0 = performance.now();
  await run(SECONDS);
  await new Promise((r) => setTimeout(r, 300));
  const cpu = ((await child.cpu()) - cpu0) / (performance.now() - t0);
  measuring = false;
  // every editor must end with the same document (a lost update would show here, not only as fewer samples)
  const same = () => new Set(editors.map((p) => Buffer.from(Y.encodeStateVector(p.doc)).toString('base64'))).size === 1;
  for (let waited = 0; !same() && waited < 5000; waited += 50) await new Promise((r) => setTimeout(r, 50));
  const converged = same() && new Set(editors.map((p) => p.doc.getText('t').toString())).size === 1;
  for (const p of editors) p.destroy();
  return { lat, cpu: cpu * 100, converged };
}

/** Time to a first full sync of `doc` by a fresh client. */
async function firstSync(ready: Ready, doc: string): Promise<number> {
  const t0 = performance.now();
  const p = await provider(ready.url, doc, ready.cookies.split('\n')[0] ?? '');
  const took = performance.now() - t0;
  p.destroy();
  return took;
}

/** Interval between cold loads: at least one sweep (every second, idleMs 0) unloads the document. */
const UNLOAD_WAIT_MS = 1500;
const COLD_RUNS = Number(process.env.BENCH_COLD_RUNS ?? 7);

/**
 * Cold loads of the big document, alternating ours and the reference so neither always runs on
 * a warmer JIT or a quieter machine: the client's connect → synced, and the server side alone
 * (ours: read from FerretDB up to the first-sync reply; the reference: encode from memory).
 */
async function coldLoads(ours: BenchChild, ourReady: Ready, ref: BenchChild, refReady: Ready) {
  const ask = (child: BenchChild, msg: object) => {
    const took = new Promise<{ value: number; applied?: number }>((res) => child.proc.once('message', (m) => res(m as { value: number })));
    child.proc.send(msg);
    return took;
  };
  const out = { oursClient: [] as number[], refClient: [] as number[], oursServer: [] as number[], refServer: [] as number[], oursApplied: [] as number[] };
  ours.proc.send({ type: 'idle', ms: 0 });
  await new Promise((res) => setTimeout(res, UNLOAD_WAIT_MS));
  for (let i = 0; i < COLD_RUNS; i++) {
    out.oursClient.push(await firstSync(ourReady, ourReady.bigDoc));
    out.refClient.push(await firstSync(refReady, refReady.bigDoc));
    await new Promise((res) => setTimeout(res, UNLOAD_WAIT_MS));
  }
  for (let i = 0; i < COLD_RUNS; i++) {
    const cold = await ask(ours, { type: 'cold-open' });
    out.oursServer.push(cold.value);
    out.oursApplied.push(cold.applied ?? NaN);
    out.refServer.push((await ask(ref, { type: 'encode', doc: refReady.bigDoc })).value);
    await new Promise((res) => setTimeout(res, UNLOAD_WAIT_MS));
  }
  return out;
}

async function main(): Promise<void> {
  process.setMaxListeners(E * 4); // each Node y-websocket provider registers an exit hook
  const self = fileURLToPath(import.meta.url);
  announce('collab', `${E} editors × ${R} updates/s; cold load of ${EDITS.toLocaleString()} edits`);
  console.log(`collab bench: ${E} editors × ${R} updates/s, ${ROUNDS} alternating rounds of ${SECONDS} s per server; cold load of ${EDITS.toLocaleString()} edits`);
  const ref = await startChild(self, { BENCH_COLLAB_ROLE: 'reference' });
  const refReady = ref.ready as unknown as Ready;
  const oursChild = await startChild(self, { BENCH_COLLAB_ROLE: 'ours', });
  const ourReady = oursChild.ready as unknown as Ready;
  console.log(`seeded ${EDITS.toLocaleString()} stored edits in ${(Number(ourReady.seedMs) / 1000).toFixed(1)} s`);

  // alternate rounds so neither server always runs on a warmer (or busier) machine
  const r = { lat: [] as number[], cpu: 0, converged: true };
  const o = { lat: [] as number[], cpu: 0, converged: true };
  for (let i = 0; i < (ONLY === 'cold' ? 0 : ROUNDS); i++) {
    for (const [acc, child, ready] of i % 2 ? ([[o, oursChild, ourReady], [r, ref, refReady]] as const) : ([[r, ref, refReady], [o, oursChild, ourReady]] as const)) {
      const round = await propagation(child, ready);
      acc.lat.push(...round.lat);
      acc.cpu += round.cpu / ROUNDS;
      acc.converged &&= round.converged;
    }
  }
  // the reference keeps documents in memory: give it the same 100k-edit document, then sync it fresh
  const seed = new Y.Doc();
  const src = await provider(ourReady.url, ourReady.bigDoc, ourReady.cookies.split('\n')[0]!, seed);
  src.destroy();
  const copy = await provider(refReady.url, refReady.bigDoc, '', seed);
  copy.destroy();
  await new Promise((res) => setTimeout(res, 200));
  const cold = await coldLoads(oursChild, ourReady, ref, refReady);
  oursChild.proc.send({ type: 'idle', ms: Number(process.env.BENCH_IDLE_MS ?? 30_000) });

  const p = (xs: number[], q: number) => percentile(xs, q);
  if (ONLY !== 'cold') {
    table('propagation (send → every other editor)', [
      ['', 'reference', 'ours', 'ours / reference'],
      ['p50', ms(p(r.lat, 50)), ms(p(o.lat, 50)), ratio(p(o.lat, 50), p(r.lat, 50))],
      ['p99', ms(p(r.lat, 99)), ms(p(o.lat, 99)), ratio(p(o.lat, 99), p(r.lat, 99))],
      ['deliveries', String(r.lat.length), String(o.lat.length), ''],
      ['all editors converged', r.converged ? 'yes' : 'NO', o.converged ? 'yes' : 'NO', ''],
      ['server CPU', `${r.cpu.toFixed(1)} %`, `${o.cpu.toFixed(1)} %`, ratio(o.cpu, r.cpu)],
    ]);
  }
  table(`load of the ${EDITS.toLocaleString()}-edit document (median of ${COLD_RUNS}, alternating)`, [
    ['', 'reference (in memory)', 'ours (cold, from FerretDB)', 'ours / reference'],
    ['client: connect → synced', ms(p(cold.refClient, 50)), ms(p(cold.oursClient, 50)), ratio(p(cold.oursClient, 50), p(cold.refClient, 50))],
    ['server: → first-sync reply ready', ms(p(cold.refServer, 50)), ms(p(cold.oursServer, 50)), ratio(p(cold.oursServer, 50), p(cold.refServer, 50))],
    ['server: history applied (after the reply)', '—', ms(p(cold.oursApplied, 50)), ''],
  ]);
  const stored = Number(ourReady.stored);
  const state = Number(ourReady.state);
  console.log(`\nstored after compaction: ${stored} B vs encoded state ${state} B (${(stored / state).toFixed(2)}×)`);

  if (ONLY !== 'cold') {
    const editor = await provider(ourReady.url, ourReady.doc, ourReady.cookies.split('\n')[0]!);
    oursChild.proc.send({ type: 'unload-wait' });
    await new Promise((res) => setTimeout(res, 20));
    const unload = new Promise<number>((res) => oursChild.proc.once('message', (m) => res((m as { value: number }).value)));
    editor.destroy();
    console.log(`idle document left memory ${((await unload) / 1000).toFixed(1)} s after its last connection closed`);
  }
  const coldRatio = p(cold.oursClient, 50) / p(cold.refClient, 50);
  const oursP99 = p(o.lat, 99);
  const refP99 = p(r.lat, 99);
  const propagationRows = [
    { name: `propagation p99, ${E} editors × ${R}/s`, figure: ms(oursP99), baseline: `reference ${ms(refP99)}`, target: '≤ 25 ms', pass: oursP99 <= 25 },
    { name: 'propagation p99 vs reference', figure: ratio(oursP99, refP99), baseline: `reference ${ms(refP99)}`, target: '≤ 1.10×', pass: oursP99 <= 1.1 * refP99 },
  ];
  reportTargets('collab', [
    ...(ONLY === 'cold' ? [] : propagationRows),
    { name: `cold load ${EDITS.toLocaleString()} edits, connect → synced`, figure: `${ms(p(cold.oursClient, 50))} (${coldRatio.toFixed(2)}×)`, baseline: `in-memory reference ${ms(p(cold.refClient, 50))}`, target: '≤ 1.20× reference', pass: coldRatio <= 1.2 },
    { name: 'cold load, server side', figure: ms(p(cold.oursServer, 50)), baseline: `reference encode ${ms(p(cold.refServer, 50))}`, target: '≤ 100 ms', pass: p(cold.oursServer, 50) <= 100 },
    { name: 'stored after compaction', figure: `${stored} B`, baseline: `encoded state ${state} B`, target: '≤ 2× state', pass: stored <= 2 * state },
  ]);
  await Promise.all([ref.stop(), oursChild.stop()]);
  process.exit(0); // destroyed providers leave their awareness timers running
}

if (role === 'reference') await reference();
else if (role === 'ours') await ours();
else await main();
