import type { Request, RequestHandler, Response } from 'express';
import { pino, type DestinationStream, type Logger } from 'pino';

/**
 * Credentials that must never reach a log line, wherever a caller puts a request, a response,
 * headers or a body (pino's paths go one level deep per `*`).
 */
const REDACT = [
  'cookie', 'authorization', 'password', 'passwordHash', 'token', 'set-cookie',
  '*.cookie', '*.authorization', '*.password', '*.passwordHash', '*.token', '*["set-cookie"]',
  '*.headers.cookie', '*.headers.authorization', '*.headers["set-cookie"]', '*.body.password', '*.body.token',
];

/**
 * One structured JSON logger for the process; children carry a `component` field. Writes to
 * stdout unless given `destination` (tests capture the output there).
 */
export function createLogger(level: string, destination?: DestinationStream): Logger {
  const opts = { level, base: { app: 'yinzhi' }, redact: { paths: REDACT, censor: '[redacted]' } };
  return destination ? pino(opts, destination) : pino(opts);
}

/**
 * One concise line per API request once its response is done: method, route (the matched
 * Express pattern such as `/api/challenges/:id`, else the path without its query), status,
 * response time and the user id — never headers, query strings or bodies, which carry
 * session cookies and tokens. 4xx log at warn, 5xx at error.
 */
export function requestLogger(log: Logger): RequestHandler {
  return (req, res, next) => {
    if (!req.path.startsWith('/api')) return next(); // static client files are not worth a line each
    const started = process.hrtime.bigint();
    const route = trackRoute(req);
    res.once('close', () => {
      const line = {
        method: req.method,
        route: route() ?? req.originalUrl.split('?')[0],
        status: res.statusCode,
        ms: Number((process.hrtime.bigint() - started) / 1000n) / 1000,
        userId: (req.user?.id as string | undefined) ?? null,
        ...(res.writableFinished ? {} : { aborted: true }),
      };
      log[levelOf(res)](line, 'request');
    });
    next();
  };
}

const levelOf = (res: Response) => (res.statusCode >= 500 ? 'error' : res.statusCode >= 400 ? 'warn' : 'info');

/**
 * Remembers the route pattern when Express matches it. Reading `req.route` at the end is not
 * enough: when a handler fails, the routers restore `req.baseUrl` on the way out to the error
 * handler, and a mount with parameters (`/challenges/:id/questions`) puts the concrete id in
 * `baseUrl`; so the pattern is taken at assignment and the mount's parameters put back as
 * `:name` (those routers merge their parent's params).
 */
function trackRoute(req: Request): () => string | undefined {
  let current: unknown;
  let pattern: string | undefined;
  Object.defineProperty(req, 'route', {
    configurable: true,
    enumerable: true,
    get: () => current,
    set(route: { path?: unknown } | undefined) {
      current = route;
      if (typeof route?.path !== 'string') return;
      const params = Object.entries((req.params ?? {}) as Record<string, string>);
      const base = req.baseUrl
        .split('/')
        .map((segment) => {
          const named = params.find(([, value]) => value !== '' && encodeURIComponent(value) === segment);
          return named ? `:${named[0]}` : segment;
        })
        .join('/');
      pattern = base + (route.path === '/' && base ? '' : route.path);
    },
  });
  return () => pattern;
}

export type { Logger };
