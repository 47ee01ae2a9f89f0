import type { RoomMeta } from '../chat/room';
import type { ChatSessionDocument } from '../models/ChatSession';
import { definePolicy, hasRole, type Actor } from './registry';

/** What the chat rules look at; built from the document and, when loaded, the live room. */
export interface ChatSubject {
  founderId: string;
  advisorId: string;
  state: 'open' | 'ended';
  rated: boolean;
}

declare module './registry' {
  interface PolicyMap {
    /** create: founders; read/cancel: the founder who asked; respond: the advisor holding the offer. */
    adviceRequest: { action: 'create' | 'read' | 'cancel' | 'respond'; subject: { founderId: string; offeredTo: string | null } | null };
    /** work: go online, set capacity and topics, see offers (advisors). */
    advisorConsole: { action: 'work'; subject: null };
    /** read/post/end: the two participants (post and end only while open); rate: the founder once, after the end; summarize: the advisor. A consultation is private: the admin is not a participant. */
    chatSession: { action: 'read' | 'post' | 'end' | 'rate' | 'summarize'; subject: ChatSubject };
  }
}

const isFounderOf = (actor: Actor, s: ChatSubject) => !!actor && actor.id === s.founderId;
const isAdvisorOf = (actor: Actor, s: ChatSubject) => !!actor && actor.id === s.advisorId;

definePolicy('adviceRequest', (actor, action, subject) => {
  switch (action) {
    case 'create':
      return hasRole(actor, 'founder');
    case 'read':
    case 'cancel':
      return !!actor && !!subject && actor.id === subject.founderId;
    case 'respond':
      return hasRole(actor, 'advisor') && !!subject && actor?.id === subject.offeredTo;
  }
}, { personal: ['create', 'read', 'cancel', 'respond'] }); // a founder's request is private: the admin does not read it

definePolicy('advisorConsole', (actor) => hasRole(actor, 'advisor'), { personal: ['work'] });

definePolicy('chatSession', (actor, action, s) => {
  const participant = isFounderOf(actor, s) || isAdvisorOf(actor, s);
  switch (action) {
    case 'read':
      return participant;
    case 'post':
    case 'end':
      return participant && s.state === 'open';
    case 'rate':
      return isFounderOf(actor, s) && s.state === 'ended' && !s.rated;
    case 'summarize':
      return isAdvisorOf(actor, s);
  }
}, { personal: ['read', 'post', 'end', 'rate', 'summarize'] });

/** The policy subject of a session, preferring the live room's state. */
export function chatSubject(s: ChatSessionDocument, live?: RoomMeta | null): ChatSubject {
  return { founderId: String(s.founderId), advisorId: String(s.advisorId), state: live?.state === 'ended' ? 'ended' : s.state, rated: s.rating != null };
}

/** The same from a loaded room alone (the chat hot path: no database read). */
export function roomSubject(meta: RoomMeta): ChatSubject {
  return { founderId: meta.founderId, advisorId: meta.advisorId, state: meta.state, rated: false };
}
