/**
 * The database side of dispatch. A transition first inserts its claim
 * (`AdviceTransition._id = <requestId>:<version+1>`, carrying the change), then applies the
 * change to the request guarded by the old version. The insert is the lock: `_id` is unique
 * even across processes on FerretDB, where concurrent guarded updates from two connections
 * are not. If a process dies between the two writes, `reload` finds the claim and rolls the
 * request forward, so no claim is ever lost or applied twice.
 *
 * Writes go through one {@link GroupCommit}: a flush inserts the new requests (already in the
 * state the dispatcher decided, version 1), then every claim (plus the creations' log entries)
 * in one unordered insert, where each duplicate `_id` fails on its own — so a claim still wins
 * or loses individually — then the won claims' guarded updates in one unordered bulk write.
 * A burst of requests shares three round trips instead of queueing five each on the one
 * connection. A caller learns its outcome once its own part is durable: a creation after the
 * request insert, a claim after the claim insert (the claim is the truth; the update only
 * mirrors it and `reload` rolls it forward if the update is lost).
 */
import mongoose from 'mongoose';
import { isDuplicateKey } from '../errors';
import { AdviceRequest, AdviceTransition, type AdviceRequestDocument } from '../models/AdviceRequest';
import { AdvisorProfile } from '../models/AdvisorProfile';
import { industryKeys } from './advisorIndex';
import { GroupCommit, type Settle } from '../db/groupCommit';
import type { LiveRequest, RequestStore, TransitionSet } from './live';
import { normalizeTopic } from './score';

const claimId = (id: string, version: number) => `${id}:${version}`;

function toUpdate(set: TransitionSet, version: number): Record<string, unknown> {
  const $set: Record<string, unknown> = { state: set.state, version };
  if (set.offeredTo !== undefined) $set.offeredTo = set.offeredTo;
  if (set.offerExpiresAt !== undefined) $set.offerExpiresAt = set.offerExpiresAt === null ? null : new Date(set.offerExpiresAt);
  if (set.passedBy !== undefined) $set.passedBy = set.passedBy;
  if (set.attempts !== undefined) $set.attempts = set.attempts;
  if (set.sessionId !== undefined) $set.sessionId = set.sessionId;
  return $set;
}

/** The in-memory mirror of a request document. */
export function toLive(doc: AdviceRequestDocument): LiveRequest {
  const topicList = [...doc.topics];
  return {
    id: String(doc._id),
    founderId: String(doc.founderId),
    founderName: doc.founderName,
    industry: doc.industry,
    ...industryKeys(doc.industry),
    topics: topicList.map(normalizeTopic),
    topicList,
    question: doc.question,
    urgency: doc.urgency,
    language: doc.language,
    createdAt: (doc.get('createdAt') as Date).getTime(),
    state: doc.state,
    version: doc.version,
    offeredTo: doc.offeredTo ? String(doc.offeredTo) : null,
    offerExpiresAt: doc.offerExpiresAt ? doc.offerExpiresAt.getTime() : null,
    passedBy: new Set(doc.passedBy.map(String)),
    attempts: doc.attempts,
    sessionId: doc.sessionId ? String(doc.sessionId) : null,
    offer: null,
  };
}

type Doc = Record<string, unknown>;

/**
 * A new request's document (with its first claim logged), or a claim on an existing one. A claim
 * carries `report`: where a failure of its mirror update goes, which its caller never hears of
 * (the claim itself has already been answered).
 */
export type RequestWrite =
  | { kind: 'create'; doc: Doc; claim: Doc }
  | { kind: 'claim'; claim: Doc; requestId: string; fromVersion: number; $set: Doc; report: (err: unknown) => void };

/** Unordered insert through the driver: the indexes of the documents that failed, with why. */
async function insertEach(collection: mongoose.Collection, docs: Doc[]): Promise<Map<number, unknown>> {
  const failed = new Map<number, unknown>();
  try {
    await collection.insertMany(docs, { ordered: false });
  } catch (err) {
    const raw = (err as { writeErrors?: unknown }).writeErrors;
    const list = (Array.isArray(raw) ? raw : raw ? [raw] : []) as { index?: number; code?: number; errmsg?: string }[];
    if (list.length === 0 || list.some((e) => typeof e.index !== 'number')) docs.forEach((_, i) => failed.set(i, err));
    else for (const e of list) failed.set(e.index as number, Object.assign(new Error(e.errmsg ?? 'write failed'), { code: e.code }));
  }
  return failed;
}

