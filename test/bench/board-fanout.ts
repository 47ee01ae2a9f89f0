/**
 * Board fan-out: N board clients (default 1,000) watch the board; a representative posts a
 * challenge; we time from sending the create request to each client's receipt of
 * `challenge:created`, and take the last client's receipt per round. Side by side, in the same
 * run: a plain `ws` server broadcasting the same payload to the same number of clients.
 * Also: server heap per idle connected client, for both (and a bare Socket.io server as shipped, for reference).
 * Heap is measured after a warm-up round of connections, so the code V8 compiles for the first
 * connections (about 1 MB, once per process) is not charged to each client.
 *
 *   npx tsx test/bench/board-fanout.ts [clients=1000] [rounds=30]
 */
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { io, type Socket } from 'socket.io-client';
import { WebSocket } from 'ws';
import { challengeInput } from '../helpers/board';
import { startChild, type BenchChild } from './support/child';
import { announce, reportTargets } from './support/report';
import { ms, percentile, ratio, table } from './support/stats';

const here = path.dirname(fileURLToPath(import.meta.url));
const N = Number(process.argv[2] ?? 1000);
const ROUNDS = Number(process.argv[3] ?? 30);

async function inBatches<T>(n: number, make: (i: number) => Promise<T>, batch = 100): Promise<T[]> {
  const out: T[] = [];
  for (let i = 0; i < n; i += batch) out.push(...(await Promise.all(Array.from({ length: Math.min(batch, n - i) }, (_, j) => make(i + j)))));
  return out;
}

const WARMUP = 200;
const settle = () => new Promise((r) => setTimeout(r, 500));

/** Connects N clients to a benchmark server after a warm-up round; returns them and the server heap each one costs. */
async function connectMeasured<T>(child: BenchChild, connect: () => Promise<T>, close: (client: T) => void): Promise<{ clients: T[]; heapPerClient: number }> {
  for (const c of await inBatches(WARMUP, connect)) close(c);
  await settle();
  const before = await child.heap();
  const clients = await inBatches(N, connect);
  await settle();
  return { clients, heapPerClient: ((await child.heap()) - before) / N };
}

/**
 * Runs ROUNDS posts; returns per-round "request sent → last receipt" and all per-client "sent →
 * receipt". Timed from the send, not the response: the server now broadcasts before it answers,
 * so "response → receipt" came out negative (clamped to 0 ms, a figure that meant nothing).
 */
async function measure(post: () => Promise<number>, arm: (onReceipt: () => void) => void) {
  const last: number[] = [];
  const each: number[] = [];
  for (let r = 0; r < ROUNDS; r++) {
    const receipts: number[] = [];
    let done!: () => void;
    const all = new Promise<void>((resolve) => (done = resolve));
    arm(() => {
      receipts.push(performance.now());
      if (receipts.length === N) done();
    });
    const sentAt = await post();
    await all;
    for (const t of receipts) each.push(t - sentAt);
    last.push(Math.max(...receipts) - sentAt);
    await new Promise((res) => setTimeout(res, 50));
  }
  return { last, each };
}

async function benchYinzhi() {
  const child = await startChild(path.join(here, 'support/yinzhiServer.ts'));
  const url = child.ready.url!;
  const login = await fetch(`${url}/api/auth/login`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ email: 'rep@yinzhi.demo', password: 'yinzhi-demo-2026' }) });
  // every cookie the login set (the session's and, since issue 13, a device cookie before it)
  const cookie = login.headers.getSetCookie().map((c) => c.split(';')[0]).join('; ');
  const { clients: sockets, heapPerClient } = await connectMeasured(
    child,
    async (): Promise<Socket> => {
      const s = io(url, { transports: ['websocket'], reconnection: false, forceNew: true });
      await new Promise<void>((resolve) => s.once('session:ready', () => resolve()));
      await s.timeout(10_000).emitWithAck('board:watch', {});
      return s;
    },
    (s) => s.disconnect(),
  );
  let onReceipt: () => void = () => {};
  for (const s of sockets) s.on('challenge:created', () => onReceipt());
  const result = await measure(
    async () => {
      const t = performance.now();
      const res = await fetch(`${url}/api/challenges`, { method: 'POST', headers: { 'content-type': 'application/json', cookie }, body: JSON.stringify(challengeInput()) });
      if (res.status !== 201) throw new Error(`create failed: ${res.status} ${await res.text()}`);
      return t;
    },
    (fn) => (onReceipt = fn),
  );
  for (const s of sockets) s.disconnect();
  await child.stop();
  return { ...result, heapPerClient };
}

