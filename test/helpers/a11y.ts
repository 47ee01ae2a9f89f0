/**
 * Accessibility test helpers: a populated marketplace (a challenge with questions, a team
 * workspace, a founder waiting on a live offer, an open chat, an admin) and an axe-core runner
 * that returns only serious and critical WCAG 2.0/2.1 A/AA violations in a printable form.
 */
import { createRequire } from 'node:module';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { adviceOf } from '../../server/matching/service';
import type { RunningServer } from '../../server/server';
import { onlineAdvisor, person, QUESTION, type Person } from '../integration/advice/setup';
import { workspaceFixture } from '../integration/collab/fixture';
import type { TestClient } from './http';
import { nextEvent, request } from './socket';

const AXE_PATH = createRequire(import.meta.url).resolve('axe-core/axe.min.js');
const WCAG_AA = ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa'];

/** One serious or critical axe finding, flattened so a failure message says what to fix where. */
export interface Finding {
  page: string;
  rule: string;
  impact: string;
  help: string;
  targets: string[];
}

interface AxeResult {
  violations: { id: string; impact: string | null; help: string; nodes: { target: unknown[] }[] }[];
}

/** Runs axe-core (WCAG 2.0/2.1 A and AA tags) on the page; only serious and critical violations. */
export async function axeFindings(page: Page, label: string): Promise<Finding[]> {
  if (!(await page.evaluate(() => 'axe' in window))) await page.addScriptTag({ path: AXE_PATH });
  const result = await page.evaluate(
    (tags) => (window as unknown as { axe: { run(ctx: Document, o: unknown): Promise<unknown> } }).axe.run(document, { runOnly: { type: 'tag', values: tags } }),
    WCAG_AA,
  ) as AxeResult;
  return result.violations
    .filter((v) => v.impact === 'serious' || v.impact === 'critical')
    .map((v) => ({ page: label, rule: v.id, impact: v.impact ?? '', help: v.help, targets: v.nodes.slice(0, 12).map((n) => n.target.map(String).join(' ')) }));
}

/** Readable lines for a failure message: `page · rule (impact): help → targets`. */
export function describeFindings(findings: Finding[]): string {
  return findings.map((f) => `${f.page} · ${f.rule} (${f.impact}): ${f.help}\n    → ${f.targets.join('\n    → ')}`).join('\n');
}

/** A new browser context logged in as `client` (its session cookie copied over), or a guest; CSP is bypassed so axe can be injected. */
export async function contextAs(browser: Browser, baseUrl: string, client: TestClient | null, viewport = { width: 1366, height: 860 }): Promise<BrowserContext> {
  const context = await browser.newContext({ viewport, locale: 'zh-CN', bypassCSP: true });
  if (client) {
    const [name, ...rest] = client.cookie.split('=');
    await context.addCookies([{ name: name!, value: rest.join('='), url: baseUrl }]);
  }
  return context;
}

/** Makes the UI language `locale` for every page the context opens from now on. */
export async function useLocale(page: Page, baseUrl: string, locale: 'zh-CN' | 'en'): Promise<void> {
  if (page.url() === 'about:blank') await page.goto(`${baseUrl}/login`);
  await page.evaluate((l) => localStorage.setItem('yinzhi.locale', l), locale);
}

/**
 * Everything the ten audited pages show: a public challenge with an answered and an open
 * question, a two-member team, a founder whose request is offered to an advisor (the offer
 * kept live for ten minutes), an accepted session with messages both ways, and the admin.
 */
export async function marketplace(server: RunningServer) {
  Object.assign(adviceOf(server.ctx).settings, { offerTimeoutMs: 600_000, graceMs: 600_000 });
  const w = await workspaceFixture(server.url);
  const asked = await w.outsider.post(`/api/challenges/${w.challenge.id}/questions`, { text: '检测节拍有什么要求？' });
  await w.rep.post(`/api/challenges/${w.challenge.id}/questions/${asked.body.data.id}/answer`, { text: '每只不超过 3 秒。' });
  await w.outsider.post(`/api/challenges/${w.challenge.id}/questions`, { text: '是否提供样品？' });

  // An accepted session with messages both ways (advisor 1 is then at capacity).
  const chatAdvisor = await onlineAdvisor(server, { industries: ['3381'], capacity: 1 });
  const chatFounder = await founder(server);
  const offered = nextEvent(chatAdvisor.socket, 'advice:offered');
  await chatFounder.http.post('/api/advice/requests', QUESTION);
  const session = (await request(chatAdvisor.socket, 'advice:accept', { requestId: (await offered).request.id })).data as { id: string };
  await request(chatFounder.socket, 'chat:join', { sessionId: session.id });
  await request(chatAdvisor.socket, 'chat:join', { sessionId: session.id });
  await request(chatFounder.socket, 'chat:send', { sessionId: session.id, text: '您好，请问 CE 认证要多久？', clientId: 'a11y-msg-1' });
  await request(chatAdvisor.socket, 'chat:send', { sessionId: session.id, text: '一般 4 到 6 周，见 https://example.com/ce', clientId: 'a11y-msg-2' });

  // A second founder whose request is offered to advisor 2 and left waiting.
  const offerAdvisor = await onlineAdvisor(server, { industries: ['3381'], capacity: 1 });
  const waitingFounder = await founder(server);
  const live = nextEvent(offerAdvisor.socket, 'advice:offered');
  await waitingFounder.http.post('/api/advice/requests', { ...QUESTION, question: '如何找到欧洲的经销商？', topics: ['出海', '渠道'] });
  await live;

  const sockets = [chatAdvisor, chatFounder, offerAdvisor, waitingFounder].map((p) => p.socket);
  return {
    ...w,
    sessionId: session.id,
    chatAdvisor,
    chatFounder,
    offerAdvisor,
    waitingFounder,
    /** Closes the Node sockets that keep the advisors online. */
    close: () => sockets.forEach((s) => s.close()),
  };
}

async function founder(server: RunningServer): Promise<Person> {
  const p = await person(server, ['founder'], 'founder');
  await p.http.patch('/api/me/profile', { industries: ['3381'] });
  return p;
}
