import { z } from 'zod';
import { rooms } from '../../shared/events';
import { ObjectIdString } from '../../shared/schemas/common';
import { boardRooms, loadChallenge } from '../commands/challenges/load';
import type { AppContext } from '../context';
import { notFound } from '../errors';
import { can } from '../policies';
import { challengeSubject } from '../presenters/challenge';
import { sharedHandler, socketModule } from './handle';
import type { TypedSocket } from './types';
import { boardRoomsFor } from './roomAccess';

const Empty = z.object({}).strict();
const WatchInput = z.object({ id: ObjectIdString }).strict();

const viewerKey = (socket: TypedSocket) => socket.data.userId ?? `anon:${socket.id}`;

/** The socket no longer has the challenge's page open (closed, or no longer allowed to see it); returns the count now. */
export function forgetWatch(ctx: AppContext, socket: TypedSocket, id: string): number {
  if (!socket.data.watching?.delete(id)) return ctx.viewers.count(id);
  return ctx.viewers.remove(id, viewerKey(socket));
}

/**
 * Board presence: which board rooms a socket hears (alliance-only cards only for members) and
 * which challenge pages it has open, counted by the viewer tracker. Read access is checked by
 * the same policy as REST before a socket may join a challenge's room. The set of watched pages
 * lives in `socket.data.watching`, allocated only once a page is opened.
 */
export const boardHandlers = socketModule((ctx: AppContext) => ({
  'board:watch': sharedHandler(ctx.log, Empty, async (_input, actor, socket) => {
    await socket.join(boardRoomsFor(actor));
    return { watching: true as const };
  }),

  'board:unwatch': sharedHandler(ctx.log, Empty, async (_input, _actor, socket) => {
    await Promise.all([socket.leave(rooms.board), socket.leave(rooms.boardMembers)]);
    return { watching: false as const };
  }),

  'challenge:watch': sharedHandler(ctx.log, WatchInput, async ({ id }, actor, socket) => {
    const challenge = await loadChallenge(id);
    if (!can(actor, 'read', 'challenge', challengeSubject(challenge))) throw notFound('Challenge');
    const watching = (socket.data.watching ??= new Set());
    if (watching.has(id)) return { viewers: ctx.viewers.count(id) };
    watching.add(id);
    await socket.join(rooms.challenge(id));
    return { viewers: ctx.viewers.add(id, viewerKey(socket), boardRooms(challenge)) };
  }),

  'challenge:unwatch': sharedHandler(ctx.log, WatchInput, async ({ id }, _actor, socket) => {
    await socket.leave(rooms.challenge(id));
    return { viewers: forgetWatch(ctx, socket, id) };
  }),

  disconnect(this: TypedSocket) {
    for (const id of this.data.watching ?? []) ctx.viewers.remove(id, viewerKey(this));
    this.data.watching?.clear();
  },
}));
