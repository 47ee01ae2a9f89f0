import { rooms } from '../../shared/events';
import { AdviceRequestInput, AdvisorStatusInput, DeclineInput, RespondInput } from '../../shared/schemas/advice';
import { acceptOffer, declineOffer } from '../commands/advice/offers';
import { createRequest, loadRequest } from '../commands/advice/requests';
import type { AppContext } from '../context';
import { unauthenticated } from '../errors';
import { adviceOf } from '../matching/service';
import { authorize, hasRole } from '../policies';
import { presentSession } from '../presenters/advice';
import { sharedHandler, socketModule } from './handle';
import type { TypedSocket } from './types';

const listeners = (ctx: AppContext) => {
  const service = adviceOf(ctx);
  return {
    'advisor:status': sharedHandler(ctx.log, AdvisorStatusInput, async ({ status }, actor, socket) => {
      if (!actor) throw unauthenticated();
      authorize(actor, 'work', 'advisorConsole', null);
      return service.choose(actor.id, socket.id, status);
    }),

    // The founder is known from the handshake (`socket.data`): no session or user read per request.
    'advice:request': sharedHandler(ctx.log, AdviceRequestInput, async (input, actor, socket) => {
      if (!actor) throw unauthenticated();
      authorize(actor, 'create', 'adviceRequest', null);
      const live = await createRequest({ service, founder: { id: actor.id, name: socket.data.me?.name ?? '' }, input });
      return service.requestView(live);
    }),

    'advice:accept': sharedHandler(ctx.log, RespondInput, async ({ requestId }, actor, socket) => {
      if (!actor) throw unauthenticated();
      const live = await loadRequest({ service, id: requestId });
      authorize(actor, 'respond', 'adviceRequest', live);
      const session = await acceptOffer({ service, live, advisor: { id: actor.id, name: socket.data.me?.name ?? '' } });
      const view = presentSession(session, actor);
      const founder = { id: live.founderId, roles: [], organizationId: null };
      ctx.realtime.emit(rooms.user(live.founderId), 'chat:session', presentSession(session, founder));
      ctx.realtime.emit(rooms.user(actor.id), 'chat:session', view);
      return view;
    }),

    'advice:decline': sharedHandler(ctx.log, DeclineInput, async ({ requestId }, actor) => {
      if (!actor) throw unauthenticated();
      const live = await loadRequest({ service, id: requestId });
      authorize(actor, 'respond', 'adviceRequest', live);
      await declineOffer({ service, live, advisorId: actor.id });
      return { requestId };
    }),

    disconnect(this: TypedSocket) {
      if (this.data.userId) service.presence.disconnected(this.data.userId, this.id);
    },
  };
};

/**
 * Advisor presence and offer responses. An advisor's new socket resumes the status they chose
 * if they dropped within the grace period; the offer's accept/decline go through the same
 * `adviceRequest.respond` rule as everything else.
 */
export const adviceHandlers = socketModule(listeners, (socket, ctx: AppContext) => {
  const { userId, actor } = socket.data;
  if (userId && hasRole(actor, 'advisor')) adviceOf(ctx).presence.connected(userId, socket.id);
});
