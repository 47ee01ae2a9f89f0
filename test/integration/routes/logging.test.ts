/**
 * What the server writes to its log: one concise line per API request and no credential —
 * not the session cookie it sets at login, not the device cookie, not a password.
 */
import { Writable } from 'node:stream';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { loadEnv } from '../../../server/env';
import { createLogger } from '../../../server/logger';
import { startServer, type RunningServer } from '../../../server/server';
import { useTestDatabase } from '../../helpers/db';

let server: RunningServer;
let db: Awaited<ReturnType<typeof useTestDatabase>>;
let output = '';
const capture = new Writable({
  write(chunk: Buffer, _encoding, done) {
    output += chunk.toString();
    done();
  },
});
const lines = () => output.split('\n').filter(Boolean).map((l) => JSON.parse(l) as Record<string, unknown>);
const requestLines = () => lines().filter((l) => l.msg === 'request');

beforeAll(async () => {
  db = await useTestDatabase();
  const env = loadEnv({ NODE_ENV: 'test', LOG_LEVEL: 'info', CLIENT_DIST: '/nonexistent' });
  server = await startServer({ env, log: createLogger('info', capture), database: { kind: 'ferretdb' }, port: 0 });
});
afterAll(async () => {
  await server?.close();
  await db?.drop();
});

async function call(method: string, path: string, body?: unknown, cookie?: string) {
  return fetch(server.url + path, {
    method,
    headers: { ...(body ? { 'content-type': 'application/json' } : {}), ...(cookie ? { cookie } : {}) },
    body: body ? JSON.stringify(body) : undefined,
  });
}
const cookieValue = (res: Response, name: string) =>
  res.headers.getSetCookie().find((c) => c.startsWith(`${name}=`))?.split(';')[0]?.slice(name.length + 1) ?? '';

describe('request log', () => {
  it('never contains the session token, the device token or the password, and logs one short line per request', async () => {
    const password = 'log-secret-password-1';
    const registered = await call('POST', '/api/auth/register', { email: 'logged@example.com', password, name: 'Log' });
    expect(registered.status).toBe(201);
    const userId = ((await registered.json()) as { data: { id: string } }).data.id;
    const login = await call('POST', '/api/auth/login', { email: 'logged@example.com', password });
    expect(login.status).toBe(200);
    const session = cookieValue(login, 'yz_sid');
    const device = cookieValue(login, 'yz_dev');
    expect(session.length).toBeGreaterThan(20);
    expect(device.length).toBeGreaterThan(20);

    expect((await call('GET', '/api/me', undefined, `yz_sid=${session}`)).status).toBe(200);
    expect((await call('GET', '/api/challenges/665f00000000000000000000?token=query-secret', undefined, `yz_sid=${session}`)).status).toBe(404);
    expect((await call('GET', '/api/challenges/665f00000000000000000000/questions')).status).toBeLessThan(500);
    expect((await call('POST', '/api/auth/login', { email: 'logged@example.com', password: 'wrong-password' })).status).toBe(401);
    expect((await call('GET', '/api/no-such-thing?token=query-secret')).status).toBe(404);
    await vi.waitFor(() => expect(requestLines()).toHaveLength(7)); // each line is written once its response has closed

    for (const secret of [session, decodeURIComponent(session), device, password, 'query-secret']) expect(output).not.toContain(secret);
    for (const line of requestLines()) {
      expect(Object.keys(line).sort()).toEqual(['app', 'level', 'method', 'ms', 'msg', 'route', 'status', 'time', 'userId']);
      expect(typeof line.ms).toBe('number');
    }
    const pick = ({ method, route, status, userId }: Record<string, unknown>) => ({ method, route, status, userId });
    expect(requestLines().map(pick)).toEqual([
      { method: 'POST', route: '/api/auth/register', status: 201, userId: null },
      { method: 'POST', route: '/api/auth/login', status: 200, userId: null },
      { method: 'GET', route: '/api/me', status: 200, userId },
      { method: 'GET', route: '/api/challenges/:id', status: 404, userId },
      { method: 'GET', route: '/api/challenges/:id/questions', status: expect.any(Number), userId: null },
      { method: 'POST', route: '/api/auth/login', status: 401, userId: null },
      { method: 'GET', route: '/api/no-such-thing', status: 404, userId: null },
    ]);
  });

  it('redacts credentials a caller hands to the logger', async () => {
    const before = output.length;
    server.ctx.log.warn(
      {
        req: { headers: { cookie: 'yz_sid=cookie-secret', authorization: 'Bearer auth-secret' }, body: { password: 'body-secret', token: 'token-secret' } },
        res: { headers: { 'set-cookie': 'yz_sid=set-cookie-secret' } },
        password: 'top-secret',
        user: { passwordHash: 'hash-secret' },
      },
      'careless caller',
    );
    await vi.waitFor(() => expect(output.length).toBeGreaterThan(before));
    const written = output.slice(before);
    expect(written).toContain('careless caller');
    for (const secret of ['cookie-secret', 'auth-secret', 'body-secret', 'token-secret', 'set-cookie-secret', 'top-secret', 'hash-secret']) {
      expect(written).not.toContain(secret);
    }
  });
});
