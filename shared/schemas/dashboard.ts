import type { ChallengeStatus } from './challenge';

/** What the admin dashboard charts; each series is computed on the server from stored data. */
export interface DashboardStats {
  generatedAt: string;
  totals: { organizations: number; users: number; challenges: number; teams: number; questions: number; notifications: number };
  usersByRole: Record<string, number>;
  challengesByStatus: Partial<Record<ChallengeStatus, number>>;
  /** Per ISO week (Monday, yyyy-mm-dd), the last 12 weeks: posted and solved. */
  weekly: { week: string; posted: number; solved: number }[];
  /** Challenges per 门类 (industry section letter). */
  challengesBySection: Record<string, number>;
  teams: { active: number; averageSize: number };
  questions: { answered: number; unanswered: number; medianAnswerHours: number | null };
  /** Filled by the advice feature when it is present. */
  advice?: { requests: number; matched: number; medianOfferToAcceptSeconds: number | null };
}
