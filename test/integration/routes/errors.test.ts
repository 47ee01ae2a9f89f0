import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { TestClient } from '../../helpers/http';
import { startTestServer } from '../../helpers/server';

let server: Awaited<ReturnType<typeof startTestServer>>;
beforeAll(async () => {
  server = await startTestServer();
});
afterAll(() => server?.stop());

describe('bad input never crashes the server and gets a machine-readable 4xx', () => {
  it('answers an unknown API route with a JSON 404', async () => {
    const r = await new TestClient(server.url).get('/api/nope/nothing');
    expect(r.status).toBe(404);
    expect(r.body.error).toMatchObject({ code: 'not_found' });
  });

  it('answers malformed JSON with 400 invalid_json', async () => {
    const r = await new TestClient(server.url).request('POST', '/api/auth/login', '{"email": "a@b.c",', { 'content-type': 'application/json' });
    expect(r.status).toBe(400);
    expect(r.body.error.code).toBe('invalid_json');
  });

  it('answers a body over the limit with 413', async () => {
    const r = await new TestClient(server.url).post('/api/auth/register', { email: 'big@example.com', password: 'x'.repeat(2_000_000), name: 'B' });
    expect(r.status).toBe(413);
    expect(r.body.error.code).toBe('payload_too_large');
  });

  it('lists every validation problem with its path', async () => {
    const r = await new TestClient(server.url).post('/api/auth/register', { email: 'not-an-email', password: 'short', roles: ['wizard'] });
    expect(r.status).toBe(400);
    expect(r.body.error.code).toBe('validation_failed');
    const paths = r.body.error.details.map((d: { path: unknown[] }) => d.path.join('.'));
    expect(paths).toEqual(expect.arrayContaining(['email', 'password', 'name', 'roles.0']));
  });

  it('rejects a malformed id parameter with 400, not a database error', async () => {
    const r = await new TestClient(server.url).get('/api/organizations/not-an-id');
    expect(r.status).toBe(400);
    expect(r.body.error.details[0].path).toEqual(['id']);
  });

  it('rejects query operators smuggled into fields', async () => {
    const r = await new TestClient(server.url).post('/api/auth/login', { email: { $gt: '' }, password: { $ne: null } });
    expect(r.status).toBe(400);
  });

  it('refuses a cross-origin state change (CSRF) but allows same-origin', async () => {
    const c = new TestClient(server.url);
    const evil = await c.request('POST', '/api/auth/login', { email: 'a@b.cd', password: 'xxxxxxxx' }, { origin: 'https://evil.example' });
    expect(evil.status).toBe(403);
    const same = await c.request('POST', '/api/auth/login', { email: 'a@b.cd', password: 'xxxxxxxx' }, { origin: server.url });
    expect(same.status).toBe(401);
  });

  it('sends security headers and no stack traces or x-powered-by', async () => {
    const r = await new TestClient(server.url).get('/api/health');
    expect(r.headers.get('x-content-type-options')).toBe('nosniff');
    expect(r.headers.get('content-security-policy')).toContain("default-src 'self'");
    expect(r.headers.get('x-powered-by')).toBeNull();
    const bad = await new TestClient(server.url).request('POST', '/api/auth/login', '{', { 'content-type': 'application/json' });
    expect(JSON.stringify(bad.body)).not.toMatch(/at .*\.ts|node_modules/);
  });

  it('reports database health', async () => {
    const r = await new TestClient(server.url).get('/api/health');
    expect(r.status).toBe(200);
    expect(r.body.data).toMatchObject({ status: 'ok', database: { kind: 'ferretdb', connected: true } });
  });

  it('refuses WebSocket upgrades on unknown paths and stays up', async () => {
    const { WebSocket } = await import('ws');
    const ws = new WebSocket(server.url.replace('http', 'ws') + '/somewhere');
    const outcome = await new Promise<string>((resolve) => {
      ws.on('unexpected-response', (_req, res) => resolve(String(res.statusCode)));
      ws.on('error', () => resolve('error'));
      ws.on('open', () => resolve('open'));
    });
    expect(outcome).toBe('404');
    expect((await new TestClient(server.url).get('/api/health')).status).toBe(200);
  });
});
