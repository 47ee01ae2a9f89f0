/**
 * Every API route, driven with malformed ids, bodies and queries by an anonymous visitor and
 * by three roles on the demo data: nothing answers 5xx, every refusal is a JSON
 * `{ error: { code } }`, and the server still answers afterwards. The route list is checked
 * against the routers' source so a new route cannot be left out.
 */
import fs from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DEMO_PASSWORD, seedDemoIfEmpty } from '../../../server/seed/demo';
import { TestClient } from '../../helpers/http';
import { startTestServer } from '../../helpers/server';

const ROUTES = `post /advice/requests;get /advice/requests;get /advice/requests/:id;post /advice/requests/:id/cancel;get /advice/advisor;
patch /advice/advisor;get /advice/offers;get /advice/sessions;get /advice/sessions/:id;get /advice/sessions/:id/messages;post /advice/sessions/:id/end;
post /advice/sessions/:id/rating;post /advice/sessions/:id/summary;get /admin/stats;post /auth/register;post /auth/login;post /auth/logout;get /health;
get /challenges;post /challenges;get /challenges/:cid;patch /challenges/:cid;post /challenges/:cid/transition;post /challenges/:cid/terms;
post /challenges/:cid/invites;get /me;patch /me/profile;get /notifications;post /notifications/read;get /organizations;get /organizations/:oid;
post /organizations;patch /organizations/:oid;get /challenges/:cid/questions;post /challenges/:cid/questions;post /challenges/:cid/questions/:id/answer;
get /challenges/:cid/submissions;get /submissions/:id;post /submissions/:id/review;get /submissions/:id/export/:fmt;get /teams/mine;get /teams/:tid;
post /teams/:tid/requests;post /teams/:tid/requests/:uid;post /teams/:tid/leave;delete /teams/:tid/members/:uid;get /challenges/:cid/teams;
post /challenges/:cid/teams;get /users;get /users/:uid;patch /users/:uid;get /workspaces;get /workspaces/:tid;get /workspaces/:tid/versions;
post /workspaces/:tid/versions;get /workspaces/:tid/versions/:id;post /workspaces/:tid/versions/:id/restore;get /workspaces/:tid/submissions;
post /workspaces/:tid/submissions;post /me/password;post /users/:uid/password-reset;post /auth/password-reset;
post /representation/requests;get /representation/requests;post /representation/requests/:id/decision;get /representation/invites;
post /representation/invites`
  .split(';')
  .map((r) => r.trim().split(' ') as [string, string]);

const BAD_IDS = ['x', '0'.repeat(24), '{"$gt":""}'];
const BODIES: (string | undefined)[] = [
  undefined,
  '{"a":',
  '[]',
  JSON.stringify({ title: { $gt: '' }, email: { $ne: null }, $where: '1' }),
  JSON.stringify({ name: [], email: {}, password: 1, text: null, rating: 'x', score: -1e308, deadline: 'not-a-date', industry: '99999', tags: 'x', reward: { amount: -5 }, to: 'nowhere', visibility: 'x', capacity: 1e9, topics: [1], ids: ['x'], note: 5, status: 'bogus' }),
];
const QUERIES = ['', '?page=-1&pageSize=1e9&sort=x&status=x&industry=abc', '?q[$gt]=&page[]=1&before=x&limit=1e12'];

let server: Awaited<ReturnType<typeof startTestServer>>;
beforeAll(async () => {
  server = await startTestServer({ throttle: { perAccount: 1e6, perIp: 1e6, windowSeconds: 60 } });
  await seedDemoIfEmpty(() => {});
});
afterAll(() => server?.stop());

describe('every API route under malformed input', () => {
  it('covers every route the routers declare', () => {
    const dir = path.resolve(import.meta.dirname, '../../../server/routes');
    const declared = fs
      .readdirSync(dir)
      .flatMap((f) => [...fs.readFileSync(path.join(dir, f), 'utf8').matchAll(/router\.(get|post|put|patch|delete)\(/g)])
      .length;
    expect(ROUTES).toHaveLength(declared);
  });

  it('never answers 5xx, always says why in JSON, and stays up', async () => {
    const as = async (email: string | null) => {
      const c = new TestClient(server.url);
      if (email) await c.login(email, DEMO_PASSWORD);
      return c;
    };
    const clients = await Promise.all([null, 'expert2@yinzhi.demo', 'rep@yinzhi.demo', 'admin@yinzhi.demo'].map(as));
    const [, designer, , admin] = clients as [TestClient, TestClient, TestClient, TestClient];
    const challengeId = (await admin.get('/api/challenges')).body.data.items[0].id as string;
    const teamId = (await designer.get('/api/workspaces')).body.data[0].teamId as string;
    const orgId = (await admin.get('/api/organizations')).body.data[0].id as string;
    const userId = (await designer.get('/api/me')).body.data.id as string;
    const fills = [
      { cid: challengeId, tid: teamId, oid: orgId, uid: userId, id: '0'.repeat(24), fmt: 'md' },
      ...BAD_IDS.map((x) => ({ cid: x, tid: x, oid: x, uid: x, id: x, fmt: x })),
    ];

    const failures: string[] = [];
    let requests = 0;
    for (const [method, template] of ROUTES) {
      for (const fill of fills) {
        const url = '/api' + template.replace(/:([a-z]+)/g, (_, k: keyof typeof fill) => encodeURIComponent(fill[k]));
        // the four visitors at once, each its variants in turn
        await Promise.all(
          clients.map(async (client, who) => {
            const variants = method === 'get' ? QUERIES.map((q) => [url + q, undefined] as const) : BODIES.map((b) => [url, b] as const);
            for (const [target, body] of variants) {
              if (template === '/auth/logout' && who > 0) continue; // keep the sessions this test drives
              requests++;
              const r = await client.request(method.toUpperCase(), target, body);
              const explained = r.status < 400 || typeof r.body?.error?.code === 'string';
              if (r.status >= 500 || !explained) failures.push(`${r.status} ${method} ${target.slice(0, 80)} as ${who} ${String(body).slice(0, 30)}: ${JSON.stringify(r.body).slice(0, 120)}`);
            }
          }),
        );
      }
    }
    expect(failures).toEqual([]);
    expect(requests).toBeGreaterThan(3000);
    expect((await clients[0]!.get('/api/health')).body.data.status).toBe('ok');
  }, 240_000);
});
