/**
 * Requests that used to end in 500 (issue 13, finding 6) get a 4xx JSON error with its code.
 */
import zlib from 'node:zlib';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { boardFixture, challengeInput } from '../../helpers/board';
import { startTestServer } from '../../helpers/server';

let server: Awaited<ReturnType<typeof startTestServer>>;
let fx: Awaited<ReturnType<typeof boardFixture>>;

beforeAll(async () => {
  server = await startTestServer();
  fx = await boardFixture(server.url);
});
afterAll(() => server?.stop());

describe('never a 500 for a bad request', () => {
  it('answers malformed percent-encoding in a path with 400', async () => {
    for (const path of ['/api/challenges/%', '/api/challenges/%E0%A4%A', '/api/teams/%zz/leave']) {
      const res = await fetch(server.url + path);
      expect(res.status, path).toBe(400);
      expect((await res.json()).error.code).toBe('bad_request');
    }
  });

  it('answers a body that claims gzip but is not with 400, and a real gzip body is read', async () => {
    const bad = await fetch(`${server.url}/api/auth/login`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', 'content-encoding': 'gzip' },
      body: '{"email":"a@b.c","password":"x"}',
    });
    expect(bad.status).toBe(400);
    expect((await bad.json()).error.code).toBe('bad_request');
    const good = await fetch(`${server.url}/api/auth/login`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', 'content-encoding': 'gzip' },
      body: zlib.gzipSync(JSON.stringify({ email: 'nobody@example.com', password: 'whatever-1' })),
    });
    expect(good.status).toBe(401);
  });

  it('answers the admin (who belongs to no organisation) posting a challenge with 403', async () => {
    const r = await fx.admin.post('/api/challenges', challengeInput({ publish: true }));
    expect(r.status).toBe(403);
    expect(r.body.error.code).toBe('forbidden');
  });
});
