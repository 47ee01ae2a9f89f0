/**
 * Matching and chat benchmark (not part of `npm test`):
 *
 *   npx tsx test/bench/matching.ts
 *
 * 1. Request → offer: 10,000 online advisors in the dispatcher; bursts of founders' requests;
 *    we time from sending the request to the offer arriving on a real socket.io client (joined to every advisor's room), p50/p99 and requests/s. The same run repeats with the
 *    index replaced by a linear scan over all advisors (the naive baseline), and also times the
 *    matching step alone (index vs scan, µs per request). Requests go over the founders' sockets
 *    (`advice:request`, authenticated at the handshake), 1,000 founders round-robin.
 * 2. Chat: 500 rooms; a sender paces messages across them; we time send → delivered at the other
 *    participant, p50/p99, and messages/s stored in FerretDB; beside a plain `ws` relay that
 *    stores nothing.
 *
 * Server and FerretDB run in a child process; clients here. Both share this machine's cores.
 */
import { fork } from 'node:child_process';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { io, type Socket } from 'socket.io-client';
import { WebSocket } from 'ws';
import type { ClientToServerEvents, ServerToClientEvents } from '../../shared/events';
import { ms, percentile, ratio, table } from './support/stats';

type ClientSocket = Socket<ServerToClientEvents, ClientToServerEvents>;
const here = path.dirname(fileURLToPath(import.meta.url));
const BURSTS = Number(process.env.BENCH_BURSTS ?? 8);
const BURST = Number(process.env.BENCH_BURST ?? 50);
const CHAT_RATE = Number(process.env.BENCH_CHAT_RATE ?? 3500); // messages per second offered
const CHAT_SECONDS = Number(process.env.BENCH_CHAT_SECONDS ?? 5);

interface Ready { url: string; relay: string; founders: string[]; chatFounder: string; chatAdvisor: string; sessions: string[]; advisors: number }

const child = fork(path.join(here, 'support/adviceServer.ts'), [], { execArgv: ['--import', 'tsx'], stdio: ['ignore', 'inherit', 'inherit', 'ipc'] });
const ask = <T>(msg: object) => new Promise<T>((resolve) => { child.once('message', (m) => resolve(m as T)); child.send(msg); });
const ready = await new Promise<Ready>((resolve, reject) => { child.once('message', (m) => resolve(m as Ready)); child.once('exit', (c) => reject(new Error(`server exited ${c}`))); });
console.log(`server ready: ${ready.advisors} online advisors, ${ready.sessions.length} chat rooms`);

const connect = (cookie: string) =>
  new Promise<ClientSocket>((resolve, reject) => {
    const s: ClientSocket = io(ready.url, { transports: ['websocket'], extraHeaders: { cookie }, reconnection: false, forceNew: true });
    s.once('session:ready', () => resolve(s));
    s.once('connect_error', reject);
  });

// ── 1. request → offer ──
const monitor = await connect(ready.founders[0]!); // any account: the server joins it to every advisor room
await ask({ type: 'joinMonitor', socketId: monitor.id });
const sentAt = new Map<string, number>();
const got = new Map<string, number>();
monitor.on('advice:offered', (o) => got.set(o.request.question, performance.now()));
let nextFounder = 0;

// founders ask over their own sockets (authenticated once, at the handshake), as the desk does
const founderSockets: ClientSocket[] = [];
for (let i = 0; i < ready.founders.length; i += 100) founderSockets.push(...(await Promise.all(ready.founders.slice(i, i + 100).map(connect))));

async function requestBursts(label: string, BURST: number) {
  const latencies: number[] = [];
  let busy = 0;
  for (let b = 0; b < BURSTS; b++) {
    const start = performance.now();
    const keys: string[] = [];
    await Promise.all(
      Array.from({ length: BURST }, async () => {
        const socket = founderSockets[nextFounder++ % founderSockets.length]!;
        const key = `${label} request ${nextFounder} 保温杯出口认证咨询`;
        keys.push(key);
        sentAt.set(key, performance.now());
        const reply = await socket.timeout(30_000).emitWithAck('advice:request', { industry: '3381', topics: ['出海'], question: key, urgency: 'normal', language: 'zh-CN' });
        if (!('data' in reply)) throw new Error(`request failed ${JSON.stringify(reply)}`);
      }),
    );
    while (!keys.every((k) => got.has(k))) await new Promise((r) => setTimeout(r, 1));
    busy += performance.now() - start;
    for (const k of keys) latencies.push(got.get(k)! - sentAt.get(k)!);
    await new Promise((r) => setTimeout(r, 200));
  }
  return { p50: percentile(latencies, 50), p99: percentile(latencies, 99), rps: (BURSTS * BURST) / (busy / 1000) };
}

const SMALL = Number(process.env.BENCH_SMALL_BURST ?? 5);
await requestBursts('warmup', BURST);
const indexed = await requestBursts('indexed', BURST);
const indexedSmall = await requestBursts('indexed-small', SMALL);
await ask({ type: 'mode', linear: true });
const linear = await requestBursts('linear', BURST);
const linearSmall = await requestBursts('linear-small', SMALL);
await ask({ type: 'mode', linear: false });
const micro = await ask<{ indexed: number; linear: number }>({ type: 'micro' });
monitor.close();
for (const s of founderSockets) s.close();

