/** Fakes shared by the dispatcher tests: an in-memory store that can fail on demand, advisors, requests. */
import { vi } from 'vitest';
import { AdvisorIndex, industryKeys, type AdvisorEntry } from '../../../server/matching/advisorIndex';
import { Dispatcher, type DispatchListener } from '../../../server/matching/dispatcher';
import { applySet, type LiveRequest, type RequestStore, type TransitionSet } from '../../../server/matching/live';

/**
 * An in-memory store with the same claim semantics as the database one (one winner per
 * version). `failClaims` makes the next n claims throw before writing (the database down);
 * `loseReplies` makes the next n claims write and then throw (the reply lost on the way back).
 */
export function memoryStore() {
  const claims = new Map<string, TransitionSet>();
  const docs = new Map<string, LiveRequest>();
  const store: RequestStore & { claims: typeof claims; failCreate: boolean; failClaims: number; loseReplies: number; failAssigned: number; claimCalls: number } = {
    claims,
    failCreate: false,
    failClaims: 0,
    loseReplies: 0,
    failAssigned: 0,
    claimCalls: 0,
    async create(live, set) {
      await Promise.resolve();
      if (store.failCreate) throw new Error('flush failed');
      claims.set(`${live.id}:${live.version + 1}`, set);
      const doc = { ...live, passedBy: new Set(live.passedBy) };
      applySet(doc, set);
      docs.set(live.id, doc);
    },
    async claim(live, set) {
      store.claimCalls++;
      if (store.failClaims > 0) {
        store.failClaims--;
        throw new Error('connection reset');
      }
      const key = `${live.id}:${live.version + 1}`;
      if (claims.has(key)) return false;
      claims.set(key, set);
      const doc = { ...live, passedBy: new Set(live.passedBy) };
      applySet(doc, set);
      docs.set(live.id, doc);
      if (store.loseReplies > 0) {
        store.loseReplies--;
        throw new Error('socket closed before the reply');
      }
      return true;
    },
    async reload(id) {
      const doc = docs.get(id);
      return doc ? { ...doc, passedBy: new Set(doc.passedBy) } : null;
    },
    async loadOpen() {
      return [];
    },
    async assigned() {
      if (store.failAssigned > 0) {
        store.failAssigned--;
        throw new Error('profile update failed');
      }
    },
  };
  return store;
}

export const advisor = (userId: string, industries: string[], capacity = 1): AdvisorEntry => ({
  userId, name: userId, status: 'online', pending: 0, topicList: [], industries, topics: new Set(), languages: ['zh-CN'],
  capacity, openSessions: 0, ratingSum: 0, ratingCount: 0, lastAssignedAt: 0,
});

let n = 0;
export const request = (over: Partial<LiveRequest> = {}): LiveRequest => ({
  id: `r${++n}`, founderId: 'f', founderName: 'F', industry: '3381', ...industryKeys('3381'), topics: [], topicList: [], question: 'q',
  urgency: 'normal', language: 'zh-CN', createdAt: n, state: 'matching', version: 0, offeredTo: null, offerExpiresAt: null,
  passedBy: new Set(), attempts: 0, sessionId: null, offer: null, ...over,
});

/** A dispatcher over the memory store, recording offers and withdrawals as text and failures as reported. */
export function setup() {
  const index = new AdvisorIndex();
  const store = memoryStore();
  const events: string[] = [];
  const listener: DispatchListener = {
    offered: (a, live) => events.push(`offered ${live.id}→${a}`),
    withdrawn: (a, id, reason) => events.push(`withdrawn ${id}→${a} ${reason}`),
    requestChanged: () => undefined,
    advisorChanged: () => undefined,
  };
  const onError = vi.fn();
  const dispatcher = new Dispatcher({ index, store, listener, settings: { offerTimeoutMs: 30_000 }, onError });
  return { index, store, events, dispatcher, onError };
}