/** One flush of request writes: requests, then claims, then the won claims' updates. */
export async function flushRequestWrites(items: RequestWrite[], settle: Settle<boolean>): Promise<void> {
  const logged: number[] = [];
  const creates = items.flatMap((w, i) => (w.kind === 'create' ? [i] : []));
  if (creates.length > 0) {
    const failed = await insertEach(AdviceRequest.collection, creates.map((i) => (items[i] as { doc: Doc }).doc));
    creates.forEach((i, k) => {
      const err = failed.get(k);
      if (err) settle(i, { error: err });
      else {
        logged.push(i);
        settle(i, { value: true });
      }
    });
  }
  const claims = [...logged, ...items.flatMap((w, i) => (w.kind === 'claim' ? [i] : []))];
  if (claims.length === 0) return;
  const failed = await insertEach(AdviceTransition.collection, claims.map((i) => (items[i] as RequestWrite).claim));
  const won: Extract<RequestWrite, { kind: 'claim' }>[] = [];
  claims.forEach((i, k) => {
    const w = items[i] as RequestWrite;
    if (w.kind === 'create') return; // a log entry only: the request is already stored at version 1
    const err = failed.get(k);
    if (!err) won.push(w);
    settle(i, err ? (isDuplicateKey(err) ? { value: false } : { error: err }) : { value: true });
  });
  if (won.length === 0) return;
  // A lost update does no harm — the claim is stored and `reload` rolls the request forward —
  // but it is reported: a database failing here is failing elsewhere too.
  await AdviceRequest.bulkWrite(
    won.map((w) => ({ updateOne: { filter: { _id: w.requestId, version: w.fromVersion }, update: { $set: w.$set } } })),
    { ordered: false },
  ).catch((err: unknown) => {
    for (const report of new Set(won.map((w) => w.report))) report(err);
  });
}

/** The process's request writer (one FerretDB connection per process, so one writer). */
export const requestWriter = new GroupCommit<RequestWrite, boolean>(flushRequestWrites);

/** The claim document, built plainly (no Mongoose document per write on the hot path). */
function claimDoc(live: LiveRequest, set: TransitionSet, version: number, reason: string): Doc {
  const $set = toUpdate(set, version);
  return { _id: claimId(live.id, version), requestId: oid(live.id), state: set.state, advisorId: set.offeredTo ? oid(set.offeredTo) : null, reason, at: new Date(), set: $set };
}

const oid = (id: string) => new mongoose.Types.ObjectId(id);

/**
 * The Mongoose-backed {@link RequestStore}; `onError` hears the failures no caller does (a claim's
 * mirror update lost after the claim was answered). Every store shares the process's one writer.
 */
export function createRequestStore(onError: (err: unknown) => void): RequestStore {
  return {
    async create(live, set) {
      const at = new Date(live.createdAt);
      const $set = toUpdate(set, live.version + 1);
      // the schema's fields and defaults, cast as Mongoose would (checked by the integration test)
      const doc: Doc = {
        _id: oid(live.id),
        founderId: oid(live.founderId),
        founderName: live.founderName,
        industry: live.industry,
        topics: live.topicList,
        question: live.question,
        urgency: live.urgency,
        language: live.language,
        passedBy: [...live.passedBy].map(oid),
        attempts: 0,
        offeredTo: null,
        offerExpiresAt: null,
        sessionId: null,
        ...$set,
        ...(set.offeredTo ? { offeredTo: oid(set.offeredTo) } : {}),
        createdAt: at,
        updatedAt: at,
        __v: 0,
      };
      await requestWriter.add({ kind: 'create', doc, claim: claimDoc(live, set, live.version + 1, '') });
    },

    claim(live, set, reason = '') {
      const version = live.version + 1;
      return requestWriter.add({ kind: 'claim', claim: claimDoc(live, set, version, reason), requestId: live.id, fromVersion: live.version, $set: toUpdate(set, version), report: onError });
    },

    async reload(id) {
      const doc = await AdviceRequest.findById(id);
      if (!doc) return null;
      for (;;) {
        const claim = await AdviceTransition.findById(claimId(id, doc.version + 1)).lean();
        if (!claim) break;
        const $set = (claim as unknown as { set: Record<string, unknown> }).set;
        await AdviceRequest.updateOne({ _id: id, version: doc.version }, { $set });
        doc.set($set);
      }
      return toLive(doc);
    },

    async loadOpen() {
      const docs = await AdviceRequest.find({ state: { $in: ['matching', 'queued', 'offered'] } }, { _id: 1 }).lean();
      const lives = await Promise.all(docs.map((d) => this.reload(String(d._id))));
      return lives.filter((l): l is LiveRequest => !!l && ['matching', 'queued', 'offered'].includes(l.state));
    },

    async assigned(advisorId, at) {
      await AdvisorProfile.updateOne({ _id: new mongoose.Types.ObjectId(advisorId) }, { $set: { lastAssignedAt: new Date(at) } });
    },
  };
}

/** A store for tools and tests with no logger of their own: lost updates go to the process's warnings. */
export const mongoRequestStore: RequestStore = createRequestStore((err) => process.emitWarning(err instanceof Error ? err : String(err), 'AdviceStoreWarning'));
