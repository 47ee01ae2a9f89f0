/**
 * The dispatcher's scoring: a pure function of a request, one advisor and the time, so it is
 * tested alone and the advisor can be shown exactly why they were chosen.
 *
 * score = 0.45·industry + 0.20·topics + 0.15·rating + 0.10·load + 0.10·recency, each in [0, 1]:
 * - industry: GB/T 4754 proximity of the request's code to the advisor's closest code (shared
 *   levels / 4: same 小类 1, 中类 .75, 大类 .5, 门类 .25);
 * - topics: share of the request's topics the advisor lists;
 * - rating: a Bayesian average (3.5 assumed for two virtual ratings) so one 5★ is not a star;
 * - load: free share of capacity; recency: minutes since last assignment, full after an hour.
 * Suitable only when the advisor speaks the request's language and shares at least the 门类 or
 * a topic; unsuitable advisors are never offered the request.
 */
import { bestProximity, industryProximity, MAX_INDUSTRY_PROXIMITY } from '../../shared/industry';
import type { MatchReason } from '../../shared/schemas/advice';
import type { Locale } from '../../shared/roles';

export const WEIGHTS = { industry: 0.45, topics: 0.2, rating: 0.15, load: 0.1, recency: 0.1 } as const;
const PRIOR_MEAN = 3.5;
const PRIOR_COUNT = 2;

/** What scoring needs of a request. Topics are lower-cased. */
export interface ScoredRequest {
  industry: string;
  topics: readonly string[];
  language: Locale;
}

/** What scoring needs of an advisor. Topics are a lower-cased set. */
export interface ScoredAdvisor {
  industries: readonly string[];
  topics: ReadonlySet<string>;
  languages: readonly Locale[];
  capacity: number;
  openSessions: number;
  ratingSum: number;
  ratingCount: number;
  /** Epoch ms of the last assignment, 0 for never. */
  lastAssignedAt: number;
}

export interface Score {
  suitable: boolean;
  score: number;
}

/** The score with its verdict (tests, explanations). */
export function scoreAdvisor(req: ScoredRequest, adv: ScoredAdvisor, now: number): Score {
  const score = scoreValue(req, adv, now);
  return score < 0 ? { suitable: false, score: 0 } : { suitable: true, score };
}

/** The hot path: the score, or -1 when unsuitable; allocates nothing. */
export function scoreValue(req: ScoredRequest, adv: ScoredAdvisor, now: number): number {
  if (!adv.languages.includes(req.language)) return -1;
  const level = bestProximity(req.industry, adv.industries);
  let shared = 0;
  for (let i = 0; i < req.topics.length; i++) if (adv.topics.has(req.topics[i] as string)) shared++;
  if (level === 0 && shared === 0) return -1;
  return round(combine(level, shared, req.topics.length, adv, now));
}

function combine(level: number, shared: number, topicCount: number, adv: ScoredAdvisor, now: number): number {
  const industry = level / MAX_INDUSTRY_PROXIMITY;
  const topics = topicCount === 0 ? 0 : shared / topicCount;
  const rating = (bayesian(adv) - 1) / 4;
  const load = adv.capacity > 0 ? Math.max(0, 1 - adv.openSessions / adv.capacity) : 0;
  const recency = adv.lastAssignedAt === 0 ? 1 : Math.min(1, (now - adv.lastAssignedAt) / 3_600_000);
  return WEIGHTS.industry * industry + WEIGHTS.topics * topics + WEIGHTS.rating * rating + WEIGHTS.load * load + WEIGHTS.recency * recency;
}

function bayesian(adv: ScoredAdvisor): number {
  return (adv.ratingSum + PRIOR_MEAN * PRIOR_COUNT) / (adv.ratingCount + PRIOR_COUNT);
}

const round = (n: number) => Math.round(n * 1000) / 1000;

/** The reasons behind a score, for the advisor's offer card (computed once per offer). */
export function explainScore(req: ScoredRequest, adv: ScoredAdvisor, now: number): MatchReason[] {
  let closest = adv.industries[0] ?? '';
  let level = 0;
  for (const code of adv.industries) {
    const l = industryProximity(req.industry, code);
    if (l > level) [level, closest] = [l, code];
  }
  const shared = req.topics.filter((t) => adv.topics.has(t));
  const reasons: MatchReason[] = [];
  if (level > 0) reasons.push({ code: 'industry', weight: round(WEIGHTS.industry * (level / MAX_INDUSTRY_PROXIMITY)), level, request: req.industry, advisor: closest });
  if (shared.length > 0) reasons.push({ code: 'topics', weight: round(WEIGHTS.topics * (shared.length / req.topics.length)), shared });
  reasons.push({ code: 'language', weight: 0, language: req.language });
  reasons.push({
    code: 'rating',
    weight: round((WEIGHTS.rating * (bayesian(adv) - 1)) / 4),
    average: adv.ratingCount > 0 ? round(adv.ratingSum / adv.ratingCount) : null,
    count: adv.ratingCount,
  });
  const minutes = adv.lastAssignedAt === 0 ? null : Math.floor((now - adv.lastAssignedAt) / 60_000);
  const load = adv.capacity > 0 ? Math.max(0, 1 - adv.openSessions / adv.capacity) : 0;
  const recency = minutes === null ? 1 : Math.min(1, minutes / 60);
  reasons.push({ code: 'fairness', weight: round(WEIGHTS.load * load + WEIGHTS.recency * recency), openSessions: adv.openSessions, capacity: adv.capacity, minutesSinceLast: minutes });
  return reasons;
}

/** Normalises topic tags for comparison. */
export const normalizeTopic = (t: string) => t.trim().toLowerCase();
