/**
 * The countdowns of the offers this process made. When one runs out, `expire` passes the offer on;
 * that writes, so while the database fails it is retried with backoff (each failure reported)
 * until it goes through — the request moves on and the seat is freed once the failure passes,
 * not at the next restart. A countdown still registered means the offer is out and its seat held
 * here (even after firing, until the pass goes through).
 */
import pRetry from 'p-retry';
import { EXPIRE_RETRY } from './dispatchTypes';

export class OfferClock {
  private readonly timers = new Map<string, ReturnType<typeof setTimeout>>();
  /** Timed-out offers still being passed on: `stop` waits for them. */
  private readonly expiring = new Set<Promise<void>>();
  private readonly halt = new AbortController();

  constructor(
    private readonly expire: (requestId: string, advisorId: string) => Promise<unknown>,
    private readonly onError: (err: unknown, requestId: string, attempt: number) => void,
  ) {}

  start(requestId: string, advisorId: string, ms: number): void {
    if (this.halt.signal.aborted) return; // stored as offered: the next start resumes the countdown
    clearTimeout(this.timers.get(requestId));
    const timer = setTimeout(() => this.fire(requestId, advisorId), Math.max(0, ms));
    timer.unref?.();
    this.timers.set(requestId, timer);
  }

  /** True while the offer on `requestId` is out and its seat held here. */
  has(requestId: string): boolean {
    return this.timers.has(requestId);
  }

  clear(requestId: string): void {
    clearTimeout(this.timers.get(requestId));
    this.timers.delete(requestId);
  }

  private fire(requestId: string, advisorId: string): void {
    const run = pRetry(() => this.expire(requestId, advisorId), {
      ...EXPIRE_RETRY,
      signal: this.halt.signal,
      onFailedAttempt: ({ error, attemptNumber }) => this.onError(error, requestId, attemptNumber),
    }).then(
      () => undefined,
      () => undefined, // only an abort by `stop` ends the retries, and each failure was reported above
    );
    this.expiring.add(run);
    void run.finally(() => this.expiring.delete(run));
  }

  /** Clears every countdown, aborts the retries and resolves once the passes in flight settled. */
  async stop(): Promise<void> {
    this.halt.abort();
    for (const t of this.timers.values()) clearTimeout(t);
    this.timers.clear();
    await Promise.all(this.expiring);
  }
}
