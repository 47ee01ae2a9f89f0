import type { NextFunction, Request, Response } from 'express';
import { forbidden } from '../errors';
import { originAllowed } from './origin';

const SAFE = new Set(['GET', 'HEAD', 'OPTIONS']);

/**
 * CSRF defence beside the SameSite=Lax cookie: a state-changing request that carries an Origin
 * header must come from an allowed origin (this host, or ALLOWED_ORIGINS).
 */
export function sameOrigin(allowed: readonly string[]) {
  return (req: Request, _res: Response, next: NextFunction): void => {
    if (SAFE.has(req.method) || originAllowed(req, allowed)) return next();
    throw forbidden('Cross-origin request refused');
  };
}
