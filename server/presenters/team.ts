import { teamDocumentName, type TeamView } from '../../shared/schemas/team';
import type { TeamDocument } from '../models/Team';
import { User } from '../models/User';
import type { Actor } from '../policies';

/** Display names for a set of users, in one query. */
export async function userNames(ids: string[]): Promise<Map<string, string>> {
  const users = await User.find({ _id: { $in: [...new Set(ids.filter(Boolean))] } }, { name: 1 }).lean();
  return new Map(users.map((u) => [String(u._id), u.name]));
}

export function teamUserIds(team: TeamDocument): string[] {
  return [String(team.leadId), ...team.members.map((m) => String(m.userId)), ...team.requests.map((r) => String(r.userId))];
}

/** A team card; pending requests only for the lead (and only when `actor` is given). */
export function presentTeam(team: TeamDocument, names: Map<string, string>, actor: Actor, challengeTitle?: string): TeamView {
  const leadId = String(team.leadId);
  const me = actor?.id ?? '';
  const isLead = me === leadId;
  return {
    id: team.id as string,
    challengeId: String(team.challengeId),
    ...(challengeTitle ? { challengeTitle } : {}),
    name: team.name,
    lead: { id: leadId, name: names.get(leadId) ?? '' },
    members: team.members.map((m) => ({ id: String(m.userId), name: names.get(String(m.userId)) ?? '', role: m.role, joinedAt: m.joinedAt.toISOString() })),
    memberCount: team.memberCount,
    sizeLimit: team.sizeLimit,
    documentName: teamDocumentName(team.id as string),
    ...(isLead
      ? { requests: team.requests.map((r) => ({ userId: String(r.userId), name: names.get(String(r.userId)) ?? '', message: r.message, at: r.at.toISOString() })) }
      : {}),
    me: {
      member: team.members.some((m) => String(m.userId) === me),
      lead: isLead,
      requested: team.requests.some((r) => String(r.userId) === me),
    },
    createdAt: (team.get('createdAt') as Date).toISOString(),
  };
}
