/**
 * Which Socket.io rooms an actor may be in, decided by the central policies. Joining a room
 * (handshake, board:watch, challenge:watch, chat:join) and re-deciding after a change of rights
 * ask the same function, so a room is never kept by someone the policy would not let in.
 * Room names are those of `shared/events.ts` (`rooms`) and `chatRoom`.
 */
import { rooms } from '../../shared/events';
import { Challenge } from '../models/Challenge';
import { ChatSession } from '../models/ChatSession';
import { can, hasRole, type Actor } from '../policies';
import { chatSubject } from '../policies/advice';
import { isAllianceMember } from '../policies/challenge';
import { challengeSubject } from '../presenters/challenge';

/** What a socket is, for deciding its rooms. */
export interface RoomHolder {
  actor: Actor;
  sessionId: string | null;
}

/** Loaded subjects, shared by one round of decisions (many sockets, few challenges). */
export type SubjectCache = Map<string, Promise<boolean | ((actor: Actor) => boolean)>>;

const prefixed = (room: string, prefix: string) => (room.startsWith(prefix) ? room.slice(prefix.length) : null);

/** The board rooms an actor hears: alliance-only cards only for members (and the moderating admin). */
export function boardRoomsFor(actor: Actor): string[] {
  return isAllianceMember(actor) || hasRole(actor, 'admin') ? [rooms.board, rooms.boardMembers] : [rooms.board];
}

/** The personal rooms a socket joins at the handshake (and after a change of rights). */
export function personalRooms(holder: RoomHolder): string[] {
  const { actor, sessionId } = holder;
  if (!actor || !sessionId) return [];
  const list = [rooms.user(actor.id), `session:${sessionId}`];
  if (actor.organizationId && can(actor, 'represent', 'organization', { id: actor.organizationId })) list.push(rooms.organization(actor.organizationId));
  return list;
}

/** Whether `holder` may be in `room` now. Unknown room names are refused. */
export async function mayBeIn(holder: RoomHolder, room: string, cache: SubjectCache = new Map()): Promise<boolean> {
  const { actor } = holder;
  if (room === rooms.board) return true;
  if (room === rooms.boardMembers) return boardRoomsFor(actor).includes(rooms.boardMembers);
  let id: string | null;
  if ((id = prefixed(room, 'user:'))) return actor?.id === id;
  if ((id = prefixed(room, 'session:'))) return !!actor && holder.sessionId === id;
  if ((id = prefixed(room, 'org:'))) return can(actor, 'represent', 'organization', { id });
  if ((id = prefixed(room, 'challenge:'))) return decide(cache, room, actor, () => challengeRule(id!));
  if ((id = prefixed(room, 'chat:'))) return decide(cache, room, actor, () => chatRule(id!));
  return false;
}

async function decide(cache: SubjectCache, room: string, actor: Actor, load: () => Promise<boolean | ((a: Actor) => boolean)>): Promise<boolean> {
  let rule = cache.get(room);
  if (!rule) cache.set(room, (rule = load()));
  const r = await rule;
  return typeof r === 'boolean' ? r : r(actor);
}

async function challengeRule(id: string) {
  const c = await Challenge.findById(id);
  if (!c) return false;
  const subject = challengeSubject(c);
  return (actor: Actor) => can(actor, 'read', 'challenge', subject);
}

async function chatRule(id: string) {
  const s = await ChatSession.findById(id);
  if (!s) return false;
  const subject = chatSubject(s);
  return (actor: Actor) => can(actor, 'read', 'chatSession', subject);
}

/** The rooms of a socket that are subject to policy (not its own id room). */
export function policedRooms(socketRooms: Iterable<string>, socketId: string): string[] {
  return [...socketRooms].filter((r) => r !== socketId);
}

