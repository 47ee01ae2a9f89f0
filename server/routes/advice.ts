import { Router } from 'express';
import { rooms } from '../../shared/events';
import { AdviceRequestInput, AdvisorProfileInput } from '../../shared/schemas/advice';
import { ChatHistoryQuery, HistoryQuery, RatingInput, SummaryInput } from '../../shared/schemas/chat';
import { IdParams } from '../../shared/schemas/common';
import { updateAdvisorProfile } from '../commands/advice/advisor';
import { readMessages } from '../commands/advice/messages';
import { pendingOffers } from '../commands/advice/offers';
import { cancelRequest, createRequest, listRequests, loadRequest } from '../commands/advice/requests';
import { endSession, listSessions, loadSession, rateSession, summarizeSession } from '../commands/advice/sessions';
import type { AppContext } from '../context';
import { notFound, parse } from '../errors';
import { adviceOf } from '../matching/service';
import { requireUser } from '../middlewares/authenticate';
import type { ChatSessionDocument } from '../models/ChatSession';
import { authorize } from '../policies';
import { chatSubject } from '../policies/advice';
import { presentOffer, presentSession } from '../presenters/advice';

/** Founder desk, advisor console and session history under /api/advice. */
export function adviceRouter(ctx: AppContext): Router {
  const router = Router();
  const service = adviceOf(ctx); // created at boot so open requests resume before traffic

  /** Tells both participants (and the room) how a session stands now. */
  async function announce(session: ChatSessionDocument) {
    const live = (await service.chat.loaded(String(session._id)))?.meta;
    for (const userId of [String(session.founderId), String(session.advisorId)]) {
      const viewer = { id: userId, roles: [], organizationId: null };
      ctx.realtime.emit(rooms.user(userId), 'chat:session', presentSession(session, viewer, live));
    }
  }

  router.post('/requests', async (req, res) => {
    const user = requireUser(req);
    const input = parse(AdviceRequestInput, req.body, 'request');
    authorize(req.actor, 'create', 'adviceRequest', null);
    const live = await createRequest({ service, founder: { id: user.id as string, name: user.name }, input });
    res.status(201).json({ data: service.requestView(live) });
  });

  router.get('/requests', async (req, res) => {
    const user = requireUser(req);
    authorize(req.actor, 'create', 'adviceRequest', null);
    const lives = await listRequests({ founderId: user.id as string, limit: 20 });
    res.json({ data: lives.map((l) => service.requestView(service.dispatcher.requests.get(l.id) ?? l)) });
  });

  router.get('/requests/:id', async (req, res) => {
    const { id } = parse(IdParams, req.params, 'path');
    const live = await loadRequest({ service, id });
    authorize(req.actor, 'read', 'adviceRequest', live);
    res.json({ data: service.requestView(live) });
  });

  router.post('/requests/:id/cancel', async (req, res) => {
    const { id } = parse(IdParams, req.params, 'path');
    const live = await loadRequest({ service, id });
    authorize(req.actor, 'cancel', 'adviceRequest', live);
    res.json({ data: service.requestView(await cancelRequest({ service, live })) });
  });

  router.get('/advisor', async (req, res) => {
    const user = requireUser(req);
    authorize(req.actor, 'work', 'advisorConsole', null);
    res.json({ data: await service.advisorState(user.id as string) });
  });

  router.patch('/advisor', async (req, res) => {
    const user = requireUser(req);
    const changes = parse(AdvisorProfileInput, req.body, 'advisor profile');
    authorize(req.actor, 'work', 'advisorConsole', null);
    res.json({ data: await updateAdvisorProfile({ service, userId: user.id as string, changes }) });
  });

  router.get('/offers', (req, res) => {
    const user = requireUser(req);
    authorize(req.actor, 'work', 'advisorConsole', null);
    res.json({ data: pendingOffers({ service, advisorId: user.id as string }).map((l) => presentOffer(l, service.settings.offerTimeoutMs)) });
  });

  router.get('/sessions', async (req, res) => {
    const user = requireUser(req);
    const q = parse(HistoryQuery, req.query, 'query');
    const { items, total } = await listSessions({ userId: user.id as string, ...q });
    res.json({ data: { items: items.map((s) => presentSession(s, req.actor)), total, page: q.page, pageSize: q.pageSize } });
  });

  router.get('/sessions/:id', async (req, res) => {
    const { id } = parse(IdParams, req.params, 'path');
    const session = await loadSession({ id });
    authorize(req.actor, 'read', 'chatSession', chatSubject(session));
    res.json({ data: presentSession(session, req.actor, (await service.chat.loaded(id))?.meta) });
  });

  router.get('/sessions/:id/messages', async (req, res) => {
    const { id } = parse(IdParams, req.params, 'path');
    const q = parse(ChatHistoryQuery, req.query, 'query');
    const session = await loadSession({ id });
    authorize(req.actor, 'read', 'chatSession', chatSubject(session));
    const room = await service.chat.room(id);
    if (!room) throw notFound('Session');
    res.json({ data: await readMessages({ room, ...q }) });
  });

  router.post('/sessions/:id/end', async (req, res) => {
    const { id } = parse(IdParams, req.params, 'path');
    const user = requireUser(req);
    const session = await loadSession({ id });
    authorize(req.actor, 'end', 'chatSession', chatSubject(session, (await service.chat.loaded(id))?.meta));
    const ended = await endSession({ service, session, byUserId: user.id as string });
    res.json({ data: presentSession(ended, req.actor) });
    await announce(ended);
  });

  router.post('/sessions/:id/rating', async (req, res) => {
    const { id } = parse(IdParams, req.params, 'path');
    const input = parse(RatingInput, req.body, 'rating');
    const session = await loadSession({ id });
    authorize(req.actor, 'rate', 'chatSession', chatSubject(session));
    const rated = await rateSession({ service, session, input });
    res.json({ data: presentSession(rated, req.actor) });
    await announce(rated);
  });

  router.post('/sessions/:id/summary', async (req, res) => {
    const { id } = parse(IdParams, req.params, 'path');
    const { summary } = parse(SummaryInput, req.body, 'summary');
    const session = await loadSession({ id });
    authorize(req.actor, 'summarize', 'chatSession', chatSubject(session));
    const updated = await summarizeSession({ session, summary });
    res.json({ data: presentSession(updated, req.actor) });
    await announce(updated);
  });

  return router;
}
