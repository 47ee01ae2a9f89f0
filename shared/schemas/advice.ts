/**
 * Live founder–advisor matching (企业主发展顾问平台): the request a founder makes, the offer an
 * advisor sees with the reasons they were chosen, and the advisor's own console state.
 */
import { z } from 'zod';
import { DECLINE_REASONS, PRESENCE, URGENCIES } from '../constants';
import { IndustryCode } from '../industry';
import { Locale } from '../roles';
import { ObjectIdString } from './common';

export { DECLINE_REASONS, PRESENCE, URGENCIES } from '../constants';

/** Urgency, lowest first; the queue serves higher urgency first, then older requests. */
export const Urgency = z.enum(URGENCIES);
export type Urgency = z.infer<typeof Urgency>;

/** A free-text topic tag ("出海", "融资"); compared case-insensitively. */
export const Topic = z.string().trim().min(1).max(40);

export const AdviceRequestInput = z
  .object({
    industry: IndustryCode,
    topics: z.array(Topic).max(8).default([]),
    question: z.string().trim().min(5).max(2000),
    urgency: Urgency.default('normal'),
    language: Locale.default('zh-CN'),
  })
  .strict();
export type AdviceRequestInput = z.infer<typeof AdviceRequestInput>;

/**
 * matching: being dispatched; queued: nobody suitable is free; offered: one advisor holds a
 * countdown; accepted: a chat session exists; cancelled: the founder withdrew it.
 */
export const ADVICE_STATES = ['matching', 'queued', 'offered', 'accepted', 'cancelled'] as const;
export type AdviceState = (typeof ADVICE_STATES)[number];

export const RespondInput = z.object({ requestId: ObjectIdString }).strict();
export type RespondInput = z.infer<typeof RespondInput>;
export const DeclineInput = z
  .object({ requestId: ObjectIdString, reason: z.enum(DECLINE_REASONS).default('other'), note: z.string().trim().max(200).default('') })
  .strict();
export type DeclineInput = z.infer<typeof DeclineInput>;

export const Presence = z.enum(PRESENCE);
export type Presence = z.infer<typeof Presence>;
export const AdvisorStatusInput = z.object({ status: Presence }).strict();
export type AdvisorStatusInput = z.infer<typeof AdvisorStatusInput>;

export const AdvisorProfileInput = z
  .object({
    capacity: z.number().int().min(1).max(10),
    industries: z.array(IndustryCode).max(10),
    topics: z.array(Topic).max(20),
    languages: z.array(Locale).min(1).max(2),
  })
  .partial()
  .strict();
export type AdvisorProfileInput = z.infer<typeof AdvisorProfileInput>;

/** Why the dispatcher chose this advisor; the client words each code in the viewer's locale. */
export type MatchReason =
  | { code: 'industry'; weight: number; level: number; request: string; advisor: string }
  | { code: 'topics'; weight: number; shared: string[] }
  | { code: 'language'; weight: number; language: Locale }
  | { code: 'rating'; weight: number; average: number | null; count: number }
  | { code: 'fairness'; weight: number; openSessions: number; capacity: number; minutesSinceLast: number | null };

export interface PersonRef {
  id: string;
  name: string;
}

export interface AdviceRequestView {
  id: string;
  founder: PersonRef;
  industry: string;
  topics: string[];
  question: string;
  urgency: Urgency;
  language: Locale;
  state: AdviceState;
  /** Present while offered: when the current offer lapses. */
  offerExpiresAt: string | null;
  /** Present while queued: 1-based position and an estimate (null when nobody is online). */
  queue: { position: number; estimatedWaitSeconds: number | null } | null;
  sessionId: string | null;
  attempts: number;
  createdAt: string;
}

export interface OfferView {
  request: AdviceRequestView;
  expiresAt: string;
  timeoutMs: number;
  score: number;
  reasons: MatchReason[];
}

export interface AdvisorStateView {
  userId: string;
  status: Presence;
  capacity: number;
  openSessions: number;
  pendingOffers: number;
  industries: string[];
  topics: string[];
  languages: Locale[];
  rating: { average: number | null; count: number };
}

export type OfferWithdrawnReason = 'timeout' | 'cancelled' | 'declined' | 'accepted' | 'taken';
