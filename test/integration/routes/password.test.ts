import crypto from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { PasswordReset } from '../../../server/models/PasswordReset';
import { User } from '../../../server/models/User';
import { TestClient } from '../../helpers/http';
import { startTestServer } from '../../helpers/server';
import { connectSocket, nextEvent } from '../../helpers/socket';

const OLD = 'correct-horse-1';
const NEW = 'Tangerine-Kite-58';

let server: Awaited<ReturnType<typeof startTestServer>>;
let admin: TestClient;
beforeAll(async () => {
  server = await startTestServer();
  admin = new TestClient(server.url);
  const a = await admin.register({ email: 'pw-admin@example.com' });
  await User.updateOne({ _id: a.id }, { $set: { roles: ['admin'] } });
});
afterAll(() => server?.stop());

let n = 0;
/** A fresh account and a logged-in client for it. */
async function account(local = `pw-user-${n++}`) {
  const email = `${local}@example.com`;
  const client = new TestClient(server.url);
  const { id } = await client.register({ email });
  return { email, id, client };
}

const codes = (body: { error?: { details?: { path: unknown[]; code: string }[] } }) =>
  (body.error?.details ?? []).map((d) => ({ path: d.path.join('.'), code: d.code }));

describe('POST /api/me/password', () => {
  it('changes the password, keeps this session and ends every other one live', async () => {
    const { email, client } = await account();
    const other = new TestClient(server.url);
    await other.login(email, OLD);
    const otherSocket = await connectSocket(server.url, other.cookie);
    const ended = nextEvent(otherSocket, 'session:ended');

    const r = await client.post('/api/me/password', { currentPassword: OLD, newPassword: NEW });
    expect(r.status).toBe(204);
    expect(await ended).toEqual({ reason: 'expired' });
    otherSocket.close();
    expect((await other.get('/api/me')).body.data).toBeNull();
    expect((await client.get('/api/me')).body.data.email).toBe(email);
    expect((await new TestClient(server.url).post('/api/auth/login', { email, password: OLD })).status).toBe(401);
    expect((await new TestClient(server.url).post('/api/auth/login', { email, password: NEW })).status).toBe(200);
  });

  it('refuses a wrong current password on its field and changes nothing', async () => {
    const { email, client } = await account();
    const r = await client.post('/api/me/password', { currentPassword: 'not-my-password', newPassword: NEW });
    expect(r.status).toBe(400);
    expect(codes(r.body)).toEqual([{ path: 'currentPassword', code: 'wrong_password' }]);
    expect((await new TestClient(server.url).post('/api/auth/login', { email, password: OLD })).status).toBe(200);
  });

  it('refuses a weak new password, also one built from the account email', async () => {
    const { client } = await account('zhangsan.design');
    const weak = await client.post('/api/me/password', { currentPassword: OLD, newPassword: '12345678' });
    expect(weak.status).toBe(400);
    expect(codes(weak.body)).toEqual([{ path: 'newPassword', code: 'password_weak' }]);
    const own = await client.post('/api/me/password', { currentPassword: OLD, newPassword: 'zhangsan.design' });
    expect(own.status).toBe(400);
    expect(codes(own.body)).toEqual([{ path: 'newPassword', code: 'password_weak' }]);
  });

  it('asks a visitor to log in', async () => {
    const r = await new TestClient(server.url).post('/api/me/password', { currentPassword: OLD, newPassword: NEW });
    expect(r.status).toBe(401);
  });

  it('allows 5 attempts per user in 15 minutes, then 429 even with the right password', async () => {
    const { client } = await account();
    for (let i = 0; i < 5; i++) {
      expect((await client.post('/api/me/password', { currentPassword: `guess-${i}`, newPassword: NEW })).status).toBe(400);
    }
    const blocked = await client.post('/api/me/password', { currentPassword: OLD, newPassword: NEW });
    expect(blocked.status).toBe(429);
    expect(blocked.body.error.code).toBe('rate_limited');
    const someoneElse = await account();
    expect((await someoneElse.client.post('/api/me/password', { currentPassword: OLD, newPassword: NEW })).status).toBe(204);
  });
});

