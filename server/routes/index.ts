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
import { challengesRouter } from './challenges';
import { questionsRouter } from './questions';
import { challengeTeamsRouter, teamsRouter } from './teams';
import { notificationsRouter } from './notifications';
import { adminRouter } from './admin';
import { adviceRouter } from './advice';
import { workspacesRouter } from './workspaces';
import { challengeSubmissionsRouter, submissionsRouter } from './submissions';
import { passwordRouter } from './password';
import { representationRouter } from './representation';

/** Everything under /api: body parsing with a size limit, CSRF check, session, routers, JSON 404. */
export function apiRouter(ctx: AppContext): Router {
  const api = Router();
  api.use(express.json({ limit: '1mb' }));
  api.use(sameOrigin(ctx.env.ALLOWED_ORIGINS));
  api.use('/health', healthRouter(ctx));
  api.use(authenticate);
  api.use('/auth', authRouter(ctx));
  api.use('/me', meRouter());
  api.use('/users', usersRouter(ctx));
  api.use('/organizations', organizationsRouter(ctx));
  api.use('/challenges/:id/questions', questionsRouter(ctx));
  api.use('/challenges/:id/teams', challengeTeamsRouter(ctx));
  api.use('/challenges/:id/submissions', challengeSubmissionsRouter());
  api.use('/challenges', challengesRouter(ctx));
  api.use('/teams', teamsRouter(ctx));
  api.use('/notifications', notificationsRouter());
  api.use('/admin', adminRouter());
  api.use('/advice', adviceRouter(ctx));
  api.use('/workspaces', workspacesRouter(ctx));
  api.use('/submissions', submissionsRouter(ctx));
  api.use('/representation', representationRouter(ctx));
  api.use(passwordRouter(ctx));
  api.use(apiNotFound);
  return api;
}
