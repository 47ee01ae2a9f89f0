import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { PresenceTracker } from '../../../server/matching/presence';
import { advisor, request, setup } from './fakes';

const flush = () => vi.advanceTimersByTimeAsync(0);

beforeEach(() => vi.useFakeTimers());
afterEach(() => vi.useRealTimers());

describe('Dispatcher state machine', () => {
  it('offers with a 30 s countdown, then to the next candidate, then queues', async () => {
    const { index, events, dispatcher } = setup();
    index.upsert(advisor('near', ['3381']));
    index.upsert(advisor('far', ['33']));
    const live = request();
    await dispatcher.submit(live);
    expect(events).toEqual([`offered ${live.id}→near`]);
    await vi.advanceTimersByTimeAsync(29_999);
    expect(live.state).toBe('offered');
    await vi.advanceTimersByTimeAsync(1);
    expect(events.slice(1)).toEqual([`withdrawn ${live.id}→near timeout`, `offered ${live.id}→far`]);
    await vi.advanceTimersByTimeAsync(30_000);
    expect(live.state).toBe('queued');
    expect([...live.passedBy]).toEqual(['near', 'far']);
    expect(dispatcher.queue.position(live.id)).toBe(1);
    expect(index.get('near')?.pending).toBe(0);
  });

  it('never holds more offers than an advisor has free seats, and drains the queue when a seat frees', async () => {
    const { index, events, dispatcher } = setup();
    index.upsert(advisor('solo', ['3381'], 1));
    const a = request();
    const b = request();
    await dispatcher.submit(a);
    await dispatcher.submit(b);
    expect(b.state).toBe('queued');
    expect(await dispatcher.accept(a.id, 'solo', 's1')).toBe(a);
    expect(index.get('solo')).toMatchObject({ pending: 0, openSessions: 1 });
    index.get('solo')!.openSessions = 0; // the session ended
    await dispatcher.drain();
    expect(events.at(-1)).toBe(`offered ${b.id}→solo`);
  });

  it('lets exactly one of a racing accept and timeout win', async () => {
    const { index, dispatcher, store } = setup();
    index.upsert(advisor('x', ['3381']));
    const live = request();
    await dispatcher.submit(live);
    vi.advanceTimersByTime(30_000); // the timeout fires; its claim is in flight
    const accepted = await dispatcher.accept(live.id, 'x', 's');
    await flush();
    // the timeout claimed first: the accept loses, the request moves on (queued: nobody else is free)
    expect(accepted).toBeNull();
    expect(live.state).toBe('queued');
    expect([...store.claims.values()].map((c) => c.state)).toEqual(['offered', 'matching', 'queued']);
  });

  it('serves urgent requests first, then older ones', async () => {
    const { index, events, dispatcher } = setup();
    const old = request({ urgency: 'normal' });
    const low = request({ urgency: 'low' });
    const urgent = request({ urgency: 'urgent' });
    for (const r of [old, low, urgent]) await dispatcher.submit(r);
    expect(dispatcher.queue.ordered().map((r) => r.id)).toEqual([urgent.id, old.id, low.id]);
    index.upsert(advisor('a', ['3381'], 3));
    await dispatcher.drain();
    expect(events).toEqual([urgent, old, low].map((r) => `offered ${r.id}→a`));
  });

  it('cancels an offered request: the offer is withdrawn and the seat freed', async () => {
    const { index, events, dispatcher } = setup();
    index.upsert(advisor('a', ['3381']));
    const live = request();
    await dispatcher.submit(live);
    await dispatcher.cancel(live.id);
    expect(events.at(-1)).toBe(`withdrawn ${live.id}→a cancelled`);
    expect(index.get('a')?.pending).toBe(0);
    await vi.advanceTimersByTimeAsync(60_000);
    expect(live.state).toBe('cancelled');
  });
});

