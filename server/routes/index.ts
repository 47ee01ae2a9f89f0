import express, { Router } from 'express';
import type { AppContext } from '../context';
import { authenticate } from '../middlewares/authenticate';
import { apiNotFound } from '../middlewares/errorHandler';
import { sameOrigin } from '../middlewares/sameOrigin';
import { authRouter } from './auth';
import { healthRouter } from './health';
import { meRouter } from './me';
import { organizationsRouter } from './organizations';
import { usersRouter } from './users';

/** Everything under /api: body parsing with a size limit, CSRF check, session, routers, JSON 404. */
export function apiRouter(ctx: AppContext): Router {
  const api = Router();
  api.use(express.json({ limit: '1mb' }));
  api.use(sameOrigin);
  api.use('/health', healthRouter(ctx));
  api.use(authenticate);
  api.use('/auth', authRouter(ctx));
  api.use('/me', meRouter());
  api.use('/users', usersRouter(ctx));
  api.use('/organizations', organizationsRouter(ctx));
  api.use(apiNotFound);
  return api;
}
