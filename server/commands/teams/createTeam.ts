import { Types } from 'mongoose';
import { event, type DomainEvent } from '../../events/types';
import { badRequest, conflict } from '../../errors';
import { Challenge, type ChallengeDocument } from '../../models/Challenge';
import { Participation, participationId } from '../../models/Participation';
import { Team, type TeamDocument } from '../../models/Team';
import type { UserDocument } from '../../models/User';

export const termsRequired = () =>
  badRequest('Accept the participation terms first', [{ path: [], code: 'terms_not_accepted', message: 'terms not accepted' }]);

/**
 * An expert who accepted the terms starts a team and leads it. Claiming the participation's
 * `teamId` with a guarded update first keeps the expert in one team per challenge.
 */
export async function createTeam(props: { challenge: ChallengeDocument; user: UserDocument; name: string }): Promise<{ team: TeamDocument; challenge: ChallengeDocument; events: DomainEvent[] }> {
  const { challenge, user } = props;
  const teamId = new Types.ObjectId();
  const pid = participationId(challenge.id as string, user.id as string);
  const claimed = await Participation.findOneAndUpdate({ _id: pid, acceptedTermsAt: { $ne: null }, teamId: null }, { $set: { teamId } });
  if (!claimed) {
    const p = await Participation.findById(pid).lean();
    if (!p?.acceptedTermsAt) throw termsRequired();
    throw conflict('You are already in a team for this challenge');
  }
  const now = new Date();
  const team = await Team.create({
    _id: teamId,
    challengeId: challenge._id,
    name: props.name,
    leadId: user._id,
    members: [{ userId: user._id, role: 'lead', joinedAt: now }],
    memberCount: 1,
    sizeLimit: challenge.teamSizeLimit,
  });
  const updated = await Challenge.findByIdAndUpdate(challenge._id, { $inc: { teamCount: 1 } }, { returnDocument: 'after' });
  const events = [event('team.created', { teamId: team.id as string, challengeId: challenge.id as string, leadId: user.id as string })];
  return { team, challenge: updated ?? challenge, events };
}