table(`Request → offer delivered (${ready.advisors} online advisors, ${BURSTS} bursts each)`, [
  ['', 'indexed dispatcher', 'linear scan', 'scan / indexed'],
  [`p50, bursts of ${BURST}`, ms(indexed.p50), ms(linear.p50), ratio(linear.p50, indexed.p50)],
  [`p99, bursts of ${BURST}`, ms(indexed.p99), ms(linear.p99), ratio(linear.p99, indexed.p99)],
  [`requests/s, bursts of ${BURST}`, indexed.rps.toFixed(0), linear.rps.toFixed(0), ratio(indexed.rps, linear.rps)],
  [`p50, bursts of ${SMALL}`, ms(indexedSmall.p50), ms(linearSmall.p50), ratio(linearSmall.p50, indexedSmall.p50)],
  [`p99, bursts of ${SMALL}`, ms(indexedSmall.p99), ms(linearSmall.p99), ratio(linearSmall.p99, indexedSmall.p99)],
  ['matching step alone', `${micro.indexed.toFixed(1)} µs`, `${micro.linear.toFixed(1)} µs`, ratio(micro.linear, micro.indexed)],
]);

// ── 2. chat ──
const sender = await connect(ready.chatFounder);
const receiver = await connect(ready.chatAdvisor);
for (const sessionId of ready.sessions) {
  await sender.timeout(10_000).emitWithAck('chat:join', { sessionId, afterSeq: 0 });
  await receiver.timeout(10_000).emitWithAck('chat:join', { sessionId, afterSeq: 0 });
}

/** Sends at CHAT_RATE for CHAT_SECONDS through `send`; `arrived` is called by the receiver side. */
async function paced(send: (id: string, room: string) => void, arrivals: Map<string, number>) {
  const sent = new Map<string, number>();
  const perTick = Math.max(1, Math.round(CHAT_RATE / 100));
  const ticks = CHAT_SECONDS * 100;
  const t0 = performance.now();
  for (let t = 0; t < ticks; t++) {
    for (let k = 0; k < perTick; k++) {
      const id = `m${t}x${k}x${Math.random().toString(36).slice(2, 8)}`;
      sent.set(id, performance.now());
      send(id, ready.sessions[(t * perTick + k) % ready.sessions.length]!);
    }
    const due = t0 + (t + 1) * 10;
    while (performance.now() < due) await new Promise((r) => setTimeout(r, Math.max(0, due - performance.now())));
  }
  const deadline = performance.now() + 30_000;
  while (arrivals.size < sent.size && performance.now() < deadline) await new Promise((r) => setTimeout(r, 5));
  const elapsed = (performance.now() - t0) / 1000;
  const lat = [...sent].filter(([id]) => arrivals.has(id)).map(([id, at]) => arrivals.get(id)! - at);
  return { p50: percentile(lat, 50), p99: percentile(lat, 99), delivered: lat.length, sent: sent.size, elapsed };
}

const yArrivals = new Map<string, number>();
receiver.on('chat:message', (m) => yArrivals.set(m.clientId, performance.now()));
const before = await ask<{ stats: { messages: number }; count: number }>({ type: 'stored' });
const y = await paced((id, sessionId) => sender.emit('chat:send', { sessionId, clientId: id, text: `消息 ${id}` }, () => undefined), yArrivals);
const after = await ask<{ stats: { messages: number; batches: number }; count: number }>({ type: 'stored' });
const stored = after.stats.messages - before.stats.messages;

const wsSend = new WebSocket(`${ready.relay}/send`);
const wsRecv = new WebSocket(`${ready.relay}/recv`);
await Promise.all([wsSend, wsRecv].map((w) => new Promise((r) => w.once('open', r))));
const wArrivals = new Map<string, number>();
wsRecv.on('message', (data) => wArrivals.set((JSON.parse(String(data)) as { clientId: string }).clientId, performance.now()));
const w = await paced((id, sessionId) => wsSend.send(JSON.stringify({ sessionId, clientId: id, text: `消息 ${id}` })), wArrivals);

table(`Chat send → delivered (${ready.sessions.length} rooms, ${CHAT_RATE} msg/s offered for ${CHAT_SECONDS} s)`, [
  ['', 'Yinzhi (stored in FerretDB)', 'plain ws relay (nothing stored)', 'Yinzhi / ws'],
  ['p50', ms(y.p50), ms(w.p50), ratio(y.p50, w.p50)],
  ['p99', ms(y.p99), ms(w.p99), ratio(y.p99, w.p99)],
  ['delivered', `${y.delivered}/${y.sent}`, `${w.delivered}/${w.sent}`, ''],
  ['messages/s', (y.delivered / y.elapsed).toFixed(0), (w.delivered / w.elapsed).toFixed(0), ''],
  ['stored', `${stored} (${(stored / y.elapsed).toFixed(0)}/s, ${after.stats.batches} batches total, ${after.count} in DB)`, '0', ''],
]);

sender.close();
receiver.close();
wsSend.close();
wsRecv.close();
// the server stops its FerretDB and exits without answering: wait for the exit itself
const exited = new Promise((r) => child.once('exit', r));
child.send({ type: 'stop' });
await exited;
process.exit(0);
