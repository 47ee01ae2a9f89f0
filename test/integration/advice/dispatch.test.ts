import mongoose from 'mongoose';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { adviceOf } from '../../../server/matching/service';
import { AdviceRequest, AdviceTransition } from '../../../server/models/AdviceRequest';
import { nextEvent, request } from '../../helpers/socket';
import { startTestServer } from '../../helpers/server';
import { QUESTION, fastAdvice, onlineAdvisor, person, record, until } from './setup';

let server: Awaited<ReturnType<typeof startTestServer>>;

beforeAll(async () => {
  server = await startTestServer();
  fastAdvice(server, { offerTimeoutMs: 400 });
});
afterAll(async () => {
  await adviceOf(server.ctx).stop();
  await server?.stop();
});

/** Cancels what earlier tests left open and takes every advisor offline, so each test starts from nobody. */
async function clearAdvisors() {
  const service = adviceOf(server.ctx);
  for (const id of [...service.dispatcher.requests.keys()]) await service.dispatcher.cancel(id);
  for (const e of [...service.index.values()]) service.index.remove(e.userId);
}

describe('dispatch', () => {
  it('offers to the closest industry first, shows why, and on timeout offers to the next', async () => {
    await clearAdvisors();
    const near = await onlineAdvisor(server, { industries: ['3381'], topics: ['出海'] });
    const far = await onlineAdvisor(server, { industries: ['33'] });
    const unrelated = await onlineAdvisor(server, { industries: ['65'] });
    const founder = await person(server, ['founder']);
    const nearOffers = record(near.socket, 'advice:offered');
    const unrelatedOffers = record(unrelated.socket, 'advice:offered');
    const withdrawn = nextEvent(near.socket, 'advice:offerWithdrawn', 3000);
    const farOffer = nextEvent(far.socket, 'advice:offered', 3000);

    const created = await founder.http.post('/api/advice/requests', QUESTION);
    expect(created.status).toBe(201);
    expect(created.body.data.state).toBe('offered');
    await until(() => nearOffers.length === 1);
    const offer = nearOffers[0]!;
    expect(offer.request.id).toBe(created.body.data.id);
    expect(offer.reasons.find((r) => r.code === 'industry')).toMatchObject({ level: 4, request: '3381', advisor: '3381' });
    expect(offer.reasons.find((r) => r.code === 'topics')).toMatchObject({ shared: ['出海'] });

    expect(await withdrawn).toEqual({ requestId: offer.request.id, reason: 'timeout' });
    const second = await farOffer;
    expect(second.reasons.find((r) => r.code === 'industry')).toMatchObject({ level: 2 });
    expect(unrelatedOffers).toHaveLength(0); // 65 shares neither 门类 nor topics: never suitable
    const doc = await AdviceRequest.findById(offer.request.id).lean();
    expect(doc).toMatchObject({ state: 'offered', attempts: 2 });
    expect(doc?.passedBy.map(String)).toEqual([near.id]);
  });

  it('declines with a reason, and accept opens a session for both sides', async () => {
    await clearAdvisors();
    const a = await onlineAdvisor(server, { industries: ['3381'] });
    const b = await onlineAdvisor(server, { industries: ['3312'] });
    const founder = await person(server, ['founder']);
    const updates = record(founder.socket, 'advice:updated');
    const offerA = nextEvent(a.socket, 'advice:offered');
    const offerB = nextEvent(b.socket, 'advice:offered');
    const { body } = await founder.http.post('/api/advice/requests', QUESTION);
    await offerA;
    // b may not answer an offer it does not hold
    expect((await request(b.socket, 'advice:accept', { requestId: body.data.id })).error?.code).toBe('forbidden');
    expect((await request(a.socket, 'advice:decline', { requestId: body.data.id, reason: 'busy' })).data).toEqual({ requestId: body.data.id });
    await offerB;
    const founderSession = nextEvent(founder.socket, 'chat:session');
    const accepted = await request(b.socket, 'advice:accept', { requestId: body.data.id });
    expect(accepted.data).toMatchObject({ state: 'open', advisor: { id: b.id }, founder: { id: founder.id }, abilities: { post: true, end: true, rate: false } });
    expect((await founderSession).abilities).toMatchObject({ post: true, rate: false, summarize: false });
    await until(() => updates.some((u) => u.state === 'accepted'));
    expect(updates.at(-1)).toMatchObject({ state: 'accepted', sessionId: accepted.data.id });
    // a second accept (the same advisor again) is a conflict, not a second session
    expect((await request(b.socket, 'advice:accept', { requestId: body.data.id })).error?.code).toBe('conflict');
    const claims = await AdviceTransition.find({ requestId: body.data.id }).lean();
    expect(claims.map((c) => c.state)).toEqual(['offered', 'matching', 'offered', 'accepted']);
  });

  it('queues when nobody is free, updates positions live by urgency then age, and dispatches when an advisor comes online', async () => {
    await clearAdvisors();
    fastAdvice(server, { offerTimeoutMs: 10_000 });
    const f1 = await person(server, ['founder']);
    const f2 = await person(server, ['founder']);
    const f3 = await person(server, ['founder']);
    const u1 = record(f1.socket, 'advice:updated');
    const u2 = record(f2.socket, 'advice:updated');
    const u3 = record(f3.socket, 'advice:updated');
    const r1 = await f1.http.post('/api/advice/requests', QUESTION);
    expect(r1.body.data).toMatchObject({ state: 'queued', queue: { position: 1, estimatedWaitSeconds: null } });
    const r2 = await f2.http.post('/api/advice/requests', { ...QUESTION, urgency: 'low' });
    expect(r2.body.data.queue.position).toBe(2);
    const r3 = await f3.http.post('/api/advice/requests', { ...QUESTION, urgency: 'urgent' });
    expect(r3.body.data.queue.position).toBe(1);
    await until(() => u1.at(-1)?.queue?.position === 2 && u2.at(-1)?.queue?.position === 3, 3000, 'positions to move');

    const adv = await onlineAdvisor(server, { industries: ['3381'], capacity: 1 });
    const offer = await nextEvent(adv.socket, 'advice:offered');
    expect(offer.request.id).toBe(r3.body.data.id); // urgent first
    await until(() => u3.at(-1)?.state === 'offered');
    await until(() => u1.at(-1)?.queue?.position === 1 && u2.at(-1)?.queue?.position === 2, 3000, 'positions after dispatch');
    expect(u1.at(-1)?.queue?.estimatedWaitSeconds).toBeGreaterThan(0);

    // cancelling the offered request withdraws the offer and frees the seat for the next in line
    const withdrawn = nextEvent(adv.socket, 'advice:offerWithdrawn');
    const next = new Promise((resolve) => adv.socket.on('advice:offered', (o) => o.request.id === r1.body.data.id && resolve(o)));
    expect((await f2.http.post(`/api/advice/requests/${r3.body.data.id}/cancel`)).status).toBe(403); // not theirs
    expect((await f3.http.post(`/api/advice/requests/${r3.body.data.id}/cancel`)).body.data.state).toBe('cancelled');
    expect(await withdrawn).toMatchObject({ reason: 'cancelled' });
    await next;
    await until(() => u2.at(-1)?.queue?.position === 1);
    fastAdvice(server, { offerTimeoutMs: 400 });
  });

  it('takes a request over the socket (authenticated at the handshake): stored offered, then offered, with the same rules as REST', async () => {
    await clearAdvisors();
    fastAdvice(server, { offerTimeoutMs: 10_000 });
    const adv = await onlineAdvisor(server, { industries: ['3381'], capacity: 2 });
    const founder = await person(server, ['founder']);
    const offered = nextEvent(adv.socket, 'advice:offered');
    const reply = await request(founder.socket, 'advice:request', QUESTION);
    expect(reply.data).toMatchObject({ state: 'offered', founder: { id: founder.id } });
    const id = (reply.data as { id: string }).id;
    expect((await offered).request.id).toBe(id);
    // durable before the ack: the document and its one claim are stored
    const stored = await AdviceRequest.findById(id);
    expect(stored?.toObject()).toMatchObject({ state: 'offered', version: 1, attempts: 1, topics: ['出海'], passedBy: [], sessionId: null, __v: 0 });
    await expect(stored!.validate()).resolves.toBeUndefined(); // written plainly, but exactly as the schema casts
    expect(stored?.offeredTo?.toHexString()).toBe(adv.id);
    expect(stored?.offerExpiresAt).toBeInstanceOf(Date);
    expect((await AdviceRequest.findById(id).lean())?.founderId).toBeInstanceOf(mongoose.Types.ObjectId);
    expect((await AdviceTransition.findById(`${id}:1`).lean())?.advisorId?.toString()).toBe(adv.id);
    expect((await AdviceTransition.find({ requestId: id }).lean()).map((c) => c.state)).toEqual(['offered']);
    expect((await request(adv.socket, 'advice:request', QUESTION)).error?.code).toBe('forbidden');
    expect((await request(founder.socket, 'advice:request', { industry: '9999' })).error?.code).toBe('validation_failed');
    fastAdvice(server, { offerTimeoutMs: 400 });
  });

  it('lets only founders ask and only advisors go online; validates input', async () => {
    const adv = await person(server, ['advisor']);
    const founder = await person(server, ['founder']);
    expect((await adv.http.post('/api/advice/requests', QUESTION)).status).toBe(403);
    expect((await request(founder.socket, 'advisor:status', { status: 'online' })).error?.code).toBe('forbidden');
    expect((await founder.http.get('/api/advice/advisor')).status).toBe(403);
    const bad = await founder.http.post('/api/advice/requests', { industry: '9999', question: 'x', urgency: 'now' });
    expect(bad.status).toBe(400);
    expect(bad.body.error.details.map((d: { path: string[] }) => d.path[0]).sort()).toEqual(['industry', 'question', 'urgency']);
    expect((await request(adv.socket, 'advisor:status', { status: 'dancing' })).error?.code).toBe('validation_failed');
  });
});
