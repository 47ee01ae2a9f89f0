import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Session } from '../../../server/models/Session';
import { User } from '../../../server/models/User';
import { TestClient } from '../../helpers/http';
import { startTestServer } from '../../helpers/server';

let server: Awaited<ReturnType<typeof startTestServer>>;

beforeAll(async () => {
  server = await startTestServer({ throttle: { perAccount: 3, perIp: 50, windowSeconds: 60 } });
});
afterAll(() => server?.stop());

describe('accounts', () => {
  it('registers, reads the current user, logs out and back in', async () => {
    const c = new TestClient(server.url);
    const r = await c.post('/api/auth/register', { email: 'Ada@Example.com', password: 'correct-horse-1', name: 'Ada', roles: ['expert', 'founder'] });
    expect(r.status).toBe(201);
    expect(r.body.data).toMatchObject({ email: 'ada@example.com', name: 'Ada', roles: ['expert', 'founder'] });
    expect(r.body.data.abilities).toMatchObject({ seekAdvice: true, admin: false });
    expect(r.body.data).not.toHaveProperty('passwordHash');

    const setCookie = r.headers.get('set-cookie') ?? '';
    expect(setCookie).toMatch(/HttpOnly/i);
    expect(setCookie).toMatch(/SameSite=Lax/i);

    expect((await c.get('/api/me')).body.data.email).toBe('ada@example.com');
    expect((await c.post('/api/auth/logout')).status).toBe(204);
    expect((await c.get('/api/me')).body.data).toBeNull();

    await c.login('ada@example.com', 'correct-horse-1');
    expect((await c.get('/api/me')).body.data.name).toBe('Ada');
  });

  it('stores an argon2id hash and only a hash of the session token', async () => {
    const c = new TestClient(server.url);
    await c.register({ email: 'hash@example.com' });
    const user = await User.findOne({ email: 'hash@example.com' });
    expect(user?.passwordHash).toMatch(/^\$argon2id\$/);
    const token = decodeURIComponent(c.cookie.split('=')[1] ?? '');
    const sessions = await Session.find({ userId: user?._id }).lean();
    expect(sessions).toHaveLength(1);
    expect(sessions[0]?._id).not.toBe(token);
    expect(sessions[0]?._id).toMatch(/^[a-f0-9]{64}$/);
  });

  it('rejects a duplicate email with 409 and field detail', async () => {
    const c = new TestClient(server.url);
    await c.register({ email: 'dup@example.com' });
    const r = await new TestClient(server.url).post('/api/auth/register', { email: 'dup@example.com', password: 'another-pass-1', name: 'X' });
    expect(r.status).toBe(409);
    expect(r.body.error.details[0].path).toEqual(['email']);
  });

  it('refuses self-registration as admin and a representative without organisation', async () => {
    const c = new TestClient(server.url);
    const admin = await c.post('/api/auth/register', { email: 'evil@example.com', password: 'correct-horse-1', name: 'E', roles: ['admin'] });
    expect(admin.status).toBe(400);
    expect(admin.body.error.code).toBe('validation_failed');
    const rep = await c.post('/api/auth/register', { email: 'rep@example.com', password: 'correct-horse-1', name: 'R', roles: ['representative'] });
    expect(rep.status).toBe(400);
    expect(rep.body.error.details[0].path).toEqual(['organizationId']);
  });

  it('gives the same 401 for unknown email and wrong password', async () => {
    const c = new TestClient(server.url);
    await c.register({ email: 'known@example.com' });
    const wrong = await new TestClient(server.url).post('/api/auth/login', { email: 'known@example.com', password: 'nope-nope' });
    const unknown = await new TestClient(server.url).post('/api/auth/login', { email: 'ghost@example.com', password: 'nope-nope' });
    expect(wrong.status).toBe(401);
    expect(unknown.status).toBe(401);
    expect(wrong.body.error).toEqual(unknown.body.error);
  });

  it('throttles repeated failures for an account from one address with 429 and Retry-After', async () => {
    const c = new TestClient(server.url);
    await c.register({ email: 'victim@example.com', password: 'right-password-1' });
    const attacker = new TestClient(server.url);
    for (let i = 0; i < 3; i++) expect((await attacker.post('/api/auth/login', { email: 'victim@example.com', password: 'bad-guess' })).status).toBe(401);
    const blocked = await attacker.post('/api/auth/login', { email: 'victim@example.com', password: 'right-password-1' });
    expect(blocked.status).toBe(429);
    expect(Number(blocked.headers.get('retry-after'))).toBeGreaterThan(0);
    expect(blocked.body.error.code).toBe('rate_limited');
    // another account is unaffected
    await new TestClient(server.url).register({ email: 'other@example.com', password: 'right-password-2' });
    expect((await attacker.post('/api/auth/login', { email: 'other@example.com', password: 'right-password-2' })).status).toBe(200);
  });

  it('throttles per IP across accounts', async () => {
    const s = await startTestServer({ throttle: { perAccount: 100, perIp: 4, windowSeconds: 60 } });
    try {
      const c = new TestClient(s.url);
      const codes = [];
      for (let i = 0; i < 5; i++) codes.push((await c.post('/api/auth/login', { email: `nobody${i}@example.com`, password: 'xxxxxxxx' })).status);
      expect(codes).toEqual([401, 401, 401, 401, 429]);
    } finally {
      await s.close();
    }
  });

  it('updates the own profile with validated industries', async () => {
    const c = new TestClient(server.url);
    await c.register({ email: 'profile@example.com' });
    const ok = await c.patch('/api/me/profile', { bio: '做保温杯', industries: ['C3381', '65'], skills: ['焊接'], languages: ['zh-CN', 'en'] });
    expect(ok.status).toBe(200);
    expect(ok.body.data).toMatchObject({ bio: '做保温杯', industries: ['3381', '65'], skills: ['焊接'] });
    const partial = await c.patch('/api/me/profile', { bio: '也做焊接' });
    expect(partial.body.data).toMatchObject({ bio: '也做焊接', industries: ['3381', '65'], skills: ['焊接'], languages: ['zh-CN', 'en'] });
    const bad = await c.patch('/api/me/profile', { industries: ['9999'], role: 'admin' });
    expect(bad.status).toBe(400);
    expect(bad.body.error.details.length).toBeGreaterThanOrEqual(2);
    expect((await new TestClient(server.url).patch('/api/me/profile', { bio: 'x' })).status).toBe(401);
  });
});
