import type { AppContext } from '../../context';
import type { ChallengeDocument } from '../../models/Challenge';
import { presentChallengeSummary, type OrgBrief } from '../../presenters/challenge';
import { notify } from '../notifications/notify';
import { boardRooms, orgBrief, participantIds } from './load';

/**
 * Broadcasts a challenge's card to every board that may show it and its page's room (or to
 * `rooms`, less `except`).
 */
export async function announceChallenge(
  ctx: AppContext,
  challenge: ChallengeDocument,
  event: 'challenge:created' | 'challenge:updated',
  opts: { org?: OrgBrief; rooms?: string[]; except?: string } = {},
): Promise<void> {
  const org = opts.org ?? (await orgBrief(String(challenge.organizationId)));
  const summary = presentChallengeSummary(challenge, org, ctx.viewers.count(challenge.id as string));
  const to = opts.rooms ?? boardRooms(challenge);
  if (opts.except) ctx.realtime.io?.to(to).except(opts.except).emit(event, summary);
  else ctx.realtime.emit(to, event, summary);
}

/** Tells everyone taking part that the challenge changed (edit or status). */
export async function notifyParticipants(
  ctx: AppContext,
  challenge: ChallengeDocument,
  kind: 'challenge.updated' | 'challenge.statusChanged',
  actorId: string | null,
): Promise<void> {
  await notify({
    realtime: ctx.realtime,
    userIds: await participantIds(challenge.id as string),
    kind,
    data: { challengeId: challenge.id as string, challengeTitle: challenge.title, status: challenge.status },
    link: `/challenges/${challenge.id as string}`,
    exceptUserId: actorId,
  });
}
