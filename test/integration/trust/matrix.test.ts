/**
 * The authorization matrix (issue 13): every kind and action of the policy registry, exercised
 * through the transports that ask it — REST routes, socket events, room joins and collab
 * documents — as ten personas, allowed and denied; then again after each kind of change of
 * rights, where a changed persona must now be treated exactly like the persona it became.
 *
 * `COVERAGE` is typed from the registry's `PolicyMap`: a new kind or action fails to compile
 * until a row exercises it, and the test checks every registered kind at run time.
 */
import * as Y from 'yjs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ActionOf, Kind } from '../../../server/policies/registry';
import { registeredKinds } from '../../../server/policies';
import { ChatSession } from '../../../server/models/ChatSession';
import { approveRepresentative, challengeInput } from '../../helpers/board';
import { TestClient } from '../../helpers/http';
import { startTestServer } from '../../helpers/server';
import { connectSocket, request } from '../../helpers/socket';
import WebSocket from 'ws';
import { collabUrl, openProvider, workspaceFixture } from '../collab/fixture';

const PERSONAS = ['anonymous', 'expert', 'member', 'lead', 'pending', 'rep', 'otherRep', 'founder', 'advisor', 'admin'] as const;
type Persona = (typeof PERSONAS)[number];
type Outcome = 'allowed' | 'denied';

interface Row {
  name: string;
  /** The policy kind:action this row asks. */
  covers: string;
  allowed: Persona[];
  /** Runs the request as `c` (null = anonymous) and says whether the policy let it through. */
  run(c: TestClient | null, cookie: string): Promise<Outcome>;
}

let server: Awaited<ReturnType<typeof startTestServer>>;
let f: Awaited<ReturnType<typeof workspaceFixture>>;
const clients = {} as Record<Persona, TestClient | null>;
const ids = {} as Record<'challenge' | 'team' | 'version' | 'submission' | 'question' | 'advice' | 'chat' | 'pendingRequest' | 'pendingUser' | 'member' | 'founder' | 'advisor', string>;

/** 401/403/404 are refusals; anything else (2xx, or a 4xx about the input after the check) got past the policy. */
const http = (status: number): Outcome => ([401, 403, 404].includes(status) ? 'denied' : 'allowed');
const as = (c: TestClient | null) => c ?? new TestClient(server.url);

beforeAll(async () => {
  server = await startTestServer();
  f = await workspaceFixture(server.url);
  const mk = async (roles: string[], extra: Record<string, unknown> = {}) => {
    const c = new TestClient(server.url);
    const { id } = await c.register({ email: `${roles[0]}${Date.now()}${Math.random().toString(36).slice(2, 6)}@example.com`, roles, ...extra });
    return Object.assign(c, { id });
  };
  const founder = await mk(['founder']);
  const advisor = await mk(['advisor']);
  const pending = await mk(['representative'], { organizationId: f.orgA });
  Object.assign(clients, { anonymous: null, expert: f.outsider, member: f.member, lead: f.lead, pending, rep: f.rep, otherRep: f.otherRep, founder, advisor, admin: f.admin });
  ids.challenge = f.challenge.id;
  ids.team = f.team.id;
  ids.member = f.member.id;
  ids.founder = founder.id;
  ids.advisor = advisor.id;
  ids.pendingUser = pending.id;
  ids.question = (await f.outsider.post(`/api/challenges/${ids.challenge}/questions`, { text: '私下的问题', visibility: 'private' })).body.data.id;
  // a version with content, submitted
  const lead = await openProvider(server.url, f.team.documentName, f.lead.cookie);
  lead.doc.transact(() => {
    const p = new Y.XmlElement('paragraph');
    p.insert(0, [new Y.XmlText('方案正文')]);
    lead.doc.getXmlFragment('default').insert(0, [p]);
  });
  await new Promise((r) => setTimeout(r, 300));
  ids.version = (await f.lead.post(`/api/workspaces/${ids.team}/versions`, { name: '初稿' })).body.data.id;
  ids.submission = (await f.lead.post(`/api/workspaces/${ids.team}/submissions`, { versionId: ids.version, note: '' })).body.data.id;
  lead.provider.destroy();
  ids.advice = (await founder.post('/api/advice/requests', { industry: '3381', topics: ['出海'], question: '出口欧洲需要哪些认证？', urgency: 'normal', language: 'zh-CN' })).body.data.id;
  ids.chat = String((await ChatSession.create({ requestId: ids.advice, founderId: founder.id, advisorId: advisor.id, founderName: 'f', advisorName: 'a', question: 'q', industry: '3381' }))._id);
  ids.pendingRequest = ((await f.admin.get('/api/representation/requests')).body.data as { id: string; user: { id: string } }[]).find((r) => r.user.id === pending.id)!.id;
}, 120_000);
afterAll(() => server?.stop());

