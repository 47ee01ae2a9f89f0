import http from 'node:http';
import type { Duplex } from 'node:stream';
import { createApp } from './app';
import { Redis } from 'ioredis';
import { createLoginThrottle, DEFAULT_THROTTLE, type ThrottleOptions } from './commands/accounts/loginThrottle';
import { Realtime, type AppContext, type TypedServer } from './context';
import type { Env } from './env';
import type { Logger } from './logger';
import { createIo } from './sockets';
import { ViewerTracker } from './sockets/viewers';
import { redisViewerStore } from './sockets/sharedViewers';
import { DeadlineScheduler } from './commands/challenges/deadlines';
import { stopAdvice } from './matching/service';
import { EventBus } from './events/bus';
import { registerSubscribers } from './subscribers';
import { carryOverRedis } from './events/redisTransport';

/** A handler for WebSocket upgrades under one path prefix (e.g. the collab endpoint). */
export type UpgradeHandler = (req: http.IncomingMessage, socket: Duplex, head: Buffer) => void;

export interface RunningServer {
  url: string;
  port: number;
  ctx: AppContext;
  io: TypedServer;
  httpServer: http.Server;
  /** Adds an upgrade route; longest matching prefix wins. */
  addUpgradeRoute(prefix: string, handler: UpgradeHandler): void;
  onClose(fn: () => Promise<void> | void): void;
  close(): Promise<void>;
}

/**
 * One HTTP server for everything: Express under /api and the client, Socket.io under
 * /socket.io/, and other WebSocket paths routed by prefix; unknown upgrade paths are refused.
 */
export async function startServer(opts: {
  env: Env;
  log: Logger;
  database: AppContext['database'];
  port?: number;
  throttle?: ThrottleOptions;
}): Promise<RunningServer> {
  const realtime = new Realtime();
  // shared state of several processes (login budgets, viewer counts); offline queue off so a Redis outage fails fast to the fallback
  const redis = opts.env.REDIS_URL ? new Redis(opts.env.REDIS_URL, { enableOfflineQueue: false }) : null;
  redis?.on('error', (err) => opts.log.warn({ err }, 'redis unavailable'));
  const ctx: AppContext = {
    env: opts.env,
    log: opts.log,
    realtime,
    bus: new EventBus(opts.log),
    viewers: new ViewerTracker(
      (id, viewers, rooms) => realtime.emit(rooms, 'challenge:viewers', { id, viewers }),
      250,
      redis ? redisViewerStore(redis) : null,
      (err) => opts.log.warn({ err }, 'shared viewer counts unavailable'),
    ),
    throttle: createLoginThrottle(opts.throttle ?? DEFAULT_THROTTLE, redis),
    database: opts.database,
    deadlines: { poke: () => scheduler.poke() },
  };
  const scheduler = new DeadlineScheduler(ctx);
  const httpServer = http.createServer(createApp(ctx));
  const { io, close: closeIo } = await createIo(httpServer, ctx);
  registerSubscribers(ctx);
  const transport = opts.env.REDIS_URL ? await carryOverRedis(ctx.bus, opts.env.REDIS_URL, opts.log) : null;
  const upgradeRoutes: [string, UpgradeHandler][] = [];
  const closers: (() => Promise<void> | void)[] = [];

  httpServer.on('upgrade', (req, socket, head) => {
    const path = (req.url ?? '').split('?')[0] ?? '';
    if (path.startsWith('/socket.io/')) return; // engine.io handles its own upgrades
    const route = upgradeRoutes.find(([prefix]) => path.startsWith(prefix));
    if (route) return route[1](req, socket, head);
    socket.write('HTTP/1.1 404 Not Found\r\nConnection: close\r\n\r\n');
    socket.destroy();
  });

  await new Promise<void>((resolve) => httpServer.listen(opts.port ?? opts.env.PORT, opts.env.HOST, resolve));
  await scheduler.start();
  const { port } = httpServer.address() as import('node:net').AddressInfo;
  const host = opts.env.HOST.includes(':') ? `[${opts.env.HOST}]` : opts.env.HOST;

  return {
    url: `http://${host}:${port}`,
    port,
    ctx,
    io,
    httpServer,
    addUpgradeRoute(prefix, handler) {
      upgradeRoutes.push([prefix, handler]);
      upgradeRoutes.sort((a, b) => b[0].length - a[0].length);
    },
    onClose(fn) {
      closers.push(fn);
    },
    /**
     * Stops every service in order, each before what it uses: accepting (HTTP, sockets, and
     * broadcasts — a late one would reach the Redis adapter after its clients quit and reject
     * unhandled), the advice service (countdowns, presence, chat writer and hints flushed),
     * collab and other closers, the deadline scheduler, viewer counts, then Redis. The database
     * is the caller's to stop last.
     */
    async close() {
      const closed = new Promise<void>((resolve) => httpServer.close(() => resolve()));
      ctx.realtime.io = null;
      await closeIo();
      await stopAdvice(ctx);
      for (const fn of closers) await fn();
      await scheduler.stop();
      await transport?.close();
      ctx.viewers.stop();
      await redis?.quit().catch((err: unknown) => opts.log.warn({ err }, 'redis quit failed'));
      httpServer.closeAllConnections();
      await closed;
    },
  };
}
