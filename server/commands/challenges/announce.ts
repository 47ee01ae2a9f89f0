import { rooms } from '../../../shared/events';
import type { AppContext } from '../../context';
import type { ChallengeDocument } from '../../models/Challenge';
import { presentChallengeSummary, type OrgBrief } from '../../presenters/challenge';
import { notify } from '../notifications/notify';
import { boardRooms, orgBrief, participantIds } from './load';

/**
 * Broadcasts a challenge's card to every board that may show it (and its page's room).
 * `previousVisibility` public → members tells public boards to drop the card.
 */
export async function announceChallenge(
  ctx: AppContext,
  challenge: ChallengeDocument,
  event: 'challenge:created' | 'challenge:updated',
  opts: { previousVisibility?: string; org?: OrgBrief } = {},
): Promise<void> {
  const { previousVisibility } = opts;
  // the caller usually has the organisation already: no database round trip between reply and broadcast
  const org = opts.org ?? (await orgBrief(String(challenge.organizationId)));
  const summary = presentChallengeSummary(challenge, org, ctx.viewers.count(challenge.id as string));
  ctx.realtime.emit(boardRooms(challenge), event, summary);
  if (previousVisibility === 'public' && challenge.visibility === 'members') {
    ctx.realtime.io?.to(rooms.board).except(rooms.members).emit('challenge:removed', { id: challenge.id as string });
  }
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