async function benchPlainWs(payload: string) {
  const child = await startChild(path.join(here, 'support/wsBroadcastServer.ts'));
  const url = child.ready.url!;
  const { clients, heapPerClient } = await connectMeasured(
    child,
    async () => {
      const ws = new WebSocket(url.replace('http', 'ws'));
      await new Promise((r) => ws.once('open', r));
      return ws;
    },
    (ws) => ws.close(),
  );
  let onReceipt: () => void = () => {};
  for (const ws of clients) ws.on('message', (data) => (JSON.parse(String(data)), onReceipt()));
  const result = await measure(
    async () => {
      const t = performance.now();
      const res = await fetch(`${url}/broadcast`, { method: 'POST', body: payload });
      await res.text();
      return t;
    },
    (fn) => (onReceipt = fn),
  );
  for (const ws of clients) ws.close();
  await child.stop();
  return { ...result, heapPerClient };
}

/** Heap per idle client of a bare Socket.io server: what Socket.io itself costs, for reference. */
async function bareSocketIoHeap() {
  const child = await startChild(path.join(here, 'support/bareSocketIoServer.ts'));
  const { clients, heapPerClient } = await connectMeasured(
    child,
    async () => {
      const s = io(child.ready.url!, { transports: ['websocket'], reconnection: false, forceNew: true });
      await new Promise((r) => s.once('connect', () => r(null)));
      return s;
    },
    (s) => s.disconnect(),
  );
  for (const s of clients) s.disconnect();
  await child.stop();
  return heapPerClient;
}

announce('board-fanout', `${N} clients, ${ROUNDS} rounds`);
const ours = await benchYinzhi();
// the same card the board clients received, as the baseline's payload
const payload = JSON.stringify({ ...challengeInput(), id: '0'.repeat(24), organization: { id: '0'.repeat(24), name: '浙江哈尔斯真空器皿股份有限公司', nameEn: '' }, teamCount: 0, viewers: 0 });
const base = await benchPlainWs(payload);
table('create sent → last client receipt (per round)', [
  ['', 'Yinzhi (Socket.io)', 'plain ws', 'ratio'],
  ['p50', ms(percentile(ours.last, 50)), ms(percentile(base.last, 50)), ratio(percentile(ours.last, 50), percentile(base.last, 50))],
  ['p99', ms(percentile(ours.last, 99)), ms(percentile(base.last, 99)), ratio(percentile(ours.last, 99), percentile(base.last, 99))],
]);
table('create sent → each client receipt', [
  ['', 'Yinzhi (Socket.io)', 'plain ws', 'ratio'],
  ['p50', ms(percentile(ours.each, 50)), ms(percentile(base.each, 50)), ratio(percentile(ours.each, 50), percentile(base.each, 50))],
  ['p99', ms(percentile(ours.each, 99)), ms(percentile(base.each, 99)), ratio(percentile(ours.each, 99), percentile(base.each, 99))],
]);
const bare = await bareSocketIoHeap();
const kb = (n: number) => `${(n / 1024).toFixed(1)} KB`;
table('server heap per idle connected client', [
  ['', 'Yinzhi (Socket.io)', 'plain ws', 'ratio'],
  ['heap', kb(ours.heapPerClient), kb(base.heapPerClient), ratio(ours.heapPerClient, base.heapPerClient)],
  ['bare Socket.io as shipped', kb(bare), '', ratio(ours.heapPerClient, bare)],
]);
const lastP99 = percentile(ours.last, 99);
const baseP99 = percentile(base.last, 99);
reportTargets('board-fanout', [
  { name: `create sent → last client p99, ${N} clients`, figure: ms(lastP99), baseline: `plain ws ${ms(baseP99)}`, target: '≤ 50 ms', pass: lastP99 <= 50 },
  { name: 'create sent → last client p99 vs plain ws', figure: ratio(lastP99, baseP99), baseline: `plain ws ${ms(baseP99)}`, target: '≤ 1.50×', pass: lastP99 <= 1.5 * baseP99 },
  { name: 'server heap per idle client', figure: kb(ours.heapPerClient), baseline: `plain ws ${kb(base.heapPerClient)}`, target: '≤ 10.0 KB', pass: ours.heapPerClient <= 10 * 1024 },
]);
process.exit(0);
