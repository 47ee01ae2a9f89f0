import { ERROR_TABLE, type ErrorBody, type ErrorCode, type ErrorDetail } from '../../shared/errors';

/**
 * A failure the server (or the transport) reported, in the shared error vocabulary. REST calls
 * and socket requests both throw it, so views handle one shape: `code` picks the translated
 * message, `details` carries per-field problems, `status` is the HTTP status (0 = no response).
 */
export class ApiError extends Error {
  readonly code: ErrorCode;
  readonly details: ErrorDetail[];
  readonly status: number;

  constructor(body: ErrorBody, status: number) {
    super(body.message);
    this.name = 'ApiError';
    this.code = body.code;
    this.details = body.details ?? [];
    this.status = status;
  }

  /** The detail whose path starts with `field`, if the server named that field. */
  detailFor(field: string): ErrorDetail | undefined {
    return this.details.find((d) => d.path[0] === field);
  }
}

const isErrorCode = (value: unknown): value is ErrorCode => typeof value === 'string' && value in ERROR_TABLE;

/** Reads `{ error: { code, message, details } }` defensively: a proxy page or a bug must not crash the caller. */
export function toErrorBody(value: unknown, fallback: ErrorCode): ErrorBody {
  const error = (value as { error?: unknown } | null)?.error as Partial<ErrorBody> | undefined;
  if (error && isErrorCode(error.code)) {
    return { code: error.code, message: String(error.message ?? error.code), details: Array.isArray(error.details) ? error.details : undefined };
  }
  return { code: fallback, message: fallback };
}
