/**
 * The advice feature's live parts for one server: the advisor index, presence, dispatcher and
 * chat rooms, created once per AppContext (tests run several servers in one process, each with
 * its own dispatcher over the same database). The dispatcher's events become socket events here,
 * each after the write that caused it.
 */
import mongoose from 'mongoose';
import pRetry from 'p-retry';
import { rooms } from '../../shared/events';
import type { Presence } from '../../shared/schemas/advice';
import type { Locale } from '../../shared/roles';
import { ChatHub } from '../chat/hub';
import { notify } from '../commands/notifications/notify';
import type { AppContext } from '../context';
import { AdvisorProfile, type AdvisorProfileDocument } from '../models/AdvisorProfile';
import { ChatSession } from '../models/ChatSession';
import { User } from '../models/User';
import { presentAdvisorState, presentOffer, presentRequest } from '../presenters/advice';
import { AdvisorIndex, type AdvisorEntry } from './advisorIndex';
import { Dispatcher, type DispatchFailure } from './dispatcher';
import type { LiveRequest } from './live';
import { PresenceTracker } from './presence';
import { estimateWait } from './queue';
import { normalizeTopic } from './score';
import { createRequestStore, requestWriter } from './store';

export interface AdviceSettings {
  offerTimeoutMs: number;
  /** Passed-on requests are offered again to those who passed after this long. */
  reofferCooldownMs: number;
  /** This many offers missed in a row set the advisor away (and tell them). */
  missesBeforeAway: number;
  graceMs: number;
  awayMs: number;
  avgSessionSeconds: number;
}

export const DEFAULT_ADVICE_SETTINGS: AdviceSettings = { offerTimeoutMs: 30_000, reofferCooldownMs: 60_000, missesBeforeAway: 3, graceMs: 20_000, awayMs: 120_000, avgSessionSeconds: 600 };

export class AdviceService {
  readonly settings: AdviceSettings = { ...DEFAULT_ADVICE_SETTINGS };
  readonly index = new AdvisorIndex();
  readonly chat: ChatHub;
  readonly dispatcher: Dispatcher;
  readonly presence: PresenceTracker;
  readonly ready: Promise<void>;
  /** Offers missed in a row, per advisor (a response ends the streak). */
  private readonly misses = new Map<string, number>();
  private readonly loading = new Map<string, Promise<AdvisorEntry>>();
  private readonly halt = new AbortController();
  private stopping: Promise<void> | null = null;

  constructor(private readonly ctx: AppContext) {
    this.chat = new ChatHub((err) => ctx.log.warn({ err }, 'chat: write failed'));
    this.presence = new PresenceTracker(this.settings, (userId, status) => void this.applyStatus(userId, status).catch((err) => ctx.log.error({ err }, 'presence failed')));
    this.dispatcher = new Dispatcher({
      index: this.index,
      store: createRequestStore((err) => ctx.log.warn({ err }, 'advice: request mirror update lost (reload rolls it forward)')),
      settings: this.settings,
      onError: (err: unknown, f: DispatchFailure) => ctx.log[f.willRetry ? 'warn' : 'error']({ err, ...f }, `advice: ${f.op} failed${f.willRetry ? '; retrying' : ''}`),
      listener: {
        offered: (advisorId, live) => ctx.realtime.emit(rooms.user(advisorId), 'advice:offered', presentOffer(live, this.settings.offerTimeoutMs)),
        withdrawn: (advisorId, requestId, reason) => ctx.realtime.emit(rooms.user(advisorId), 'advice:offerWithdrawn', { requestId, reason }),
        requestChanged: (live) => ctx.realtime.emit(rooms.user(live.founderId), 'advice:updated', this.requestView(live)),
        advisorChanged: (advisorId) => this.announceAdvisor(advisorId),
        missed: (advisorId) => this.missed(advisorId),
        responded: (advisorId) => this.misses.delete(advisorId),
      },
    });
    // a database hiccup at boot must not leave the stored offers without countdowns until the next restart
    this.ready = pRetry(() => this.dispatcher.resume(), {
      retries: 8,
      minTimeout: 500,
      maxTimeout: 30_000,
      randomize: true,
      unref: true,
      signal: this.halt.signal,
      onFailedAttempt: ({ error, attemptNumber, retriesLeft }) => ctx.log[retriesLeft > 0 ? 'warn' : 'error']({ err: error, attempt: attemptNumber }, 'advice: resume failed'),
    }).then(
      (n) => void (n > 0 && ctx.log.info({ n }, 'advice requests resumed')),
      () => undefined, // each failure was logged above (or `stop` aborted the retries)
    );
  }

  /** A request as its founder sees it now, with the live queue position and estimate. */
  requestView(live: LiveRequest) {
    const position = live.state === 'queued' ? this.dispatcher.queue.position(live.id) : null;
    if (position === null) return presentRequest(live);
    const seats = this.index.freeCapacity().total;
    return presentRequest(live, { position, estimatedWaitSeconds: estimateWait(position, seats, this.settings.avgSessionSeconds) });
  }

  /** The advisor's console state: from the index when known here, else from their profile. */
  async advisorState(userId: string) {
    const entry = this.index.get(userId) ?? (await this.loadEntry(userId, 'offline'));
    return presentAdvisorState(entry);
  }

