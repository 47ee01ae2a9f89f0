import type { ReviewInput } from '../../../shared/schemas/submission';
import type { AppContext } from '../../context';
import { conflict } from '../../errors';
import type { ChallengeDocument } from '../../models/Challenge';
import { Submission, type SubmissionDocument } from '../../models/Submission';
import { User } from '../../models/User';
import { transitionChallenge } from '../challenges/transitionChallenge';
import { notify } from '../notifications/notify';

/**
 * Scores and decides one submission. Accepting is final (the credit is given once): it marks the
 * challenge solved if it is not yet (boards see it live), credits the team's members on their
 * profiles, and tells everyone taking part. A declined submission carries its reason (the schema
 * requires one) and may be reviewed again.
 */
export async function reviewSubmission(props: {
  ctx: AppContext;
  submission: SubmissionDocument;
  challenge: ChallengeDocument;
  reviewerId: string;
  input: ReviewInput;
  now?: Date;
}): Promise<{ submission: SubmissionDocument; challenge: ChallengeDocument }> {
  const { ctx, submission, input, reviewerId } = props;
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

  const link = `/workspaces/${String(submission.teamId)}`;
  const data = { challengeId: challenge.id as string, challengeTitle: challenge.title, teamId: String(submission.teamId), teamName: submission.teamName, status: input.decision, text: accepting ? input.comment : input.reason };
  const memberIds = submission.memberIds.map(String);
  if (!accepting) {
    await notify({ realtime: ctx.realtime, userIds: memberIds, kind: 'submission.reviewed', data, link });
    return { submission: updated, challenge };
  }
  if (challenge.status !== 'solved') {
    const moved = await transitionChallenge({ challenge, to: 'solved', actorId: reviewerId, now });
    challenge = moved.challenge;
    await ctx.bus.publish(moved.events);
  }
  const earlier = await Submission.countDocuments({ teamId: submission.teamId, 'review.decision': 'accepted' });
  if (earlier === 1) {
    // only this one: credit the members once, however many of the team's rounds get accepted
    await User.updateMany({ _id: { $in: submission.memberIds } }, { $push: { credits: { challengeId: challenge._id, title: challenge.title, at: now } } });
  }
  await notify({ realtime: ctx.realtime, userIds: memberIds, kind: 'submission.accepted', data, link });
  return { submission: updated, challenge };
}
