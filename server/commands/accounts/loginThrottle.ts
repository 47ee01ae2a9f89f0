import { RateLimiterMemory, RateLimiterRes } from 'rate-limiter-flexible';
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
 * Kept in process memory: with several processes each enforces its own budget.
 */
export function createLoginThrottle(opts: ThrottleOptions = DEFAULT_THROTTLE) {
  const byAccount = new RateLimiterMemory({ points: opts.perAccount, duration: opts.windowSeconds });
  const byIp = new RateLimiterMemory({ points: opts.perIp, duration: opts.windowSeconds });
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