const ROWS: Row[] = [
  { name: 'GET challenge', covers: 'challenge:read', allowed: [...PERSONAS], run: async (c) => http((await as(c).get(`/api/challenges/${ids.challenge}`)).status) },
  { name: 'PATCH challenge', covers: 'challenge:update', allowed: ['rep', 'admin'], run: async (c) => http((await as(c).patch(`/api/challenges/${ids.challenge}`, {})).status) },
  { name: 'POST challenge', covers: 'challenge:create', allowed: ['rep', 'otherRep'], run: async (c) => http((await as(c).post('/api/challenges', challengeInput())).status) },
  { name: 'transition (to a state it is not in from open: reviewing→ conflict is fine)', covers: 'challenge:transition', allowed: ['rep', 'admin'], run: async (c) => http((await as(c).post(`/api/challenges/${ids.challenge}/transition`, { to: 'open' })).status) },
  { name: 'answer a question', covers: 'challenge:answer', allowed: ['rep'], run: async (c) => http((await as(c).post(`/api/challenges/${ids.challenge}/questions/${ids.question}/answer`, { text: '统一答复' })).status) },
  { name: 'invite an expert', covers: 'challenge:invite', allowed: ['rep'], run: async (c) => http((await as(c).post(`/api/challenges/${ids.challenge}/invites`, { email: f.outsider.email })).status) },
  { name: 'review list', covers: 'challenge:review', allowed: ['rep'], run: async (c) => http((await as(c).get(`/api/challenges/${ids.challenge}/submissions`)).status) },
  { name: 'ask', covers: 'challenge:ask', allowed: ['expert', 'member', 'lead', 'pending', 'otherRep', 'founder', 'advisor', 'admin'], run: async (c) => http((await as(c).post(`/api/challenges/${ids.challenge}/questions`, { text: '公开提问一则' })).status) },
  { name: 'accept terms', covers: 'challenge:participate', allowed: ['expert', 'member', 'lead'], run: async (c) => http((await as(c).post(`/api/challenges/${ids.challenge}/terms`)).status) },
  {
    name: 'sees the private question',
    covers: 'question:read',
    allowed: ['expert', 'rep', 'admin'], // the asker, the organisation, and the admin who moderates Q&A
    run: async (c) => (((await as(c).get(`/api/challenges/${ids.challenge}/questions`)).body.data as { id: string }[]).some((q) => q.id === ids.question) ? 'allowed' : 'denied'),
  },
  { name: 'GET team', covers: 'team:read', allowed: [...PERSONAS], run: async (c) => http((await as(c).get(`/api/teams/${ids.team}`)).status) },
  { name: 'remove a non-member (lead decides)', covers: 'team:manage', allowed: ['lead'], run: async (c) => http((await as(c).delete(`/api/teams/${ids.team}/members/${ids.founder}`)).status) },
  { name: 'open the team document', covers: 'team:work', allowed: ['member', 'lead'], run: async (_c, cookie) => documentOutcome(cookie) },
  { name: 'GET workspace', covers: 'workspace:edit', allowed: ['member', 'lead'], run: async (c) => http((await as(c).get(`/api/workspaces/${ids.team}/versions`)).status) },
  { name: 'submit the version', covers: 'workspace:submit', allowed: ['lead'], run: async (c) => http((await as(c).post(`/api/workspaces/${ids.team}/submissions`, { versionId: ids.version, note: '' })).status) },
  { name: 'GET submission', covers: 'submission:read', allowed: ['member', 'lead', 'rep'], run: async (c) => http((await as(c).get(`/api/submissions/${ids.submission}`)).status) },
  { name: 'review a submission', covers: 'submission:review', allowed: ['rep'], run: async (c) => http((await as(c).post(`/api/submissions/${ids.submission}/review`, { decision: 'declined', reason: '请补充数据', score: 3 })).status) },
  { name: 'GET advice request', covers: 'adviceRequest:read', allowed: ['founder'], run: async (c) => http((await as(c).get(`/api/advice/requests/${ids.advice}`)).status) },
  { name: 'list own advice requests', covers: 'adviceRequest:create', allowed: ['founder'], run: async (c) => http((await as(c).get('/api/advice/requests')).status) },
  { name: 'cancel (someone else’s id for others)', covers: 'adviceRequest:cancel', allowed: ['founder'], run: async (c) => http((await as(c).post(`/api/advice/requests/${ids.advice}/cancel`)).status) },
  { name: 'decline an offer not held', covers: 'adviceRequest:respond', allowed: [], run: async (_c, cookie) => socketOutcome(cookie, 'advice:decline', { requestId: ids.advice }) },
  { name: 'advisor console', covers: 'advisorConsole:work', allowed: ['advisor'], run: async (c) => http((await as(c).get('/api/advice/advisor')).status) },
  { name: 'join the chat', covers: 'chatSession:read', allowed: ['founder', 'advisor'], run: async (_c, cookie) => socketOutcome(cookie, 'chat:join', { sessionId: ids.chat, afterSeq: 0 }) },
  { name: 'summarize the chat', covers: 'chatSession:summarize', allowed: ['advisor'], run: async (c) => http((await as(c).post(`/api/advice/sessions/${ids.chat}/summary`, { summary: '小结' })).status) },
  { name: 'rate (before the end: refused for all)', covers: 'chatSession:rate', allowed: [], run: async (c) => http((await as(c).post(`/api/advice/sessions/${ids.chat}/rating`, { rating: 5 })).status) },
  { name: 'list accounts', covers: 'user:list', allowed: ['admin'], run: async (c) => http((await as(c).get('/api/users')).status) },
  { name: 'change an account', covers: 'user:manage', allowed: ['admin'], run: async (c) => http((await as(c).patch(`/api/users/${ids.founder}`, {})).status) },
  { name: 'read a profile', covers: 'user:read', allowed: [...PERSONAS], run: async (c) => http((await as(c).get(`/api/users/${ids.founder}`)).status) },
  {
    name: 'sees the founder’s e-mail',
    covers: 'user:readPrivate',
    allowed: ['founder', 'admin'],
    run: async (c) => ((await as(c).get(`/api/users/${ids.founder}`)).body.data?.email ? 'allowed' : 'denied'),
  },
  { name: 'update own profile', covers: 'user:update', allowed: ['expert', 'member', 'lead', 'pending', 'rep', 'otherRep', 'founder', 'advisor', 'admin'], run: async (c) => http((await as(c).patch('/api/me/profile', {})).status) },
  { name: 'create an organisation (invalid body after the check)', covers: 'organization:create', allowed: ['admin'], run: async (c) => http((await as(c).post('/api/organizations', {})).status) },
  { name: 'update an organisation', covers: 'organization:update', allowed: ['admin'], run: async (c) => http((await as(c).patch(`/api/organizations/${f.orgA}`, {})).status) },
  { name: 'list organisations', covers: 'organization:read', allowed: [...PERSONAS], run: async (c) => http((await as(c).get('/api/organizations')).status) },
  {
    name: 'in the organisation’s room',
    covers: 'organization:represent',
    allowed: ['rep'],
    run: async (_c, cookie) => {
      const s = await connectSocket(server.url, cookie);
      const inRoom = (await server.io.in(`org:${f.orgA}`).fetchSockets()).some((x) => x.id === s.id);
      s.disconnect();
      return inRoom ? 'allowed' : 'denied';
    },
  },
  { name: 'dashboard', covers: 'dashboard:read', allowed: ['admin'], run: async (c) => http((await as(c).get('/api/admin/stats')).status) },
  { name: 'approval queue', covers: 'representation:list', allowed: ['rep', 'otherRep', 'admin'], run: async (c) => http((await as(c).get('/api/representation/requests')).status) },
  { name: 'invite a representative', covers: 'representation:invite', allowed: ['rep', 'otherRep', 'admin'], run: async (c) => http((await as(c).post('/api/representation/invites', { email: 'colleague@example.com' })).status) },
  { name: 'decide the pending request (already-decided answers 409 after the check)', covers: 'representation:decide', allowed: ['rep', 'admin'], run: async (c) => http((await as(c).post(`/api/representation/requests/${ids.pendingRequest}/decision`, { approve: false, reason: '矩阵测试' })).status) },
  { name: 'ask to represent', covers: 'representation:request', allowed: ['expert', 'member', 'lead', 'pending', 'founder', 'advisor', 'admin'], run: async (c) => http((await as(c).post('/api/representation/requests', { organizationId: f.orgB })).status) },
];

