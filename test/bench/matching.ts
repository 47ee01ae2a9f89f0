/**
 * Matching and chat benchmark (not part of `npm test`):
 *
 *   npx tsx test/bench/matching.ts
 *
 * 1. Request → offer: 10,000 online advisors in the dispatcher; founders ask the way the founder
 *    desk asks (REST `POST /api/advice/requests` with their session cookie), in bursts of 50 and
 *    of 5, requests drawn with a fixed seed over the GB/T 4754 taxonomy and the topics founders
 *    type (support/requestBench.ts); we time from sending the request to the offer arriving on a
 *    real socket.io client joined to every advisor's room, p50/p99 and requests/s. Baseline, same
 *    run, same requests, same warm-up, bursts alternating: the index replaced by a linear scan
 *    over all advisors. Also the matching step alone (index vs scan, µs per request).
 * 2. Chat: 500 rooms; a sender paces messages across them; we time send → delivered at the other
 *    participant, p50/p99, and count what FerretDB stored; beside a plain `ws` relay that stores
 *    nothing. Then the profile of where the time goes (support/chatBench.ts, support/dbProfile.ts).
 *
 * Server and FerretDB run in a child process; clients here. Both share this machine's cores.
 */
import { fork } from 'node:child_process';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { io, type Socket } from 'socket.io-client';
import { WebSocket } from 'ws';
import type { ClientToServerEvents, ServerToClientEvents } from '../../shared/events';
import { chatProfile, connectionLines, paced, wallNow } from './support/chatBench';
import type { ProfileDump } from './support/dbProfile';
import { announce, reportTargets } from './support/report';
import { requestBench } from './support/requestBench';
import { ms, ratio, table } from './support/stats';

type ClientSocket = Socket<ServerToClientEvents, ClientToServerEvents>;
const here = path.dirname(fileURLToPath(import.meta.url));
const BURSTS = Number(process.env.BENCH_BURSTS ?? 8);
const BURST = Number(process.env.BENCH_BURST ?? 50);
const SMALL = Number(process.env.BENCH_SMALL_BURST ?? 5);
const WARMUP = Number(process.env.BENCH_WARMUP_BURSTS ?? 2); // per mode, the same requests for both
const CHAT_RATE = Number(process.env.BENCH_CHAT_RATE ?? 3500); // messages per second offered
const CHAT_SECONDS = Number(process.env.BENCH_CHAT_SECONDS ?? 5);

interface Ready { url: string; relay: string; founders: string[]; chatFounder: string; chatAdvisor: string; sessions: string[]; advisors: number }

announce('matching', `request → offer over REST as the founder desk asks (bursts of ${BURST} and ${SMALL}), chat at ${CHAT_RATE} msg/s`);
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
const setMode = async (linear: boolean) => void (await ask({ type: 'mode', linear }));
const settle = async () => void (await ask({ type: 'settle' }));
const common = { url: ready.url, founders: ready.founders, monitor, setMode, settle, warmupBursts: WARMUP };
await ask({ type: 'profile:start' });
const requestStart = performance.now();
const big = await requestBench({ ...common, burst: BURST, bursts: BURSTS });
const requestDump = await ask<ProfileDump>({ type: 'profile:stop' });
const requestWindow = performance.now() - requestStart;
const small = await requestBench({ ...common, burst: SMALL, bursts: BURSTS });
const micro = await ask<{ indexed: number; linear: number }>({ type: 'micro' });
monitor.close();

table(`Request → offer delivered (${ready.advisors} online advisors; ${BURSTS} measured bursts per mode after ${WARMUP} warm-up bursts per mode, the same requests in both)`, [
  ['', 'indexed dispatcher', 'linear scan (baseline)', 'scan / indexed'],
  [`p50, bursts of ${BURST}`, ms(big.indexed.p50), ms(big.linear.p50), ratio(big.linear.p50, big.indexed.p50)],
  [`p99, bursts of ${BURST}`, ms(big.indexed.p99), ms(big.linear.p99), ratio(big.linear.p99, big.indexed.p99)],
  [`REST reply p99, bursts of ${BURST}`, ms(big.indexed.replyP99), ms(big.linear.replyP99), ratio(big.linear.replyP99, big.indexed.replyP99)],
  [`requests/s, bursts of ${BURST}`, big.indexed.rps.toFixed(0), big.linear.rps.toFixed(0), ratio(big.indexed.rps, big.linear.rps)],
  [`p50, bursts of ${SMALL}`, ms(small.indexed.p50), ms(small.linear.p50), ratio(small.linear.p50, small.indexed.p50)],
  [`p99, bursts of ${SMALL}`, ms(small.indexed.p99), ms(small.linear.p99), ratio(small.linear.p99, small.indexed.p99)],
  ['matching step alone', `${micro.indexed.toFixed(1)} µs`, `${micro.linear.toFixed(1)} µs`, ratio(micro.linear, micro.indexed)],
]);