  /** An advisor chose a status on one of their sockets. */
  async choose(userId: string, socketId: string, status: Presence) {
    this.presence.choose(userId, socketId, status);
    await this.applyStatus(userId, status);
    return this.advisorState(userId);
  }

  private async applyStatus(userId: string, status: Presence): Promise<void> {
    if (status === 'offline') {
      this.index.remove(userId);
    } else {
      const entry = this.index.get(userId) ?? (await this.loadOnce(userId));
      entry.status = status;
      if (this.index.get(userId) !== entry) this.index.upsert(entry);
      if (status === 'online') void this.dispatcher.drain();
    }
    this.announceAdvisor(userId);
  }

  /** One load per advisor at a time, so two quick status changes share one index entry. */
  private loadOnce(userId: string): Promise<AdvisorEntry> {
    let p = this.loading.get(userId);
    if (!p) {
      p = this.loadEntry(userId, 'offline').finally(() => this.loading.delete(userId));
      this.loading.set(userId, p);
    }
    return p;
  }

  /** Builds an index entry from the profile (made from the user's profile on first use). */
  async loadEntry(userId: string, status: Presence): Promise<AdvisorEntry> {
    const profile = await this.profile(userId);
    const openSessions = await ChatSession.countDocuments({ advisorId: userId, state: 'open' });
    return toEntry(profile, status, openSessions);
  }

  async profile(userId: string): Promise<AdvisorProfileDocument> {
    const found = await AdvisorProfile.findById(userId);
    if (found) return found;
    const user = await User.findById(userId);
    return AdvisorProfile.create({
      _id: new mongoose.Types.ObjectId(userId),
      name: user?.name ?? '',
      industries: user?.industries ?? [],
      topics: user?.skills ?? [],
      languages: user?.languages?.length ? user.languages : ['zh-CN'],
    });
  }

  /** Re-files an advisor after a profile or rating change, keeping live load and status. */
  refresh(profile: AdvisorProfileDocument): void {
    const old = this.index.get(String(profile._id));
    if (!old) return;
    const entry = toEntry(profile, old.status, old.openSessions);
    entry.pending = old.pending;
    this.index.upsert(entry);
    if (entry.status === 'online') void this.dispatcher.drain();
    this.announceAdvisor(entry.userId);
  }

  /**
   * An offer lapsed unanswered. After `missesBeforeAway` in a row the advisor is set away (no
   * more offers until they come back online) and told so, as Intercom and Zendesk do.
   */
  private missed(advisorId: string): void {
    const n = (this.misses.get(advisorId) ?? 0) + 1;
    if (n < this.settings.missesBeforeAway) return void this.misses.set(advisorId, n);
    this.misses.delete(advisorId);
    void (async () => {
      await this.applyStatus(advisorId, 'away');
      await notify({ realtime: this.ctx.realtime, userIds: [advisorId], kind: 'advice.autoAway', data: { text: String(n) }, link: '/advice' });
    })().catch((err: unknown) => this.ctx.log.error({ err, advisorId }, 'advice: setting a missing advisor away failed'));
  }

  /** A session ended: the advisor has a free seat again. */
  sessionEnded(advisorId: string): void {
    const entry = this.index.get(advisorId);
    if (entry) entry.openSessions = Math.max(0, entry.openSessions - 1);
    this.announceAdvisor(advisorId);
    void this.dispatcher.drain();
  }

  private announceAdvisor(userId: string): void {
    void this.advisorState(userId).then(
      (view) => this.ctx.realtime.emit(rooms.user(userId), 'advisor:updated', view),
      (err: unknown) => this.ctx.log.warn({ err, userId }, 'advice: advisor state unavailable'),
    );
  }

  /**
   * Shutdown (idempotent): countdowns and retries stop, presence timers clear, the writes in
   * flight settle, then the chat writer's buffer and the rooms' hints are flushed. Offers stay
   * stored as offered; the next start resumes them with their time left.
   */
  stop(): Promise<void> {
    this.stopping ??= (async () => {
      this.halt.abort();
      this.presence.stop();
      await this.ready;
      await this.dispatcher.stop();
      await requestWriter.idle();
      await this.chat.stop();
    })();
    return this.stopping;
  }
}

function toEntry(p: AdvisorProfileDocument, status: Presence, openSessions: number): AdvisorEntry {
  return {
    userId: String(p._id),
    name: p.name,
    status,
    capacity: p.capacity,
    openSessions,
    pending: 0,
    industries: [...p.industries],
    topics: new Set(p.topics.map(normalizeTopic)),
    topicList: [...p.topics],
    languages: [...p.languages] as Locale[],
    ratingSum: p.ratingSum,
    ratingCount: p.ratingCount,
    lastAssignedAt: p.lastAssignedAt ? p.lastAssignedAt.getTime() : 0,
  };
}

const services = new WeakMap<AppContext, AdviceService>();

/** Stops the advice service of a server if it was ever started (shutdown must not start one). */
export async function stopAdvice(ctx: AppContext): Promise<void> {
  await services.get(ctx)?.stop();
}

/** The advice service of a server, created (and its open requests resumed) on first use. */
export function adviceOf(ctx: AppContext): AdviceService {
  let service = services.get(ctx);
  if (!service) services.set(ctx, (service = new AdviceService(ctx)));
  return service;
}
