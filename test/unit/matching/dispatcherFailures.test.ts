/**
 * The dispatcher when the database fails: nothing is swallowed (each failure reaches `onError`),
 * work is retried with backoff, and once the failure passes the request moves on and the
 * advisor's seat is freed — without a restart.
 */
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { advisor, request, setup } from './fakes';

beforeEach(() => vi.useFakeTimers());
afterEach(() => vi.useRealTimers());

/** The ops reported to onError, in order. */
const reported = (onError: ReturnType<typeof setup>['onError']) => onError.mock.calls.map(([, f]) => (f as { op: string }).op);

describe('Dispatcher under database failures', () => {
  it('a timeout whose claim fails 3 times is retried: the offer moves on, the seat is freed, each failure is reported', async () => {
    const { index, events, dispatcher, store, onError } = setup();
    index.upsert(advisor('near', ['3381']));
    index.upsert(advisor('far', ['33']));
    const live = request();
    await dispatcher.submit(live);
    store.failClaims = 3;
    await vi.advanceTimersByTimeAsync(30_000);
    expect(live.state).toBe('offered'); // still failing
    expect(onError).toHaveBeenCalled();
    await vi.advanceTimersByTimeAsync(15_000); // the backoff outlasts the failures (far's own countdown has not run out)
    expect(events.slice(1)).toEqual([`withdrawn ${live.id}→near timeout`, `offered ${live.id}→far`]);
    expect(live).toMatchObject({ state: 'offered', offeredTo: 'far' });
    expect(index.get('near')?.pending).toBe(0);
    expect(index.get('far')?.pending).toBe(1);
    expect(reported(onError)).toEqual(['timeout', 'timeout', 'timeout']);
    expect(onError.mock.calls[0]?.[0]).toBeInstanceOf(Error);
  });

  it('with nobody else free, the retried timeout queues the request and the seat can take the next one', async () => {
    const { index, events, dispatcher, store } = setup();
    index.upsert(advisor('solo', ['3381']));
    const live = request();
    await dispatcher.submit(live);
    store.failClaims = 2;
    await vi.advanceTimersByTimeAsync(45_000); // the timeout and its retries, within the re-offer cool-down
    expect(live.state).toBe('queued');
    expect(index.get('solo')?.pending).toBe(0);
    const next = request();
    await dispatcher.submit(next);
    expect(events.at(-1)).toBe(`offered ${next.id}→solo`);
  });

  it('a timeout claim that was stored but whose reply was lost still moves the offer on (the retry loses to its own claim)', async () => {
    const { index, events, dispatcher, store } = setup();
    index.upsert(advisor('near', ['3381']));
    index.upsert(advisor('far', ['33']));
    const live = request();
    await dispatcher.submit(live);
    store.loseReplies = 1;
    await vi.advanceTimersByTimeAsync(30_000 + 15_000);
    expect(live).toMatchObject({ state: 'offered', offeredTo: 'far' });
    expect(events.slice(1)).toEqual([`withdrawn ${live.id}→near timeout`, `offered ${live.id}→far`]);
    expect(index.get('near')?.pending).toBe(0);
    expect([...store.claims.values()].map((c) => c.state)).toEqual(['offered', 'matching', 'offered']);
  });

  it('after a timeout, a failed offer to the next advisor parks the request in the queue and a later drain places it', async () => {
    const { index, events, dispatcher, store, onError } = setup();
    index.upsert(advisor('near', ['3381']));
    index.upsert(advisor('far', ['33']));
    const live = request();
    await dispatcher.submit(live);
    // the timeout's claim succeeds; the next offer's claim and the drain's immediate tries fail
    const claim = store.claim.bind(store);
    let calls = 0;
    store.claim = async (l, set, reason) => {
      if (++calls >= 2 && calls <= 4) throw new Error('connection reset');
      return claim(l, set, reason);
    };
    await vi.advanceTimersByTimeAsync(30_000);
    expect(index.get('far')?.pending).toBe(0); // the seat reserved for the failed offer is given back
    expect(dispatcher.queue.has(live.id)).toBe(true);
    await vi.advanceTimersByTimeAsync(15_000);
    expect(events.slice(1)).toEqual([`withdrawn ${live.id}→near timeout`, `offered ${live.id}→far`]);
    expect(live).toMatchObject({ state: 'offered', offeredTo: 'far' });
    expect(index.get('far')?.pending).toBe(1);
    expect(reported(onError)).toContain('dispatch');
  });

  it('a drain whose offer fails keeps the request queued, gives the seat back, and retries until placed', async () => {
    const { index, events, dispatcher, store, onError } = setup();
    const live = request();
    await dispatcher.submit(live);
    expect(live.state).toBe('queued');
    index.upsert(advisor('a', ['3381']));
    store.failClaims = 2;
    void dispatcher.drain(); // resolves once placed (or given up): after the backoff
    await vi.advanceTimersByTimeAsync(0);
    expect(index.get('a')?.pending).toBe(0);
    expect(dispatcher.queue.position(live.id)).toBe(1);
    await vi.advanceTimersByTimeAsync(15_000);
    expect(events).toEqual([`offered ${live.id}→a`]);
    expect(index.get('a')?.pending).toBe(1);
    expect(dispatcher.queue.length).toBe(0);
    expect(reported(onError).length).toBeGreaterThanOrEqual(2);
  });

  it('an accept stands when recording the assignment fails; the failure is reported', async () => {
    const { index, dispatcher, store, onError } = setup();
    index.upsert(advisor('a', ['3381']));
    const live = request();
    await dispatcher.submit(live);
    store.failAssigned = 1;
    expect(await dispatcher.accept(live.id, 'a', 's1')).toBe(live);
    expect(index.get('a')).toMatchObject({ pending: 0, openSessions: 1 });
    expect(reported(onError)).toEqual(['assigned']);
  });

  it('stop ends the retrying: no further claims and no timer left behind', async () => {
    const { index, dispatcher, store } = setup();
    index.upsert(advisor('a', ['3381']));
    const live = request();
    await dispatcher.submit(live);
    store.failClaims = Infinity;
    await vi.advanceTimersByTimeAsync(31_000);
    const calls = store.claimCalls;
    expect(calls).toBeGreaterThan(0);
    await dispatcher.stop();
    expect(vi.getTimerCount()).toBe(0);
    await vi.advanceTimersByTimeAsync(600_000);
    expect(store.claimCalls).toBe(calls);
  });
});
