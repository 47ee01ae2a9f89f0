import type { NextFunction, Request, Response } from 'express';
import { AppError, toAppError } from '../errors';
import type { Logger } from '../logger';

/** Errors raised by body-parser carry a `type`; map them to the shared codes. */
function fromBodyParser(err: unknown): AppError | null {
  const type = (err as { type?: unknown } | null)?.type;
  if (type === 'entity.too.large') return new AppError('payload_too_large', 'Request body is too large');
  if (type === 'entity.parse.failed') return new AppError('invalid_json', 'Malformed JSON body');
  const status = (err as { status?: unknown } | null)?.status;
  if (typeof type === 'string' && typeof status === 'number' && status >= 400 && status < 500) {
    return new AppError('bad_request', 'Unreadable request body');
  }
  return null;
}

/** The last middleware: every failure leaves as `{ error: { code, message, details? } }`, never a stack. */
export function errorHandler(log: Logger) {
  return (err: unknown, req: Request, res: Response, _next: NextFunction): void => {
    const appError = fromBodyParser(err) ?? toAppError(err);
    if (appError.code === 'internal') log.error({ err, url: req.originalUrl }, 'unhandled error');
    if (res.headersSent) return;
    res.status(appError.status).set(appError.headers ?? {}).json({ error: appError.toBody() });
  };
}

export function apiNotFound(req: Request): never {
  throw new AppError('not_found', `No API route ${req.method} ${req.path}`);
}
