import fs from 'node:fs';
import path from 'node:path';
import express, { type Express } from 'express';
import helmet from 'helmet';
import type { AppContext } from './context';
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
  app.use('/api', apiRouter(ctx));
  serveClient(app, ctx.env.CLIENT_DIST);
  app.use(errorHandler(ctx.log));
  return app;
}

/** Serves the Vite build and falls back to index.html for client-side routes. */
function serveClient(app: Express, dist: string): void {
  const index = path.join(dist, 'index.html');
  if (!fs.existsSync(index)) return;
  app.use(express.static(dist, { index: false, maxAge: '1h' }));
  app.get('/{*splat}', (req, res, next) => {
    if (req.path.startsWith('/collab') || req.path.startsWith('/socket.io')) return next();
    res.sendFile(index);
  });
}
