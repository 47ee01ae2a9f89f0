/**
 * The board's filters as the UI holds them, their query-string form for `GET /api/challenges`,
 * and a client-side check used only to decide whether a live `challenge:created` card belongs on
 * the page being shown. The server stays the authority: a refetch always shows its answer.
 */
import { industryByCode, normalizeIndustryCode } from '../../../shared/industryTable';
import type { ChallengeStatus, ChallengeSummary } from '../../../shared/schemas/challenge';
import type { BOARD_SORTS } from '../../../shared/schemas/challenge';

export type BoardSort = (typeof BOARD_SORTS)[number];

export interface BoardFilters {
  q: string;
  industry: string;
  near: boolean;
  status: ChallengeStatus[];
  tag: string;
  rewardMin: number | null;
  rewardMax: number | null;
  deadlineBefore: Date | null;
  mine: boolean;
  sort: BoardSort;
}

export const emptyFilters = (): BoardFilters => ({
  q: '',
  industry: '',
  near: false,
  status: [],
  tag: '',
  rewardMin: null,
  rewardMax: null,
  deadlineBefore: null,
  mine: false,
  sort: 'newest',
});

type Query = Record<string, string | number | boolean | undefined>;

/** Only the filters that are set; `status` repeats, so it is returned apart for URLSearchParams. */
export function toQuery(f: BoardFilters, page: number, pageSize: number): { query: Query; status: ChallengeStatus[] } {
  return {
    query: {
      q: f.q.trim() || undefined,
      industry: f.industry || undefined,
      near: f.near || undefined,
      tag: f.tag.trim() || undefined,
      rewardMin: f.rewardMin ?? undefined,
      rewardMax: f.rewardMax ?? undefined,
      deadlineBefore: f.deadlineBefore?.toISOString(),
      mine: f.mine || undefined,
      sort: f.sort,
      page,
      pageSize,
    },
    status: f.status,
  };
}

const DEFAULT_STATUSES: ChallengeStatus[] = ['open', 'reviewing', 'solved'];

function industryFits(code: string, wanted: string): boolean {
  const want = normalizeIndustryCode(wanted);
  if (!want) return true;
  if (/^[A-Z]$/.test(want)) return industryByCode(code)?.section === want;
  return (normalizeIndustryCode(code) ?? '').startsWith(want);
}

const division = (code: string): string | null => {
  const c = normalizeIndustryCode(code);
  return c && /^\d/.test(c) ? c.slice(0, 2) : null;
};

/** Whether a card fits the filters, for the viewer described by `me`. */
export function fitsFilters(c: ChallengeSummary, f: BoardFilters, me: { organizationId: string | null; industries: string[] } | null): boolean {
  const statuses = f.status.length ? f.status : f.mine ? [...DEFAULT_STATUSES, 'draft', 'closed'] : DEFAULT_STATUSES;
  if (!statuses.includes(c.status)) return false;
  if (f.mine && c.organization.id !== me?.organizationId) return false;
  if (f.industry && !industryFits(c.industry, f.industry)) return false;
  if (f.near) {
    const mine = new Set((me?.industries ?? []).map(division).filter((d): d is string => d !== null));
    if (!mine.has(division(c.industry) ?? '')) return false;
  }
  if (f.tag.trim() && !c.tags.includes(f.tag.trim())) return false;
  const amount = c.reward.amount;
  if (f.rewardMin !== null && (amount === null || amount < f.rewardMin)) return false;
  if (f.rewardMax !== null && (amount === null || amount > f.rewardMax)) return false;
  if (f.deadlineBefore && new Date(c.deadline) > f.deadlineBefore) return false;
  const text = [c.title, c.summary, c.organization.name, c.organization.nameEn, ...c.tags].join(' ').toLowerCase();
  return f.q
    .toLowerCase()
    .split(/\s+/)
    .filter(Boolean)
    .every((term) => text.includes(term));
}
