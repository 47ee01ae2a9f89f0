/** Shared set-up for the advice tests: accounts with roles, profiles, sockets that wait for events. */
import { adviceOf } from '../../../server/matching/service';
import { User } from '../../../server/models/User';
import type { RunningServer } from '../../../server/server';
import type { ServerToClientEvents } from '../../../shared/events';
import { TestClient } from '../../helpers/http';
import { connectSocket, request, type ClientSocket } from '../../helpers/socket';

let n = 0;

export interface Person {
  id: string;
  http: TestClient;
  socket: ClientSocket;
}

/** Registers an account with the roles and connects its socket. */
export async function person(server: RunningServer, roles: string[], name = roles[0] ?? 'user'): Promise<Person> {
  const http = new TestClient(server.url);
  const { id } = await http.register({ email: `${name}${++n}-${Date.now()}@example.com`, roles, name: `${name}${n}` });
  const socket = await connectSocket(server.url, http.cookie);
  return { id, http, socket };
}

/** The alliance admin (roles are not granted at registration, so set in the database first). */
export async function adminPerson(server: RunningServer): Promise<Person> {
  const http = new TestClient(server.url);
  const { id } = await http.register({ email: `admin${++n}-${Date.now()}@example.com`, name: `admin${n}` });
  await User.updateOne({ _id: id }, { $set: { roles: ['admin'] } });
  const socket = await connectSocket(server.url, http.cookie);
  return { id, http, socket };
}

/** An advisor with the given profile, online. */
export async function onlineAdvisor(server: RunningServer, profile: { industries: string[]; topics?: string[]; capacity?: number; languages?: string[] }): Promise<Person> {
  const p = await person(server, ['advisor'], 'advisor');
  const r = await p.http.patch('/api/advice/advisor', { topics: [], capacity: 1, ...profile });
  if (r.status !== 200) throw new Error(JSON.stringify(r.body));
  const s = await request(p.socket, 'advisor:status', { status: 'online' });
  if (!s.data) throw new Error(JSON.stringify(s.error));
  return p;
}

/** Records every payload of an event, to assert on what did and did not arrive. */
export function record<E extends keyof ServerToClientEvents>(socket: ClientSocket, event: E): Parameters<ServerToClientEvents[E]>[0][] {
  const seen: Parameters<ServerToClientEvents[E]>[0][] = [];
  (socket as unknown as { on(e: string, fn: (p: unknown) => void): void }).on(event, (p) => seen.push(p as Parameters<ServerToClientEvents[E]>[0]));
  return seen;
}

/** Waits until `check` holds (polling), or fails after `ms`. */
export async function until(check: () => boolean | Promise<boolean>, ms = 5000, what = 'condition'): Promise<void> {
  const end = Date.now() + ms;
  while (!(await check())) {
    if (Date.now() > end) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 10));
  }
}

export const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

/** Sets fast timers for tests. */
export function fastAdvice(server: RunningServer, settings: Partial<ReturnType<typeof adviceOf>['settings']>): void {
  Object.assign(adviceOf(server.ctx).settings, settings);
}

export const QUESTION = { industry: '3381', topics: ['出海'], question: '保温杯出口欧洲需要哪些认证？', urgency: 'normal', language: 'zh-CN' };
