import type { QueryFilter } from 'mongoose';
import type { BoardQuery, ChallengeStatus } from '../../../shared/schemas/challenge';
import { INDUSTRIES, normalizeIndustryCode } from '../../../shared/industry';
import { Challenge, type ChallengeDocument, type ChallengeRecord } from '../../models/Challenge';
import { hasRole, type Actor } from '../../policies';
import { isAllianceMember } from '../../policies/challenge';
import { divisionOf } from './createChallenge';

const escapeRegex = (s: string) => s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
const PUBLIC_STATUSES: ChallengeStatus[] = ['open', 'reviewing', 'solved'];

/** Filter for an industry at any level: a 门类 letter, a 大类, or a 中类/小类 prefix. */
function industryFilter(code: string): QueryFilter<ChallengeRecord> {
  if (/^[A-Z]$/.test(code)) {
    const divisions = INDUSTRIES.filter((n) => n.level === 'division' && n.section === code).map((n) => n.code);
    return { industryDivision: { $in: divisions } };
  }
  if (code.length === 2) return { industryDivision: code };
  return { industry: { $regex: `^${escapeRegex(code)}` } };
}

/**
 * The board: what `actor` may see, filtered, searched and sorted. Visibility is part of the
 * query itself, so an alliance-only challenge can never appear in an outsider's page or count.
 */
export async function listChallenges(props: { query: BoardQuery; actor: Actor; myIndustries: string[] }) {
  const { query: q, actor } = props;
  const and: QueryFilter<ChallengeRecord>[] = [];
  const admin = hasRole(actor, 'admin');
  const ownOrg = hasRole(actor, 'representative') ? actor?.organizationId ?? null : null;

  const statuses = q.status ?? (q.mine ? [...PUBLIC_STATUSES, 'draft', 'closed'] : PUBLIC_STATUSES);
  const visible = statuses.filter((s) => s !== 'draft');
  const statusOr: QueryFilter<ChallengeRecord>[] = [];
  if (visible.length) statusOr.push({ status: { $in: visible } });
  if (statuses.includes('draft') && (ownOrg || admin)) statusOr.push(admin ? { status: 'draft' } : { status: 'draft', organizationId: ownOrg });
  if (statusOr.length === 0) return { items: [] as ChallengeDocument[], total: 0 };
  and.push(statusOr.length === 1 ? statusOr[0]! : { $or: statusOr });

  if (!admin && !isAllianceMember(actor)) and.push({ visibility: 'public' });
  if (q.mine) and.push({ organizationId: ownOrg ?? '000000000000000000000000' });
  if (q.organizationId) and.push({ organizationId: q.organizationId });
  if (q.industry) and.push(industryFilter(q.industry));
  if (q.near) {
    const divisions = [...new Set(props.myIndustries.map((c) => normalizeIndustryCode(c)).filter((c): c is string => !!c).map(divisionOf))].filter(Boolean);
    and.push({ industryDivision: { $in: divisions } });
  }
  if (q.tag) and.push({ tags: q.tag });
  if (q.rewardMin !== undefined) and.push({ 'reward.amount': { $gte: q.rewardMin } });
  if (q.rewardMax !== undefined) and.push({ 'reward.amount': { $lte: q.rewardMax } });
  if (q.deadlineBefore) and.push({ deadline: { $lte: q.deadlineBefore } });
  for (const term of (q.q ?? '').toLowerCase().split(/\s+/).filter(Boolean).slice(0, 5)) {
    and.push({ searchText: { $regex: escapeRegex(term) } });
  }

  const filter = { $and: and };
  const sort: Record<string, 1 | -1> =
    q.sort === 'deadline' ? { deadline: 1, _id: 1 } : q.sort === 'reward' ? { 'reward.amount': -1, _id: -1 } : { publishedAt: -1, _id: -1 };
  const [items, total] = await Promise.all([
    Challenge.find(filter).sort(sort).skip((q.page - 1) * q.pageSize).limit(q.pageSize),
    Challenge.countDocuments(filter),
  ]);
  return { items, total };
}
