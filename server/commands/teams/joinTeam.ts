import { badRequest, conflict } from '../../errors';
import { event, type DomainEvent } from '../../events/types';
import { Participation, participationId } from '../../models/Participation';
import type { TeamDocument } from '../../models/Team';
import type { UserDocument } from '../../models/User';
import { termsRequired } from './createTeam';
import { mutateTeam } from './mutateTeam';

const has = (list: { userId: unknown }[], userId: string) => list.some((x) => String(x.userId) === userId);

/** An expert who accepted the terms and has no team on this challenge asks to join `team`. */
export async function requestToJoin(props: { team: TeamDocument; user: UserDocument; message: string }): Promise<{ team: TeamDocument; events: DomainEvent[] }> {
  const { team, user } = props;
  const uid = user.id as string;
  const p = await Participation.findById(participationId(String(team.challengeId), uid)).lean();
  if (!p?.acceptedTermsAt) throw termsRequired();
  if (p.teamId) throw conflict('You are already in a team for this challenge');
  const updated = await mutateTeam(team._id, (t) => {
    if (t.status !== 'active') throw badRequest('This team is not active');
    if (t.members.length >= t.sizeLimit) throw conflict('This team is full');
    if (has(t.members, uid) || has(t.requests, uid)) throw conflict('You already asked to join this team');
    return { requests: [...t.requests, { userId: user._id, message: props.message, at: new Date() }] as TeamDocument['requests'] };
  });
  const events = [event('team.joinRequested', { teamId: team.id as string, challengeId: String(team.challengeId), userId: uid, message: props.message })];
  return { team: updated, events };
}

/**
 * The lead approves or declines a request. Approval first claims the expert's participation
 * (`teamId: null` guard: one team per challenge), then adds them only while the team is under
 * its limit, in a version-guarded write, so concurrent approvals never overfill a team; a lost
 * race undoes the claim.
 */
export async function decideJoinRequest(props: { team: TeamDocument; userId: string; approve: boolean; reason?: string }): Promise<{ team: TeamDocument; events: DomainEvent[] }> {
  const { team, userId } = props;
  if (!has(team.requests, userId)) throw badRequest('No such join request');
  const withoutRequest = (t: TeamDocument) => t.requests.filter((r) => String(r.userId) !== userId) as TeamDocument['requests'];
  const decided = (updated: TeamDocument) => ({
    team: updated,
    events: [event('team.joinDecided', { teamId: team.id as string, challengeId: String(team.challengeId), userId, approved: props.approve, reason: props.reason ?? '' })],
  });
  if (!props.approve) return decided(await mutateTeam(team._id, (t) => ({ requests: withoutRequest(t) })));

  const pid = participationId(String(team.challengeId), userId);
  const claimed = await Participation.findOneAndUpdate({ _id: pid, teamId: null }, { $set: { teamId: team._id } });
  if (!claimed) {
    await mutateTeam(team._id, (t) => ({ requests: withoutRequest(t) }));
    throw conflict('This expert has joined another team meanwhile');
  }
  try {
    return decided(await mutateTeam(team._id, (t) => {
      if (t.status !== 'active') throw badRequest('This team is not active');
      if (has(t.members, userId)) throw conflict('Already a member');
      if (t.members.length >= t.sizeLimit) throw conflict('This team is full');
      const members = [...t.members, { userId, role: 'member', joinedAt: new Date() }] as TeamDocument['members'];
      return { members, requests: withoutRequest(t) };
    }));
  } catch (err) {
    await Participation.updateOne({ _id: pid, teamId: team._id }, { $set: { teamId: null } });
    throw err;
  }
}
