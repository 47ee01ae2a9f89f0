import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { User } from '../../../server/models/User';
import { TestClient } from '../../helpers/http';
import { approveRepresentative } from '../../helpers/board';
import { startTestServer } from '../../helpers/server';
import { connectSocket, nextEvent } from '../../helpers/socket';

let server: Awaited<ReturnType<typeof startTestServer>>;
let admin: TestClient;
let expert: TestClient;
let expertId: string;

beforeAll(async () => {
  server = await startTestServer();
  admin = new TestClient(server.url);
  const a = await admin.register({ email: 'admin@example.com' });
  await User.updateOne({ _id: a.id }, { $set: { roles: ['admin'] } });
  expert = new TestClient(server.url);
  expertId = (await expert.register({ email: 'expert@example.com' })).id;
});
afterAll(() => server?.stop());

describe('organisations', () => {
  it('lets the admin create one and every open client sees it live; others are refused', async () => {
    const observer = await connectSocket(server.url); // anonymous visitor
    const seen = nextEvent(observer, 'organization:created');
    const r = await admin.post('/api/organizations', { name: '浙江哈尔斯真空器皿股份有限公司', industry: 'C3381' });
    expect(r.status).toBe(201);
    expect(r.body.data).toMatchObject({ industry: '3381', memberCount: 0 });
    expect((await seen).name).toBe('浙江哈尔斯真空器皿股份有限公司');
    observer.disconnect();

    expect((await expert.post('/api/organizations', { name: 'X 公司', industry: '3381' })).status).toBe(403);
    expect((await new TestClient(server.url).post('/api/organizations', { name: 'Y 公司', industry: '3381' })).status).toBe(401);
    expect((await admin.post('/api/organizations', { name: 'Z 公司', industry: '9999' })).status).toBe(400);
    expect((await admin.post('/api/organizations', { name: '浙江哈尔斯真空器皿股份有限公司', industry: '3381' })).status).toBe(409);
  });

  it('lets the admin edit one (allow) but not an expert (deny), broadcasting the change', async () => {
    const { body } = await admin.post('/api/organizations', { name: '王力集团', nameEn: 'Wangli Group', industry: '3312' });
    const observer = await connectSocket(server.url, expert.cookie);
    const seen = nextEvent(observer, 'organization:updated');
    const r = await admin.patch(`/api/organizations/${body.data.id}`, { description: '安全门' });
    expect(r.status).toBe(200);
    expect(await seen).toMatchObject({ description: '安全门', nameEn: 'Wangli Group', industry: '3312' });
    observer.disconnect();
    expect((await expert.patch(`/api/organizations/${body.data.id}`, { description: 'hack' })).status).toBe(403);
  });

  it('lets a representative register for an existing organisation, pending until approved, and counts members', async () => {
    const { body } = await admin.post('/api/organizations', { name: '浙江三锋工具有限公司', industry: '3321' });
    const rep = new TestClient(server.url);
    const me = await rep.register({ email: 'rep@example.com', roles: ['representative'], organizationId: body.data.id });
    expect(me).toMatchObject({ organizationId: null, representation: { organizationId: body.data.id, status: 'pending' } });
    await approveRepresentative(admin, me.id);
    expect((await rep.get('/api/me')).body.data).toMatchObject({ organizationId: body.data.id, representation: null, abilities: { postChallenges: true } });
    const list = await new TestClient(server.url).get('/api/organizations');
    expect(list.body.data.find((o: { id: string }) => o.id === body.data.id).memberCount).toBe(1);
  });
});

describe('accounts administration', () => {
  it('lists accounts for the admin only, with search and role filter', async () => {
    const all = await admin.get('/api/users?role=expert&q=EXPERT');
    expect(all.status).toBe(200);
    expect(all.body.data.items.map((u: { email: string }) => u.email)).toEqual(['expert@example.com']);
    expect((await expert.get('/api/users')).status).toBe(403);
  });

  it('shows email only to the user and the admin', async () => {
    expect((await admin.get(`/api/users/${expertId}`)).body.data.email).toBe('expert@example.com');
    expect((await expert.get(`/api/users/${expertId}`)).body.data.email).toBe('expert@example.com');
    expect((await new TestClient(server.url).get(`/api/users/${expertId}`)).body.data.email).toBeUndefined();
  });

  it('disabling an account ends its sessions and live sockets', async () => {
    const victim = new TestClient(server.url);
    const v = await victim.register({ email: 'soon-disabled@example.com' });
    const socket = await connectSocket(server.url, victim.cookie);
    const ended = nextEvent(socket, 'session:ended');
    expect((await expert.patch(`/api/users/${v.id}`, { disabled: true })).status).toBe(403);
    const r = await admin.patch(`/api/users/${v.id}`, { disabled: true, roles: ['expert', 'advisor'] });
    expect(r.status).toBe(200);
    expect(r.body.data).toMatchObject({ disabled: true, roles: ['expert', 'advisor'] });
    expect(await ended).toEqual({ reason: 'disabled' });
    expect((await victim.get('/api/me')).body.data).toBeNull();
    expect((await victim.post('/api/auth/login', { email: 'soon-disabled@example.com', password: 'correct-horse-1' })).status).toBe(401);
  });
});
