/**
 * A change of an account's rights (roles, organisation, an approved or revoked representation)
 * is re-decided on each of its open sockets on this process: the socket's actor is replaced,
 * every room it is in is asked again of the central policies (rooms.ts), rooms it may no longer
 * be in are left — a challenge page that became invisible is told `challenge:removed` — and
 * rooms it has gained are joined. The client then receives `session:updated` with its new view.
 */
import { rooms } from '../../shared/events';
import type { AppContext } from '../context';
import { subscriber } from '../events/bus';
import { User } from '../models/User';
import { actorOf } from '../policies';
import { presentMe } from '../presenters/user';
import { boardRoomsFor, mayBeIn, personalRooms, policedRooms, type SubjectCache } from '../sockets/roomAccess';
import type { TypedSocket } from '../sockets/types';
import { forgetWatch } from '../sockets/board';

export const socketRights = (ctx: AppContext) =>
  subscriber({
    name: 'socketRights',
    scope: 'everyProcess',
    events: ['user.rightsChanged', 'representation.decided'],
    async handle({ data }) {
      const io = ctx.realtime.io;
      if (!io) return;
      const user = await User.findById(data.userId);
      if (!user || user.disabled) return; // its sessions end (session.ended): nothing to re-decide
      const actor = actorOf(user);
      const me = actor ? presentMe(user) : null;
      const sockets = (await io.local.in(rooms.user(data.userId)).fetchSockets()) as unknown as TypedSocket[];
      const cache: SubjectCache = new Map();
      for (const socket of sockets) {
        socket.data.actor = actor;
        socket.data.me = me;
        await redecideRooms(ctx, socket, cache);
        socket.emit('session:updated', { user: me });
      }
    },
  });

/** Leaves every room the socket's actor may no longer be in; joins the personal and board rooms it now may. */
export async function redecideRooms(ctx: AppContext, socket: TypedSocket, cache: SubjectCache): Promise<void> {
  const holder = { actor: socket.data.actor, sessionId: socket.data.sessionId };
  for (const room of policedRooms(socket.rooms, socket.id)) {
    if (await mayBeIn(holder, room, cache)) continue;
    await socket.leave(room);
    if (room.startsWith('challenge:')) {
      const id = room.slice('challenge:'.length);
      forgetWatch(ctx, socket, id);
      socket.emit('challenge:removed', { id });
    }
  }
  const join = personalRooms(holder);
  if (socket.rooms.has(rooms.board)) join.push(...boardRoomsFor(holder.actor));
  await socket.join(join);
}
