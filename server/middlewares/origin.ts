/**
 * One rule for every transport that carries the session cookie — REST state changes, the
 * Socket.io handshake and /collab upgrades: a request that names an Origin must come from this
 * host or from an origin listed in ALLOWED_ORIGINS. Browsers attach cookies to cross-site
 * WebSocket handshakes, so without this a foreign page could act as the logged-in visitor.
 * Requests without an Origin (same-origin GETs, non-browser clients) are not cross-site requests.
 */
import type http from 'node:http';

export function originAllowed(req: Pick<http.IncomingMessage, 'headers'>, allowed: readonly string[]): boolean {
  const origin = req.headers.origin;
  if (!origin) return true;
  let url: URL;
  try {
    url = new URL(origin);
  } catch {
    return false;
  }
  if (url.host === req.headers.host) return true;
  return allowed.some((a) => new URL(a).origin === url.origin);
}
