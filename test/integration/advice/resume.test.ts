import mongoose from 'mongoose';
import { afterAll, describe, expect, inject, it } from 'vitest';
import { adviceOf } from '../../../server/matching/service';
import { mongoRequestStore } from '../../../server/matching/store';
import { AdviceRequest, AdviceTransition } from '../../../server/models/AdviceRequest';
import { nextEvent, request } from '../../helpers/socket';
import { startTestServer } from '../../helpers/server';
import { QUESTION, fastAdvice, onlineAdvisor, person, record, sleep, until } from './setup';

type Server = Awaited<ReturnType<typeof startTestServer>>;
const running: Server[] = [];

async function start(): Promise<Server> {
  const s = await startTestServer();
  fastAdvice(s, { offerTimeoutMs: 10_000 });
  await adviceOf(s.ctx).ready;
  running.push(s);
  return s;
}

async function halt(s: Server): Promise<void> {
  await adviceOf(s.ctx).stop();
  await s.close();
  running.splice(running.indexOf(s), 1);
}

afterAll(async () => {
  const last = running.pop();
  for (const s of running) await halt(s);
  if (last) {
    await adviceOf(last.ctx).stop();
    await last.stop(); // drops the shared test database
  }
});

describe('two dispatchers, restarts', () => {
  it('two dispatchers racing for the same queued requests never offer one twice', async () => {
    const a = await start();
    const founders = await Promise.all(Array.from({ length: 6 }, () => person(a, ['founder'])));
    const ids: string[] = [];
    for (const f of founders) ids.push((await f.http.post('/api/advice/requests', QUESTION)).body.data.id);
    const b = await start(); // resumes the same six queued requests into its own queue
    expect(adviceOf(b.ctx).dispatcher.queue.length).toBeGreaterThanOrEqual(6);

    const [adv1, adv2] = await Promise.all([person(a, ['advisor']), person(b, ['advisor'])]);
    for (const adv of [adv1, adv2]) await adv.http.patch('/api/advice/advisor', { industries: ['3381'], capacity: 10 });
    const o1 = record(adv1.socket, 'advice:offered');
    const o2 = record(adv2.socket, 'advice:offered');
    // both come online at once: each dispatcher drains its copy of the queue concurrently
    await Promise.all([request(adv1.socket, 'advisor:status', { status: 'online' }), request(adv2.socket, 'advisor:status', { status: 'online' })]);
    await until(async () => (await AdviceRequest.countDocuments({ _id: { $in: ids }, state: 'offered' })) === 6, 5000, 'all offered');
    await sleep(300);
    const offered = [...o1, ...o2].map((o) => o.request.id).filter((id) => ids.includes(id));
    expect(offered.sort()).toEqual([...ids].sort()); // each exactly once, across both dispatchers
    for (const id of ids) expect(await AdviceTransition.countDocuments({ requestId: id, state: 'offered' })).toBe(1);
    for (const f of founders) f.socket.close();
    await halt(b);
    await halt(a);
  });

  it('claims are exclusive across separate database connections, and a half-applied claim is rolled forward', async () => {
    const s = await start();
    const founder = await person(s, ['founder']);
    const id = (await founder.http.post('/api/advice/requests', QUESTION)).body.data.id as string;
    const version = (await AdviceRequest.findById(id).lean())!.version;
    const others = await Promise.all(Array.from({ length: 4 }, () => mongoose.createConnection(`${inject('mongoUri')}${mongoose.connection.name}`, { maxPoolSize: 1 }).asPromise()));
    const models = others.map((c) => c.model('AdviceTransition', AdviceTransition.schema));
    const results = await Promise.allSettled(
      models.map((m, i) => m.create({ _id: `${id}:${version + 1}`, requestId: id, state: 'cancelled', reason: `racer ${i}`, set: { state: 'cancelled', version: version + 1 } })),
    );
    expect(results.filter((r) => r.status === 'fulfilled')).toHaveLength(1);
    await Promise.all(others.map((c) => c.close()));
    // the winner "crashed" before updating the request: a reload applies its claim
    expect((await AdviceRequest.findById(id).lean())?.state).toBe('queued');
    expect((await mongoRequestStore.reload(id))?.state).toBe('cancelled');
    expect((await AdviceRequest.findById(id).lean())).toMatchObject({ state: 'cancelled', version: version + 1 });
    founder.socket.close();
    await halt(s);
  });

  it('resumes pending offers (with the time left) and the queue after a restart', async () => {
    const first = await start();
    fastAdvice(first, { offerTimeoutMs: 1500 });
    const adv = await onlineAdvisor(first, { industries: ['3381'], capacity: 1 });
    const f1 = await person(first, ['founder']);
    const f2 = await person(first, ['founder']);
    const offered = nextEvent(adv.socket, 'advice:offered');
    const r1 = (await f1.http.post('/api/advice/requests', QUESTION)).body.data;
    await offered;
    const r2 = (await f2.http.post('/api/advice/requests', QUESTION)).body.data;
    expect(r2.state).toBe('queued');
    const started = Date.now();
    await halt(first);

    const second = await start();
    const service = adviceOf(second.ctx);
    expect(service.dispatcher.requests.get(r1.id)?.state).toBe('offered');
    expect(service.dispatcher.queue.position(r2.id)).toBe(1);
    // the resumed countdown runs out (nobody on this server answers) and the request queues again
    await until(() => service.dispatcher.requests.get(r1.id)?.state === 'queued', 4000, 'resumed offer to lapse');
    expect(Date.now() - started).toBeGreaterThan(1000);
    const late = await onlineAdvisor(second, { industries: ['3381'], capacity: 2 });
    const got = record(late.socket, 'advice:offered');
    await until(() => got.length === 2, 3000, 'both offered to the new advisor');
    expect(got.map((o) => o.request.id)).toEqual([r1.id, r2.id]); // r1 keeps its age: it was asked first
  });
});
