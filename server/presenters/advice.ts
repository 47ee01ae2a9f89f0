import type { AdviceRequestView, AdvisorStateView, OfferView } from '../../shared/schemas/advice';
import type { ChatMessageView, ChatSessionView } from '../../shared/schemas/chat';
import type { Locale } from '../../shared/roles';
import type { RoomMeta } from '../chat/room';
import type { AdvisorEntry } from '../matching/advisorIndex';
import type { LiveRequest } from '../matching/live';
import type { AdviceRequestDocument } from '../models/AdviceRequest';
import type { StoredMessage } from '../models/ChatMessage';
import type { ChatSessionDocument } from '../models/ChatSession';
import { toLive } from '../matching/store';
import { can, type Actor } from '../policies';
import { chatSubject } from '../policies/advice';

const iso = (ms: number | null) => (ms === null ? null : new Date(ms).toISOString());

/** A request as its founder (and the offered advisor) see it. */
export function presentRequest(r: LiveRequest | AdviceRequestDocument, queue: AdviceRequestView['queue'] = null): AdviceRequestView {
  const live = 'passedBy' in r && r.passedBy instanceof Set ? (r as LiveRequest) : toLive(r as AdviceRequestDocument);
  return {
    id: live.id,
    founder: { id: live.founderId, name: live.founderName },
    industry: live.industry,
    topics: live.topicList,
    question: live.question,
    urgency: live.urgency,
    language: live.language,
    state: live.state,
    offerExpiresAt: live.state === 'offered' ? iso(live.offerExpiresAt) : null,
    queue: live.state === 'queued' ? queue : null,
    sessionId: live.sessionId,
    attempts: live.attempts,
    createdAt: new Date(live.createdAt).toISOString(),
  };
}

/** The offer card: the request, the countdown and why this advisor was chosen. */
export function presentOffer(live: LiveRequest, timeoutMs: number): OfferView {
  return {
    request: presentRequest(live),
    expiresAt: iso(live.offerExpiresAt) ?? new Date().toISOString(),
    timeoutMs,
    score: live.offer?.score ?? 0,
    reasons: live.offer?.reasons ?? [],
  };
}

export function presentAdvisorState(e: AdvisorEntry): AdvisorStateView {
  return {
    userId: e.userId,
    status: e.status,
    capacity: e.capacity,
    openSessions: e.openSessions,
    pendingOffers: e.pending,
    industries: [...e.industries],
    topics: e.topicList,
    languages: e.languages as Locale[],
    rating: { average: e.ratingCount > 0 ? Math.round((e.ratingSum / e.ratingCount) * 100) / 100 : null, count: e.ratingCount },
  };
}

/** A session for one participant, with live seq/read marks from the room when it is loaded. */
export function presentSession(s: ChatSessionDocument, viewer: Actor, live?: RoomMeta | null): ChatSessionView {
  const subject = chatSubject(s, live);
  return {
    id: String(s._id),
    requestId: String(s.requestId),
    founder: { id: String(s.founderId), name: s.founderName },
    advisor: { id: String(s.advisorId), name: s.advisorName },
    industry: s.industry,
    topics: [...s.topics],
    question: s.question,
    state: subject.state,
    seq: Math.max(s.seq, live?.seq ?? 0),
    reads: live ? { ...live.reads } : { founder: s.readFounder, advisor: s.readAdvisor },
    startedAt: s.startedAt.toISOString(),
    endedAt: s.endedAt ? s.endedAt.toISOString() : null,
    endedBy: s.endedBy ? String(s.endedBy) : null,
    rating: s.rating ?? null,
    comment: s.comment,
    summary: s.summary,
    abilities: {
      post: can(viewer, 'post', 'chatSession', subject),
      end: can(viewer, 'end', 'chatSession', subject),
      rate: can(viewer, 'rate', 'chatSession', subject),
      summarize: can(viewer, 'summarize', 'chatSession', subject),
    },
  };
}

export function presentMessage(sessionId: string, m: StoredMessage): ChatMessageView {
  return { sessionId, seq: m.seq, clientId: m.clientId, authorId: m.authorId, text: m.text, at: new Date(m.at).toISOString() };
}