console.log(`\nFerretDB during the bursts of ${BURST} (both modes, warm-up and the cancels between bursts included):`);
for (const line of connectionLines(requestDump, requestWindow)) console.log(`  ${line}`);

// ── 2. chat ──
const sender = await connect(ready.chatFounder);
const receiver = await connect(ready.chatAdvisor);
for (const sessionId of ready.sessions) {
  await sender.timeout(10_000).emitWithAck('chat:join', { sessionId, afterSeq: 0 });
  await receiver.timeout(10_000).emitWithAck('chat:join', { sessionId, afterSeq: 0 });
}

const yArrivals = new Map<string, number>();
receiver.on('chat:message', (m) => yArrivals.set(m.clientId, wallNow()));
const before = await ask<{ stats: { messages: number }; count: number }>({ type: 'stored' });
await ask({ type: 'profile:start' });
const y = await paced(CHAT_RATE, CHAT_SECONDS, ready.sessions, (id, sessionId) => sender.emit('chat:send', { sessionId, clientId: id, text: `消息 ${id}` }, () => undefined), yArrivals);
const dump = await ask<ProfileDump>({ type: 'profile:stop' });
const after = await ask<{ stats: { messages: number; batches: number }; count: number }>({ type: 'stored' });
const stored = after.stats.messages - before.stats.messages;

const wsSend = new WebSocket(`${ready.relay}/send`);
const wsRecv = new WebSocket(`${ready.relay}/recv`);
await Promise.all([wsSend, wsRecv].map((w) => new Promise((r) => w.once('open', r))));
const wArrivals = new Map<string, number>();
wsRecv.on('message', (data) => wArrivals.set((JSON.parse(String(data)) as { clientId: string }).clientId, wallNow()));
const w = await paced(CHAT_RATE, CHAT_SECONDS, ready.sessions, (id, sessionId) => wsSend.send(JSON.stringify({ sessionId, clientId: id, text: `消息 ${id}` })), wArrivals);

table(`Chat send → delivered (${ready.sessions.length} rooms, ${CHAT_RATE} msg/s offered for ${CHAT_SECONDS} s)`, [
  ['', 'Yinzhi (stored in FerretDB)', 'plain ws relay (nothing stored)', 'Yinzhi / ws'],
  ['p50', ms(y.p50), ms(w.p50), ratio(y.p50, w.p50)],
  ['p99', ms(y.p99), ms(w.p99), ratio(y.p99, w.p99)],
  ['delivered', `${y.delivered}/${y.sent}`, `${w.delivered}/${w.sent}`, ''],
  ['messages/s', (y.delivered / y.elapsed).toFixed(0), (w.delivered / w.elapsed).toFixed(0), ''],
  ['stored', `${stored} (${(stored / y.elapsed).toFixed(0)}/s, ${after.count} in DB)`, '0', ''],
]);
console.log('\nwhere the chat time goes (server hooks, same run):');
for (const line of chatProfile(dump, y.sentAt, yArrivals, y.elapsed * 1000)) console.log(`  ${line}`);

const allStored = stored === y.sent && after.count >= y.sent && y.delivered === y.sent;
reportTargets('matching', [
  { name: `request → offer p99, bursts of ${BURST}`, figure: ms(big.indexed.p99), baseline: `linear scan ${ms(big.linear.p99)}`, target: '≤ 20 ms', pass: big.indexed.p99 <= 20 },
  { name: `request → offer p99, bursts of ${BURST}, vs scan`, figure: ratio(big.linear.p99, big.indexed.p99), baseline: `linear scan ${ms(big.linear.p99)}`, target: '≥ 10×', pass: big.linear.p99 >= 10 * big.indexed.p99 },
  { name: `request → offer p50, bursts of ${BURST}, vs scan`, figure: ratio(big.linear.p50, big.indexed.p50), baseline: `linear scan ${ms(big.linear.p50)}`, target: '≥ 10×', pass: big.linear.p50 >= 10 * big.indexed.p50 },
  { name: `request → offer p99, bursts of ${SMALL}`, figure: ms(small.indexed.p99), baseline: `linear scan ${ms(small.linear.p99)}`, target: '≤ 20 ms', pass: small.indexed.p99 <= 20 },
  { name: 'chat send → delivered p99, 500 rooms', figure: `${ms(y.p99)} (${ratio(y.p99, w.p99)})`, baseline: `ws relay ${ms(w.p99)}`, target: '≤ 5× relay', pass: y.p99 <= 5 * w.p99 },
  { name: 'chat: every message stored and delivered', figure: `${stored}/${y.sent} stored, ${y.delivered} delivered`, baseline: '—', target: 'all', pass: allStored },
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
