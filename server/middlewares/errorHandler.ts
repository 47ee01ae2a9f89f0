import type { NextFunction, Request, Response } from 'express';
import { AppError, toAppError } from '../errors';
import type { Logger } from '../logger';

/**
 * Errors raised by Express's own layers carry a 4xx `status`: body-parser (with a `type`:
 * too large, bad JSON, a body whose Content-Encoding does not match it) and the router (a path
 * parameter with malformed percent-encoding). Map them to the shared codes; they are the
 * client's mistakes, never a 500.
 */
function fromExpress(err: unknown): AppError | null {
  if (err instanceof AppError) return null;
  const { type, status, statusCode } = (err ?? {}) as { type?: unknown; status?: unknown; statusCode?: unknown };
  if (type === 'entity.too.large') return new AppError('payload_too_large', 'Request body is too large');
  if (type === 'entity.parse.failed') return new AppError('invalid_json', 'Malformed JSON body');
  // the router's decodeURIComponent of a path parameter (with or without a 4xx status on it)
  if (err instanceof URIError) return new AppError('bad_request', 'Malformed percent-encoding in the path', { details: [{ path: ['path'], code: 'malformed_uri', message: 'malformed percent-encoding' }] });
  const code = typeof status === 'number' ? status : typeof statusCode === 'number' ? statusCode : 0;
  if (code < 400 || code >= 500) return null;
  if (typeof type === 'string') return new AppError('bad_request', 'Unreadable request body', { details: [{ path: [], code: type, message: 'unreadable body' }] });
  return new AppError('bad_request', 'Bad request');
}

/** The last middleware: every failure leaves as `{ error: { code, message, details? } }`, never a stack. */
export function errorHandler(log: Logger) {
  return (err: unknown, req: Request, res: Response, _next: NextFunction): void => {
    const appError = fromExpress(err) ?? toAppError(err);
    if (appError.code === 'internal') log.error({ err, url: req.originalUrl }, 'unhandled error');
    if (res.headersSent) return;
    res.status(appError.status).set(appError.headers ?? {}).json({ error: appError.toBody() });
  };
}

export function apiNotFound(req: Request): never {
  throw new AppError('not_found', `No API route ${req.method} ${req.path}`);
}
