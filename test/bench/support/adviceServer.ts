/**
 * Child process for the matching benchmark: the real server on an embedded FerretDB, 10,000
 * synthetic online advisors in the dispatcher's index, founders with sessions, 500 chat sessions,
 * and a plain `ws` relay (no persistence) as the chat baseline. Answers the parent over IPC.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import mongoose from 'mongoose';
import { WebSocketServer, type WebSocket } from 'ws';
import { INDUSTRIES } from '../../../shared/industry';
import { createSession } from '../../../server/commands/accounts/sessions';
import { connectDatabase } from '../../../server/db/connect';
import { loadEnv } from '../../../server/env';
import { createLogger } from '../../../server/logger';
import { industryKeys, type AdvisorEntry } from '../../../server/matching/advisorIndex';
import { adviceOf } from '../../../server/matching/service';
import { requestWriter } from '../../../server/matching/store';
import { ChatMessage } from '../../../server/models/ChatMessage';
import { ChatSession } from '../../../server/models/ChatSession';
import { User } from '../../../server/models/User';
import { startServer } from '../../../server/server';
import { installDbProfile } from './dbProfile';

const ADVISORS = Number(process.env.BENCH_ADVISORS ?? 10_000);
const FOUNDERS = Number(process.env.BENCH_FOUNDERS ?? 1000);
const ROOMS = Number(process.env.BENCH_ROOMS ?? 500);
const TOPICS = ['出海', '融资', '数字化', '品牌', '供应链', '人才', '质量', '专利', '环保', '电商'];

const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'yinzhi-bench-advice-'));
const env = loadEnv({ ...process.env, DATA_DIR: dataDir, LOG_LEVEL: 'silent', CLIENT_DIST: '/nonexistent', PORT: '0', SEED: 'off' });
const db = await connectDatabase(env, () => {});
const server = await startServer({ env, log: createLogger('silent'), database: { kind: db.kind }, port: 0, throttle: { perAccount: 1e6, perIp: 1e6, windowSeconds: 60 } });
const service = adviceOf(server.ctx);
service.settings.offerTimeoutMs = 10 * 60_000; // offers stay pending during the run
await service.ready;

// timing hooks for the chat profile (recording only between profile:start and profile:stop)
const profile = installDbProfile(ChatMessage.collection.name);
const writer = service.chat.writer;
const write = writer.write.bind(writer);
writer.write = (message, bucket) => (profile.queued(String(message.clientId)), write(message, bucket));
const realtime = server.ctx.realtime;
const emit = realtime.emit.bind(realtime);
realtime.emit = (rooms, event, ...args) => {
  const at = profile.now();
  emit(rooms, event, ...args);
  if (event === 'chat:message') profile.emitted((args[0] as { clientId: string }).clientId, at);
};

// deterministic pseudo-random
let seed = 42;
const rand = () => ((seed = (seed * 1103515245 + 12345) % 2 ** 31) / 2 ** 31);
const pick = <T>(xs: readonly T[]) => xs[Math.floor(rand() * xs.length)]!;
const codes = INDUSTRIES.filter((n) => n.level !== 'section').map((n) => n.code);

const advisorIds: string[] = [];
for (let i = 0; i < ADVISORS; i++) {
  const userId = new mongoose.Types.ObjectId().toHexString();
  advisorIds.push(userId);
  const topics = [pick(TOPICS), pick(TOPICS)];
  const entry: AdvisorEntry = {
    userId, name: `顾问${i}`, status: 'online', pending: 0, capacity: 50, openSessions: 0,
    industries: [pick(codes), pick(codes)], topics: new Set(topics), topicList: topics, languages: rand() < 0.8 ? ['zh-CN'] : ['zh-CN', 'en'],
    ratingSum: Math.floor(rand() * 20), ratingCount: 5, lastAssignedAt: 0,
  };
  service.index.upsert(entry);
}

async function makeUsers(n: number, roles: string[], prefix: string) {
  const docs = await User.insertMany(Array.from({ length: n }, (_, i) => ({ email: `${prefix}${i}@bench.local`, name: `${prefix}${i}`, roles, passwordHash: 'x' })));
  const cookies: string[] = [];
  for (const d of docs) cookies.push(`yz_sid=${encodeURIComponent((await createSession({ userId: String(d._id), ttlDays: 1 })).token)}`);
  return { ids: docs.map((d) => String(d._id)), cookies };
}

const founders = await makeUsers(FOUNDERS, ['founder'], 'f');
const [chatFounder, chatAdvisor] = [await makeUsers(1, ['founder'], 'cf'), await makeUsers(1, ['advisor'], 'ca')];
const sessions = await ChatSession.insertMany(
  Array.from({ length: ROOMS }, () => ({
    requestId: new mongoose.Types.ObjectId(), founderId: chatFounder.ids[0], founderName: 'cf', advisorId: chatAdvisor.ids[0], advisorName: 'ca', industry: '3381', question: 'bench',
  })),
);

// the baseline relay: whatever the sender writes goes to every receiver, nothing stored
const relay = new WebSocketServer({ port: 0, host: '127.0.0.1' });
const receivers = new Set<WebSocket>();
relay.on('connection', (ws, req) => {
  if (req.url === '/recv') receivers.add(ws);
  ws.on('message', (data) => {
    for (const r of receivers) r.send(data);
  });
});
await new Promise((resolve) => relay.once('listening', resolve));
const relayPort = (relay.address() as { port: number }).port;

const baseBest = service.index.best.bind(service.index);
process.on('message', async (m: { type: string; socketId?: string; linear?: boolean }) => {
  if (m.type === 'joinMonitor') {
    server.io.in(m.socketId ?? '').socketsJoin(advisorIds.map((id) => `user:${id}`));
    process.send?.({ ok: true });
  } else if (m.type === 'mode') {
    service.index.best = m.linear ? (req, ex, now) => service.index.bestLinear(req, ex, now) : baseBest;
    process.send?.({ ok: true });
  } else if (m.type === 'micro') {
    const reqs = Array.from({ length: 2000 }, () => {
      const industry = pick(codes);
      return { industry, ...industryKeys(industry), topics: [pick(TOPICS)], language: 'zh-CN' as const };
    });
    const time = (fn: (r: (typeof reqs)[number]) => unknown) => {
      const t = performance.now();
      for (const r of reqs) fn(r);
      return ((performance.now() - t) * 1000) / reqs.length;
    };
    const none = new Set<string>();
    time((r) => baseBest(r, none, Date.now())); // warm up
    const indexed = time((r) => baseBest(r, none, Date.now()));
    const linear = time((r) => service.index.bestLinear(r, none, Date.now()));
    process.send?.({ indexed, linear });
  } else if (m.type === 'stored') {
    await service.chat.writer.idle();
    process.send?.({ stats: { ...service.chat.writer.stats }, count: await ChatMessage.estimatedDocumentCount() });
  } else if (m.type === 'settle') {
    await requestWriter.idle(); // a burst's cancels written before the next burst is timed
    process.send?.({ ok: true });
  } else if (m.type === 'profile:start') {
    profile.record(true);
    process.send?.({ ok: true });
  } else if (m.type === 'profile:stop') {
    await service.chat.writer.idle();
    profile.record(false);
    process.send?.(profile.dump());
  } else if (m.type === 'stop') {
    relay.close();
    await service.stop();
    await server.close();
    await db.stop();
    fs.rmSync(dataDir, { recursive: true, force: true });
    process.exit(0);
  }
});

process.send?.({
  url: server.url,
  relay: `ws://127.0.0.1:${relayPort}`,
  founders: founders.cookies,
  chatFounder: chatFounder.cookies[0],
  chatAdvisor: chatAdvisor.cookies[0],
  sessions: sessions.map((s) => String(s._id)),
  advisors: ADVISORS,
});
