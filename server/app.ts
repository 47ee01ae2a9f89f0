import fs from 'node:fs';
import type { ServerResponse } from 'node:http';
import path from 'node:path';
import compression from 'compression';
import express, { type Express, type Request, type Response } from 'express';
import expressStaticGzip from 'express-static-gzip';
import helmet from 'helmet';
import type { AppContext } from './context';
import { notFound } from './errors';
import { requestLogger } from './logger';
import { errorHandler } from './middlewares/errorHandler';
import { apiRouter } from './routes';

/** Builds the Express app without listening (what tests and the server both use). */
export function createApp(ctx: AppContext): Express {
  const app = express();
  app.disable('x-powered-by');
  app.set('trust proxy', 'loopback');
  app.use(
    helmet({
      contentSecurityPolicy: {
        directives: {
          'img-src': ["'self'", 'data:', 'blob:', 'https:'],
          'connect-src': ["'self'", 'ws:', 'wss:'],
          'style-src': ["'self'", "'unsafe-inline'"],
          'upgrade-insecure-requests': null,
        },
      },
    }),
  );
  // one concise line per API request, no headers (pino-http binds the whole request, cookies and all)
  app.use(requestLogger(ctx.log));
  app.use('/api', compressJson());
  app.use('/api', apiRouter(ctx));
  serveClient(app, ctx.env.CLIENT_DIST);
  app.use(errorHandler(ctx.log));
  return app;
}

/** Responses smaller than this go out as they are: compressing them saves too little to pay. */
const COMPRESS_THRESHOLD_BYTES = 1024;

/**
 * Compresses API responses above the threshold (brotli or gzip, as the client accepts). Mounted on
 * /api only: Socket.io and /collab never pass through Express, and an event stream would be held
 * back by the compressor's buffer, so it is left alone.
 */
function compressJson() {
  return compression({
    threshold: COMPRESS_THRESHOLD_BYTES,
    filter: (req: Request, res: Response) => !String(res.getHeader('Content-Type') ?? '').startsWith('text/event-stream') && compression.filter(req, res),
  });
}

/** A year: hashed asset names change with their content, so a cached copy never goes stale. */
const IMMUTABLE = 'public, max-age=31536000, immutable';

/**
 * Serves the Vite build with the brotli/gzip copies made at build time (chosen by Accept-Encoding,
 * `Vary: Accept-Encoding`), and falls back to index.html for client-side routes. Hashed files
 * under /assets are cached for good; index.html and other unhashed files are revalidated on every
 * visit (`no-cache`), so a new deploy is picked up at once.
 */
function serveClient(app: Express, dist: string): void {
  const index = path.join(dist, 'index.html');
  if (!fs.existsSync(index)) return;
  const assets = path.join(dist, 'assets') + path.sep;
  const statics = expressStaticGzip(dist, {
    enableBrotli: true,
    orderPreference: ['br', 'gzip'],
    index: false,
    serveStatic: {
      index: false,
      cacheControl: false,
      setHeaders: (res: ServerResponse, file: string) => {
        res.setHeader('Cache-Control', file.startsWith(assets) ? IMMUTABLE : 'no-cache');
      },
    },
  });
  app.use(statics);
  // A hashed file that is not there (an old tab asking for a chunk of the previous build) is a
  // 404, not index.html served as JavaScript.
  app.use('/assets', (_req, _res, next) => next(notFound('Asset')));
  app.get('/{*splat}', (req, res, next) => {
    if (req.path.startsWith('/collab') || req.path.startsWith('/socket.io')) return next();
    // The client route is answered with index.html through the same negotiation.
    req.url = '/index.html';
    statics(req, res, next);
  });
}
