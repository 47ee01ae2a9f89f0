import type { ErrorCode } from '../../shared/errors';
import { ApiError, toErrorBody } from './ApiError';

type Query = Record<string, string | number | boolean | null | undefined>;

function withQuery(path: string, query?: Query): string {
  if (!query) return path;
  const params = new URLSearchParams();
  for (const [key, value] of Object.entries(query)) {
    if (value !== undefined && value !== null && value !== '') params.set(key, String(value));
  }
  const text = params.toString();
  return text ? `${path}?${text}` : path;
}

function fallbackCode(status: number): ErrorCode {
  if (status === 404) return 'not_found';
  if (status === 413) return 'payload_too_large';
  if (status === 429) return 'rate_limited';
  if (status >= 500) return 'unavailable';
  return 'bad_request';
}

/**
 * One call to the REST API: JSON in and out, the session cookie sent same-origin. Resolves with
 * the `data` of `{ data }`; throws {@link ApiError} for `{ error }`, an HTTP failure without a
 * body, or no response at all (status 0, code `unavailable`).
 */
export async function apiFetch<T>(method: string, path: string, opts: { body?: unknown; query?: Query } = {}): Promise<T> {
  let res: Response;
  try {
    res = await fetch(withQuery(path, opts.query), {
      method,
      credentials: 'same-origin',
      headers: { accept: 'application/json', ...(opts.body === undefined ? {} : { 'content-type': 'application/json' }) },
      body: opts.body === undefined ? undefined : JSON.stringify(opts.body),
    });
  } catch {
    throw new ApiError({ code: 'unavailable', message: 'Network error' }, 0);
  }
  if (res.status === 204) return undefined as T;
  let json: unknown = null;
  try {
    json = await res.json();
  } catch {
    json = null;
  }
  if (!res.ok || json === null || typeof json !== 'object' || !('data' in json)) {
    throw new ApiError(toErrorBody(json, res.ok ? 'internal' : fallbackCode(res.status)), res.status);
  }
  return (json as { data: T }).data;
}

/** Typed shorthands; `T` is the shape of `data` the route presents. */
export const http = {
  get: <T>(path: string, query?: Query) => apiFetch<T>('GET', path, { query }),
  post: <T>(path: string, body: unknown = {}) => apiFetch<T>('POST', path, { body }),
  patch: <T>(path: string, body: unknown) => apiFetch<T>('PATCH', path, { body }),
  delete: <T>(path: string) => apiFetch<T>('DELETE', path),
};
