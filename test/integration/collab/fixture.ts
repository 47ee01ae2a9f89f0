/** Shared set-up of the collab tests: a challenge with two competing teams, and y-websocket clients. */
import WebSocket from 'ws';
import * as Y from 'yjs';
import { WebsocketProvider } from 'y-websocket';
import { boardFixture, challengeInput } from '../../helpers/board';
import type { TestClient } from '../../helpers/http';

export type Expert = TestClient & { id: string; email: string };

/** Two teams on one open challenge: team A (lead + member) and competing team B (lead). */
export async function workspaceFixture(baseUrl: string) {
  const f = await boardFixture(baseUrl);
  const challenge = (await f.rep.post('/api/challenges', challengeInput())).body.data as { id: string; title: string };
  const [lead, member, rival, outsider] = [await f.expert(), await f.expert(), await f.expert(), await f.expert()];
  for (const e of [lead, member, rival]) await e.post(`/api/challenges/${challenge.id}/terms`);
  const team = (await lead.post(`/api/challenges/${challenge.id}/teams`, { name: '甲组' })).body.data as { id: string; documentName: string };
  await member.post(`/api/teams/${team.id}/requests`, {});
  await lead.post(`/api/teams/${team.id}/requests/${member.id}`, { approve: true });
  const rivalTeam = (await rival.post(`/api/challenges/${challenge.id}/teams`, { name: '乙组' })).body.data as { id: string; documentName: string };
  return { ...f, challenge, team, rivalTeam, lead, member, rival, outsider };
}

/** A `ws` WebSocket class that sends the given cookie (what a browser does on its own). */
export function cookieWebSocket(cookie: string): typeof globalThis.WebSocket {
  const WithCookie = class extends WebSocket {
    constructor(url: string | URL, protocols?: string | string[]) {
      super(url, protocols, cookie ? { headers: { cookie } } : {});
    }
  };
  return WithCookie as unknown as typeof globalThis.WebSocket;
}

export const collabUrl = (baseUrl: string) => `${baseUrl.replace(/^http/, 'ws')}/collab`;

/** A real y-websocket client in Node; resolves once synced (or rejects on a close code). */
export async function openProvider(baseUrl: string, documentName: string, cookie: string, doc = new Y.Doc()) {
  const provider = new WebsocketProvider(collabUrl(baseUrl), documentName, doc, {
    WebSocketPolyfill: cookieWebSocket(cookie),
    disableBc: true,
    maxBackoffTime: 300,
  });
  await new Promise<void>((resolve, reject) => {
    provider.once('sync', (synced: boolean) => synced && resolve());
    provider.once('closed', (e: { code: number }) => reject(Object.assign(new Error(`closed ${e.code}`), { code: e.code })));
  });
  return { provider, doc, text: () => doc.getText('t').toString() };
}

/** The close code a refused connection gets. */
export function closeCodeOf(baseUrl: string, documentName: string, cookie: string, headers: Record<string, string> = {}): Promise<number> {
  return new Promise((resolve, reject) => {
    const ws = new WebSocket(`${collabUrl(baseUrl)}/${documentName}`, { headers: { ...(cookie ? { cookie } : {}), ...headers } });
    ws.on('close', (code) => resolve(code));
    ws.on('error', reject);
  });
}

/** Polls until `check` passes (or fails after `ms`). */
export async function eventually(check: () => boolean | Promise<boolean>, ms = 5000, what = 'condition'): Promise<void> {
  const end = Date.now() + ms;
  while (!(await check())) {
    if (Date.now() > end) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 20));
  }
}
