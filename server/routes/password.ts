import { Router } from 'express';
import { RateLimiterMemory, RateLimiterRes } from 'rate-limiter-flexible';
import { IdParams } from '../../shared/schemas/common';
import { ChangePasswordInput, PasswordResetInput, type PasswordResetLink } from '../../shared/schemas/user';
import { changePassword, issuePasswordReset, resetPassword } from '../commands/accounts/password';
import { endSessions, type AppContext } from '../context';
import { parse, rateLimited } from '../errors';
import { requireUser } from '../middlewares/authenticate';
import { authorize } from '../policies';

/** Guesses of the current password allowed per user and window. */
const CHANGE_ATTEMPTS = { points: 5, duration: 15 * 60 };

/**
 * Passwords: `POST /me/password` (change your own), `POST /users/:id/password-reset` (the admin
 * issues a one-time link) and `POST /auth/password-reset` (the link's page sets a new one).
 * Mounted at the API root because its routes sit beside three other routers' paths.
 */
export function passwordRouter(ctx: AppContext): Router {
  const router = Router();
  // In this process's memory: several processes each allow 5, which still stops a guessing run.
  const changeAttempts = new RateLimiterMemory({ ...CHANGE_ATTEMPTS, keyPrefix: 'yz:password-change' });
  const countAttempt = async (userId: string): Promise<void> => {
    try {
      await changeAttempts.consume(userId);
    } catch (r) {
      if (r instanceof RateLimiterRes) throw rateLimited(Math.max(1, Math.ceil(r.msBeforeNext / 1000)));
      throw r;
    }
  };

  router.post('/me/password', async (req, res) => {
    const user = requireUser(req);
    const input = parse(ChangePasswordInput, req.body, 'password change');
    authorize(req.actor, 'update', 'user', { id: user.id as string });
    const ended = await changePassword({ user, ...input, keepSessionId: req.sessionId, countAttempt });
    endSessions(ctx.realtime, ended, 'expired');
    ctx.log.info({ userId: user.id, endedSessions: ended.length }, 'password changed');
    res.status(204).end();
  });

  router.post('/users/:id/password-reset', async (req, res) => {
    const { id } = parse(IdParams, req.params, 'path');
    authorize(req.actor, 'manage', 'user', { id });
    const issuedBy = requireUser(req).id as string;
    const { token, expiresAt } = await issuePasswordReset({ userId: id, issuedBy });
    ctx.log.info({ userId: id, issuedBy }, 'password reset link issued');
    const data: PasswordResetLink = { link: `/reset-password?token=${token}`, expiresAt: expiresAt.toISOString() };
    res.status(201).json({ data });
  });

  router.post('/auth/password-reset', async (req, res) => {
    const input = parse(PasswordResetInput, req.body, 'password reset');
    const { user, endedSessionIds } = await resetPassword(input);
    endSessions(ctx.realtime, endedSessionIds, 'expired');
    ctx.log.info({ userId: user.id, endedSessions: endedSessionIds.length }, 'password reset');
    res.status(204).end();
  });

  return router;
}
