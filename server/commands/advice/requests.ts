import mongoose from 'mongoose';
import type { AdviceRequestInput } from '../../../shared/schemas/advice';
import { conflict, notFound } from '../../errors';
import { industryKeys } from '../../matching/advisorIndex';
import type { LiveRequest } from '../../matching/live';
import { normalizeTopic } from '../../matching/score';
import type { AdviceService } from '../../matching/service';
import { toLive } from '../../matching/store';
import { AdviceRequest } from '../../models/AdviceRequest';

/**
 * Takes a founder's request and hands it to the dispatcher, which stores it already placed;
 * resolves once it is stored offered or queued. Needs no database read: the founder comes from
 * the authenticated session, the open-request limit from this process's dispatcher.
 */
export async function createRequest(props: { service: AdviceService; founder: { id: string; name: string }; input: AdviceRequestInput }): Promise<LiveRequest> {
  const { input, founder } = props;
  // counted in memory (this process's dispatcher), not by a scan of every request in FerretDB
  let open = 0;
  for (const r of props.service.dispatcher.requests.values()) if (r.founderId === founder.id) open++;
  if (open >= 3) throw conflict('You already have three open requests', [{ path: [], code: 'too_many_open', message: 'at most 3 open requests' }]);
  const live: LiveRequest = {
    id: new mongoose.Types.ObjectId().toHexString(),
    founderId: founder.id,
    founderName: founder.name,
    industry: input.industry,
    ...industryKeys(input.industry),
    topics: input.topics.map(normalizeTopic),
    topicList: [...input.topics],
    question: input.question,
    urgency: input.urgency,
    language: input.language,
    createdAt: Date.now(),
    state: 'matching',
    version: 0,
    offeredTo: null,
    offerExpiresAt: null,
    passedBy: new Set(),
    attempts: 0,
    sessionId: null,
    offer: null,
  };
  await props.service.dispatcher.create(live);
  return live;
}

/** The request as the dispatcher knows it (live), or as stored. */
export async function loadRequest(props: { service: AdviceService; id: string }): Promise<LiveRequest> {
  const live = props.service.dispatcher.requests.get(props.id);
  if (live) return live;
  const doc = await AdviceRequest.findById(props.id);
  if (!doc) throw notFound('Request');
  return toLive(doc);
}

/** Withdraws a request that is not yet accepted. */
export async function cancelRequest(props: { service: AdviceService; live: LiveRequest }): Promise<LiveRequest> {
  const cancelled = await props.service.dispatcher.cancel(props.live.id);
  if (!cancelled) throw conflict('This request can no longer be cancelled');
  return cancelled;
}

/** A founder's requests, newest first (their desk's list). */
export async function listRequests(props: { founderId: string; limit: number }): Promise<LiveRequest[]> {
  const docs = await AdviceRequest.find({ founderId: props.founderId }).sort({ createdAt: -1 }).limit(props.limit);
  return docs.map(toLive);
}
