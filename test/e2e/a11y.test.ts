/**
 * WCAG 2.1 AA with axe-core in real Chromium: ten pages with real data on them (the board
 * logged out, login, register, a challenge with questions, a workspace with its editor, advice
 * as a founder, as an advisor with a live offer, with a chat open, the admin dashboard and the
 * accounts table), in zh-CN and English, at desktop 1366×860 and mobile 390×844. Any serious or
 * critical violation fails, printed as page · rule · targets so the failure says what to fix.
 */
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { adviceOf } from '../../server/matching/service';
import { axeFindings, contextAs, describeFindings, marketplace, useLocale, type Finding } from '../helpers/a11y';
import { launchBrowser, startE2EServer } from '../helpers/browser';
import type { TestClient } from '../helpers/http';
import { request } from '../helpers/socket';

let server: Awaited<ReturnType<typeof startE2EServer>>;
let browser: Browser;
let data: Awaited<ReturnType<typeof marketplace>>;
const contexts: BrowserContext[] = [];

type Persona = 'guest' | 'expert' | 'lead' | 'founder' | 'advisor' | 'chatter' | 'admin';
const pages = new Map<Persona, Page>();

beforeAll(async () => {
  [server, browser] = await Promise.all([startE2EServer(), launchBrowser()]);
  data = await marketplace(server);
  const clients: Record<Persona, TestClient | null> = {
    guest: null,
    expert: data.outsider,
    lead: data.lead,
    founder: data.waitingFounder.http,
    advisor: data.offerAdvisor.http,
    chatter: data.chatFounder.http,
    admin: data.admin,
  };
  for (const [persona, client] of Object.entries(clients) as [Persona, TestClient | null][]) {
    const context = await contextAs(browser, server.url, client);
    contexts.push(context);
    pages.set(persona, await context.newPage());
  }
}, 180_000);

afterAll(async () => {
  for (const c of contexts) await c.close().catch(() => undefined);
  await browser?.close();
  data?.close();
  if (server) await adviceOf(server.ctx).stop();
  await server?.stop();
});

interface PageState {
  name: string;
  persona: Persona;
  path: () => string;
  /** Waits until the page shows its data (and does what the state needs, e.g. open a tab). */
  ready(page: Page): Promise<unknown>;
}

const testId = (page: Page, id: string) => page.getByTestId(id).first().waitFor();
const STATES: PageState[] = [
  { name: 'board (logged out)', persona: 'guest', path: () => '/board', ready: (p) => testId(p, 'board-card') },
  { name: 'login', persona: 'guest', path: () => '/login', ready: (p) => testId(p, 'login-form') },
  { name: 'register', persona: 'guest', path: () => '/register', ready: (p) => testId(p, 'register-form') },
  { name: 'challenge', persona: 'expert', path: () => `/challenges/${data.challenge.id}`, ready: (p) => testId(p, 'question-answer') },
  {
    name: 'workspace',
    persona: 'lead',
    path: () => `/workspaces/${data.team.id}`,
    ready: (p) => p.locator('[data-testid="sync-status"][data-state="connected"]').waitFor(),
  },
  { name: 'advice (founder)', persona: 'founder', path: () => '/advice', ready: (p) => testId(p, 'advice-request') },
  { name: 'advice (advisor, live offer)', persona: 'advisor', path: () => '/advice', ready: (p) => testId(p, 'offer-card') },
  { name: 'advice (chat open)', persona: 'chatter', path: () => `/advice?session=${data.sessionId}`, ready: (p) => testId(p, 'chat-message') },
  { name: 'admin dashboard', persona: 'admin', path: () => '/admin', ready: (p) => p.locator('[data-testid="admin-dashboard"] canvas').first().waitFor() },
  {
    name: 'admin accounts',
    persona: 'admin',
    path: () => '/admin',
    ready: async (p) => {
      await p.locator('#tab-accounts').click();
      await p.locator('[data-testid="account-table"] .el-table__row').first().waitFor();
    },
  },
];

/** Waits for finite animations and transitions to end (colours mid-fade would mislead axe). */
async function settled(page: Page): Promise<void> {
  await page.locator('[data-testid="connection-indicator"][data-status="online"]').waitFor();
  await page.waitForFunction(() => document.getAnimations().every((a) => a.playState !== 'running' || a.effect?.getTiming().iterations === Infinity));
  await page.locator('.el-loading-mask').waitFor({ state: 'detached' }).catch(() => undefined);
}

const VIEWPORTS = { desktop: { width: 1366, height: 860 }, mobile: { width: 390, height: 844 } } as const;

