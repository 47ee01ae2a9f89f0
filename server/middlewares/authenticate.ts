import type { NextFunction, Request, Response } from 'express';
import { parse as parseCookie } from 'cookie';
import { resolveSession } from '../commands/accounts/sessions';
import type { UserDocument } from '../models/User';
import { actorOf, type Actor } from '../policies';
import { unauthenticated } from '../errors';

export const SESSION_COOKIE = 'yz_sid';

declare module 'express-serve-static-core' {
  interface Request {
    user: UserDocument | null;
    actor: Actor;
    sessionId: string | null;
  }
}

/** Reads the session cookie of any request (HTTP or socket handshake). */
export function sessionTokenOf(cookieHeader: string | undefined): string | undefined {
  return cookieHeader ? parseCookie(cookieHeader)[SESSION_COOKIE] : undefined;
}

/** Resolves the session cookie to `req.user`/`req.actor` (null when anonymous); never rejects. */
export async function authenticate(req: Request, _res: Response, next: NextFunction): Promise<void> {
  const session = await resolveSession(sessionTokenOf(req.headers.cookie));
  req.user = session?.user ?? null;
  req.sessionId = session?.sessionId ?? null;
  req.actor = actorOf(req.user);
  next();
}

/** Guards a route that needs a logged-in user. */
export function requireUser(req: Request): UserDocument {
  if (!req.user) throw unauthenticated();
  return req.user;
}
