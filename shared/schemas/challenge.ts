import { z } from 'zod';
import { BOARD_SORTS, CHALLENGE_STATUSES, DELIVERABLES } from '../constants';
import { IndustryCode } from '../industry';

export { BOARD_SORTS, CHALLENGE_STATUSES, DELIVERABLES } from '../constants';

export const ChallengeStatus = z.enum(CHALLENGE_STATUSES);
export type ChallengeStatus = z.infer<typeof ChallengeStatus>;

export const Deliverable = z.enum(DELIVERABLES);
export type Deliverable = z.infer<typeof Deliverable>;

export const Visibility = z.enum(['public', 'members']);
export type Visibility = z.infer<typeof Visibility>;

const Tag = z.string().trim().min(1).max(30);

export const Reward = z
  .object({
    /** Amount in CNY (yuan), whole numbers. */
    amount: z.number().int().min(0).max(100_000_000).nullable().default(null),
    description: z.string().trim().max(500).default(''),
  })
  .refine((r) => r.amount !== null || r.description.length > 0, { message: 'give an amount or a description', path: ['amount'], params: { code: 'reward_missing' } });
export type Reward = z.infer<typeof Reward>;

/** The editable fields, without defaults (zod 4 applies defaults inside `.partial()`, which would
 * turn a partial update into an overwrite). */
const challengeFields = {
  title: z.string().trim().min(4).max(120),
  summary: z.string().trim().min(10).max(500),
  /** Rich HTML, sanitised on the server. */
  description: z.string().max(100_000),
  industry: IndustryCode,
  tags: z.array(Tag).max(10),
  deliverable: Deliverable,
  reward: Reward,
  deadline: z.coerce.date().refine((d) => d.getTime() > Date.now(), { message: 'must be in the future', params: { code: 'deadline_past' } }),
  visibility: Visibility,
  teamSizeLimit: z.number().int().min(1).max(20),
  terms: z.string().trim().max(5000),
};

/** What a representative writes to post a challenge. */
export const ChallengeInput = z.object({
  ...challengeFields,
  description: challengeFields.description.default(''),
  tags: challengeFields.tags.default([]),
  deliverable: challengeFields.deliverable.default('plan'),
  visibility: challengeFields.visibility.default('public'),
  teamSizeLimit: challengeFields.teamSizeLimit.default(5),
  terms: challengeFields.terms.default(''),
  /** Publish right away (open) or keep as a draft. */
  publish: z.boolean().default(true),
});
export type ChallengeInput = z.infer<typeof ChallengeInput>;

/** A partial edit: only the fields sent change. */
export const ChallengeUpdate = z
  .object(challengeFields)
  .partial()
  .extend({ note: z.string().trim().max(1000).optional() })
  .strict();
export type ChallengeUpdate = z.infer<typeof ChallengeUpdate>;

/** Owner-driven status changes; `reviewing` also happens by itself at the deadline. */
export const ChallengeTransition = z.object({ to: z.enum(['open', 'reviewing', 'closed']), reason: z.string().trim().max(1000).optional() });
export type ChallengeTransition = z.infer<typeof ChallengeTransition>;

export const BoardQuery = z.object({
  q: z.string().trim().max(100).optional(),
  industry: IndustryCode.optional(),
  /** Only challenges whose industry shares a 大类 with one of my profile industries. */
  near: z.enum(['true', 'false']).transform((v) => v === 'true').optional(),
  status: z.union([ChallengeStatus, z.array(ChallengeStatus)]).transform((s) => (Array.isArray(s) ? s : [s])).optional(),
  tag: Tag.optional(),
  rewardMin: z.coerce.number().int().min(0).optional(),
  rewardMax: z.coerce.number().int().min(0).optional(),
  deadlineBefore: z.coerce.date().optional(),
  organizationId: z.string().regex(/^[a-f0-9]{24}$/i).optional(),
  /** Include my organisation's drafts (representatives). */
  mine: z.enum(['true', 'false']).transform((v) => v === 'true').optional(),
  sort: z.enum(BOARD_SORTS).default('newest'),
  page: z.coerce.number().int().min(1).max(10_000).default(1),
  pageSize: z.coerce.number().int().min(1).max(50).default(12),
});
export type BoardQuery = z.infer<typeof BoardQuery>;

export interface ChallengeUpdateEntry {
  at: string;
  by: string;
  byName: string;
  fields: string[];
  note: string;
}

/** One board card. */
export interface ChallengeSummary {
  id: string;
  title: string;
  summary: string;
  organization: { id: string; name: string; nameEn: string };
  industry: string;
  tags: string[];
  deliverable: Deliverable;
  reward: { amount: number | null; description: string };
  deadline: string;
  visibility: Visibility;
  status: ChallengeStatus;
  teamSizeLimit: number;
  teamCount: number;
  participantCount: number;
  viewers: number;
  publishedAt: string | null;
  updatedAt: string;
}

/** The challenge page: the card plus the rich description, terms, updates and the viewer's abilities. */
export interface ChallengeDetail extends ChallengeSummary {
  description: string;
  terms: string;
  updates: ChallengeUpdateEntry[];
  me: {
    acceptedTerms: boolean;
    invited: boolean;
    teamId: string | null;
    can: { edit: boolean; answer: boolean; ask: boolean; participate: boolean; review: boolean };
  };
}
