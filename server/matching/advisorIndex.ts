/**
 * The online advisors, in memory, bucketed so a request looks at the few advisors that can
 * match it rather than all of them: by 大类 division ('d:33'), by 门类 section ('s:C') and by
 * topic ('t:出海'). A request reads its division bucket and its topic buckets, and widens to
 * its section only when those hold fewer than {@link WIDEN_BELOW} suitable free advisors.
 * Advisors whose only codes are section letters are reached through that widening.
 */
import { industryByCode } from '../../shared/industry';
import type { Presence } from '../../shared/schemas/advice';
import { scoreAdvisor, type ScoredAdvisor, type ScoredRequest } from './score';

export const WIDEN_BELOW = 3;

export interface AdvisorEntry extends ScoredAdvisor {
  userId: string;
  name: string;
  status: Presence;
  /** Offers held right now; they count against capacity so nobody is offered more than they can take. */
  pending: number;
  topicList: string[];
}

/** A request's bucket keys, computed once per request. */
export interface RequestKeys extends ScoredRequest {
  division: string | null;
  section: string | null;
}

export interface Pick {
  entry: AdvisorEntry;
  score: number;
}

/** Where an industry code files an advisor or a request. */
export function industryKeys(code: string): { division: string | null; section: string | null } {
  const node = industryByCode(code);
  if (!node) return { division: null, section: null };
  return { division: node.level === 'section' ? null : node.code.slice(0, 2), section: node.section };
}

export const hasFreeCapacity = (e: AdvisorEntry) => e.status === 'online' && e.openSessions + e.pending < e.capacity;

export class AdvisorIndex {
  private readonly entries = new Map<string, AdvisorEntry>();
  private readonly buckets = new Map<string, Set<AdvisorEntry>>();
  private readonly keysOf = new Map<string, string[]>();

  get size(): number {
    return this.entries.size;
  }

  get(userId: string): AdvisorEntry | undefined {
    return this.entries.get(userId);
  }

  values(): IterableIterator<AdvisorEntry> {
    return this.entries.values();
  }

  /** Adds or re-files an advisor (after a profile change). */
  upsert(entry: AdvisorEntry): void {
    this.remove(entry.userId);
    const keys = new Set<string>();
    for (const code of entry.industries) {
      const { division, section } = industryKeys(code);
      if (division) keys.add(`d:${division}`);
      if (section) keys.add(`s:${section}`);
    }
    for (const t of entry.topics) keys.add(`t:${t}`);
    for (const key of keys) {
      let bucket = this.buckets.get(key);
      if (!bucket) this.buckets.set(key, (bucket = new Set()));
      bucket.add(entry);
    }
    this.entries.set(entry.userId, entry);
    this.keysOf.set(entry.userId, [...keys]);
  }

  remove(userId: string): AdvisorEntry | undefined {
    const entry = this.entries.get(userId);
    if (!entry) return undefined;
    for (const key of this.keysOf.get(userId) ?? []) {
      const bucket = this.buckets.get(key);
      bucket?.delete(entry);
      if (bucket?.size === 0) this.buckets.delete(key);
    }
    this.entries.delete(userId);
    this.keysOf.delete(userId);
    return entry;
  }

  /** The best suitable advisor with free capacity, skipping `exclude`; null when none. */
  best(req: RequestKeys, exclude: ReadonlySet<string>, now: number): Pick | null {
    const seen = new Set<AdvisorEntry>();
    const state = { best: null as Pick | null, suitable: 0 };
    const visit = (bucket: Set<AdvisorEntry> | undefined) => {
      if (!bucket) return;
      for (const e of bucket) {
        if (seen.has(e)) continue;
        seen.add(e);
        if (!hasFreeCapacity(e) || exclude.has(e.userId)) continue;
        const s = scoreAdvisor(req, e, now);
        if (!s.suitable) continue;
        state.suitable++;
        if (!state.best || s.score > state.best.score) state.best = { entry: e, score: s.score };
      }
    };
    if (req.division) visit(this.buckets.get(`d:${req.division}`));
    for (const t of req.topics) visit(this.buckets.get(`t:${t}`));
    if (state.suitable < WIDEN_BELOW && req.section) visit(this.buckets.get(`s:${req.section}`));
    return state.best;
  }

  /** The naive baseline: score every advisor (the benchmark compares against this). */
  bestLinear(req: ScoredRequest, exclude: ReadonlySet<string>, now: number): Pick | null {
    let best: Pick | null = null;
    for (const e of this.entries.values()) {
      if (!hasFreeCapacity(e) || exclude.has(e.userId)) continue;
      const s = scoreAdvisor(req, e, now);
      if (s.suitable && (!best || s.score > best.score)) best = { entry: e, score: s.score };
    }
    return best;
  }

  /** Free seats across online advisors (for the queue's wait estimate). */
  freeCapacity(): { free: number; total: number } {
    let free = 0;
    let total = 0;
    for (const e of this.entries.values()) {
      if (e.status !== 'online') continue;
      total += e.capacity;
      free += Math.max(0, e.capacity - e.openSessions - e.pending);
    }
    return { free, total };
  }
}
