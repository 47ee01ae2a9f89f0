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
