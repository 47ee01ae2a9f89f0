import { z } from 'zod';
import { ObjectIdString } from './common';

export const SubmissionInput = z.object({
  versionId: ObjectIdString,
  note: z.string().trim().max(2000).default(''),
});
export type SubmissionInput = z.infer<typeof SubmissionInput>;

export const REVIEW_DECISIONS = ['accepted', 'declined'] as const;

/**
 * The organisation's review: a score (1–100) and a comment for each submission; a submission that
 * is not accepted needs a written reason.
 */
export const ReviewInput = z
  .object({
    score: z.number().int().min(1).max(100),
    comment: z.string().trim().max(5000).default(''),
    decision: z.enum(REVIEW_DECISIONS),
    reason: z.string().trim().max(5000).default(''),
  })
  .refine((r) => r.decision === 'accepted' || r.reason.length >= 2, { message: 'a reason is required when not accepting', path: ['reason'], params: { code: 'reason_required' } });
export type ReviewInput = z.infer<typeof ReviewInput>;

export const ExportParams = z.object({ id: ObjectIdString, format: z.enum(['md', 'html']) });
export type ExportParams = z.infer<typeof ExportParams>;

export type SubmissionStatus = 'pending' | 'accepted' | 'declined';

export interface SubmissionReviewView {
  score: number;
  comment: string;
  decision: 'accepted' | 'declined';
  reason: string;
  reviewer: { id: string; name: string };
  at: string;
}

export interface SubmissionView {
  id: string;
  challengeId: string;
  challengeTitle: string;
  teamId: string;
  teamName: string;
  versionId: string;
  versionName: string;
  note: string;
  submittedBy: { id: string; name: string };
  submittedAt: string;
  /** 1 for a team's first submission, 2 for its first resubmission… */
  round: number;
  /** False once the team submitted again (history is kept). */
  latest: boolean;
  status: SubmissionStatus;
  review: SubmissionReviewView | null;
  /** Frozen rendered HTML (single-submission view only). */
  html?: string;
  me: { review: boolean };
}
