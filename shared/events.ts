/**
 * The typed Socket.io contract shared by server and client. Requests are named `noun:verb`
 * (`challenge:create`) and answered through an acknowledgement with a `Reply`; broadcasts are
 * past tense (`challenge:created`). Rooms share the nouns: `user:<id>`, `challenge:<id>`,
 * `board`. Every payload is parsed on the server with its zod schema: the types here are the
 * contract, not the check.
 */
import type { ErrorBody } from './errors';
import type { MeView } from './schemas/user';
import type { OrganizationView } from './schemas/organization';
import type { ChallengeSummary } from './schemas/challenge';
import type { QuestionView } from './schemas/question';
import type { TeamView } from './schemas/team';
import type { NotificationView } from './schemas/notification';
import type { AdviceRequestInput, AdviceRequestView, AdvisorStateView, AdvisorStatusInput, DeclineInput, OfferView, OfferWithdrawnReason, RespondInput } from './schemas/advice';
import type { ChatJoinInput, ChatJoinReply, ChatMessageView, ChatReadInput, ChatSendInput, ChatSessionView } from './schemas/chat';
import type { VersionView } from './schemas/workspace';
import type { SubmissionView } from './schemas/submission';

/** The envelope of every acknowledgement: exactly one of data or error. */
export type Reply<T> = { data: T; error?: undefined } | { error: ErrorBody; data?: undefined };
export type Ack<T> = (reply: Reply<T>) => void;

export interface ServerToClientEvents {
  /** Sent once after the handshake: who the server believes this socket is (null = anonymous). */
  'session:ready': (payload: { user: MeView | null; serverTime: string }) => void;
  /** The account's rights changed (roles, organisation, an approved representation): its new view; rooms were re-decided. */
  'session:updated': (payload: { user: MeView | null }) => void;
  /** The account's session was revoked (logout elsewhere, disabled): the client drops to anonymous. */
  'session:ended': (payload: { reason: 'logout' | 'disabled' | 'expired' }) => void;
  'organization:created': (org: OrganizationView) => void;
  'organization:updated': (org: OrganizationView) => void;

  // ── Board (挂牌引智) ── to `board` / `board:members` (alliance-only challenges) and `challenge:<id>`
  /** A challenge was published (draft → open, or created open). */
  'challenge:created': (challenge: ChallengeSummary) => void;
  /** Any change a board card shows: fields, status, team count. */
  'challenge:updated': (challenge: ChallengeSummary) => void;
  /** The challenge is no longer visible to this board (it became alliance-only). */
  'challenge:removed': (payload: { id: string }) => void;
  /** How many people have the challenge page open now (throttled). */
  'challenge:viewers': (payload: { id: string; viewers: number }) => void;
  /** To the challenge room (public questions) or the asker and the organisation (private ones). */
  'question:created': (question: QuestionView) => void;
  'question:answered': (question: QuestionView) => void;
  /** To the challenge room; team members reload their own view. */
  'team:created': (team: TeamView) => void;
  'team:updated': (team: TeamView) => void;
  /** To `user:<id>`: a stored notification, pushed live. */
  'notification:created': (notification: NotificationView) => void;
  // ── Advice: matching and chat (issue 5) ──
  /** To the chosen advisor (`user:<id>`): a request with a countdown and the reasons for the choice. */
  'advice:offered': (offer: OfferView) => void;
  /** To the advisor: an offer they held is gone (lapsed, cancelled, declined, accepted, or taken elsewhere). */
  'advice:offerWithdrawn': (payload: { requestId: string; reason: OfferWithdrawnReason }) => void;
  /** To the founder: their request changed state or queue position. */
  'advice:updated': (request: AdviceRequestView) => void;
  /** To the advisor's own sockets: presence, capacity and load changed. */
  'advisor:updated': (state: AdvisorStateView) => void;
  /** To both participants: a session opened, ended, was rated or summarised. */
  'chat:session': (session: ChatSessionView) => void;
  /** To `chat:<sessionId>`: a stored message, in seq order. */
  'chat:message': (message: ChatMessageView) => void;
  'chat:typing': (payload: { sessionId: string; userId: string; typing: boolean }) => void;
  'chat:read': (payload: { sessionId: string; userId: string; seq: number }) => void;
  // ── Workspaces and submissions (issue 4) ── the live text itself travels over /collab (Yjs)
  /** To each team member (`user:<id>`): a named version was saved. */
  'version:created': (version: VersionView) => void;
  /** To the organisation (`org:<id>`) and each team member: a version was submitted. */
  'submission:created': (submission: SubmissionView) => void;
  /** To the organisation and each team member: a submission was scored, accepted or declined. */
  'submission:reviewed': (submission: SubmissionView) => void;
}

export interface ClientToServerEvents {
  /** Round-trip check used by the connection indicator (latency in ms on the client). */
  'system:ping': (payload: Record<string, never>, ack: Ack<{ serverTime: string }>) => void;

  // ── Board ──
  /** Start/stop receiving board broadcasts (the rooms this viewer may see). */
  'board:watch': (payload: Record<string, never>, ack: Ack<{ watching: true }>) => void;
  'board:unwatch': (payload: Record<string, never>, ack: Ack<{ watching: false }>) => void;
  /** Open/close a challenge page: joins `challenge:<id>` after the read policy allows it. */
  'challenge:watch': (payload: { id: string }, ack: Ack<{ viewers: number }>) => void;
  'challenge:unwatch': (payload: { id: string }, ack: Ack<{ viewers: number }>) => void;
  // ── Advice: matching and chat (issue 5) ──
  /** The advisor goes online/away/offline; online lasts only while a socket is connected. */
  'advisor:status': (payload: AdvisorStatusInput, ack: Ack<AdvisorStateView>) => void;
  /** A founder asks for advice (the same as POST /api/advice/requests, without per-call auth reads). */
  'advice:request': (payload: AdviceRequestInput, ack: Ack<AdviceRequestView>) => void;
  'advice:accept': (payload: RespondInput, ack: Ack<ChatSessionView>) => void;
  'advice:decline': (payload: DeclineInput, ack: Ack<{ requestId: string }>) => void;
  /** Joins a session's room and returns the messages after `afterSeq` (catch-up). */
  'chat:join': (payload: ChatJoinInput, ack: Ack<ChatJoinReply>) => void;
  'chat:leave': (payload: { sessionId: string }, ack: Ack<{ left: true }>) => void;
  /** Stores once per clientId and acknowledges with the stored message (its seq). */
  'chat:send': (payload: ChatSendInput, ack: Ack<ChatMessageView>) => void;
  'chat:typing': (payload: { sessionId: string; typing: boolean }) => void;
  'chat:read': (payload: ChatReadInput, ack: Ack<{ seq: number }>) => void;
}

export interface InterServerEvents {
  ping: () => void;
}

/** Per-socket state set at the handshake. */
export interface SocketData {
  userId: string | null;
  sessionId: string | null;
}

/** Room names, in one place so server and tests agree. */
export const rooms = {
  user: (id: string) => `user:${id}`,
  board: 'board',
  /** Board broadcasts of alliance-only challenges. */
  boardMembers: 'board:members',
  challenge: (id: string) => `challenge:${id}`,
  /** Representatives of one organisation (private questions, submissions). */
  organization: (id: string) => `org:${id}`,
} as const;
