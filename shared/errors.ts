/**
 * The one table of error codes. Each code maps to an HTTP status (REST), is sent as-is in a
 * socket reply `{ error }`, and to a WebSocket close code (collab upgrades), so all three
 * transports speak the same vocabulary and the client translates one set of codes.
 */
export const ERROR_TABLE = {
  bad_request: { status: 400, close: 4400 },
  validation_failed: { status: 400, close: 4400 },
  invalid_json: { status: 400, close: 4400 },
  unauthenticated: { status: 401, close: 4401 },
  invalid_credentials: { status: 401, close: 4401 },
  forbidden: { status: 403, close: 4403 },
  not_found: { status: 404, close: 4404 },
  conflict: { status: 409, close: 4409 },
  payload_too_large: { status: 413, close: 1009 },
  rate_limited: { status: 429, close: 4429 },
  internal: { status: 500, close: 1011 },
  unavailable: { status: 503, close: 1013 },
} as const;

export type ErrorCode = keyof typeof ERROR_TABLE;

/** One problem in the input: where (path) and what (message, machine code). */
export interface ErrorDetail {
  path: (string | number)[];
  code: string;
  message: string;
}

/** What leaves the server for any failure, over REST (`{ error }` body) and socket replies. */
export interface ErrorBody {
  code: ErrorCode;
  message: string;
  details?: ErrorDetail[];
}

/** Looks up the error code a WebSocket close code stands for (client side of collab). */
export function errorCodeForClose(close: number): ErrorCode | undefined {
  return (Object.keys(ERROR_TABLE) as ErrorCode[]).find((c) => ERROR_TABLE[c].close === close);
}
