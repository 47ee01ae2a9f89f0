import { z } from 'zod';
import { rooms } from '../../shared/events';
import { ObjectIdString } from '../../shared/schemas/common';
import { boardRooms, loadChallenge } from '../commands/challenges/load';
import type { AppContext } from '../context';
import { notFound } from '../errors';
import { can, hasRole } from '../policies';
import { isAllianceMember } from '../policies/challenge';
import { challengeSubject } from '../presenters/challenge';
import { handle } from './handle';
import type { TypedSocket } from './types';

const Empty = z.object({}).strict();
const WatchInput = z.object({ id: ObjectIdString }).strict();

/**
 * Board presence: which board rooms a socket hears (alliance-only cards only for members) and
 * which challenge pages it has open, counted by the viewer tracker. Read access is checked by
 * the same policy as REST before a socket may join a challenge's room.
 */
export function registerBoardHandlers(socket: TypedSocket, ctx: AppContext): void {
  const watching = new Set<string>();
  const viewerKey = () => socket.data.userId ?? `anon:${socket.id}`;

  socket.on('board:watch', handle(socket, ctx.log, Empty, async (_input, actor) => {
    await socket.join(rooms.board);
    if (isAllianceMember(actor) || hasRole(actor, 'admin')) await socket.join(rooms.boardMembers);
    return { watching: true as const };
  }));

  socket.on('board:unwatch', handle(socket, ctx.log, Empty, async () => {
    await Promise.all([socket.leave(rooms.board), socket.leave(rooms.boardMembers)]);
    return { watching: false as const };
  }));

  socket.on('challenge:watch', handle(socket, ctx.log, WatchInput, async ({ id }, actor) => {
    const challenge = await loadChallenge(id);
    if (!can(actor, 'read', 'challenge', challengeSubject(challenge))) throw notFound('Challenge');
    if (watching.has(id)) return { viewers: ctx.viewers.count(id) };
    watching.add(id);
    await socket.join(rooms.challenge(id));
    return { viewers: ctx.viewers.add(id, viewerKey(), boardRooms(challenge)) };
  }));

  socket.on('challenge:unwatch', handle(socket, ctx.log, WatchInput, async ({ id }) => {
    if (!watching.delete(id)) return { viewers: ctx.viewers.count(id) };
    await socket.leave(rooms.challenge(id));
    return { viewers: ctx.viewers.remove(id, viewerKey()) };
  }));

  socket.on('disconnect', () => {
    for (const id of watching) ctx.viewers.remove(id, viewerKey());
    watching.clear();
  });
}
