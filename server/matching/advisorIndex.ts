/**
 * The online advisors, in memory, bucketed so a request scores the few advisors that can win
 * rather than all of them. Each advisor is filed by every level of each of its industry codes
 * (门类 's:C', 大类 'd:33', 中类 'g:338', 小类 'c:3381'), by topic ('t:出海') and by level and
 * topic together ('st:C|出海', 'dt:33|出海').
 *
 * Branch and bound keeps the answer exact. Every suitable advisor sits in a bucket whose bound
 * (the most anyone filed there could score against this request: {@link bound}) is at least
 * its score: sharing the 小类 → 'c:', the 中类 → 'g:', the 大类 and a topic → 'dt:', the 大类
 * only → 'd:', the 门类 and a topic → 'st:', a topic only → 't:', the 门类 only → 's:'. The
 * tiers are read by falling bound and the search stops once the best so far beats the next
 * bound, so the result equals a scan of everyone (the unit test checks it against
 * {@link AdvisorIndex.bestLinear}). A typical request reads its 小类, 中类 and 大类-with-topic
 * buckets: a tenth or less of what the 大类 alone holds.
 */
import { industryByCode } from '../../shared/industry';
import type { Presence } from '../../shared/schemas/advice';
import { scoreValue, WEIGHTS, type ScoredAdvisor, type ScoredRequest } from './score';

/** The most an advisor sharing `level` GB/T levels (0–4) and maybe a topic can score. */
export const bound = (level: number, topic: boolean) =>
  (WEIGHTS.industry * level) / 4 + (topic ? WEIGHTS.topics : 0) + WEIGHTS.rating + WEIGHTS.load + WEIGHTS.recency;
/** Scores are rounded to 0.001: a best above a bound by more than this cannot tie with anyone below it. */
const EPSILON = 0.001;

export interface AdvisorEntry extends ScoredAdvisor {
  userId: string;
  name: string;
  status: Presence;
  /** Offers held right now; they count against capacity so nobody is offered more than they can take. */
  pending: number;
  topicList: string[];
}

/** Where an industry code sits in GB/T 4754: its 门类, 大类, 中类 and 小类 (null when coarser). */
export interface IndustryKeys {
  section: string | null;
  division: string | null;
  group: string | null;
  klass: string | null;
}

/** A request's bucket keys, computed once per request. */
export interface RequestKeys extends ScoredRequest, IndustryKeys {}

export interface Pick {
  entry: AdvisorEntry;
  score: number;
}

/** Where an industry code files an advisor or a request. */
export function industryKeys(code: string): IndustryKeys {
  const node = industryByCode(code);
  if (!node) return { section: null, division: null, group: null, klass: null };
  const c = node.level === 'section' ? '' : node.code;
  return { section: node.section, division: c.length >= 2 ? c.slice(0, 2) : null, group: c.length >= 3 ? c.slice(0, 3) : null, klass: c.length === 4 ? c : null };
}

/** The buckets a request reads, tier by tier, with each tier's bound, highest first. */
function tiersOf(req: RequestKeys): { bound: number; keys: string[] }[] {
  const { section, division, group, klass, topics } = req;
  const tiers: { bound: number; keys: string[] }[] = [];
  const add = (b: number, keys: string[]) => void (keys.length > 0 && tiers.push({ bound: b, keys }));
  if (klass) add(bound(4, true), [`c:${klass}`]);
  if (group) add(bound(3, true), [`g:${group}`]);
  if (division) add(bound(2, true), topics.map((t) => `dt:${division}|${t}`));
  if (division) add(bound(2, false), [`d:${division}`]);
  if (section) add(bound(1, true), topics.map((t) => `st:${section}|${t}`));
  if (section) add(bound(1, false), [`s:${section}`]);
  add(bound(0, true), topics.map((t) => `t:${t}`));
  return tiers.sort((a, b) => b.bound - a.bound);
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
    for (const t of entry.topics) keys.add(`t:${t}`);
    for (const code of entry.industries) {
      const { section, division, group, klass } = industryKeys(code);
      if (section) keys.add(`s:${section}`);
      if (division) keys.add(`d:${division}`);
      if (group) keys.add(`g:${group}`);
      if (klass) keys.add(`c:${klass}`);
      for (const t of entry.topics) {
        if (section) keys.add(`st:${section}|${t}`);
        if (division) keys.add(`dt:${division}|${t}`);
      }
    }
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
    for (const tier of tiersOf(req)) {
      if (best && best.score > tier.bound + EPSILON) break;
      for (const key of tier.keys) {
        const bucket = this.buckets.get(key);
        if (bucket) best = better(bucket, req, exclude, now, best);
      }
    }
    return best;
  }

  /** The naive baseline: score every advisor (the benchmark compares against this). */
  bestLinear(req: ScoredRequest, exclude: ReadonlySet<string>, now: number): Pick | null {
    return better(this.entries.values(), req, exclude, now, null);
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

/** The best of `best` and the suitable, free, not excluded advisors of `candidates` (ties: lower id). */
function better(candidates: Iterable<AdvisorEntry>, req: ScoredRequest, exclude: ReadonlySet<string>, now: number, best: Pick | null): Pick | null {
  let top = best?.score ?? -1;
  let winner = best?.entry ?? null;
  for (const e of candidates) {
    if (!hasFreeCapacity(e) || exclude.has(e.userId)) continue;
    const score = scoreValue(req, e, now);
    if (score > top || (score === top && score >= 0 && winner !== null && e.userId < winner.userId)) {
      top = score;
      winner = e;
    }
  }
  return winner && top >= 0 ? { entry: winner, score: top } : null;
}
