import type { NextFunction, Request, Response } from 'express';
import { forbidden } from '../errors';

const SAFE = new Set(['GET', 'HEAD', 'OPTIONS']);

/**
 * CSRF defence beside the SameSite=Lax cookie: a state-changing request that carries an Origin
 * header must come from this same host.
 */
export function sameOrigin(req: Request, _res: Response, next: NextFunction): void {
  const origin = req.headers.origin;
  if (SAFE.has(req.method) || !origin) return next();
  let host: string;
  try {
    host = new URL(origin).host;
  } catch {
    throw forbidden('Cross-origin request refused');
  }
  if (host !== req.headers.host) throw forbidden('Cross-origin request refused');
  next();
}