/** Opens the team's document: refused connections are closed with a 44xx code at once; allowed ones stay open. */
function documentOutcome(cookie: string): Promise<Outcome> {
  return new Promise((resolve) => {
    const ws = new WebSocket(`${collabUrl(server.url)}/team.${ids.team}`, { headers: cookie ? { cookie } : {} });
    ws.on('error', () => resolve('denied'));
    ws.on('close', (code) => resolve(code >= 4400 ? 'denied' : 'allowed'));
    ws.on('open', () => setTimeout(() => (ws.readyState === WebSocket.OPEN ? (resolve('allowed'), ws.close()) : undefined), 300));
  });
}

async function socketOutcome(cookie: string, event: string, payload: unknown): Promise<Outcome> {
  const s = await connectSocket(server.url, cookie);
  const r = await request(s, event as never, payload);
  s.disconnect();
  return r.error && ['unauthenticated', 'forbidden', 'not_found'].includes(r.error.code) ? 'denied' : 'allowed';
}

/** Every kind and action of the registry, each named by a row (compile-time exhaustive). */
const COVERAGE: { [K in Kind]: Record<ActionOf<K> & string, true> } = {
  challenge: { read: true, create: true, update: true, transition: true, answer: true, invite: true, review: true, ask: true, participate: true },
  question: { read: true },
  team: { read: true, manage: true, work: true },
  workspace: { edit: true, submit: true },
  submission: { read: true, review: true },
  adviceRequest: { create: true, read: true, cancel: true, respond: true },
  advisorConsole: { work: true },
  chatSession: { read: true, post: true, end: true, rate: true, summarize: true },
  user: { read: true, readPrivate: true, update: true, manage: true, list: true },
  organization: { read: true, create: true, update: true, represent: true },
  dashboard: { read: true },
  representation: { request: true, decide: true, list: true, invite: true },
};
/** Actions exercised elsewhere (their own integration tests), named here so the map stays complete. */
const ELSEWHERE = new Set(['chatSession:post', 'chatSession:end']);

