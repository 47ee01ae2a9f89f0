/**
 * Login throttling that a stranger cannot turn into a lock-out (OWASP authentication cheat
 * sheet): failures are counted per (account, address) — or per known device — and a wide
 * budget per address stops spraying. Addresses are simulated with X-Forwarded-For from
 * loopback (the app trusts loopback proxies).
 */
import crypto from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { KnownDevice } from '../../../server/commands/accounts/knownDevices';
import { TestClient } from '../../helpers/http';
import { startTestServer } from '../../helpers/server';

let server: Awaited<ReturnType<typeof startTestServer>>;

beforeAll(async () => {
  server = await startTestServer({ throttle: { perAccount: 3, perIp: 12, windowSeconds: 60 } });
});
afterAll(() => server?.stop());

/** One login from `ip`, sending `cookie` (e.g. a device cookie); returns the cookies it set by name. */
async function login(email: string, password: string, ip: string, cookie?: string) {
  const res = await fetch(`${server.url}/api/auth/login`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', 'x-forwarded-for': ip, ...(cookie ? { cookie } : {}) },
    body: JSON.stringify({ email, password }),
  });
  const setCookies = res.headers.getSetCookie();
  const cookies = new Map(setCookies.map((c) => [c.split('=')[0] ?? '', c]));
  const value = (name: string) => cookies.get(name)?.split(';')[0]?.split('=')[1];
  return { status: res.status, headers: res.headers, body: (await res.json()) as { error?: { code: string; details?: { code: string }[] } }, cookies, value };
}

let n = 0;
async function account(password = 'right-password-1') {
  const email = `owner${++n}@example.com`;
  await new TestClient(server.url).register({ email, password });
  return email;
}

async function strangerFails(email: string, ip: string, times = 3) {
  for (let i = 0; i < times; i++) expect((await login(email, 'bad-guess', ip)).status).toBe(401);
}

describe('login throttle', () => {
  it('makes the stranger wait (429, Retry-After, rate_limited) but lets the owner in from another address', async () => {
    const email = await account();
    await strangerFails(email, '203.0.113.1');
    const blocked = await login(email, 'right-password-1', '203.0.113.1');
    expect(blocked.status).toBe(429);
    expect(Number(blocked.headers.get('retry-after'))).toBeGreaterThan(0);
    expect(blocked.body.error?.code).toBe('rate_limited');
    expect(blocked.body.error?.details?.[0]?.code).toBe('retry_after');

    expect((await login(email, 'right-password-1', '198.51.100.1')).status).toBe(200);
  });

  it('lets the owner in from a known device even at the stranger\'s address', async () => {
    const email = await account();
    const first = await login(email, 'right-password-1', '198.51.100.2');
    const device = first.value('yz_dev');
    expect(device).toBeTruthy();
    await strangerFails(email, '203.0.113.2');
    expect((await login(email, 'right-password-1', '203.0.113.2')).status).toBe(429);

    const owner = await login(email, 'right-password-1', '203.0.113.2', `yz_dev=${device}`);
    expect(owner.status).toBe(200);
    expect(owner.value('yz_dev')).toBe(device); // a known device keeps its token
  });

  it('throttles a known device on its own count: wrong passwords from it still lead to a wait', async () => {
    const email = await account();
    const device = (await login(email, 'right-password-1', '198.51.100.3')).value('yz_dev');
    for (let i = 0; i < 3; i++) expect((await login(email, 'bad-guess', '198.51.100.3', `yz_dev=${device}`)).status).toBe(401);
    expect((await login(email, 'right-password-1', '198.51.100.3', `yz_dev=${device}`)).status).toBe(429);
  });

  it('treats a device cookie of another account, or a planted one, as a stranger', async () => {
    const victim = await account();
    const own = await account();
    const ownDevice = (await login(own, 'right-password-1', '203.0.113.4')).value('yz_dev');
    await strangerFails(victim, '203.0.113.4');
    expect((await login(victim, 'right-password-1', '203.0.113.4', `yz_dev=${ownDevice}`)).status).toBe(429);

    const planted = 'A'.repeat(43);
    const ok = await login(victim, 'right-password-1', '198.51.100.4', `yz_dev=${planted}`);
    expect(ok.status).toBe(200);
    expect(ok.value('yz_dev')).not.toBe(planted);
  });

  it('refuses an address that sprays many accounts, device cookie or not, and no one else', async () => {
    const own = await account();
    const device = (await login(own, 'right-password-1', '203.0.113.5')).value('yz_dev');
    const codes: number[] = [];
    for (let i = 0; i < 13; i++) codes.push((await login(`sprayed${i}@example.com`, 'bad-guess', '203.0.113.5', `yz_dev=${device}`)).status);
    // the login above took a point and gave it back: all 12 go to the spray
    expect(codes).toEqual([...Array<number>(12).fill(401), 429]);
    const refused = await login(own, 'right-password-1', '203.0.113.5', `yz_dev=${device}`);
    expect(refused.status).toBe(429);
    expect(Number(refused.headers.get('retry-after'))).toBeGreaterThan(0);
    expect((await login(own, 'right-password-1', '198.51.100.5')).status).toBe(200);
  });

  it('forgets the failures of a pair after a success', async () => {
    const email = await account();
    await strangerFails(email, '198.51.100.6', 2);
    expect((await login(email, 'right-password-1', '198.51.100.6')).status).toBe(200);
    await strangerFails(email, '198.51.100.6', 2);
    expect((await login(email, 'right-password-1', '198.51.100.6')).status).toBe(200);
  });

  it('sets the device cookie httpOnly, SameSite=Strict, only for the auth routes, and stores only its hash', async () => {
    const email = await account();
    const r = await login(email, 'right-password-1', '198.51.100.7');
    const cookie = r.cookies.get('yz_dev') ?? '';
    expect(cookie).toMatch(/HttpOnly/i);
    expect(cookie).toMatch(/SameSite=Strict/i);
    expect(cookie).toMatch(/Path=\/api\/auth(;|$)/i);
    expect(cookie).toMatch(/Expires=/i);
    const token = r.value('yz_dev') ?? '';
    expect(token).toMatch(/^[\w-]{43}$/);
    expect(await KnownDevice.countDocuments({ _id: token })).toBe(0);
    expect(await KnownDevice.countDocuments({ _id: crypto.createHash('sha256').update(token).digest('hex') })).toBe(1);
  });
});
