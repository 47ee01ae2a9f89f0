import { Router, type Response } from 'express';
import { LoginInput, RegisterInput } from '../../shared/schemas/user';
import { DEVICE_COOKIE, deviceTokenOf } from '../commands/accounts/knownDevices';
import { logIn } from '../commands/accounts/logIn';
import { registerAccount } from '../commands/accounts/registerAccount';
import { acceptInvite } from '../commands/representation/invites';
import { createSession, revokeSession } from '../commands/accounts/sessions';
import type { AppContext } from '../context';
import { event } from '../events/types';
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
    const { user, events } = await registerAccount({ input });
    await startSession(res, user, req.get('user-agent'));
    ctx.log.info({ userId: user.id }, 'account registered');
    await ctx.bus.publish(events);
    res.status(201).json({ data: presentMe(user) });
  });

  router.post('/login', async (req, res) => {
    const input = parse(LoginInput, req.body, 'login');
    const { user, device } = await logIn({ input, ip: req.ip ?? 'unknown', deviceToken: deviceTokenOf(req.headers.cookie), throttle: ctx.throttle });
    // Scripts never read it, and only the auth routes receive it. Set before the session cookie,
    // whose Set-Cookie stays last (the test helpers' one-cookie jar keeps the last one).
    res.cookie(DEVICE_COOKIE, device.token, { httpOnly: true, sameSite: 'strict', secure: ctx.env.COOKIE_SECURE, expires: device.expiresAt, path: '/api/auth' });
    await startSession(res, user, req.get('user-agent'));
    await ctx.bus.publish(await acceptInvite(user)); // an invite to represent an organisation, sent to this e-mail
    res.json({ data: presentMe(user) });
  });

  router.post('/logout', async (req, res) => {
    if (req.sessionId && req.user) {
      await revokeSession(req.sessionId);
      await ctx.bus.publish([event('session.ended', { userId: req.user.id as string, sessionIds: [req.sessionId], reason: 'logout' })]);
    }
    res.clearCookie(SESSION_COOKIE, { path: '/' });
    res.status(204).end();
  });

  return router;
}
