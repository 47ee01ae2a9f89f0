import type { Redis } from 'ioredis';
import { RateLimiterMemory, RateLimiterRedis, RateLimiterRes, type RateLimiterAbstract } from 'rate-limiter-flexible';
import { rateLimited } from '../../errors';

export interface ThrottleOptions {
  /**
   * Failures one account may take from one address (or from one of its known devices) before
   * each further attempt from there has to wait. The name is kept from the per-account budget
   * it replaced, so a stranger elsewhere no longer counts against the owner.
   */
  perAccount: number;
  /** Failed attempts one address may make across all accounts within `windowSeconds` (a success gives its point back). */
  perIp: number;
  windowSeconds: number;
  /** The first wait once the free failures are spent; it doubles with each further failure. Default 2 s. */
  baseDelaySeconds?: number;
  /** The longest wait. Default `windowSeconds`. */
  maxDelaySeconds?: number;
}

export const DEFAULT_THROTTLE: ThrottleOptions = { perAccount: 5, perIp: 30, windowSeconds: 15 * 60 };

/**
 * Who is trying: the account's email, the client address and, when the request carried this
 * account's known-device cookie, that device's id. A known device is throttled on its own key,
 * so a stranger's failures for the same account never delay it (OWASP "device cookies").
 */
export interface LoginAttempt {
  email: string;
  ip: string;
  deviceId?: string | null;
}

/**
 * OWASP-style login throttling that a stranger cannot turn into a lock-out:
 * - per (account, address) — or (account, known device) — failures are counted and, past
 *   `perAccount` of them, each further attempt waits `baseDelay · 2^(failures − perAccount)`
 *   seconds, capped at `maxDelay`; the count is forgotten `windowSeconds + maxDelay` after the
 *   last failure and a success clears it;
 * - per address, every attempt takes a point up front (so a parallel burst cannot outrun the
 *   count) and a success gives it back; a known device does not skip this budget.
 * With Redis the budgets are shared by every process; if Redis is unreachable each process
 * falls back to its own memory (the insurance limiter) rather than refusing or waving through.
 */
export function createLoginThrottle(opts: ThrottleOptions = DEFAULT_THROTTLE, redis: Redis | null = null) {
  const baseDelay = opts.baseDelaySeconds ?? 2;
  const maxDelay = opts.maxDelaySeconds ?? opts.windowSeconds;
  // Longer than the longest wait, so a waiting attacker comes back to a longer wait, not to free tries.
  const memorySeconds = opts.windowSeconds + maxDelay;
  const limiter = (keyPrefix: string, points: number, duration: number): RateLimiterAbstract => {
    const memory = new RateLimiterMemory({ points, duration, keyPrefix });
    return redis ? new RateLimiterRedis({ storeClient: redis, points, duration, keyPrefix, insuranceLimiter: memory }) : memory;
  };
  const failures = limiter('yz:login:fail', Number.MAX_SAFE_INTEGER, memorySeconds);
  const waits = limiter('yz:login:wait', 0, maxDelay);
  const byIp = limiter('yz:login:ip', opts.perIp, opts.windowSeconds);
  const seconds = (ms: number) => Math.max(1, Math.ceil(ms / 1000));
  // The device id is bound to one account already; the address is not.
  const pairOf = (a: LoginAttempt) => (a.deviceId ? `device:${a.deviceId}` : `${a.email}|${a.ip}`);

  return {
    /** Throws 429 while the pair must wait or the address's budget is spent; takes one address point. */
    async check(attempt: LoginAttempt): Promise<void> {
      const wait = await waits.get(pairOf(attempt));
      if (wait && wait.msBeforeNext > 0) throw rateLimited(seconds(wait.msBeforeNext));
      try {
        await byIp.consume(attempt.ip);
      } catch (r) {
        if (!(r instanceof RateLimiterRes)) throw r;
        throw rateLimited(seconds(r.msBeforeNext));
      }
    },
    /** Counts a failure of the pair and, past the free ones, makes its next attempt wait. */
    async failed(attempt: LoginAttempt): Promise<void> {
      const pair = pairOf(attempt);
      const count = (await failures.penalty(pair, 1)).consumedPoints;
      await failures.set(pair, count, memorySeconds); // renews the memory from this failure on
      if (count >= opts.perAccount) await waits.block(pair, Math.min(maxDelay, baseDelay * 2 ** (count - opts.perAccount)));
    },
    /** Clears the pair and gives the address its point back. */
    async succeeded(attempt: LoginAttempt): Promise<void> {
      const pair = pairOf(attempt);
      await Promise.all([failures.delete(pair), waits.delete(pair), byIp.reward(attempt.ip, 1)]);
    },
  };
}

export type LoginThrottle = ReturnType<typeof createLoginThrottle>;
