/**
 * The dispatcher: request → best online advisor → offer with a countdown → accept (session) or
 * decline/timeout → next advisor, or the queue when nobody suitable is free; the queue drains the
 * moment an advisor comes online or frees a seat. Hot decisions use the in-memory index; every
 * state change is a claimed transition in the {@link RequestStore}, so a request is never offered
 * twice, and what is in flight survives a restart (`resume`).
 */
import pRetry from 'p-retry';
import type { OfferWithdrawnReason } from '../../shared/schemas/advice';
import { hasFreeCapacity, type AdvisorEntry } from './advisorIndex';
import { DEFAULT_REOFFER_COOLDOWN_MS, DRAIN_RETRY, settled, waiting, type DispatchDeps } from './dispatchTypes';
import { applySet, type LiveRequest, type TransitionSet } from './live';
import { OfferClock } from './offerClock';
import { RequestQueue } from './queue';
import { explainScore } from './score';

export type { DispatchFailure, DispatchListener, DispatchSettings } from './dispatchTypes';

export class Dispatcher {
  readonly requests = new Map<string, LiveRequest>();
  readonly queue = new RequestQueue();
  private readonly busy = new Set<string>();
  /** New requests whose insert is in flight (settles either way): what moves them waits for it. */
  private readonly creating = new Map<string, Promise<void>>();
  /** Passes in flight per request: a decline and a timeout of one offer never claim side by side. */
  private readonly passing = new Map<string, Promise<boolean>>();
  private draining: Promise<void> | null = null;
  private drainAgain = false;
  private stopped = false;
  private readonly halt = new AbortController();
  private readonly clock: OfferClock;
  /** When each advisor passed on each request (memory: after a restart a pass counts as cooled down). */
  private readonly passedAt = new Map<string, Map<string, number>>();
  /** Wakes the queue when the earliest cool-down ends. */
  private wake: { at: number; timer: NodeJS.Timeout } | null = null;

  constructor(private readonly deps: DispatchDeps) {
    this.clock = new OfferClock(
      (requestId, advisorId) => this.pass(requestId, advisorId, 'timeout'),
      (err, requestId, attempt) => deps.onError(err, { op: 'timeout', requestId, attempt, willRetry: !this.stopped }),
    );
  }

  private now(): number {
    return this.deps.now?.() ?? Date.now();
  }

  /** Takes a resumed request (already stored) and tries to place it. */
  async submit(live: LiveRequest): Promise<void> {
    this.requests.set(live.id, live);
    if (live.state === 'offered') return this.rearm(live);
    await this.dispatch(live);
  }

  /**
   * Takes a new request, not yet stored: picks the advisor in memory, sends the offer at once,
   * and stores the request already offered (or queued) in one insert — its first claim, since no
   * other dispatcher or process can know an `_id` that is not yet in the database. The founder
   * is acknowledged (this resolves) only once that insert is durable.
   *
   * Why the offer may leave before the write: it is made only by this process, which owns the
   * request; everything that could move it on (accept, decline, timeout, cancel) first waits for
   * the insert (`creating`). If the insert fails, the offer is withdrawn, the seat released and
   * the founder gets the error: the request never existed, nothing can accept it. If the process
   * dies in between, the founder was never acknowledged (their desk shows the failure and they
   * ask again), the advisor's card is gone on reconnect (offers are re-read from the dispatcher)
   * and an accept answers 404: nothing is lost that was promised, and nothing can be offered
   * twice, because nothing is stored to resume. If it dies after the insert, the restart resumes
   * the stored offer to the same advisor with its time left. The insert waits for at most the
   * flush in flight and its own (a few ms each), so this window is short.
   */
  async create(live: LiveRequest): Promise<void> {
    this.requests.set(live.id, live);
    this.busy.add(live.id);
    const stored = this.place(live);
    // waiters only need it settled: the error is the founder's, rethrown by the await below
    this.creating.set(live.id, settled(stored));
    try {
      await stored;
    } finally {
      this.busy.delete(live.id);
      this.creating.delete(live.id);
    }
  }

