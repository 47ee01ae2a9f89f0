import { badRequest, conflict } from '../../errors';
import { Challenge } from '../../models/Challenge';
import { Participation, participationId } from '../../models/Participation';
import { Team, type TeamDocument } from '../../models/Team';

/**
 * Takes `userId` out of the team (leaving, or removed by the lead). A leaving lead hands the lead
 * to the longest-standing member; the last member leaving disbands the team. The write is
 * guarded by the document version, so it never overwrites a concurrent join; it retries a few times.
 */
export async function removeFromTeam(props: { teamId: string; userId: string }): Promise<{ team: TeamDocument; disbanded: boolean }> {
  for (let attempt = 0; attempt < 5; attempt++) {
    const team = await Team.findById(props.teamId);
    if (!team || team.status !== 'active') throw badRequest('This team is not active');
    const rest = team.members.filter((m) => String(m.userId) !== props.userId);
    if (rest.length === team.members.length) throw badRequest('Not a member of this team');
    const disbanded = rest.length === 0;
    const wasLead = String(team.leadId) === props.userId;
    const members = rest.map((m, i) => ({ userId: m.userId, joinedAt: m.joinedAt, role: wasLead && i === 0 ? 'lead' : m.role }));
    const leadId = wasLead && rest[0] ? rest[0].userId : team.leadId;
    const updated = await Team.findOneAndUpdate(
      { _id: team._id, __v: team.__v },
      { $set: { members, memberCount: members.length, leadId, status: disbanded ? 'disbanded' : 'active' }, $inc: { __v: 1 } },
      { returnDocument: 'after' },
    );
    if (!updated) continue; // someone else changed the team first: read it again
    await Participation.updateOne({ _id: participationId(String(team.challengeId), props.userId), teamId: team._id }, { $set: { teamId: null } });
    if (disbanded) await Challenge.updateOne({ _id: team.challengeId }, { $inc: { teamCount: -1 } });
    return { team: updated, disbanded };
  }
  throw conflict('The team is changing too fast; try again');
}
