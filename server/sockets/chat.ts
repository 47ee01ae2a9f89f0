import { ChatJoinInput, ChatReadInput, ChatSendInput, ChatSessionRef, ChatTypingInput, chatRoom } from '../../shared/schemas/chat';
import { readMessages, sendMessage } from '../commands/advice/messages';
import { loadSession } from '../commands/advice/sessions';
import type { AppContext } from '../context';
import { notFound, unauthenticated } from '../errors';
import { adviceOf } from '../matching/service';
import { authorize, can, type Actor } from '../policies';
import { chatSubject, roomSubject } from '../policies/advice';
import { presentMessage, presentSession } from '../presenters/advice';
import { sharedHandler, socketModule } from './handle';

/**
 * The advice chat. Joining checks `chatSession.read` and answers with the catch-up after the
 * client's last seq; sending checks `post` against the loaded room (no database read), stores
 * once per client id, acknowledges with the stored seq and only then broadcasts to the room.
 */
export const chatHandlers = socketModule((ctx: AppContext) => {
  const service = adviceOf(ctx);

  async function roomFor(actor: Actor, sessionId: string, action: 'read' | 'post') {
    if (!actor) throw unauthenticated();
    const room = await service.chat.room(sessionId);
    if (!room) throw notFound('Session');
    authorize(actor, action, 'chatSession', roomSubject(room.meta));
    return room;
  }

  return {
    'chat:join': sharedHandler(ctx.log, ChatJoinInput, async ({ sessionId, afterSeq }, actor, socket) => {
      if (!actor) throw unauthenticated();
      const session = await loadSession({ id: sessionId });
      authorize(actor, 'read', 'chatSession', chatSubject(session));
      const room = await roomFor(actor, sessionId, 'read');
      await socket.join(chatRoom(sessionId));
      const page = await readMessages({ room, after: afterSeq, limit: service.chat.catchUpLimit });
      return { ...page, session: presentSession(session, actor, room.meta) };
    }),

    'chat:leave': sharedHandler(ctx.log, ChatSessionRef, async ({ sessionId }, _actor, socket) => {
      await socket.leave(chatRoom(sessionId));
      return { left: true as const };
    }),

    'chat:send': sharedHandler(ctx.log, ChatSendInput, async ({ sessionId, clientId, text }, actor) => {
      const room = await roomFor(actor, sessionId, 'post');
      const { message, duplicate } = await sendMessage({ chat: service.chat, room, authorId: actor?.id ?? '', clientId, text });
      const view = presentMessage(sessionId, message);
      if (!duplicate) ctx.realtime.emit(chatRoom(sessionId), 'chat:message', view);
      return view;
    }),

    'chat:read': sharedHandler(ctx.log, ChatReadInput, async ({ sessionId, seq }, actor) => {
      const room = await roomFor(actor, sessionId, 'read');
      const side = room.meta.founderId === actor?.id ? 'founder' : 'advisor';
      if (room.markRead(side, seq)) ctx.realtime.emit(chatRoom(sessionId), 'chat:read', { sessionId, userId: actor?.id ?? '', seq: room.meta.reads[side] });
      return { seq: room.meta.reads[side] };
    }),

    'chat:typing': sharedHandler(ctx.log, ChatTypingInput, async ({ sessionId, typing }, actor, socket) => {
      // Only sockets already in the room (joined after `read` was checked) may signal.
      if (!actor || !socket.rooms.has(chatRoom(sessionId))) return { ok: false };
      const room = await service.chat.loaded(sessionId);
      if (!room || !can(actor, 'post', 'chatSession', roomSubject(room.meta))) return { ok: false };
      socket.to(chatRoom(sessionId)).emit('chat:typing', { sessionId, userId: actor.id, typing });
      return { ok: true };
    }),
  };
});
