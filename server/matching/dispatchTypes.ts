/**
 * What the dispatcher is given and what it reports, and how it retries: kept apart so the
 * dispatcher's file holds the state machine alone.
 */
import type { Options as RetryOptions } from 'p-retry';
import type { OfferWithdrawnReason } from '../../shared/schemas/advice';
import type { AdvisorIndex } from './advisorIndex';
import type { LiveRequest, RequestStore } from './live';

export interface DispatchSettings {
  offerTimeoutMs: number;
  /**
   * Once every eligible advisor has passed on a request, those who passed are offered it again
   * after this long (default 60 s), so one missed offer never strands a request in the queue.
   */
  reofferCooldownMs?: number;
}

export const DEFAULT_REOFFER_COOLDOWN_MS = 60_000;

/** What the dispatcher tells the world; the service turns these into socket events. */
export interface DispatchListener {
  offered(advisorId: string, live: LiveRequest): void;
  withdrawn(advisorId: string, requestId: string, reason: OfferWithdrawnReason): void;
  requestChanged(live: LiveRequest): void;
  advisorChanged(advisorId: string): void;
  /** The advisor let an offer time out (the service counts misses in a row). */
  missed?(advisorId: string): void;
  /** The advisor took or declined an offer: a streak of misses ends. */
  responded?(advisorId: string): void;
}

/** A failure no caller hears of, reported (and logged by the service) before it is retried or given up. */
export interface DispatchFailure {
  op: 'timeout' | 'dispatch' | 'drain' | 'assigned';
  requestId?: string;
  attempt?: number;
  /** False when this was the last try: what it was doing waits for the next trigger (or a restart). */
  willRetry: boolean;
}

export interface DispatchDeps {
  index: AdvisorIndex;
  store: RequestStore;
  listener: DispatchListener;
  settings: DispatchSettings;
  /** Every failure that no caller receives (the service logs it). */
  onError: (err: unknown, failure: DispatchFailure) => void;
  now?: () => number;
}

/**
 * Backoff for work that must not be dropped. A timed-out offer is retried until it moves on (the
 * seat is held until then); a drain a few times — the next seat freed or advisor arriving drains
 * again anyway. Jittered, so several processes do not retry in step; unref'd, so a retry never
 * keeps a process alive; both are aborted by `stop`.
 */
export const EXPIRE_RETRY: RetryOptions = { retries: Infinity, minTimeout: 500, factor: 2, maxTimeout: 30_000, randomize: true, unref: true };
export const DRAIN_RETRY: RetryOptions = { retries: 8, minTimeout: 500, factor: 2, maxTimeout: 30_000, randomize: true, unref: true };

/** Waiting for an advisor (read through a call: TypeScript would keep a state narrowed before an await). */
export const waiting = (live: LiveRequest): boolean => live.state === 'matching' || live.state === 'queued';

/** Waits for `p` to settle; its outcome belongs to whoever awaits `p` itself. */
export const settled = (p: Promise<unknown>): Promise<void> =>
  p.then(
    () => undefined,
    () => undefined,
  );
