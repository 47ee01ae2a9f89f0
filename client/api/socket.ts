/**
 * The one Socket.io connection of the app, typed by the shared event maps. It connects to the
 * page's own origin; the session cookie authenticates the handshake, so after a login or logout
 * the connection is re-made ({@link reconnectSocket}) to carry the new cookie. When the server
 * drops the socket on purpose (session ended, account disabled) Socket.io does not retry by
 * itself; we reconnect as whoever the cookie now says.
 */
import { io, type Socket } from 'socket.io-client';
import type { Ack, ClientToServerEvents, ServerToClientEvents } from '../../shared/events';
import { ApiError, toErrorBody } from './ApiError';

export type AppSocket = Socket<ServerToClientEvents, ClientToServerEvents>;

export const socket: AppSocket = io({ autoConnect: false, withCredentials: true });

socket.on('disconnect', (reason) => {
  if (reason === 'io server disconnect') setTimeout(connectSocket, 250);
});

/** Opens the connection once at boot. */
export function connectSocket(): void {
  if (!socket.connected && !socket.active) socket.connect();
}

/** Drops and re-opens the connection so the handshake carries the current session cookie. */
export function reconnectSocket(): void {
  socket.disconnect();
  socket.connect();
}

type Events = ClientToServerEvents;
/** Events sent as requests: a payload and an acknowledgement carrying a `Reply`. */
export type RequestEvent = {
  [E in keyof Events]: Parameters<Events[E]> extends [unknown, Ack<infer _T>] ? E : never;
}[keyof Events];
export type RequestPayload<E extends RequestEvent> = Parameters<Events[E]>[0];
export type RequestResult<E extends RequestEvent> = Parameters<Events[E]>[1] extends Ack<infer T> ? T : never;

/** The loosely typed face of `emitWithAck`; the public signature of {@link request} restores the types. */
interface AckEmitter {
  emitWithAck(event: string, payload: unknown): Promise<{ data?: unknown; error?: unknown }>;
}

/**
 * Sends a request and resolves with the reply's `data`; throws {@link ApiError} with the reply's
 * error, or `unavailable` when no reply comes within `timeoutMs` (also while offline).
 */
export async function request<E extends RequestEvent>(event: E, payload: RequestPayload<E>, timeoutMs = 10_000): Promise<RequestResult<E>> {
  let reply: { data?: unknown; error?: unknown };
  try {
    reply = await (socket.timeout(timeoutMs) as unknown as AckEmitter).emitWithAck(event, payload);
  } catch {
    throw new ApiError({ code: 'unavailable', message: `No reply to ${event}` }, 0);
  }
  if (reply.error !== undefined) throw new ApiError(toErrorBody(reply, 'internal'), 0);
  return reply.data as RequestResult<E>;
}
