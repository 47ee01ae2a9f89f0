import type { Server } from 'socket.io';
import type { ClientToServerEvents, InterServerEvents, ServerToClientEvents } from '../shared/events';
import type { ServerSocketData } from './sockets/types';
import type { ViewerTracker } from './sockets/viewers';
import type { LoginThrottle } from './commands/accounts/loginThrottle';
import type { Env } from './env';
import type { Logger } from './logger';
import type { EventBus } from './events/bus';

export type TypedServer = Server<ClientToServerEvents, ServerToClientEvents, InterServerEvents, ServerSocketData>;

/**
 * Broadcasts after a successful write. Routes get it before Socket.io exists (the HTTP server
 * is made from the app), so it is attached once the io server is up; until then it drops events.
 */
export class Realtime {
  io: TypedServer | null = null;

  emit<E extends keyof ServerToClientEvents>(rooms: string | string[], event: E, ...args: Parameters<ServerToClientEvents[E]>): void {
    this.io?.to(rooms).emit(event, ...args);
  }

  /** To every connected socket (public facts such as organisation changes). */
  emitAll<E extends keyof ServerToClientEvents>(event: E, ...args: Parameters<ServerToClientEvents[E]>): void {
    this.io?.emit(event, ...args);
  }
}

/** What every route, socket handler and command wiring needs; built once at boot (or per test). */
export interface AppContext {
  env: Env;
  log: Logger;
  realtime: Realtime;
  /** Domain events after each write; subscribers own the consequences (server/subscribers/). */
  bus: EventBus;
  throttle: LoginThrottle;
  database: { kind: 'ferretdb' | 'mongodb' };
  /** Who has which challenge page open (in memory). */
  viewers: ViewerTracker;
  /** Re-plans the deadline timer after a challenge's deadline or status changed. */
  deadlines: { poke(): void };
}

/** Tells a session's sockets it ended and drops them; they reconnect as anonymous. */
export function endSessions(realtime: Realtime, sessionIds: string[], reason: 'logout' | 'disabled' | 'expired'): void {
  const io = realtime.io;
  if (!io || sessionIds.length === 0) return;
  const rooms = sessionIds.map((id) => `session:${id}`);
  io.to(rooms).emit('session:ended', { reason });
  io.in(rooms).disconnectSockets(true);
}
