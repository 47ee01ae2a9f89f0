import type { AdviceState, MatchReason, Urgency } from '../../shared/schemas/advice';
import type { Locale } from '../../shared/roles';
import type { RequestKeys } from './advisorIndex';

/** A request the dispatcher is working on, mirrored from its document. */
export interface LiveRequest extends RequestKeys {
  id: string;
  founderId: string;
  founderName: string;
  topicList: string[];
  question: string;
  urgency: Urgency;
  language: Locale;
  createdAt: number;
  state: AdviceState;
  version: number;
  offeredTo: string | null;
  offerExpiresAt: number | null;
  passedBy: Set<string>;
  attempts: number;
  sessionId: string | null;
  /** Set while the offer is out: the score and reasons the advisor was shown. */
  offer: { score: number; reasons: MatchReason[] } | null;
}

/** The fields one transition changes; stored with its claim so a crash can be rolled forward. */
export interface TransitionSet {
  state: AdviceState;
  offeredTo?: string | null;
  offerExpiresAt?: number | null;
  passedBy?: string[];
  attempts?: number;
  sessionId?: string | null;
}

/**
 * Persistence of request state. `claim` moves a request from its `version` to the next, or
 * returns false when someone else (another dispatcher, process, or a racing accept) did first.
 */
export interface RequestStore {
  /**
   * Stores a new request (not yet in the database, `version` 0) already moved by its first
   * transition `set`; resolves once durable, rejects when it could not be stored.
   */
  create(live: LiveRequest, set: TransitionSet): Promise<void>;
  claim(live: LiveRequest, set: TransitionSet, reason?: string): Promise<boolean>;
  /** The current state from the database (after rolling forward any half-applied claim). */
  reload(id: string): Promise<LiveRequest | null>;
  /** Every request still matching, queued or offered: what a restart resumes. */
  loadOpen(): Promise<LiveRequest[]>;
  /** Records that an advisor took a session (fairness: least recently assigned). */
  assigned(advisorId: string, at: number): Promise<void>;
}

/** Applies a claimed transition to the in-memory copy. */
export function applySet(live: LiveRequest, set: TransitionSet): void {
  live.state = set.state;
  live.version += 1;
  if (set.offeredTo !== undefined) live.offeredTo = set.offeredTo;
  if (set.offerExpiresAt !== undefined) live.offerExpiresAt = set.offerExpiresAt;
  if (set.passedBy !== undefined) live.passedBy = new Set(set.passedBy);
  if (set.attempts !== undefined) live.attempts = set.attempts;
  if (set.sessionId !== undefined) live.sessionId = set.sessionId;
}
