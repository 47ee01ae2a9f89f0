import { io, type Socket } from 'socket.io-client';
import type { ClientToServerEvents, ServerToClientEvents } from '../../shared/events';

export type ClientSocket = Socket<ServerToClientEvents, ClientToServerEvents>;

/** A real socket.io-client carrying the given session cookie; resolves after `session:ready`. */
export async function connectSocket(baseUrl: string, cookie = ''): Promise<ClientSocket & { me: unknown }> {
  const socket = io(baseUrl, {
    transports: ['websocket'],
    extraHeaders: cookie ? { cookie } : {},
    reconnection: false,
    forceNew: true,
  }) as ClientSocket & { me: unknown };
  await new Promise<void>((resolve, reject) => {
    socket.once('session:ready', ({ user }) => {
      socket.me = user;
      resolve();
    });
    socket.once('connect_error', reject);
  });
  return socket;
}

/** Resolves with the next payload of `event`, or rejects after `ms`. */
export function nextEvent<E extends keyof ServerToClientEvents>(socket: ClientSocket, event: E, ms = 5000) {
  return new Promise<Parameters<ServerToClientEvents[E]>[0]>((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`no ${String(event)} within ${ms} ms`)), ms);
    // eslint-disable-next-line @typescript-eslint/no-explicit-any -- listener type depends on E
    socket.once(event, ((payload: any) => {
      clearTimeout(timer);
      resolve(payload);
    }) as any); // eslint-disable-line @typescript-eslint/no-explicit-any
  });
}

/** Emits a request and resolves with its acknowledgement reply. */
export function request<E extends keyof ClientToServerEvents>(socket: ClientSocket, event: E, payload: unknown) {
  return (socket.timeout(5000) as any) // eslint-disable-line @typescript-eslint/no-explicit-any -- malformed payloads on purpose
.emitWithAck(event, payload) as Promise<{ data?: any; error?: { code: string } }>; // eslint-disable-line @typescript-eslint/no-explicit-any
}