async function outcomes(personas: readonly Persona[]): Promise<Map<string, Outcome>> {
  const out = new Map<string, Outcome>();
  for (const row of ROWS) {
    for (const p of personas) {
      const c = clients[p];
      out.set(`${row.name} | ${p}`, await row.run(c, c?.cookie ?? ''));
    }
  }
  return out;
}

describe('authorization matrix', () => {
  it('covers every kind and action of the policy registry', () => {
    const covered = new Set([...ROWS.map((r) => r.covers), ...ELSEWHERE]);
    const all = Object.entries(COVERAGE).flatMap(([kind, actions]) => Object.keys(actions).map((a) => `${kind}:${a}`));
    expect(all.filter((k) => !covered.has(k))).toEqual([]);
    expect(registeredKinds().sort()).toEqual(Object.keys(COVERAGE).sort());
  });

  it('allows exactly the listed personas, for every row', async () => {
    const got = await outcomes(PERSONAS);
    const expected = new Map(ROWS.flatMap((row) => PERSONAS.map((p) => [`${row.name} | ${p}`, row.allowed.includes(p) ? 'allowed' : 'denied'] as const)));
    expect(Object.fromEntries(got)).toEqual(Object.fromEntries(expected));
  }, 120_000);

  it('after each change of rights, the changed persona is treated exactly like the persona it became', async () => {
    const before = await outcomes(PERSONAS);
    /** Rows where `who` may differ from `like` for a reason of identity, not of rights. */
    const same = async (who: Persona, like: Persona, because: Record<string, string> = {}) => {
      const now = await outcomes([who]);
      const mismatches = ROWS.filter((r) => !(r.name in because) && now.get(`${r.name} | ${who}`) !== before.get(`${r.name} | ${like}`)).map(
        (r) => `${r.name}: ${who}=${now.get(`${r.name} | ${who}`)} ${like}=${before.get(`${r.name} | ${like}`)}`,
      );
      expect(mismatches, `${who} → like ${like}`).toEqual([]);
    };
    // team membership: a member removed by the lead works like any outside expert
    expect((await f.lead.delete(`/api/teams/${ids.team}/members/${ids.member}`)).status).toBe(200);
    await same('member', 'expert', {
      'sees the private question': 'the outside expert asked it',
      'GET submission': 'a submission keeps the members who wrote it',
    });
    // membership approval: the pending account (whose last request, from the 'ask to represent' row, names
    // the other company) once approved acts like that company's representative
    await approveRepresentative(f.admin, ids.pendingUser);
    expect((await clients.pending!.get('/api/me')).body.data).toMatchObject({ organizationId: f.orgB, abilities: { postChallenges: true } });
    await same('pending', 'otherRep');
    // organisation: the owner's representative moved to the other company acts like that company's
    expect((await f.admin.patch(`/api/users/${f.repId}`, { organizationId: f.orgB })).status).toBe(200);
    await same('rep', 'otherRep');
    // logout: anonymous
    await f.outsider.post('/api/auth/logout');
    await same('expert', 'anonymous');
    // disabled by the admin: anonymous too
    expect((await f.admin.patch(`/api/users/${ids.founder}`, { disabled: true })).status).toBe(200);
    await same('founder', 'anonymous');
  }, 240_000);
});
