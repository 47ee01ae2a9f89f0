import type { Socket } from 'socket.io';
import type { ClientToServerEvents, InterServerEvents, ServerToClientEvents, SocketData } from '../../shared/events';
import type { MeView } from '../../shared/schemas/user';
import type { Actor } from '../policies';

/** Server-side socket data: the shared part plus the resolved actor (kept off the wire). */
export interface ServerSocketData extends SocketData {
  actor: Actor;
  /** The presented account at handshake time (sent in `session:ready`). */
  me: MeView | null;
  /** Challenge pages this socket has open (created on the first watch). */
  watching?: Set<string>;
}

export type TypedSocket = Socket<ClientToServerEvents, ServerToClientEvents, InterServerEvents, ServerSocketData>;
