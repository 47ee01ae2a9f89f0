import mongoose from 'mongoose';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { industryKeys } from '../../../server/matching/advisorIndex';
import { adviceOf } from '../../../server/matching/service';
import type { LiveRequest } from '../../../server/matching/live';
import { mongoRequestStore, requestWriter } from '../../../server/matching/store';
import { AdviceRequest, AdviceTransition } from '../../../server/models/AdviceRequest';
import { startTestServer } from '../../helpers/server';

let server: Awaited<ReturnType<typeof startTestServer>>;
beforeAll(async () => {
  server = await startTestServer();
});
afterAll(async () => {
  await adviceOf(server.ctx).stop();
  await server?.stop();
});

const fresh = (): LiveRequest => ({
  id: new mongoose.Types.ObjectId().toHexString(), founderId: new mongoose.Types.ObjectId().toHexString(), founderName: 'F', industry: '3381',
  ...industryKeys('3381'), topics: [], topicList: [], question: 'group commit', urgency: 'normal', language: 'zh-CN', createdAt: Date.now(),
  state: 'matching', version: 0, offeredTo: null, offerExpiresAt: null, passedBy: new Set(), attempts: 0, sessionId: null, offer: null,
});

describe('request group commit on FerretDB', () => {
  it('stores a burst in a few flushes; racing claims in one flush: each duplicate loses alone, the rest win and are applied', async () => {
    const lives = Array.from({ length: 20 }, fresh);
    const before = { ...requestWriter.stats };
    await Promise.all(lives.map((l) => mongoRequestStore.create(l, { state: 'queued', offeredTo: null, offerExpiresAt: null })));
    expect(requestWriter.stats.flushes - before.flushes).toBeLessThanOrEqual(2);
    for (const l of lives) l.version = 1;

    const advisor = new mongoose.Types.ObjectId().toHexString();
    const [a, b, ...others] = lives as [LiveRequest, LiveRequest, ...LiveRequest[]];
    const outcomes = await Promise.all([
      mongoRequestStore.claim(a, { state: 'offered', offeredTo: advisor, offerExpiresAt: Date.now() + 1000, attempts: 1 }),
      mongoRequestStore.claim(a, { state: 'cancelled', offeredTo: null, offerExpiresAt: null }), // same version: must lose
      mongoRequestStore.claim(b, { state: 'cancelled', offeredTo: null, offerExpiresAt: null }),
      ...others.map((l) => mongoRequestStore.claim(l, { state: 'cancelled' })),
    ]);
    expect(outcomes).toEqual([true, false, true, ...others.map(() => true)]);
    await requestWriter.idle();
    expect(await AdviceRequest.findById(a.id).lean()).toMatchObject({ state: 'offered', version: 2 });
    expect(String((await AdviceRequest.findById(a.id).lean())?.offeredTo)).toBe(advisor);
    expect(await AdviceRequest.findById(b.id).lean()).toMatchObject({ state: 'cancelled', version: 2 });
    expect((await AdviceTransition.find({ requestId: a.id }).lean()).map((c) => c.state).sort()).toEqual(['offered', 'queued']);
  });

  it('a request that cannot be stored fails alone (its claim log is not written); the others of the flush are stored', async () => {
    const dup = fresh();
    const ok = fresh();
    await mongoRequestStore.create(dup, { state: 'queued' });
    const results = await Promise.allSettled([mongoRequestStore.create({ ...dup, question: 'again' }, { state: 'queued' }), mongoRequestStore.create(ok, { state: 'queued' })]);
    expect(results.map((r) => r.status)).toEqual(['rejected', 'fulfilled']);
    expect((await AdviceRequest.findById(dup.id).lean())?.question).toBe('group commit');
    expect(await AdviceTransition.countDocuments({ requestId: dup.id })).toBe(1);
    expect(await AdviceRequest.findById(ok.id).lean()).toMatchObject({ state: 'queued', version: 1 });
  });
});
