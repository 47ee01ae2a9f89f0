import type { SubmissionView } from '../../shared/schemas/submission';
import type { SubmissionDocument } from '../models/Submission';
import { can, type Actor } from '../policies';
import type { SubmissionSubject } from '../policies/submission';

export const submissionSubject = (s: SubmissionDocument): SubmissionSubject => ({ organizationId: String(s.organizationId), memberIds: s.memberIds.map(String) });

/**
 * A submission as `actor` sees it. `latest` says whether it is the team's newest round;
 * `withHtml` adds the frozen rendering (single view, not lists).
 */
export function presentSubmission(
  s: SubmissionDocument,
  ctx: { names: Map<string, string>; challengeTitle: string; latest: boolean; actor: Actor; withHtml?: boolean },
): SubmissionView {
  const by = String(s.submittedBy);
  const r = s.review;
  return {
    id: s.id as string,
    challengeId: String(s.challengeId),
    challengeTitle: ctx.challengeTitle,
    teamId: String(s.teamId),
    teamName: s.teamName,
    versionId: String(s.versionId),
    versionName: s.versionName,
    note: s.note,
    submittedBy: { id: by, name: ctx.names.get(by) ?? '' },
    submittedAt: (s.get('createdAt') as Date).toISOString(),
    round: s.round,
    latest: ctx.latest,
    status: r ? (r.decision as 'accepted' | 'declined') : 'pending',
    review: r
      ? {
          score: r.score,
          comment: r.comment,
          decision: r.decision as 'accepted' | 'declined',
          reason: r.reason,
          reviewer: { id: String(r.reviewerId), name: ctx.names.get(String(r.reviewerId)) ?? '' },
          at: r.at.toISOString(),
        }
      : null,
    ...(ctx.withHtml ? { html: s.html } : {}),
    me: { review: can(ctx.actor, 'review', 'submission', submissionSubject(s)) },
  };
}

/** The user ids a list of submissions names (submitters and reviewers). */
export const submissionUserIds = (list: SubmissionDocument[]) => list.flatMap((s) => [String(s.submittedBy), ...(s.review ? [String(s.review.reviewerId)] : [])]);
