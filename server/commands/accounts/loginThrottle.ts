import type { Redis } from 'ioredis';
import { RateLimiterMemory, RateLimiterRedis, RateLimiterRes, type RateLimiterAbstract } from 'rate-limiter-flexible';
import { rateLimited } from '../../errors';

export interface ThrottleOptions {
  /** Failed logins allowed per account within `windowSeconds`. */
  perAccount: number;
  /** Login attempts allowed per IP within `windowSeconds`. */
  perIp: number;
  windowSeconds: number;
}

export const DEFAULT_THROTTLE: ThrottleOptions = { perAccount: 5, perIp: 30, windowSeconds: 15 * 60 };

/**
 * Login throttling per account (failures only, reset on success) and per IP (every attempt).
 * With Redis (several processes) the budgets live there, shared by every process; if Redis is
 * unreachable each process falls back to its own memory (the insurance limiter) rather than
 * refusing or waving through logins. Without Redis they are kept in process memory.
 */
export function createLoginThrottle(opts: ThrottleOptions = DEFAULT_THROTTLE, redis: Redis | null = null) {
  const limiter = (keyPrefix: string, points: number): RateLimiterAbstract => {
    const memory = new RateLimiterMemory({ points, duration: opts.windowSeconds, keyPrefix });
    return redis ? new RateLimiterRedis({ storeClient: redis, points, duration: opts.windowSeconds, keyPrefix, insuranceLimiter: memory }) : memory;
  };
  const byAccount = limiter('yz:login:account', opts.perAccount);
  const byIp = limiter('yz:login:ip', opts.perIp);
  const retryOf = (r: unknown) => Math.max(1, Math.ceil(((r as RateLimiterRes).msBeforeNext ?? 1000) / 1000));

  return {
    /** Throws 429 when either budget is used up; consumes one IP point. */
    async check(email: string, ip: string): Promise<void> {
      const account = await byAccount.get(email);
      if (account && account.consumedPoints >= opts.perAccount) throw rateLimited(retryOf(account));
      try {
        await byIp.consume(ip);
      } catch (r) {
        throw rateLimited(retryOf(r));
      }
    },
    async failed(email: string): Promise<void> {
      await byAccount.penalty(email, 1);
    },
    async succeeded(email: string): Promise<void> {
      await byAccount.delete(email);
    },
  };
}

export type LoginThrottle = ReturnType<typeof createLoginThrottle>;
