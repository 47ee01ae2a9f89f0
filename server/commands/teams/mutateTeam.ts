import { conflict, notFound } from '../../errors';
import { Team, type TeamDocument } from '../../models/Team';

export type TeamChange = Partial<{ members: TeamDocument['members']; requests: TeamDocument['requests']; leadId: TeamDocument['leadId']; status: 'active' | 'disbanded' }>;

/**
 * Applies a change computed from the team as last read, only if nobody changed it since (the
 * `__v` guard), and retries on a lost race. Membership rules are checked in `decide`, in code,
 * on a consistent copy: FerretDB v1 evaluates `$ne` on arrays per element, ignores `$elemMatch`
 * and does not `$pull` by condition, so array-membership filters cannot be the guard.
 * `memberCount` is kept equal to `members.length`.
 */
export async function mutateTeam(teamId: unknown, decide: (team: TeamDocument) => TeamChange): Promise<TeamDocument> {
  for (let attempt = 0; attempt < 8; attempt++) {
    const team = await Team.findById(teamId);
    if (!team) throw notFound('Team');
    const change = decide(team);
    const set: Record<string, unknown> = { ...change };
    if (change.members) set.memberCount = change.members.length;
    const updated = await Team.findOneAndUpdate({ _id: team._id, __v: team.__v }, { $set: set, $inc: { __v: 1 } }, { returnDocument: 'after' });
    if (updated) return updated;
  }
  throw conflict('The team is changing too fast; try again');
}
