import type { Server as HttpServer } from 'node:http';
import { Server } from 'socket.io';
import { createAdapter } from '@socket.io/redis-adapter';
import { Redis } from 'ioredis';
import { resolveSession } from '../commands/accounts/sessions';
import type { AppContext, TypedServer } from '../context';
import { sessionTokenOf } from '../middlewares/authenticate';
import { actorOf } from '../policies';
import { presentMe } from '../presenters/user';
import { systemHandlers } from './system';
import { boardHandlers } from './board';
import { adviceHandlers } from './advice';
import { chatHandlers } from './chat';
import { socketDispatcher, type ClientEvent, type EventsOf } from './handle';
import type { TypedSocket } from './types';
import { personalRooms } from './roomAccess';
import { originAllowed } from '../middlewares/origin';


/**
 * Once authenticated, a socket no longer needs the upgrade request and its handshake details;
 * Socket.io would keep them for the socket's lifetime (about 1 KB of headers and cookies per
 * connection). Dropping Socket.io's references is not enough: engine.io's WebSocketResponse
 * (behind a `close` listener on the TCP socket) holds the request too, so its header copies are
 * emptied. Nothing of ours reads `socket.handshake` after the connection middleware.
 */
function releaseHandshake(socket: TypedSocket): void {
  const request = socket.conn.request as { headers: unknown; rawHeaders: unknown } | null;
  if (request) {
    request.headers = NOTHING;
    request.rawHeaders = [];
  }
  (socket.conn as unknown as { request: unknown }).request = null;
  Object.assign(socket.handshake, { headers: NOTHING, query: NOTHING, auth: NOTHING, url: '', time: '' });
}
const NOTHING = Object.freeze({}) as Record<string, never>;

/** Handler modules, each owning the events of its data. */
const modules = [systemHandlers, boardHandlers, adviceHandlers, chatHandlers];

/**
 * Compile-time: every client event of the shared contract has a handler (each module's table is
 * checked against the contract's payload and reply types by `socketModule`). A missing one makes
 * this line name it.
 */
type Unhandled = Exclude<ClientEvent, EventsOf<(typeof modules)[number]>>;
const everyClientEventHandled: [Unhandled] extends [never] ? true : Unhandled = true;
void everyClientEventHandled;

/**
 * Socket.io on the shared HTTP server. The session cookie authenticates at the handshake; an
 * anonymous socket joins only the public room. `destroyUpgrade: false` leaves other upgrade
 * paths (/collab) to the server's upgrade router.
 */
export async function createIo(httpServer: HttpServer, ctx: AppContext): Promise<{ io: TypedServer; close: () => Promise<void> }> {
  const io: TypedServer = new Server(httpServer, {
    destroyUpgrade: false,
    maxHttpBufferSize: 1e6,
    serveClient: false,
    // the same origin rule as REST and /collab: a foreign page's handshake never gets a session
    allowRequest: (req, callback) => callback(originAllowed(req, ctx.env.ALLOWED_ORIGINS) ? null : 'forbidden: cross-origin connection refused', originAllowed(req, ctx.env.ALLOWED_ORIGINS)),
  });
  let redis: Redis[] = [];
  if (ctx.env.REDIS_URL) {
    const pub = new Redis(ctx.env.REDIS_URL);
    const sub = pub.duplicate();
    redis = [pub, sub];
    io.adapter(createAdapter(pub, sub));
  }

  const bindSocket = socketDispatcher(ctx, modules, (err) => ctx.log.error({ err }, 'socket clean-up failed'));

  io.use(async (socket, next) => {
    try {
      const session = await resolveSession(sessionTokenOf(socket.request.headers.cookie));
      socket.data.userId = session ? (session.user.id as string) : null;
      socket.data.sessionId = session?.sessionId ?? null;
      socket.data.actor = actorOf(session?.user);
      socket.data.me = session ? presentMe(session.user) : null;
      next();
    } catch (err) {
      ctx.log.error({ err }, 'socket handshake failed');
      next(new Error('unavailable'));
    }
  });

  io.on('connection', (socket) => {
    void socket.join(personalRooms({ actor: socket.data.actor, sessionId: socket.data.sessionId }));
    releaseHandshake(socket);
    socket.emit('session:ready', { user: socket.data.me, serverTime: new Date().toISOString() });
    bindSocket(socket);
  });

  ctx.realtime.io = io;
  return {
    io,
    close: async () => {
      io.disconnectSockets(true);
      await new Promise<void>((resolve) => io.close(() => resolve()));
      await Promise.all(redis.map((r) => r.quit().catch(() => undefined)));
    },
  };
}