  private async place(live: LiveRequest): Promise<void> {
    const pick = this.stopped ? null : this.deps.index.best(live, live.passedBy, this.now());
    const set: TransitionSet = pick
      ? { state: 'offered', offeredTo: pick.entry.userId, offerExpiresAt: this.now() + this.deps.settings.offerTimeoutMs, attempts: live.attempts + 1 }
      : { state: 'queued', offeredTo: null, offerExpiresAt: null };
    const stored = this.deps.store.create({ ...live }, set);
    applySet(live, set);
    if (pick) {
      pick.entry.pending++;
      live.offer = { score: pick.score, reasons: explainScore(live, pick.entry, this.now()) };
      this.arm(live);
      this.deps.listener.offered(pick.entry.userId, live);
    }
    try {
      await stored;
    } catch (err) {
      this.requests.delete(live.id);
      live.state = 'cancelled';
      if (pick) this.release(live, pick.entry.userId, 'cancelled', false);
      throw err;
    }
    if (pick) {
      this.deps.listener.requestChanged(live);
      this.deps.listener.advisorChanged(pick.entry.userId);
    } else {
      this.queue.add(live);
      this.announceQueue();
    }
  }

  /**
   * Offers `live` to the best free advisor, or queues it. If the write fails, the request waits
   * in the queue (in memory; stored as it was) and a drain retries it with backoff — it is never
   * left in between, offered to nobody and waiting for nothing.
   */
  async dispatch(live: LiveRequest): Promise<void> {
    try {
      await this.tryDispatch(live);
    } catch (err) {
      this.deps.onError(err, { op: 'dispatch', requestId: live.id, willRetry: !this.stopped });
      if (this.stopped || !this.requests.has(live.id)) return;
      this.queue.add(live);
      void this.drain();
    }
  }

  private async tryDispatch(live: LiveRequest): Promise<void> {
    if (this.stopped || this.busy.has(live.id) || (live.state !== 'matching' && live.state !== 'queued')) return;
    this.busy.add(live.id);
    try {
      const pick = this.deps.index.best(live, live.passedBy, this.now());
      if (pick) return await this.offer(live, pick.entry, pick.score);
      const again = this.passedAndCooled(live);
      if (again) return await this.offer(live, again.entry, again.score, true);
      await this.enqueue(live);
    } finally {
      this.busy.delete(live.id);
    }
  }

  private async enqueue(live: LiveRequest): Promise<void> {
    if (live.state !== 'queued' && !(await this.transition(live, { state: 'queued', offeredTo: null, offerExpiresAt: null }))) return;
    this.queue.add(live);
    this.announceQueue();
  }

  /**
   * Every eligible advisor free now has passed on `live`: the best of them once their cool-down
   * has ended (the passes are then forgotten), else null, with the queue woken when it ends.
   */
  private passedAndCooled(live: LiveRequest): ReturnType<DispatchDeps['index']['best']> {
    if (live.passedBy.size === 0) return null;
    const again = this.deps.index.best(live, new Set(), this.now());
    if (!again) return null;
    const cooldown = this.deps.settings.reofferCooldownMs ?? DEFAULT_REOFFER_COOLDOWN_MS;
    const ready = (this.passedAt.get(live.id)?.get(again.entry.userId) ?? 0) + cooldown;
    if (ready <= this.now()) return again;
    this.wakeAt(ready);
    return null;
  }

  private wakeAt(at: number): void {
    if (this.stopped || (this.wake && this.wake.at <= at)) return;
    if (this.wake) clearTimeout(this.wake.timer);
    const timer = setTimeout(() => {
      this.wake = null;
      void this.drain();
    }, Math.max(0, at - this.now()));
    timer.unref();
    this.wake = { at, timer };
  }

  /** Offers `live` to `entry`; `again` forgets who passed on it before (a re-offer after the cool-down). */
  private async offer(live: LiveRequest, entry: AdvisorEntry, score: number, again = false): Promise<void> {
    entry.pending++; // reserved before the write, so a concurrent dispatch sees the seat taken
    const expiresAt = this.now() + this.deps.settings.offerTimeoutMs;
    let ok = false;
    try {
      const set: TransitionSet = { state: 'offered', offeredTo: entry.userId, offerExpiresAt: expiresAt, attempts: live.attempts + 1, ...(again ? { passedBy: [] } : {}) };
      ok = await this.transition(live, set);
      if (ok && again) this.passedAt.delete(live.id);
    } finally {
      if (!ok) entry.pending = Math.max(0, entry.pending - 1);
    }
    if (!ok) return;
    this.offered(live, entry, score);
  }

