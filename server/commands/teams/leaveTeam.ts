import { badRequest } from '../../errors';
import { event, type DomainEvent } from '../../events/types';
import { Challenge } from '../../models/Challenge';
import { Participation, participationId } from '../../models/Participation';
import type { TeamDocument } from '../../models/Team';
import { mutateTeam } from './mutateTeam';

/**
 * Takes `userId` out of the team (leaving, or removed by the lead). A leaving lead hands the lead
 * to the longest-standing member; the last member leaving disbands the team.
 */
export async function removeFromTeam(props: { teamId: string; userId: string; byLead: boolean }): Promise<{ team: TeamDocument; disbanded: boolean; events: DomainEvent[] }> {
  let disbanded = false;
  const team = await mutateTeam(props.teamId, (t) => {
    if (t.status !== 'active') throw badRequest('This team is not active');
    const rest = t.members.filter((m) => String(m.userId) !== props.userId);
    if (rest.length === t.members.length) throw badRequest('Not a member of this team');
    disbanded = rest.length === 0;
    const wasLead = String(t.leadId) === props.userId;
    const members = rest.map((m, i) => ({ userId: m.userId, joinedAt: m.joinedAt, role: wasLead && i === 0 ? 'lead' : m.role })) as TeamDocument['members'];
    return { members, leadId: wasLead && rest[0] ? rest[0].userId : t.leadId, status: disbanded ? 'disbanded' : 'active' };
  });
  await Participation.updateOne({ _id: participationId(String(team.challengeId), props.userId), teamId: team._id }, { $set: { teamId: null } });
  if (disbanded) await Challenge.updateOne({ _id: team.challengeId }, { $inc: { teamCount: -1 } });
  const ids = { teamId: team.id as string, challengeId: String(team.challengeId) };
  const events: DomainEvent[] = [event('team.memberRemoved', { ...ids, userId: props.userId, byLead: props.byLead })];
  if (disbanded) events.push(event('team.disbanded', ids));
  return { team, disbanded, events };
}
