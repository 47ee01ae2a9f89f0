import { badRequest, conflict } from '../../errors';
import { Participation, participationId } from '../../models/Participation';
import { Team, type TeamDocument } from '../../models/Team';
import type { UserDocument } from '../../models/User';
import { termsRequired } from './createTeam';

/** An expert who accepted the terms and has no team on this challenge asks to join `team`. */
export async function requestToJoin(props: { team: TeamDocument; user: UserDocument; message: string }): Promise<TeamDocument> {
  const { team, user } = props;
  const p = await Participation.findById(participationId(String(team.challengeId), user.id as string)).lean();
  if (!p?.acceptedTermsAt) throw termsRequired();
  if (p.teamId) throw conflict('You are already in a team for this challenge');
  if (team.memberCount >= team.sizeLimit) throw conflict('This team is full');
  const updated = await Team.findOneAndUpdate(
    { _id: team._id, status: 'active', 'requests.userId': { $ne: user._id }, 'members.userId': { $ne: user._id } },
    { $push: { requests: { userId: user._id, message: props.message, at: new Date() } }, $inc: { __v: 1 } },
    { returnDocument: 'after' },
  );
  if (!updated) throw conflict('You already asked to join this team');
  return updated;
}

/**
 * The lead approves or declines a request. Approval claims the expert's participation (one team
 * per challenge) and then adds them only while `memberCount` is under the limit, in one guarded
 * update, so concurrent approvals never overfill a team; a lost race undoes the claim.
 */
export async function decideJoinRequest(props: { team: TeamDocument; userId: string; approve: boolean }): Promise<TeamDocument> {
  const { team, userId } = props;
  if (!team.requests.some((r) => String(r.userId) === userId)) throw badRequest('No such join request');
  const dropRequest = () =>
    Team.findOneAndUpdate({ _id: team._id }, { $pull: { requests: { userId } }, $inc: { __v: 1 } }, { returnDocument: 'after' });
  if (!props.approve) return (await dropRequest()) ?? team;

  const pid = participationId(String(team.challengeId), userId);
  const claimed = await Participation.findOneAndUpdate({ _id: pid, teamId: null }, { $set: { teamId: team._id } });
  if (!claimed) {
    await dropRequest();
    throw conflict('This expert has joined another team meanwhile');
  }
  const joined = await Team.findOneAndUpdate(
    { _id: team._id, status: 'active', memberCount: { $lt: team.sizeLimit }, 'members.userId': { $ne: userId } },
    {
      $push: { members: { userId, role: 'member', joinedAt: new Date() } },
      $pull: { requests: { userId } },
      $inc: { memberCount: 1, __v: 1 },
    },
    { returnDocument: 'after' },
  );
  if (!joined) {
    await Participation.updateOne({ _id: pid, teamId: team._id }, { $set: { teamId: null } });
    throw conflict('This team is full');
  }
  return joined;
}
