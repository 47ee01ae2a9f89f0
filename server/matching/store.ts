/**
 * The database side of dispatch. A transition first inserts its claim
 * (`AdviceTransition._id = <requestId>:<version+1>`, carrying the change), then applies the
 * change to the request guarded by the old version. The insert is the lock: `_id` is unique
 * even across processes on FerretDB, where concurrent guarded updates from two connections
 * are not. If a process dies between the two writes, `reload` finds the claim and rolls the
 * request forward, so no claim is ever lost or applied twice.
 */
import mongoose from 'mongoose';
import { isDuplicateKey } from '../errors';
import { AdviceRequest, AdviceTransition, type AdviceRequestDocument } from '../models/AdviceRequest';
import { AdvisorProfile } from '../models/AdvisorProfile';
import { industryKeys } from './advisorIndex';
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

/** The Mongoose-backed {@link RequestStore}. */
export const mongoRequestStore: RequestStore = {
  async claim(live, set, reason = '') {
    const version = live.version + 1;
    try {
      await AdviceTransition.create({ _id: claimId(live.id, version), requestId: live.id, state: set.state, advisorId: set.offeredTo ?? null, reason, set: toUpdate(set, version) });
    } catch (err) {
      if (isDuplicateKey(err)) return false;
      throw err;
    }
    await AdviceRequest.updateOne({ _id: live.id, version: live.version }, { $set: toUpdate(set, version) });
    return true;
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