  /** The claim is durable: tell the advisor, the founder and the advisor's console. */
  private offered(live: LiveRequest, entry: AdvisorEntry, score: number): void {
    live.offer = { score, reasons: explainScore(live, entry, this.now()) };
    if (this.queue.remove(live.id)) this.announceQueue();
    this.arm(live);
    this.deps.listener.offered(entry.userId, live);
    this.deps.listener.requestChanged(live);
    this.deps.listener.advisorChanged(entry.userId);
  }

  private arm(live: LiveRequest): void {
    this.clock.start(live.id, live.offeredTo ?? '', (live.offerExpiresAt ?? 0) - this.now());
  }

  private rearm(live: LiveRequest): void {
    const entry = live.offeredTo ? this.deps.index.get(live.offeredTo) : undefined;
    if (entry) entry.pending++;
    this.arm(live);
  }

  /**
   * The offered advisor declined, or the countdown ran out: on to the next candidate. Resolves
   * false when the offer was no longer open; rejects when the write failed (nothing changed).
   */
  async pass(requestId: string, advisorId: string, reason: 'timeout' | 'declined'): Promise<boolean> {
    await this.creating.get(requestId);
    for (let other = this.passing.get(requestId); other; other = this.passing.get(requestId)) await settled(other);
    const run = this.passOnce(requestId, advisorId, reason);
    this.passing.set(requestId, run);
    try {
      return await run;
    } finally {
      this.passing.delete(requestId);
    }
  }

  private async passOnce(requestId: string, advisorId: string, reason: 'timeout' | 'declined'): Promise<boolean> {
    const live = this.requests.get(requestId);
    if (!live || live.state !== 'offered' || live.offeredTo !== advisorId) return false;
    const passedBy = [...live.passedBy, advisorId];
    const won = await this.transition(live, { state: 'matching', offeredTo: null, offerExpiresAt: null, passedBy }, reason);
    // Lost, yet moved off the offer while this process still holds the seat: the winning claim
    // was this pass's own earlier attempt, stored though its reply was lost. Finish its work.
    const ours = !won && this.clock.has(live.id) && waiting(live) && live.passedBy.has(advisorId);
    if (!won && !ours) return false;
    this.passedAt.set(live.id, (this.passedAt.get(live.id) ?? new Map()).set(advisorId, this.now()));
    if (reason === 'timeout') this.deps.listener.missed?.(advisorId);
    else this.deps.listener.responded?.(advisorId);
    this.release(live, advisorId, reason);
    await this.dispatch(live);
    void this.drain();
    return true;
  }

  /** The offered advisor takes it; `sessionId` is the session the caller has just created. */
  async accept(requestId: string, advisorId: string, sessionId: string): Promise<LiveRequest | null> {
    await this.creating.get(requestId);
    const live = this.requests.get(requestId);
    if (!live || live.state !== 'offered' || live.offeredTo !== advisorId) return null;
    if (!(await this.transition(live, { state: 'accepted', offerExpiresAt: null, sessionId }))) return null;
    const at = this.now();
    this.clock.clear(live.id);
    this.requests.delete(live.id);
    this.passedAt.delete(live.id);
    this.deps.listener.responded?.(advisorId);
    const entry = this.deps.index.get(advisorId);
    if (entry) {
      entry.pending = Math.max(0, entry.pending - 1);
      entry.openSessions++;
      entry.lastAssignedAt = at;
    }
    // fairness bookkeeping only: the accept stands if it cannot be recorded
    await this.deps.store.assigned(advisorId, at).catch((err: unknown) => this.deps.onError(err, { op: 'assigned', requestId, willRetry: false }));
    this.deps.listener.requestChanged(live);
    this.deps.listener.advisorChanged(advisorId);
    return live;
  }

  /** The founder withdraws: whatever it was doing stops. */
  async cancel(requestId: string): Promise<LiveRequest | null> {
    await this.creating.get(requestId);
    const live = this.requests.get(requestId) ?? (await this.deps.store.reload(requestId));
    if (!live || live.state === 'accepted' || live.state === 'cancelled') return null;
    const advisorId = live.state === 'offered' ? live.offeredTo : null;
    if (!(await this.transition(live, { state: 'cancelled', offeredTo: null, offerExpiresAt: null }))) return null;
    if (advisorId) this.release(live, advisorId, 'cancelled');
    this.requests.delete(live.id);
    this.passedAt.delete(live.id);
    if (this.queue.remove(live.id)) this.announceQueue();
    this.deps.listener.requestChanged(live);
    this.drain();
    return live;
  }

