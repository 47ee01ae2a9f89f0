import type { ReviewInput } from '../../../shared/schemas/submission';
import { conflict } from '../../errors';
import type { ChallengeDocument } from '../../models/Challenge';
import { Submission, type SubmissionDocument } from '../../models/Submission';
import { User } from '../../models/User';
import { transitionChallenge } from '../challenges/transitionChallenge';
import { event, type DomainEvent } from '../../events/types';

/**
 * Scores and decides one submission. Accepting is final (the credit is given once): it marks the
 * challenge solved if it is not yet (boards see it live), credits the team's members on their
 * profiles, and tells everyone taking part. A declined submission carries its reason (the schema
 * requires one) and may be reviewed again.
 */
export async function reviewSubmission(props: {
  submission: SubmissionDocument;
  challenge: ChallengeDocument;
  reviewerId: string;
  input: ReviewInput;
  now?: Date;
}): Promise<{ submission: SubmissionDocument; challenge: ChallengeDocument; events: DomainEvent[] }> {
  const { submission, input, reviewerId } = props;
  const now = props.now ?? new Date();
  let challenge = props.challenge;
  const accepting = input.decision === 'accepted';
  if (accepting && !['open', 'reviewing', 'solved'].includes(challenge.status)) throw conflict(`Cannot accept a submission of a ${challenge.status} challenge`);
  const review = { ...input, reviewerId, at: now };
  // Guarded: an accepted review is never overwritten (two reviewers racing get one 409).
  const updated = await Submission.findOneAndUpdate(
    { _id: submission._id, 'review.decision': { $ne: 'accepted' } },
    { $set: { review } },
    { returnDocument: 'after' },
  );
  if (!updated) throw conflict('This submission was already accepted');

  const events: DomainEvent[] = [
    event('submission.reviewed', { submissionId: updated.id as string, teamId: String(submission.teamId), challengeId: challenge.id as string, reviewerId, decision: input.decision }),
  ];
  if (accepting && challenge.status !== 'solved') {
    const moved = await transitionChallenge({ challenge, to: 'solved', actorId: reviewerId, now });
    challenge = moved.challenge;
    events.push(...moved.events);
  }
  if (accepting && (await Submission.countDocuments({ teamId: submission.teamId, 'review.decision': 'accepted' })) === 1) {
    // only this one: credit the members once, however many of the team's rounds get accepted
    await User.updateMany({ _id: { $in: submission.memberIds } }, { $push: { credits: { challengeId: challenge._id, title: challenge.title, at: now } } });
  }
  return { submission: updated, challenge, events };
}
