/**
 * The domain events: what a command reports after its write succeeded. Each is plain JSON (ids,
 * names, enums — never a document), so the bus can carry it between processes later without
 * changing a subscriber. Names are `<noun>.<pastTense>`, the nouns of routes, rooms and documents.
 */
import type { ChallengeStatus, Visibility } from '../../shared/schemas/challenge';
import type { Role } from '../../shared/roles';

export interface DomainEventMap {
  /** An admin changed an account's roles or organisation (its rights are re-decided everywhere). */
  'user.rightsChanged': { userId: string; roles: Role[]; organizationId: string | null; previousOrganizationId: string | null };
  /** An admin disabled an account: every session of it ended. */
  'user.disabled': { userId: string; sessionIds: string[] };
  /** One session ended (logout, revoked, expired): its sockets and documents close at once. */
  'session.ended': { userId: string; sessionIds: string[]; reason: 'logout' | 'disabled' | 'expired' | 'passwordChanged' };

  /** Someone asked to represent an organisation; its approvers are told. */
  'representation.requested': { requestId: string; userId: string; userName: string; organizationId: string; organizationName: string };
  /** An approver decided; on approval the account now acts for the organisation. */
  'representation.decided': {
    requestId: string;
    userId: string;
    organizationId: string;
    organizationName: string;
    approved: boolean;
    reason: string;
    deciderId: string;
  };

  'challenge.published': { challengeId: string; actorId: string | null };
  'challenge.edited': { challengeId: string; actorId: string; fields: string[]; recorded: boolean };
  'challenge.visibilityChanged': { challengeId: string; from: Visibility; to: Visibility };
  'challenge.statusChanged': { challengeId: string; from: ChallengeStatus; to: ChallengeStatus; actorId: string | null };

  'question.asked': { questionId: string; challengeId: string; askerId: string; visibility: 'public' | 'private' };
  'question.answered': { questionId: string; challengeId: string; askerId: string; answererId: string; visibility: 'public' | 'private' };

  /** A team's lead submitted a version (round n). */
  'submission.created': { submissionId: string; teamId: string; challengeId: string; submitterId: string };
  /** The organisation scored, declined or accepted a submission. */
  'submission.reviewed': { submissionId: string; teamId: string; challengeId: string; reviewerId: string; decision: string };

  'team.created': { teamId: string; challengeId: string; leadId: string };
  'team.joinRequested': { teamId: string; challengeId: string; userId: string; message: string };
  'team.joinDecided': { teamId: string; challengeId: string; userId: string; approved: boolean; reason: string };
  /** A member left or was removed (by the lead); `byLead` tells which. */
  'team.memberRemoved': { teamId: string; challengeId: string; userId: string; byLead: boolean };
  'team.disbanded': { teamId: string; challengeId: string };
}

export type DomainEventName = keyof DomainEventMap;

/** One event as published: its name and payload (and when it happened). */
export type DomainEvent<N extends DomainEventName = DomainEventName> = {
  [K in N]: { name: K; data: DomainEventMap[K]; at: string };
}[N];

/** Builds an event (commands return these; the route or socket handler publishes them). */
export function event<N extends DomainEventName>(name: N, data: DomainEventMap[N]): DomainEvent<N> {
  return { name, data, at: new Date().toISOString() } as DomainEvent<N>;
}
