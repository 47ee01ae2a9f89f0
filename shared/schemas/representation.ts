/**
 * Representing an organisation (企业联络人) needs approval: a representative reads every team's
 * submitted solution and accepts awards in the organisation's name. An account asks (at
 * registration or later); an approved representative of that organisation, or the alliance
 * admin (always, and alone for an organisation's first one), approves or rejects with a reason.
 * An approved representative may also invite a colleague by e-mail: the invite is accepted when
 * that e-mail registers or logs in.
 */
import { z } from 'zod';
import { Email } from './user';
import { REPRESENTATION_STATES } from '../constants';
import { ObjectIdString } from './common';

export { REPRESENTATION_STATES } from '../constants';

export type RepresentationState = (typeof REPRESENTATION_STATES)[number];

export const RepresentationRequestInput = z.object({ organizationId: ObjectIdString }).strict();
export type RepresentationRequestInput = z.infer<typeof RepresentationRequestInput>;

/** A refusal carries its reason (shown to the requester). */
export const RepresentationDecision = z
  .object({ approve: z.boolean(), reason: z.string().trim().max(500).default('') })
  .strict()
  .refine((d) => d.approve || d.reason.length > 0, { path: ['reason'], message: 'a reason is required to reject', params: { code: 'reason_required' } });
export type RepresentationDecision = z.infer<typeof RepresentationDecision>;

export const RepresentationQuery = z.object({ status: z.enum(REPRESENTATION_STATES).default('pending') });
export type RepresentationQuery = z.infer<typeof RepresentationQuery>;

export const RepresentativeInviteInput = z.object({ email: Email, organizationId: ObjectIdString.optional() }).strict();
export type RepresentativeInviteInput = z.infer<typeof RepresentativeInviteInput>;

export interface RepresentationRequestView {
  id: string;
  user: { id: string; name: string; email: string };
  organization: { id: string; name: string };
  status: RepresentationState;
  reason: string;
  createdAt: string;
  decidedAt: string | null;
  decidedBy: string | null;
}

/** The account's own standing, beside its profile (`MeView.representation`). */
export interface MyRepresentation {
  requestId: string;
  organizationId: string;
  organizationName: string;
  status: RepresentationState;
  reason: string;
}

export interface RepresentativeInviteView {
  email: string;
  organizationId: string;
  invitedBy: string;
  createdAt: string;
}
