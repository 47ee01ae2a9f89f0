/**
 * Who has a challenge page open right now, counted per person (a user's several tabs count
 * once; an anonymous visitor counts per socket). Kept in memory: it is presence, not data.
 * Changes are announced at most once per `throttleMs` per challenge so a crowd arriving at
 * once costs one broadcast, not one per arrival.
 *
 * With several processes (a {@link SharedViewerStore} in Redis) each process still tracks its
 * own sockets here and mirrors its viewers into the store; announcements and fresh reads
 * (`counts`) then give the total across processes, and `count` the last total known (no round
 * trip, for acknowledgements and broadcast cards). If Redis fails, this process's own count is
 * used.
 */
import type { SharedViewerStore } from './sharedViewers';

export class ViewerTracker {
  private readonly viewers = new Map<string, Map<string, number>>();
  private readonly pending = new Map<string, NodeJS.Timeout>();
  /** The rooms that hear about each challenge's count (set by whoever loaded it). */
  private readonly rooms = new Map<string, string[]>();
  /** Shared mode: the last total known per challenge, across processes. */
  private readonly totals = new Map<string, number>();
  private readonly renewer: NodeJS.Timeout | null = null;
  /** After `stop` nothing more is sent to the store or scheduled: Redis is about to quit. */
  private stopped = false;

  constructor(
    private readonly announce: (challengeId: string, count: number, rooms: string[]) => void,
    private readonly throttleMs = 250,
    private readonly shared: SharedViewerStore | null = null,
    private readonly onError: (err: unknown) => void = () => {},
  ) {
    if (shared) {
      this.renewer = setInterval(() => void this.renew(), shared.refreshMs);
      this.renewer.unref();
    }
  }

  private local(challengeId: string): number {
    return this.viewers.get(challengeId)?.size ?? 0;
  }

  /** The best count known now, without a round trip. */
  count(challengeId: string): number {
    return this.shared ? Math.max(this.totals.get(challengeId) ?? 0, this.local(challengeId)) : this.local(challengeId);
  }

  /** Keeps only non-zero totals, so listing a board of quiet challenges leaves nothing behind. */
  private remember(challengeId: string, n: number): void {
    if (n > 0) this.totals.set(challengeId, n);
    else this.totals.delete(challengeId);
  }

  /** Fresh counts (across processes in shared mode). */
  async counts(challengeIds: string[]): Promise<Map<string, number>> {
    if (this.shared && !this.stopped && challengeIds.length) {
      try {
        const totals = await this.shared.counts(challengeIds);
        for (const [id, n] of totals) this.remember(id, n);
      } catch (err) {
        this.onError(err);
      }
    }
    return new Map(challengeIds.map((id) => [id, this.count(id)]));
  }

  /** The challenge's audience changed (visibility): counts go to these rooms from now on. */
  setRooms(challengeId: string, rooms: string[]): void {
    if (this.rooms.has(challengeId)) this.rooms.set(challengeId, rooms);
  }

  add(challengeId: string, viewerKey: string, rooms: string[]): number {
    this.rooms.set(challengeId, rooms);
    let inner = this.viewers.get(challengeId);
    if (!inner) this.viewers.set(challengeId, (inner = new Map()));
    const n = inner.get(viewerKey) ?? 0;
    inner.set(viewerKey, n + 1);
    if (n === 0 && this.shared && !this.stopped) {
      this.totals.set(challengeId, (this.totals.get(challengeId) ?? 0) + 1); // corrected by the announcement
      this.shared.joined(challengeId, viewerKey).catch(this.onError);
    }
    this.schedule(challengeId);
    return this.count(challengeId);
  }

  remove(challengeId: string, viewerKey: string): number {
    const inner = this.viewers.get(challengeId);
    const n = inner?.get(viewerKey);
    if (!inner || n === undefined) return this.count(challengeId);
    if (n > 1) inner.set(viewerKey, n - 1);
    else {
      inner.delete(viewerKey);
      if (this.shared && !this.stopped) {
        this.remember(challengeId, (this.totals.get(challengeId) ?? 1) - 1);
        this.shared.left(challengeId, viewerKey).catch(this.onError);
      }
    }
    if (inner.size === 0) this.viewers.delete(challengeId);
    this.schedule(challengeId);
    return this.count(challengeId);
  }

  private schedule(challengeId: string): void {
    if (this.stopped || this.pending.has(challengeId)) return;
    const timer = setTimeout(() => {
      this.pending.delete(challengeId);
      void this.publish(challengeId);
    }, this.throttleMs);
    timer.unref();
    this.pending.set(challengeId, timer);
  }

  /** Runs from a timer: a failure (announcing included) is reported, never left unhandled. */
  private async publish(challengeId: string): Promise<void> {
    try {
      const n = (await this.counts([challengeId])).get(challengeId) ?? 0;
      if (this.stopped) return;
      this.announce(challengeId, n, this.rooms.get(challengeId) ?? []);
      if (this.local(challengeId) === 0) this.rooms.delete(challengeId);
    } catch (err) {
      this.onError(err);
    }
  }

  /** Shared mode: keeps this process's viewers alive in the store and announces totals that moved (a process gone). */
  private async renew(): Promise<void> {
    if (!this.shared || this.stopped || this.viewers.size === 0) return;
    try {
      await this.shared.renew([...this.viewers].map(([id, inner]) => [id, inner.keys()] as [string, Iterable<string>]));
      const ids = [...this.viewers.keys()];
      const before = new Map(ids.map((id) => [id, this.totals.get(id) ?? 0]));
      const totals = await this.shared.counts(ids);
      for (const [id, n] of totals) {
        this.remember(id, n);
        if (before.get(id) !== n) this.announce(id, Math.max(n, this.local(id)), this.rooms.get(id) ?? []);
      }
    } catch (err) {
      this.onError(err);
    }
  }

  /** Clears every timer and stops talking to the shared store (call before Redis quits). */
  stop(): void {
    this.stopped = true;
    for (const t of this.pending.values()) clearTimeout(t);
    this.pending.clear();
    if (this.renewer) clearInterval(this.renewer);
  }
}