describe('Dispatcher.create (a new request stored already placed)', () => {
  it('offers at once, stores the request offered in one write, and resolves (the founder\'s ack) only once stored', async () => {
    const { index, events, dispatcher, store } = setup();
    index.upsert(advisor('a', ['3381']));
    const live = request();
    let acked = false;
    const created = dispatcher.create(live).then(() => (acked = true));
    expect(events).toEqual([`offered ${live.id}→a`]);
    expect(index.get('a')?.pending).toBe(1);
    expect(store.claims.size).toBe(0);
    expect(acked).toBe(false);
    await created;
    expect(live).toMatchObject({ state: 'offered', version: 1, offeredTo: 'a', attempts: 1 });
    expect([...store.claims.keys()]).toEqual([`${live.id}:1`]);
  });

  it('queues a new request nobody can take, stored queued', async () => {
    const { dispatcher, store } = setup();
    const live = request();
    await dispatcher.create(live);
    expect(live.state).toBe('queued');
    expect(dispatcher.queue.position(live.id)).toBe(1);
    expect(store.claims.get(`${live.id}:1`)?.state).toBe('queued');
  });

  it('when the write fails: the offer is withdrawn, the seat released, the request forgotten, the caller hears it; never offered again', async () => {
    const { index, events, dispatcher, store } = setup();
    index.upsert(advisor('a', ['3381'], 1));
    store.failCreate = true;
    const live = request();
    await expect(dispatcher.create(live)).rejects.toThrow('flush failed');
    expect(events).toEqual([`offered ${live.id}→a`, `withdrawn ${live.id}→a cancelled`]);
    expect(index.get('a')?.pending).toBe(0);
    expect(dispatcher.requests.has(live.id)).toBe(false);
    expect(store.claims.size).toBe(0);
    // an accept that raced the failed write loses; the countdown never fires; drains skip it
    expect(await dispatcher.accept(live.id, 'a', 's')).toBeNull();
    await vi.advanceTimersByTimeAsync(60_000);
    await dispatcher.drain();
    expect(events).toHaveLength(2);
    // the seat is free for the next request, offered exactly once
    store.failCreate = false;
    const next = request();
    await dispatcher.create(next);
    expect(events.slice(2)).toEqual([`offered ${next.id}→a`]);
  });

  it('an accept, decline or cancel that arrives before the write is durable waits for it', async () => {
    const { index, events, dispatcher, store } = setup();
    index.upsert(advisor('a', ['3381']));
    const live = request();
    const created = dispatcher.create(live);
    const accepted = dispatcher.accept(live.id, 'a', 's1');
    await created;
    expect(await accepted).toBe(live);
    expect([...store.claims.values()].map((c) => c.state)).toEqual(['offered', 'accepted']);

    index.upsert(advisor('b', ['3381']));
    const other = request();
    const created2 = dispatcher.create(other);
    const cancelled = dispatcher.cancel(other.id);
    await created2;
    expect(await cancelled).toBe(other);
    expect(other).toMatchObject({ state: 'cancelled', version: 2 });
    expect(events.slice(-2)).toEqual([`offered ${other.id}→b`, `withdrawn ${other.id}→b cancelled`]);
  });
});

describe('PresenceTracker', () => {
  it('keeps a dropped advisor online for the grace period, then away, then offline; a reconnect restores', () => {
    const seen: string[] = [];
    const p = new PresenceTracker({ graceMs: 10_000, awayMs: 60_000 }, (_u, s) => seen.push(s));
    p.choose('u', 's1', 'online');
    p.disconnected('u', 's1');
    vi.advanceTimersByTime(9_999);
    p.connected('u', 's2');
    expect(seen).toEqual(['online']);
    p.disconnected('u', 's2');
    vi.advanceTimersByTime(10_000);
    expect(seen).toEqual(['online', 'away']);
    vi.advanceTimersByTime(60_000);
    expect(seen).toEqual(['online', 'away', 'offline']);
    expect(p.isTracked('u')).toBe(false);
  });
});
