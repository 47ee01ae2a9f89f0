/**
 * The typed Socket.io contract shared by server and client. Requests are named `noun:verb`
 * (`challenge:create`) and answered through an acknowledgement with a `Reply`; broadcasts are
 * past tense (`challenge:created`). Rooms share the nouns: `user:<id>`, `challenge:<id>`,
 * `board`. Every payload is parsed on the server with its zod schema: the types here are the
 * contract, not the check.
 */
import type { ErrorBody } from './errors';
import type { MeView } from './schemas/user';
import type { OrganizationView } from './schemas/organization';

/** The envelope of every acknowledgement: exactly one of data or error. */
export type Reply<T> = { data: T; error?: undefined } | { error: ErrorBody; data?: undefined };
export type Ack<T> = (reply: Reply<T>) => void;

export interface ServerToClientEvents {
  /** Sent once after the handshake: who the server believes this socket is (null = anonymous). */
  'session:ready': (payload: { user: MeView | null; serverTime: string }) => void;
  /** The account's session was revoked (logout elsewhere, disabled): the client drops to anonymous. */
  'session:ended': (payload: { reason: 'logout' | 'disabled' | 'expired' }) => void;
  'organization:created': (org: OrganizationView) => void;
  'organization:updated': (org: OrganizationView) => void;
}

export interface ClientToServerEvents {
  /** Round-trip check used by the connection indicator (latency in ms on the client). */
  'system:ping': (payload: Record<string, never>, ack: Ack<{ serverTime: string }>) => void;
}

export interface InterServerEvents {
  ping: () => void;
}

/** Per-socket state set at the handshake. */
export interface SocketData {
  userId: string | null;
  sessionId: string | null;
}

/** Room names, in one place so server and tests agree. */
export const rooms = {
  user: (id: string) => `user:${id}`,
  public: 'public',
  members: 'members',
} as const;