describe('axe-core: no serious or critical WCAG 2.1 AA violation', () => {
  for (const [viewportName, viewport] of Object.entries(VIEWPORTS)) {
    for (const locale of ['zh-CN', 'en'] as const) {
      it(`ten pages in ${locale} at ${viewportName} ${viewport.width}×${viewport.height}`, async () => {
        const findings: Finding[] = [];
        for (const state of STATES) {
          const page = pages.get(state.persona)!;
          await page.setViewportSize(viewport);
          await useLocale(page, server.url, locale);
          await page.goto(server.url + state.path());
          await state.ready(page);
          await settled(page);
          findings.push(...(await axeFindings(page, `${state.name} [${locale}, ${viewportName}]`)));
        }
        expect(describeFindings(findings)).toBe('');
      }, 120_000);
    }
  }
});

/** Goes to `path` in zh-CN at desktop size and waits for the live connection. */
async function visit(persona: Persona, path: string): Promise<Page> {
  const page = pages.get(persona)!;
  await page.setViewportSize(VIEWPORTS.desktop);
  await useLocale(page, server.url, 'zh-CN');
  await page.goto(server.url + path);
  await page.locator('[data-testid="connection-indicator"][data-status="online"]').waitFor();
  return page;
}

describe('what a screen reader is told', () => {
  it('each route has its own title, in the UI language, and focus moves to the new page’s h1', async () => {
    const page = await visit('guest', '/login');
    await page.getByTestId('login-form').waitFor();
    expect(await page.title()).toBe('登录 · 引智 Yinzhi');
    await page.locator('.yz-switch a').click();
    await page.waitForURL(/\/register$/);
    await expect.poll(() => page.title()).toBe('注册 · 引智 Yinzhi');
    await expect.poll(() => page.evaluate(() => document.activeElement?.tagName)).toBe('H1');
    await page.getByTestId('lang-switch').click();
    await page.getByTestId('lang-en').click();
    await expect.poll(() => page.title()).toBe('Register · 引智 Yinzhi');
    await page.getByTestId('nav-board').click();
    await expect.poll(() => page.title()).toBe('Board · 引智 Yinzhi');
  });

  it('the chat log and the typing indicator are polite live regions that receive what arrives', async () => {
    const page = await visit('chatter', `/advice?session=${data.sessionId}`);
    const log = page.getByTestId('chat-messages');
    await page.getByTestId('chat-message').first().waitFor();
    expect(await log.getAttribute('role')).toBe('log');
    expect(await log.getAttribute('aria-live')).toBe('polite');
    expect(await log.getAttribute('aria-label')).toBe('对话消息');
    const typing = page.getByTestId('chat-typing-region');
    expect([await typing.getAttribute('role'), await typing.getAttribute('aria-live')]).toEqual(['status', 'polite']);

    const advisorSocket = data.chatAdvisor.socket;
    advisorSocket.emit('chat:typing', { sessionId: data.sessionId, typing: true });
    await expect.poll(() => typing.innerText()).toBe('对方正在输入…');
    await request(advisorSocket, 'chat:send', { sessionId: data.sessionId, text: '补充：需要提供技术文件。', clientId: 'a11y-msg-3' });
    await expect.poll(() => log.innerText()).toContain('补充：需要提供技术文件。');
  });

  it('a live offer is announced as an alert, and its countdown is a named progress bar', async () => {
    const page = await visit('advisor', '/advice');
    await page.getByTestId('offer-card').waitFor();
    const alert = page.getByTestId('offer-alert');
    expect(await alert.getAttribute('role')).toBe('alert');
    await expect.poll(() => alert.innerText()).toContain('如何找到欧洲的经销商？');
    const bar = page.getByTestId('offer-card').getByRole('progressbar');
    expect(await bar.getAttribute('aria-label')).toBe('接单剩余时间');
    expect(await bar.getAttribute('aria-valuetext')).toMatch(/\d+/);
  });

  it('the bell’s name carries the unread count, it says whether it is open, and a new notification is spoken', async () => {
    const page = await visit('expert', '/board');
    const bell = page.getByTestId('notification-bell');
    const before = await bell.getAttribute('aria-label');
    const open = (await data.outsider.get(`/api/challenges/${data.challenge.id}/questions`)).body.data.find((q: { answer: unknown }) => !q.answer);
    await data.rep.post(`/api/challenges/${data.challenge.id}/questions/${open.id}/answer`, { text: '可以，提供 3 只样品。' });
    await expect.poll(() => page.getByTestId('notification-live').innerText()).not.toBe('');
    expect(await page.getByTestId('notification-live').getAttribute('role')).toBe('status');
    await expect.poll(() => bell.getAttribute('aria-label')).toMatch(/^通知，\d+ 条未读$/);
    expect(await bell.getAttribute('aria-label')).not.toBe(before);
    expect(await bell.getAttribute('aria-expanded')).toBe('false');
    await bell.focus();
    await page.keyboard.press('Enter');
    await expect.poll(() => bell.getAttribute('aria-expanded')).toBe('true');
  });
});
