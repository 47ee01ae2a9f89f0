/**
 * Routing never dead-ends after one miss (issue 9, item 1): once every eligible advisor has
 * passed on a request, those who passed are offered it again after the cool-down — here the one
 * online advisor with two founders waiting, the scene reported from the product.
 */
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { advisor, request, setup } from './fakes';

beforeEach(() => vi.useFakeTimers());
afterEach(() => vi.useRealTimers());

describe('re-offer after a cool-down', () => {
  it('offers a missed request again to the only advisor once the cool-down ends, and the waiting one after it', async () => {
    const { index, events, dispatcher } = setup();
    index.upsert(advisor('only', ['3381']));
    const first = request();
    const second = request();
    await dispatcher.submit(first);
    await dispatcher.submit(second);
    expect(events).toEqual([`offered ${first.id}→only`]);
    expect(second.state).toBe('queued');

    await vi.advanceTimersByTimeAsync(30_000); // missed: `second` (never passed on) is offered at once
    expect(events.slice(1)).toEqual([`withdrawn ${first.id}→only timeout`, `offered ${second.id}→only`]);
    expect(first.state).toBe('queued');

    await vi.advanceTimersByTimeAsync(30_000); // missed too: both have been passed on by the only advisor
    expect(first.state).toBe('queued');
    expect(second.state).toBe('queued');
    const before = events.length;

    await vi.advanceTimersByTimeAsync(29_000); // 59 s after the first pass: its cool-down (60 s) is not over yet
    expect(events.length).toBe(before);
    await vi.advanceTimersByTimeAsync(1_000);
    expect(events.at(-1)).toBe(`offered ${first.id}→only`);
    expect([...first.passedBy]).toEqual([]); // the passes are forgotten: a fresh round
    expect(index.get('only')?.pending).toBe(1);
    await vi.advanceTimersByTimeAsync(30_000); // missed again; `second`'s cool-down has ended meanwhile
    expect(events.at(-1)).toBe(`offered ${second.id}→only`);
  });

  it('does not re-offer while another advisor who has not passed is free', async () => {
    const { index, events, dispatcher } = setup();
    index.upsert(advisor('near', ['3381']));
    const live = request();
    await dispatcher.submit(live);
    await vi.advanceTimersByTimeAsync(30_000);
    expect(live.state).toBe('queued');
    index.upsert(advisor('new', ['33']));
    await dispatcher.drain();
    expect(events.at(-1)).toBe(`offered ${live.id}→new`);
  });
});
