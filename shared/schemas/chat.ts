/** The advice chat: one room per session, messages numbered by a per-room sequence. */
import { z } from 'zod';
import { ObjectIdString } from './common';
import type { PersonRef } from './advice';

/** Room of one chat session (`chat:<sessionId>`), the same noun as the REST path. */
export const chatRoom = (sessionId: string) => `chat:${sessionId}`;

/** The client's own message id: resending with the same id never stores a second copy. */
export const ClientMessageId = z.string().regex(/^[A-Za-z0-9_-]{8,64}$/, '8–64 letters, digits, _ or -');

export const ChatSendInput = z.object({ sessionId: ObjectIdString, clientId: ClientMessageId, text: z.string().trim().min(1).max(4000) }).strict();
export type ChatSendInput = z.infer<typeof ChatSendInput>;

/** Joins the room and returns what came after `afterSeq` (the catch-up after a reconnect). */
export const ChatJoinInput = z.object({ sessionId: ObjectIdString, afterSeq: z.number().int().min(0).default(0) }).strict();
export type ChatJoinInput = z.infer<typeof ChatJoinInput>;

export const ChatSessionRef = z.object({ sessionId: ObjectIdString }).strict();
export const ChatTypingInput = z.object({ sessionId: ObjectIdString, typing: z.boolean() }).strict();
export const ChatReadInput = z.object({ sessionId: ObjectIdString, seq: z.number().int().min(0) }).strict();
export type ChatReadInput = z.infer<typeof ChatReadInput>;

/** History paging: `before` a seq (exclusive) or `after` one, newest page first by default. */
export const ChatHistoryQuery = z.object({
  before: z.coerce.number().int().min(1).optional(),
  after: z.coerce.number().int().min(0).optional(),
  limit: z.coerce.number().int().min(1).max(200).default(50),
});
export type ChatHistoryQuery = z.infer<typeof ChatHistoryQuery>;

export const RatingInput = z.object({ rating: z.number().int().min(1).max(5), comment: z.string().trim().max(1000).default('') }).strict();
export type RatingInput = z.infer<typeof RatingInput>;
export const SummaryInput = z.object({ summary: z.string().trim().min(1).max(4000) }).strict();
export type SummaryInput = z.infer<typeof SummaryInput>;

export const HistoryQuery = z.object({ page: z.coerce.number().int().min(1).max(1000).default(1), pageSize: z.coerce.number().int().min(1).max(50).default(20) });

export interface ChatMessageView {
  sessionId: string;
  seq: number;
  clientId: string;
  authorId: string;
  text: string;
  at: string;
}

export interface ChatSessionView {
  id: string;
  requestId: string;
  founder: PersonRef;
  advisor: PersonRef;
  industry: string;
  topics: string[];
  question: string;
  state: 'open' | 'ended';
  seq: number;
  /** Highest seq each side has read. */
  reads: { founder: number; advisor: number };
  startedAt: string;
  endedAt: string | null;
  endedBy: string | null;
  rating: number | null;
  comment: string;
  summary: string;
  /** What the viewer may do now (computed by the policy on the server). */
  abilities: { post: boolean; end: boolean; rate: boolean; summarize: boolean };
}

export interface ChatPage {
  messages: ChatMessageView[];
  /** The room's latest seq at the time of reading. */
  seq: number;
  /** True when more messages exist beyond this page in the direction read. */
  more: boolean;
}

export interface ChatJoinReply extends ChatPage {
  session: ChatSessionView;
}
