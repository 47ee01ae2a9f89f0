/**
 * A challenge whose audience shrank (public → alliance members only) is taken away from everyone
 * who may no longer read it, on this process, before anything about it is broadcast: open pages
 * (`challenge:<id>` rooms) are re-decided by the read policy and left with `challenge:removed`,
 * and public boards that are not members' boards drop the card. Live viewer counts go to the
 * new audience's rooms.
 */
import { rooms } from '../../shared/events';
import type { AppContext } from '../context';
import { subscriber } from '../events/bus';
import { boardRooms } from '../commands/challenges/load';
import { Challenge } from '../models/Challenge';
import { forgetWatch } from '../sockets/board';
import { mayBeIn, type SubjectCache } from '../sockets/roomAccess';
import type { TypedSocket } from '../sockets/types';

export const challengeAudience = (ctx: AppContext) =>
  subscriber({
    name: 'challengeAudience',
    scope: 'everyProcess',
    events: ['challenge.visibilityChanged'],
    async handle({ data }) {
      const challenge = await Challenge.findById(data.challengeId, { visibility: 1, status: 1 }).lean();
      if (challenge) ctx.viewers.setRooms(data.challengeId, boardRooms(challenge)); // viewer counts follow the audience
      const io = ctx.realtime.io;
      if (!io || data.to !== 'members') return;
      const room = rooms.challenge(data.challengeId);
      const cache: SubjectCache = new Map();
      const sockets = (await io.local.in(room).fetchSockets()) as unknown as TypedSocket[];
      for (const socket of sockets) {
        if (await mayBeIn({ actor: socket.data.actor, sessionId: socket.data.sessionId }, room, cache)) continue;
        await socket.leave(room);
        forgetWatch(ctx, socket, data.challengeId);
        socket.emit('challenge:removed', { id: data.challengeId });
      }
      io.local.to(rooms.board).except(rooms.boardMembers).emit('challenge:removed', { id: data.challengeId });
    },
  });
