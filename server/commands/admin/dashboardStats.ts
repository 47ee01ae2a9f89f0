import type { DashboardStats } from '../../../shared/schemas/dashboard';
import type { ChallengeStatus } from '../../../shared/schemas/challenge';
import { industryByCode } from '../../../shared/industry';
import { Challenge } from '../../models/Challenge';
import { Notification } from '../../models/Notification';
import { Organization } from '../../models/Organization';
import { Question } from '../../models/Question';
import { Team } from '../../models/Team';
import { User } from '../../models/User';

const WEEKS = 12;
const DAY = 86_400_000;

/** Monday 00:00 UTC of the week containing `d`, as yyyy-mm-dd. */
export function weekOf(d: Date): string {
  const monday = new Date(Date.UTC(d.getUTCFullYear(), d.getUTCMonth(), d.getUTCDate()) - ((d.getUTCDay() + 6) % 7) * DAY);
  return monday.toISOString().slice(0, 10);
}

export function median(values: number[]): number | null {
  if (values.length === 0) return null;
  const s = [...values].sort((a, b) => a - b);
  const mid = Math.floor(s.length / 2);
  return s.length % 2 ? s[mid]! : (s[mid - 1]! + s[mid]!) / 2;
}

/** Counts with one `$group` accumulator each (FerretDB v1 computes only the first). */
async function countBy(model: typeof Challenge | typeof User, field: string): Promise<Record<string, number>> {
  const rows = await (model as typeof Challenge).aggregate<{ _id: string; n: number }>([{ $unwind: `$${field}` }, { $group: { _id: `$${field}`, n: { $sum: 1 } } }]);
  return Object.fromEntries(rows.map((r) => [String(r._id), r.n]));
}

/**
 * The admin dashboard's figures. Time series are bucketed in code from a projection of dates,
 * which works the same on MongoDB and FerretDB (no date operators needed).
 */
export async function dashboardStats(now = new Date()): Promise<DashboardStats> {
  const since = new Date(now.getTime() - WEEKS * 7 * DAY);
  const [organizations, users, challenges, teams, questions, notifications, usersByRole, byStatus, dated, sections, activeTeams, qa] = await Promise.all([
    Organization.countDocuments(),
    User.countDocuments(),
    Challenge.countDocuments(),
    Team.countDocuments(),
    Question.countDocuments(),
    Notification.estimatedDocumentCount(),
    countBy(User, 'roles'),
    countBy(Challenge, 'status'),
    Challenge.find({ $or: [{ publishedAt: { $gte: since } }, { statusChangedAt: { $gte: since } }] }, { publishedAt: 1, statusChangedAt: 1, status: 1 }).lean(),
    Challenge.find({ status: { $ne: 'draft' } }, { industry: 1 }).lean(),
    Team.find({ status: 'active' }, { memberCount: 1 }).lean(),
    Question.find({}, { createdAt: 1, answer: 1 }).lean(),
  ]);

  const weeks = Array.from({ length: WEEKS }, (_, i) => weekOf(new Date(now.getTime() - (WEEKS - 1 - i) * 7 * DAY)));
  const weekly = new Map(weeks.map((w) => [w, { week: w, posted: 0, solved: 0 }]));
  for (const c of dated) {
    if (c.publishedAt && c.publishedAt >= since) {
      const w = weekly.get(weekOf(c.publishedAt));
      if (w) w.posted++;
    }
    if (c.status === 'solved' && c.statusChangedAt && c.statusChangedAt >= since) {
      const w = weekly.get(weekOf(c.statusChangedAt));
      if (w) w.solved++;
    }
  }
  const challengesBySection: Record<string, number> = {};
  for (const c of sections) {
    const section = industryByCode(c.industry)?.section ?? '?';
    challengesBySection[section] = (challengesBySection[section] ?? 0) + 1;
  }
  const answerHours = qa.filter((q) => q.answer?.at).map((q) => (q.answer!.at!.getTime() - (q.createdAt as Date).getTime()) / 3_600_000);

  return {
    generatedAt: now.toISOString(),
    totals: { organizations, users, challenges, teams, questions, notifications },
    usersByRole,
    challengesByStatus: byStatus as Partial<Record<ChallengeStatus, number>>,
    weekly: [...weekly.values()],
    challengesBySection,
    teams: { active: activeTeams.length, averageSize: activeTeams.length ? activeTeams.reduce((s, t) => s + t.memberCount, 0) / activeTeams.length : 0 },
    questions: { answered: answerHours.length, unanswered: qa.length - answerHours.length, medianAnswerHours: median(answerHours) },
  };
}
