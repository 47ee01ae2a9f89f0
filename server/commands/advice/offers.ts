import mongoose from 'mongoose';
import { conflict } from '../../errors';
import type { LiveRequest } from '../../matching/live';
import type { AdviceService } from '../../matching/service';
import { ChatSession, type ChatSessionDocument } from '../../models/ChatSession';

/** The offers an advisor holds right now (their console after a reload). */
export function pendingOffers(props: { service: AdviceService; advisorId: string }): LiveRequest[] {
  return [...props.service.dispatcher.requests.values()].filter((r) => r.state === 'offered' && r.offeredTo === props.advisorId);
}

/**
 * Accepts an offer: the session is created first and the request's transition claimed second,
 * so an accepted request always has its session; losing the claim (the countdown ran out, the
 * founder cancelled) removes the session again and answers 409.
 */
export async function acceptOffer(props: { service: AdviceService; live: LiveRequest; advisor: { id: string; name: string } }): Promise<ChatSessionDocument> {
  const { live, advisor, service } = props;
  if (live.state !== 'offered' || live.offeredTo !== advisor.id) throw conflict('This offer is no longer open');
  const session = await ChatSession.create({
    _id: new mongoose.Types.ObjectId(),
    requestId: live.id,
    founderId: live.founderId,
    founderName: live.founderName,
    advisorId: advisor.id,
    advisorName: advisor.name,
    industry: live.industry,
    topics: live.topicList,
    question: live.question,
  });
  const accepted = await service.dispatcher.accept(live.id, advisor.id, String(session._id));
  if (!accepted) {
    await ChatSession.deleteOne({ _id: session._id });
    throw conflict('This offer is no longer open');
  }
  return session;
}

/** Declines an offer (with a reason); the dispatcher moves on to the next candidate. */
export async function declineOffer(props: { service: AdviceService; live: LiveRequest; advisorId: string }): Promise<void> {
  if (!(await props.service.dispatcher.pass(props.live.id, props.advisorId, 'declined'))) throw conflict('This offer is no longer open');
}
