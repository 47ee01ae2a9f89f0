import type { ChallengeDetail, ChallengeStatus, ChallengeSummary, Deliverable, Visibility } from '../../shared/schemas/challenge';
import type { ChallengeDocument } from '../models/Challenge';
import type { ChallengeSubject } from '../policies/challenge';
import { can, type Actor } from '../policies';

/** The organisation facts a card shows; callers load them (populate or a map), never a $lookup. */
export interface OrgBrief {
  id: string;
  name: string;
  nameEn: string;
}

export function challengeSubject(c: ChallengeDocument): ChallengeSubject {
  return { organizationId: String(c.organizationId), visibility: c.visibility as Visibility, status: c.status as ChallengeStatus };
}

const iso = (d: Date | null | undefined) => (d ? d.toISOString() : null);

export function presentChallengeSummary(c: ChallengeDocument, org: OrgBrief, viewers: number): ChallengeSummary {
  return {
    id: c.id as string,
    title: c.title,
    summary: c.summary,
    organization: org,
    industry: c.industry,
    tags: c.tags,
    deliverable: c.deliverable as Deliverable,
    reward: { amount: c.reward?.amount ?? null, description: c.reward?.description ?? '' },
    deadline: c.deadline.toISOString(),
    visibility: c.visibility as Visibility,
    status: c.status as ChallengeStatus,
    teamSizeLimit: c.teamSizeLimit,
    teamCount: c.teamCount,
    participantCount: c.participantCount,
    viewers,
    publishedAt: iso(c.publishedAt),
    updatedAt: (c.get('updatedAt') as Date).toISOString(),
  };
}

/** The challenge page for `actor`, with what they may do computed by the policies. */
export function presentChallengeDetail(
  c: ChallengeDocument,
  org: OrgBrief,
  viewers: number,
  actor: Actor,
  mine: { acceptedTerms: boolean; invited: boolean; teamId: string | null },
): ChallengeDetail {
  const s = challengeSubject(c);
  return {
    ...presentChallengeSummary(c, org, viewers),
    description: c.description,
    terms: c.terms,
    updates: c.updates.map((u) => ({ at: u.at.toISOString(), by: String(u.by), byName: u.byName ?? '', fields: u.fields, note: u.note ?? '' })),
    me: {
      ...mine,
      can: {
        edit: can(actor, 'update', 'challenge', s),
        answer: can(actor, 'answer', 'challenge', s),
        ask: can(actor, 'ask', 'challenge', s),
        participate: can(actor, 'participate', 'challenge', s),
        review: can(actor, 'review', 'challenge', s),
      },
    },
  };
}
