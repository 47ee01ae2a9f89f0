/**
 * The online advisors, in memory, bucketed so a request looks at the few advisors that can
 * match it rather than all of them: by 大类 division ('d:33'), by 门类 section ('s:C') and by
 * topic ('t:出海'). Branch and bound keeps the answer exact: the division bucket is read first;
 * the section bucket only if its best score is below the most a same-门类-only advisor could
 * reach ({@link SECTION_BOUND}), the topic buckets only if below what an advisor sharing no
 * 门类 could reach ({@link TOPIC_BOUND}). So the result equals a scan of everyone.
 */
import { industryByCode } from '../../shared/industry';
import type { Presence } from '../../shared/schemas/advice';
import { scoreAdvisor, WEIGHTS, type ScoredAdvisor, type ScoredRequest } from './score';

/** The best score an advisor sharing no 门类 can reach (topics, rating, load, recency all full). */
export const TOPIC_BOUND = WEIGHTS.topics + WEIGHTS.rating + WEIGHTS.load + WEIGHTS.recency;
/** The best score an advisor sharing only the 门类 can reach. */
export const SECTION_BOUND = TOPIC_BOUND + WEIGHTS.industry / 4;

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
    let best: Pick | null = null;
    const division = req.division ? this.buckets.get(`d:${req.division}`) : undefined;
    const visit = (bucket: Set<AdvisorEntry> | undefined, skip?: Set<AdvisorEntry>) => {
      if (!bucket) return;
      for (const e of bucket) {
        if (skip?.has(e) || !hasFreeCapacity(e) || exclude.has(e.userId)) continue;
        const s = scoreAdvisor(req, e, now);
        if (s.suitable && (!best || s.score > best.score || (s.score === best.score && e.userId < best.entry.userId))) best = { entry: e, score: s.score };
      }
    };
    visit(division);
    const section = req.section ? this.buckets.get(`s:${req.section}`) : undefined;
    if (!best || (best as Pick).score < SECTION_BOUND) visit(section, division);
    if (!best || (best as Pick).score < TOPIC_BOUND) for (const t of req.topics) visit(this.buckets.get(`t:${t}`));
    return best;
  }

  /** The naive baseline: score every advisor (the benchmark compares against this). */
  bestLinear(req: ScoredRequest, exclude: ReadonlySet<string>, now: number): Pick | null {
    let best: Pick | null = null;
    for (const e of this.entries.values()) {
      if (!hasFreeCapacity(e) || exclude.has(e.userId)) continue;
      const s = scoreAdvisor(req, e, now);
      if (s.suitable && (!best || s.score > best.score || (s.score === best.score && e.userId < best.entry.userId))) best = { entry: e, score: s.score };
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