  /** Takes an offer back from the advisor; `tellFounder` is false for a request never stored. */
  private release(live: LiveRequest, advisorId: string, reason: OfferWithdrawnReason, tellFounder = true): void {
    this.clock.clear(live.id);
    live.offer = null;
    const entry = this.deps.index.get(advisorId);
    if (entry) entry.pending = Math.max(0, entry.pending - 1);
    this.deps.listener.withdrawn(advisorId, live.id, reason);
    if (tellFounder) this.deps.listener.requestChanged(live);
    this.deps.listener.advisorChanged(advisorId);
  }

  /**
   * Claims the next version; on losing (another dispatcher or process moved it first) re-reads
   * the request and forgets it here unless it is still waiting to be placed.
   */
  private async transition(live: LiveRequest, set: TransitionSet, reason?: string): Promise<boolean> {
    if (await this.deps.store.claim(live, set, reason)) {
      applySet(live, set);
      return true;
    }
    const fresh = await this.deps.store.reload(live.id);
    if (fresh && (fresh.state === 'queued' || fresh.state === 'matching')) {
      Object.assign(live, { ...fresh, offer: null });
    } else {
      this.clock.clear(live.id);
      this.requests.delete(live.id);
      if (this.queue.remove(live.id)) this.announceQueue();
      if (fresh) Object.assign(live, fresh);
    }
    return false;
  }

  /**
   * Serves the queue in order while any advisor has a free seat; coalesces overlapping calls. A
   * pass in which a write failed is retried with backoff (each failure reported); never rejects.
   */
  drain(): Promise<void> {
    if (this.draining) {
      this.drainAgain = true;
      return this.draining;
    }
    this.draining = pRetry(() => this.drainOnce(), {
      ...DRAIN_RETRY,
      signal: this.halt.signal,
      onFailedAttempt: ({ error, attemptNumber, retriesLeft }) => this.deps.onError(error, { op: 'drain', attempt: attemptNumber, willRetry: retriesLeft > 0 && !this.stopped }),
    })
      .then(
        () => undefined,
        () => undefined, // reported in onFailedAttempt (or aborted by `stop`); the next seat freed drains again
      )
      .finally(() => {
        this.draining = null;
      });
    return this.draining;
  }

  /** One pass over the queue; throws the last failure after trying every request. */
  private async drainOnce(): Promise<void> {
    const failures: unknown[] = [];
    do {
      this.drainAgain = false;
      for (const live of this.queue.ordered()) {
        if (this.stopped || !this.anyFree()) break;
        try {
          await this.tryDispatch(live);
        } catch (err) {
          failures.push(err); // the others still get their turn
        }
      }
    } while (this.drainAgain && !this.stopped);
    if (failures.length > 0) throw failures.at(-1);
  }

  private anyFree(): boolean {
    for (const e of this.deps.index.values()) if (hasFreeCapacity(e)) return true;
    return false;
  }

  private announceQueue(): void {
    for (const live of this.queue.changedPositions()) this.deps.listener.requestChanged(live);
  }

  /** After a restart: every open request back in memory, offers re-armed with their time left. */
  async resume(): Promise<number> {
    const open = await this.deps.store.loadOpen();
    open.sort((a, b) => a.createdAt - b.createdAt);
    for (const live of open) {
      if (live.state === 'queued') {
        this.requests.set(live.id, live);
        this.queue.add(live);
      } else await this.submit(live);
    }
    this.announceQueue();
    return open.length;
  }

  /**
   * Stops for shutdown: countdowns cleared (offers stay stored and resume with their time left),
   * retries aborted, and resolves once the work in flight has settled, so nothing writes after.
   */
  async stop(): Promise<void> {
    if (this.wake) clearTimeout(this.wake.timer);
    this.stopped = true;
    this.halt.abort();
    await this.clock.stop();
    await Promise.all([this.draining, ...this.passing.values(), ...this.creating.values()].map((p) => p && settled(p)));
  }
}
