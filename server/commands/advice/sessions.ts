import type { RatingInput } from '../../../shared/schemas/chat';
import { conflict, notFound } from '../../errors';
import type { AdviceService } from '../../matching/service';
import { AdvisorProfile } from '../../models/AdvisorProfile';
import { ChatSession, type ChatSessionDocument } from '../../models/ChatSession';

export async function loadSession(props: { id: string }): Promise<ChatSessionDocument> {
  const session = await ChatSession.findById(props.id);
  if (!session) throw notFound('Session');
  return session;
}

/** Ends an open session (either side); frees the advisor's seat for the queue. */
export async function endSession(props: { service: AdviceService; session: ChatSessionDocument; byUserId: string }): Promise<ChatSessionDocument> {
  const { service, session } = props;
  const room = await service.chat.loaded(String(session._id));
  const ended = await ChatSession.findOneAndUpdate(
    { _id: session._id, state: 'open' },
    { $set: { state: 'ended', endedAt: new Date(), endedBy: props.byUserId, ...(room ? { seq: room.meta.seq } : {}) } },
    { returnDocument: 'after' },
  );
  if (!ended) throw conflict('This session has already ended');
  if (room) room.meta.state = 'ended';
  service.sessionEnded(String(ended.advisorId));
  return ended;
}

/** The founder's 1–5 rating, once; it feeds the advisor's score. */
export async function rateSession(props: { service: AdviceService; session: ChatSessionDocument; input: RatingInput }): Promise<ChatSessionDocument> {
  const { session, input } = props;
  const rated = await ChatSession.findOneAndUpdate(
    { _id: session._id, state: 'ended', rating: null },
    { $set: { rating: input.rating, comment: input.comment } },
    { returnDocument: 'after' },
  );
  if (!rated) throw conflict('This session is already rated');
  const profile = await AdvisorProfile.findOneAndUpdate({ _id: rated.advisorId }, { $inc: { ratingSum: input.rating, ratingCount: 1 } }, { returnDocument: 'after' });
  if (profile) props.service.refresh(profile);
  return rated;
}

/** The advisor's summary of the conversation (may be rewritten). */
export async function summarizeSession(props: { session: ChatSessionDocument; summary: string }): Promise<ChatSessionDocument> {
  const updated = await ChatSession.findOneAndUpdate({ _id: props.session._id }, { $set: { summary: props.summary } }, { returnDocument: 'after' });
  if (!updated) throw notFound('Session');
  return updated;
}

/** Sessions the user took part in, newest first (the history of both sides). */
export async function listSessions(props: { userId: string; page: number; pageSize: number }) {
  const filter = { $or: [{ founderId: props.userId }, { advisorId: props.userId }] };
  const [items, total] = await Promise.all([
    ChatSession.find(filter).sort({ startedAt: -1 }).skip((props.page - 1) * props.pageSize).limit(props.pageSize),
    ChatSession.countDocuments(filter),
  ]);
  return { items, total };
}
