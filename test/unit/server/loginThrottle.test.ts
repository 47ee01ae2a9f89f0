/**
 * The login throttle on its own (memory budgets) with a fake clock: how long each wait is,
 * that it stops growing at the cap, and whose failures count for whom.
 */
import { Redis } from 'ioredis';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { createLoginThrottle, type LoginAttempt } from '../../../server/commands/accounts/loginThrottle';
import type { AppError } from '../../../server/errors';

const stranger: LoginAttempt = { email: 'owner@example.com', ip: '203.0.113.1' };

/** The Retry-After seconds of a refused check, or 0 when the attempt may go ahead. */
async function waitOf(throttle: ReturnType<typeof createLoginThrottle>, attempt: LoginAttempt): Promise<number> {
  try {
    await throttle.check(attempt);
    return 0;
  } catch (err) {
    expect((err as AppError).code).toBe('rate_limited');
    return Number((err as AppError).headers?.['Retry-After']);
  }
}

beforeEach(() => {
  vi.useFakeTimers({ toFake: ['Date', 'setTimeout', 'clearTimeout'] });
});
afterEach(() => {
  vi.useRealTimers();
});

describe('login throttle', () => {
  it('doubles the wait with each failure past the free ones, up to the cap', async () => {
    const t = createLoginThrottle({ perAccount: 2, perIp: 1000, windowSeconds: 60, baseDelaySeconds: 1, maxDelaySeconds: 8 });
    const waits: number[] = [];
    for (let i = 0; i < 7; i++) {
      const wait = await waitOf(t, stranger);
      waits.push(wait);
      vi.advanceTimersByTime(wait * 1000);
      if (wait) expect(await waitOf(t, stranger)).toBe(0); // the wait is over when Retry-After said
      await t.failed(stranger);
    }
    waits.push(await waitOf(t, stranger));
    expect(waits).toEqual([0, 0, 1, 2, 4, 8, 8, 8]);
  });

  it('remembers the count across a long wait, so waiting it out brings no free tries', async () => {
    const t = createLoginThrottle({ perAccount: 2, perIp: 1000, windowSeconds: 60, baseDelaySeconds: 30, maxDelaySeconds: 60 });
    const start = Date.now();
    // failures at 0 s, 0 s, 30 s, 90 s and 150 s: the last comes after windowSeconds + maxDelay
    // (120 s) from the first, but each within that of the one before
    for (let i = 0; i < 5; i++) {
      vi.advanceTimersByTime((await waitOf(t, stranger)) * 1000);
      await t.failed(stranger);
    }
    expect(Date.now() - start).toBe(150_000);
    expect(await waitOf(t, stranger)).toBe(60);
  });

  it('keeps the stranger\'s wait to the stranger: another address and a known device go ahead', async () => {
    const t = createLoginThrottle({ perAccount: 2, perIp: 1000, windowSeconds: 60 });
    for (let i = 0; i < 2; i++) await t.failed(stranger);
    expect(await waitOf(t, stranger)).toBeGreaterThan(0);
    expect(await waitOf(t, { ...stranger, ip: '198.51.100.1' })).toBe(0);
    expect(await waitOf(t, { ...stranger, deviceId: 'd1' })).toBe(0);
    expect(await waitOf(t, { ...stranger, email: 'other@example.com' })).toBe(0);
  });

  it('clears a pair on success', async () => {
    const t = createLoginThrottle({ perAccount: 2, perIp: 1000, windowSeconds: 60 });
    await t.failed(stranger);
    await t.succeeded(stranger);
    await t.failed(stranger);
    expect(await waitOf(t, stranger)).toBe(0);
  });

  it('spends an address\'s budget on every attempt until a success gives its point back, whatever the device', async () => {
    const t = createLoginThrottle({ perAccount: 100, perIp: 3, windowSeconds: 60 });
    const at = (email: string, deviceId?: string): LoginAttempt => ({ email, ip: '203.0.113.9', deviceId });
    expect(await waitOf(t, at('a@example.com'))).toBe(0);
    await t.succeeded(at('a@example.com'));
    for (const email of ['b@example.com', 'c@example.com', 'd@example.com']) expect(await waitOf(t, at(email, 'known'))).toBe(0);
    expect(await waitOf(t, at('e@example.com', 'known'))).toBe(60);
    expect(await waitOf(t, { email: 'e@example.com', ip: '198.51.100.9' })).toBe(0);
  });

  it('keeps throttling in its own memory when Redis is unreachable', async () => {
    // nothing listens on port 1 and there is no offline queue: every Redis command fails at once
    const redis = new Redis({ port: 1, lazyConnect: true, enableOfflineQueue: false, maxRetriesPerRequest: 0 });
    try {
      const t = createLoginThrottle({ perAccount: 2, perIp: 1000, windowSeconds: 60 }, redis);
      for (let i = 0; i < 2; i++) {
        expect(await waitOf(t, stranger)).toBe(0);
        await t.failed(stranger);
      }
      expect(await waitOf(t, stranger)).toBe(2);
      expect(await waitOf(t, { ...stranger, ip: '198.51.100.1' })).toBe(0);
    } finally {
      redis.disconnect();
    }
  });
});
