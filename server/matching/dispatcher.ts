/**
 * The dispatcher: request → best online advisor → offer with a countdown → accept (session) or
 * decline/timeout → next advisor, or the queue when nobody suitable is free; the queue drains the
 * moment an advisor comes online or frees a seat. Hot decisions use the in-memory index; every
 * state change is a claimed transition in the {@link RequestStore}, so a request is never offered
 * twice, and what is in flight survives a restart (`resume`).
 */
import type { OfferWithdrawnReason } from '../../shared/schemas/advice';
import { hasFreeCapacity, type AdvisorIndex, type AdvisorEntry } from './advisorIndex';
import { applySet, type LiveRequest, type RequestStore, type TransitionSet } from './live';
import { RequestQueue } from './queue';
import { explainScore } from './score';

export interface DispatchSettings {
  offerTimeoutMs: number;
}

/** What the dispatcher tells the world; the service turns these into socket events. */
export interface DispatchListener {
  offered(advisorId: string, live: LiveRequest): void;
  withdrawn(advisorId: string, requestId: string, reason: OfferWithdrawnReason): void;
  requestChanged(live: LiveRequest): void;
  advisorChanged(advisorId: string): void;
}

export class Dispatcher {
  readonly requests = new Map<string, LiveRequest>();
  readonly queue = new RequestQueue();
  private readonly timers = new Map<string, ReturnType<typeof setTimeout>>();
  private readonly busy = new Set<string>();
  /** New requests whose insert is in flight (settles either way): what moves them waits for it. */
  private readonly creating = new Map<string, Promise<void>>();
  private draining: Promise<void> | null = null;
  private drainAgain = false;
  private stopped = false;

  constructor(
    private readonly deps: { index: AdvisorIndex; store: RequestStore; listener: DispatchListener; settings: DispatchSettings; now?: () => number },
  ) {}

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
    this.creating.set(live.id, stored.catch(() => undefined));
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

  /** Offers `live` to the best free advisor, or queues it. */
  async dispatch(live: LiveRequest): Promise<void> {
    if (this.stopped || this.busy.has(live.id) || (live.state !== 'matching' && live.state !== 'queued')) return;
    this.busy.add(live.id);
    try {
      const pick = this.deps.index.best(live, live.passedBy, this.now());
      if (!pick) return await this.enqueue(live);
      await this.offer(live, pick.entry, pick.score);
    } finally {
      this.busy.delete(live.id);
    }
  }

  private async enqueue(live: LiveRequest): Promise<void> {
    if (live.state !== 'queued' && !(await this.transition(live, { state: 'queued', offeredTo: null, offerExpiresAt: null }))) return;
    this.queue.add(live);
    this.announceQueue();
  }

  private async offer(live: LiveRequest, entry: AdvisorEntry, score: number): Promise<void> {
    entry.pending++; // reserved before the write, so a concurrent dispatch sees the seat taken
    const expiresAt = this.now() + this.deps.settings.offerTimeoutMs;
    const ok = await this.transition(live, { state: 'offered', offeredTo: entry.userId, offerExpiresAt: expiresAt, attempts: live.attempts + 1 });
    if (!ok) {
      entry.pending--;
      return;
    }
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
    const ms = Math.max(0, (live.offerExpiresAt ?? 0) - this.now());
    const advisorId = live.offeredTo ?? '';
    const timer = setTimeout(() => void this.pass(live.id, advisorId, 'timeout').catch(() => undefined), ms);
    timer.unref?.();
    this.timers.set(live.id, timer);
  }

  private rearm(live: LiveRequest): void {
    const entry = live.offeredTo ? this.deps.index.get(live.offeredTo) : undefined;
    if (entry) entry.pending++;
    this.arm(live);
  }

  private clearTimer(id: string): void {
    clearTimeout(this.timers.get(id));
    this.timers.delete(id);
  }

  /** The offered advisor declined, or the countdown ran out: on to the next candidate. */
  async pass(requestId: string, advisorId: string, reason: 'timeout' | 'declined'): Promise<boolean> {
    await this.creating.get(requestId);
    const live = this.requests.get(requestId);
    if (!live || live.state !== 'offered' || live.offeredTo !== advisorId) return false;
    const passedBy = [...live.passedBy, advisorId];
    if (!(await this.transition(live, { state: 'matching', offeredTo: null, offerExpiresAt: null, passedBy }, reason))) return false;
    this.release(live, advisorId, reason);
    await this.dispatch(live);
    this.drain();
    return true;
  }

  /** The offered advisor takes it; `sessionId` is the session the caller has just created. */
  async accept(requestId: string, advisorId: string, sessionId: string): Promise<LiveRequest | null> {
    await this.creating.get(requestId);
    const live = this.requests.get(requestId);
    if (!live || live.state !== 'offered' || live.offeredTo !== advisorId) return null;
    if (!(await this.transition(live, { state: 'accepted', offerExpiresAt: null, sessionId }))) return null;
    const at = this.now();
    this.clearTimer(live.id);
    this.requests.delete(live.id);
    const entry = this.deps.index.get(advisorId);
    if (entry) {
      entry.pending = Math.max(0, entry.pending - 1);
      entry.openSessions++;
      entry.lastAssignedAt = at;
    }
    await this.deps.store.assigned(advisorId, at);
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
    if (this.queue.remove(live.id)) this.announceQueue();
    this.deps.listener.requestChanged(live);
    this.drain();
    return live;
  }

  /** Takes an offer back from the advisor; `tellFounder` is false for a request never stored. */
  private release(live: LiveRequest, advisorId: string, reason: OfferWithdrawnReason, tellFounder = true): void {
    this.clearTimer(live.id);
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
      this.clearTimer(live.id);
      this.requests.delete(live.id);
      if (this.queue.remove(live.id)) this.announceQueue();
      if (fresh) Object.assign(live, fresh);
    }
    return false;
  }

  /** Serves the queue in order while any advisor has a free seat; coalesces overlapping calls. */
  drain(): Promise<void> {
    if (this.draining) {
      this.drainAgain = true;
      return this.draining;
    }
    this.draining = (async () => {
      do {
        this.drainAgain = false;
        for (const live of this.queue.ordered()) {
          if (this.stopped || !this.anyFree()) break;
          await this.dispatch(live).catch(() => undefined);
        }
      } while (this.drainAgain && !this.stopped);
    })().finally(() => {
      this.draining = null;
    });
    return this.draining;
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

  stop(): void {
    this.stopped = true;
    for (const t of this.timers.values()) clearTimeout(t);
    this.timers.clear();
  }
}
