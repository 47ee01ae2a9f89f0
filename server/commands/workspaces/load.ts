import { notFound } from '../../errors';
import { Challenge, type ChallengeDocument } from '../../models/Challenge';
import { Team, type TeamDocument } from '../../models/Team';
import type { TeamSubject } from '../../policies/team';
import { challengeSubject } from '../../presenters/challenge';

export interface LoadedWorkspace {
  team: TeamDocument;
  challenge: ChallengeDocument;
  subject: TeamSubject;
}

/** An active team, its challenge and the policy subject; 404 when either is gone. */
export async function loadWorkspace(teamId: string): Promise<LoadedWorkspace> {
  const team = await Team.findById(teamId);
  if (!team || team.status !== 'active') throw notFound('Workspace');
  const challenge = await Challenge.findById(team.challengeId);
  if (!challenge) throw notFound('Workspace');
  const subject: TeamSubject = { leadId: String(team.leadId), memberIds: team.members.map((m) => String(m.userId)), challenge: challengeSubject(challenge) };
  return { team, challenge, subject };
}
