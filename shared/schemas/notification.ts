import { z } from 'zod';
import { ObjectIdString } from './common';

export const NOTIFICATION_KINDS = [
  'question.answered',
  'question.asked',
  'team.joinRequested',
  'team.joinApproved',
  'team.joinDeclined',
  'team.removed',
  'challenge.updated',
  'challenge.statusChanged',
  'challenge.invited',
  'submission.received',
  'submission.reviewed',
  'submission.accepted',
  'advice.offered',
  'advice.accepted',
  'advice.autoAway',
  'representation.requested',
  'representation.approved',
  'representation.rejected',
] as const;
export type NotificationKind = (typeof NOTIFICATION_KINDS)[number];

export const MarkReadInput = z.union([z.object({ ids: z.array(ObjectIdString).min(1).max(200) }), z.object({ all: z.literal(true) })]);
export type MarkReadInput = z.infer<typeof MarkReadInput>;

export const NotificationQuery = z.object({
  unread: z.enum(['true', 'false']).transform((v) => v === 'true').optional(),
  before: z.coerce.date().optional(),
  limit: z.coerce.number().int().min(1).max(100).default(30),
});
export type NotificationQuery = z.infer<typeof NotificationQuery>;

export interface NotificationView {
  id: string;
  kind: NotificationKind;
  /** Short, already-known facts to render the message in the viewer's language. */
  data: { challengeId?: string; challengeTitle?: string; teamId?: string; teamName?: string; actorName?: string; status?: string; text?: string; organizationName?: string };
  /** Client route to open, e.g. /challenges/<id>. */
  link: string;
  read: boolean;
  createdAt: string;
}
