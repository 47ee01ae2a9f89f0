import { z } from 'zod';
import { ERROR_TABLE, type ErrorBody, type ErrorCode, type ErrorDetail } from '../shared/errors';

/** A failure that is the caller's to see: it carries a code from the shared table. */
export class AppError extends Error {
  readonly code: ErrorCode;
  readonly details?: ErrorDetail[];
  readonly headers?: Record<string, string>;

  constructor(code: ErrorCode, message: string, opts: { details?: ErrorDetail[]; headers?: Record<string, string> } = {}) {
    super(message);
    this.code = code;
    this.details = opts.details;
    this.headers = opts.headers;
  }

  get status(): number {
    return ERROR_TABLE[this.code].status;
  }

  get closeCode(): number {
    return ERROR_TABLE[this.code].close;
  }

  toBody(): ErrorBody {
    return { code: this.code, message: this.message, ...(this.details ? { details: this.details } : {}) };
  }
}

export const badRequest = (message: string, details?: ErrorDetail[]) => new AppError('bad_request', message, { details });
export const unauthenticated = (message = 'Please log in first') => new AppError('unauthenticated', message);
export const forbidden = (message = 'You are not allowed to do this') => new AppError('forbidden', message);
export const notFound = (what = 'Resource') => new AppError('not_found', `${what} not found`);
export const conflict = (message: string, details?: ErrorDetail[]) => new AppError('conflict', message, { details });
export const rateLimited = (retryAfterSeconds: number) =>
  new AppError('rate_limited', `Too many attempts; try again in ${retryAfterSeconds} s`, {
    headers: { 'Retry-After': String(retryAfterSeconds) },
    details: [{ path: [], code: 'retry_after', message: String(retryAfterSeconds) }],
  });

/**
 * Turns a zod failure into a `validation_failed` error listing every issue with its path. A
 * schema's own rule (`refine`) names its machine code in `params.code` (e.g. `deadline_past`),
 * so clients translate it like zod's built-in codes.
 */
export function validationError(error: z.ZodError, where = 'input'): AppError {
  const details = error.issues.map((i) => ({
    path: i.path.filter((p): p is string | number => typeof p !== 'symbol'),
    code: i.code === 'custom' && typeof i.params?.code === 'string' ? i.params.code : i.code,
    message: i.message,
  }));
  return new AppError('validation_failed', `Invalid ${where}`, { details });
}

/** Parses `input` with a shared schema or throws a 400 naming every problem. */
export function parse<S extends z.ZodType>(schema: S, input: unknown, where?: string): z.infer<S> {
  const r = schema.safeParse(input);
  if (!r.success) throw validationError(r.error, where);
  return r.data;
}

/** Maps anything thrown to an AppError; unknown errors become `internal` without leaking details. */
export function toAppError(err: unknown): AppError {
  if (err instanceof AppError) return err;
  if (err instanceof z.ZodError) return validationError(err);
  if (isDuplicateKey(err)) return conflict('Already exists');
  return new AppError('internal', 'Internal server error');
}

export function isDuplicateKey(err: unknown): boolean {
  return typeof err === 'object' && err !== null && (err as { code?: unknown }).code === 11000;
}
