import { Router, type Response } from 'express';
import { LoginInput, RegisterInput } from '../../shared/schemas/user';
import { logIn } from '../commands/accounts/logIn';
import { registerAccount } from '../commands/accounts/registerAccount';
import { createSession, revokeSession } from '../commands/accounts/sessions';
import { endSessions, type AppContext } from '../context';
import { parse } from '../errors';
import { SESSION_COOKIE } from '../middlewares/authenticate';
import type { UserDocument } from '../models/User';
import { presentMe } from '../presenters/user';

export function authRouter(ctx: AppContext): Router {
  const router = Router();

  async function startSession(res: Response, user: UserDocument, userAgent?: string) {
    const { token, expiresAt } = await createSession({ userId: user.id as string, ttlDays: ctx.env.SESSION_TTL_DAYS, userAgent });
    res.cookie(SESSION_COOKIE, token, { httpOnly: true, sameSite: 'lax', secure: ctx.env.COOKIE_SECURE, expires: expiresAt, path: '/' });
  }

  router.post('/register', async (req, res) => {
    const input = parse(RegisterInput, req.body, 'registration');
    const user = await registerAccount({ input });
    await startSession(res, user, req.get('user-agent'));
    ctx.log.info({ userId: user.id }, 'account registered');
    res.status(201).json({ data: presentMe(user) });
  });

  router.post('/login', async (req, res) => {
    const input = parse(LoginInput, req.body, 'login');
    const user = await logIn({ input, ip: req.ip ?? 'unknown', throttle: ctx.throttle });
    await startSession(res, user, req.get('user-agent'));
    res.json({ data: presentMe(user) });
  });

  router.post('/logout', async (req, res) => {
    if (req.sessionId) {
      await revokeSession(req.sessionId);
      endSessions(ctx.realtime, [req.sessionId], 'logout');
    }
    res.clearCookie(SESSION_COOKIE, { path: '/' });
    res.status(204).end();
  });

  return router;
}