describe('password reset links', () => {
  async function issue(userId: string) {
    const r = await admin.post(`/api/users/${userId}/password-reset`);
    expect(r.status).toBe(201);
    const token = new URL(r.body.data.link, 'http://x').searchParams.get('token') ?? '';
    return { token, link: r.body.data.link as string, expiresAt: r.body.data.expiresAt as string };
  }

  it('are issued by the admin only', async () => {
    const { id, client } = await account();
    expect((await client.post(`/api/users/${id}/password-reset`)).status).toBe(403);
    expect((await new TestClient(server.url).post(`/api/users/${id}/password-reset`)).status).toBe(401);
    expect((await admin.post(`/api/users/${'0'.repeat(24)}/password-reset`)).status).toBe(404);
    expect((await admin.post('/api/users/not-an-id/password-reset')).status).toBe(400);
  });

  it('hold a random token valid 24 h, of which only the SHA-256 is stored', async () => {
    const { id } = await account();
    const { token, link, expiresAt } = await issue(id);
    expect(link).toMatch(/^\/reset-password\?token=[A-Za-z0-9_-]{43}$/);
    const hours = (Date.parse(expiresAt) - Date.now()) / 3_600_000;
    expect(hours).toBeGreaterThan(23.9);
    expect(hours).toBeLessThanOrEqual(24);
    const hash = crypto.createHash('sha256').update(token).digest('hex');
    expect(await PasswordReset.exists({ _id: hash })).toBeTruthy();
    expect(JSON.stringify(await PasswordReset.find({ userId: id }).lean())).not.toContain(token);
  });

  it('set the password once, end every session of the account, and are then used up', async () => {
    const { id, email, client } = await account();
    const socket = await connectSocket(server.url, client.cookie);
    const ended = nextEvent(socket, 'session:ended');
    const { token } = await issue(id);

    const visitor = new TestClient(server.url);
    expect((await visitor.post('/api/auth/password-reset', { token, newPassword: NEW })).status).toBe(204);
    expect(await ended).toEqual({ reason: 'expired' });
    socket.close();
    expect((await client.get('/api/me')).body.data).toBeNull();
    expect((await new TestClient(server.url).post('/api/auth/login', { email, password: NEW })).status).toBe(200);

    const again = await visitor.post('/api/auth/password-reset', { token, newPassword: 'Another-Kite-77' });
    expect(again.status).toBe(400);
    expect(codes(again.body)).toEqual([{ path: 'token', code: 'reset_token_invalid' }]);
    expect((await new TestClient(server.url).post('/api/auth/login', { email, password: NEW })).status).toBe(200);
  });

  it('let exactly one of two simultaneous uses win', async () => {
    const { id, email } = await account();
    const { token } = await issue(id);
    const [a, b] = await Promise.all(
      ['Racer-One-Kite-11', 'Racer-Two-Kite-22'].map((newPassword) => new TestClient(server.url).post('/api/auth/password-reset', { token, newPassword })),
    );
    expect([a?.status, b?.status].sort()).toEqual([204, 400]);
    const winner = a?.status === 204 ? 'Racer-One-Kite-11' : 'Racer-Two-Kite-22';
    expect((await new TestClient(server.url).post('/api/auth/login', { email, password: winner })).status).toBe(200);
  });

  it('refuse an expired, unknown or malformed token with reset_token_invalid', async () => {
    const { id } = await account();
    const { token } = await issue(id);
    const hash = crypto.createHash('sha256').update(token).digest('hex');
    await PasswordReset.updateOne({ _id: hash }, { $set: { expiresAt: new Date(Date.now() - 1000) } });
    for (const t of [token, crypto.randomBytes(32).toString('base64url'), 'nope', { $gt: '' }]) {
      const r = await new TestClient(server.url).post('/api/auth/password-reset', { token: t, newPassword: NEW });
      expect(r.status).toBe(400);
      expect(codes(r.body)).toContainEqual({ path: 'token', code: expect.stringMatching(/^reset_token_invalid$|^invalid_type$/) });
    }
  });

  it('refuse a weak password without using up the link', async () => {
    const { id, email } = await account('zhaoliu.atelier');
    const { token } = await issue(id);
    for (const newPassword of ['qwertyuiop', 'zhaoliu.atelier']) {
      const r = await new TestClient(server.url).post('/api/auth/password-reset', { token, newPassword });
      expect(r.status).toBe(400);
      expect(codes(r.body)).toEqual([{ path: 'newPassword', code: 'password_weak' }]);
    }
    expect((await new TestClient(server.url).post('/api/auth/password-reset', { token, newPassword: NEW })).status).toBe(204);
    expect((await new TestClient(server.url).post('/api/auth/login', { email, password: NEW })).status).toBe(200);
  });
});
