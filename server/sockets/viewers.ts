/**
 * Who has a challenge page open right now, counted per person (a user's several tabs count
 * once; an anonymous visitor counts per socket). Kept in memory: it is presence, not data.
 * Changes are announced at most once per `throttleMs` per challenge so a crowd arriving at
 * once costs one broadcast, not one per arrival.
 */
export class ViewerTracker {
  private readonly viewers = new Map<string, Map<string, number>>();
  private readonly pending = new Map<string, NodeJS.Timeout>();
  /** The rooms that hear about each challenge's count (set by whoever loaded it). */
  private readonly rooms = new Map<string, string[]>();

  constructor(
    private readonly announce: (challengeId: string, count: number, rooms: string[]) => void,
    private readonly throttleMs = 250,
  ) {}

  count(challengeId: string): number {
    return this.viewers.get(challengeId)?.size ?? 0;
  }

  add(challengeId: string, viewerKey: string, rooms: string[]): number {
    this.rooms.set(challengeId, rooms);
    let inner = this.viewers.get(challengeId);
    if (!inner) this.viewers.set(challengeId, (inner = new Map()));
    inner.set(viewerKey, (inner.get(viewerKey) ?? 0) + 1);
    this.schedule(challengeId);
    return inner.size;
  }

  remove(challengeId: string, viewerKey: string): number {
    const inner = this.viewers.get(challengeId);
    const n = inner?.get(viewerKey);
    if (!inner || n === undefined) return this.count(challengeId);
    if (n > 1) inner.set(viewerKey, n - 1);
    else inner.delete(viewerKey);
    if (inner.size === 0) this.viewers.delete(challengeId);
    this.schedule(challengeId);
    return inner.size;
  }

  private schedule(challengeId: string): void {
    if (this.pending.has(challengeId)) return;
    const timer = setTimeout(() => {
      this.pending.delete(challengeId);
      const n = this.count(challengeId);
      this.announce(challengeId, n, this.rooms.get(challengeId) ?? []);
      if (n === 0) this.rooms.delete(challengeId);
    }, this.throttleMs);
    timer.unref();
    this.pending.set(challengeId, timer);
  }

  stop(): void {
    for (const t of this.pending.values()) clearTimeout(t);
    this.pending.clear();
  }
}
