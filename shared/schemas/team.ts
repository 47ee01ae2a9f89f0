import { z } from 'zod';
import { ObjectIdString } from './common';

export const TeamInput = z.object({ name: z.string().trim().min(2).max(60) });
export type TeamInput = z.infer<typeof TeamInput>;

export const JoinRequestInput = z.object({ message: z.string().trim().max(500).default('') });
export type JoinRequestInput = z.infer<typeof JoinRequestInput>;

export const TeamMemberParams = z.object({ id: ObjectIdString, userId: ObjectIdString });
export type TeamMemberParams = z.infer<typeof TeamMemberParams>;

export const JoinDecision = z.object({ approve: z.boolean(), reason: z.string().trim().max(500).optional() });
export type JoinDecision = z.infer<typeof JoinDecision>;

export const InviteInput = z.object({ email: z.string().trim().toLowerCase().email() });
export type InviteInput = z.infer<typeof InviteInput>;

/** The Yjs document name of a team's solution workspace: stable for the team's lifetime. */
export const teamDocumentName = (teamId: string) => `team.${teamId}`;

export interface TeamMemberView {
  id: string;
  name: string;
  role: 'lead' | 'member';
  joinedAt: string;
}

export interface TeamView {
  id: string;
  challengeId: string;
  challengeTitle?: string;
  name: string;
  lead: { id: string; name: string };
  members: TeamMemberView[];
  memberCount: number;
  sizeLimit: number;
  documentName: string;
  /** Pending join requests: only the lead sees them. */
  requests?: { userId: string; name: string; message: string; at: string }[];
  me: { member: boolean; lead: boolean; requested: boolean };
  createdAt: string;
}
