import type { ChallengeStatus } from '../../../shared/schemas/challenge';
import { badRequest, conflict } from '../../errors';
import { Challenge, type ChallengeDocument } from '../../models/Challenge';
import { event, type DomainEvent } from '../../events/types';

/** Which states each owner-driven transition may start from. `solved` comes from accepting a submission. */
const FROM: Record<'open' | 'reviewing' | 'closed' | 'solved', ChallengeStatus[]> = {
  open: ['draft', 'reviewing'],
  reviewing: ['open'],
  closed: ['draft', 'open', 'reviewing'],
  solved: ['open', 'reviewing'],
};

/**
 * Moves a challenge to `to` with a guarded atomic update: if another request changed the status
 * first, this one fails with 409 instead of overwriting it.
 */
export async function transitionChallenge(props: {
  challenge: ChallengeDocument;
  to: keyof typeof FROM;
  actorId: string | null;
  now?: Date;
}): Promise<{ challenge: ChallengeDocument; events: DomainEvent[] }> {
  const { challenge, to } = props;
  const now = props.now ?? new Date();
  if (to === 'open' && challenge.deadline.getTime() <= now.getTime()) {
    throw badRequest('Move the deadline into the future before opening', [{ path: ['deadline'], code: 'past', message: 'deadline has passed' }]);
  }
  const set: Record<string, unknown> = { status: to, statusChangedAt: now };
  if (to === 'open' && !challenge.publishedAt) set.publishedAt = now;
  const updated = await Challenge.findOneAndUpdate({ _id: challenge._id, status: { $in: FROM[to] } }, { $set: set }, { returnDocument: 'after' });
  if (!updated) throw conflict(`Cannot move a ${challenge.status} challenge to ${to}`);
  const from = challenge.status as ChallengeStatus;
  const challengeId = updated.id as string;
  const events: DomainEvent[] = [event('challenge.statusChanged', { challengeId, from, to, actorId: props.actorId })];
  if (from === 'draft' && to === 'open') events.unshift(event('challenge.published', { challengeId, actorId: props.actorId }));
  return { challenge: updated, events };
}

/** Open challenges whose deadline has passed move to reviewing; returns those this call moved. */
export async function expireDueChallenges(now = new Date()): Promise<ChallengeDocument[]> {
  const due = await Challenge.find({ status: 'open', deadline: { $lte: now } }, { _id: 1 }).lean();
  const moved: ChallengeDocument[] = [];
  for (const { _id } of due) {
    const c = await Challenge.findOneAndUpdate(
      { _id, status: 'open', deadline: { $lte: now } },
      { $set: { status: 'reviewing', statusChangedAt: now } },
      { returnDocument: 'after' },
    );
    if (c) moved.push(c);
  }
  return moved;
}
