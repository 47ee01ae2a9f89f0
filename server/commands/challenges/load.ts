import { Challenge, type ChallengeDocument } from '../../models/Challenge';
import { Organization } from '../../models/Organization';
import { Participation } from '../../models/Participation';
import { Team } from '../../models/Team';
import { notFound } from '../../errors';
import { rooms } from '../../../shared/events';
import type { OrgBrief } from '../../presenters/challenge';

export async function loadChallenge(id: string): Promise<ChallengeDocument> {
  const c = await Challenge.findById(id);
  if (!c) throw notFound('Challenge');
  return c;
}

/** Organisation names for a set of cards, in one query (populate's job, without $lookup). */
export async function orgBriefs(ids: string[]): Promise<Map<string, OrgBrief>> {
  const orgs = await Organization.find({ _id: { $in: [...new Set(ids)] } }, { name: 1, nameEn: 1 }).lean();
  return new Map(orgs.map((o) => [String(o._id), { id: String(o._id), name: o.name, nameEn: o.nameEn }]));
}

export async function orgBrief(id: string): Promise<OrgBrief> {
  return (await orgBriefs([id])).get(id) ?? { id, name: '', nameEn: '' };
}

/** Everyone taking part: experts who accepted the terms or were invited, and team members. */
export async function participantIds(challengeId: string): Promise<string[]> {
  const [parts, teams] = await Promise.all([
    Participation.find({ challengeId }, { userId: 1 }).lean(),
    Team.find({ challengeId, status: 'active' }, { members: 1 }).lean(),
  ]);
  return [...new Set([...parts.map((p) => String(p.userId)), ...teams.flatMap((t) => t.members.map((m) => String(m.userId)))])];
}

/** The board rooms that may hear about a challenge: none for drafts. */
export function boardRooms(c: { id?: unknown; _id: unknown; visibility: string; status: string }): string[] {
  const id = String(c._id);
  if (c.status === 'draft') return [];
  return [c.visibility === 'public' ? rooms.board : rooms.boardMembers, rooms.challenge(id)];
}
