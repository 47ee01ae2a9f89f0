/**
 * Keyboard-only journeys in real Chromium (no mouse: only Tab, Shift+Tab, Enter, Space, arrows
 * and typing): browse and filter the board, open a challenge and ask a question, reach the
 * editor and use its toolbar, go online as an advisor and accept an offer, chat, and the mobile
 * navigation. At each destination focus must be visible, not under the sticky header, and on
 * the element of the next action.
 */
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { adviceOf } from '../../server/matching/service';
import { contextAs } from '../helpers/a11y';
import { launchBrowser, startE2EServer } from '../helpers/browser';
import type { TestClient } from '../helpers/http';
import { focused, tabTo } from '../helpers/keyboard';
import { person, QUESTION } from '../integration/advice/setup';
import { workspaceFixture } from '../integration/collab/fixture';

let server: Awaited<ReturnType<typeof startE2EServer>>;
let browser: Browser;
let f: Awaited<ReturnType<typeof workspaceFixture>>;
const contexts: BrowserContext[] = [];

beforeAll(async () => {
  [server, browser] = await Promise.all([startE2EServer(), launchBrowser()]);
  f = await workspaceFixture(server.url);
}, 180_000);
afterAll(async () => {
  for (const c of contexts) await c.close().catch(() => undefined);
  await browser?.close();
  if (server) await adviceOf(server.ctx).stop();
  await server?.stop();
});

async function open(client: TestClient, path: string, viewport = { width: 1366, height: 860 }): Promise<Page> {
  const context = await contextAs(browser, server.url, client, viewport);
  contexts.push(context);
  const page = await context.newPage();
  await page.goto(server.url + path);
  return page;
}

/** Focus is where it should be, and can be seen. */
async function expectFocus(page: Page, selector: string) {
  const state = await focused(page, selector);
  expect(state, `focus should be in ${selector}`).toMatchObject({ within: true, ring: true, underHeader: false });
  return state;
}

/** The skip link is the first Tab stop and puts focus on the page's heading. */
async function skipToMain(page: Page): Promise<void> {
  await page.keyboard.press('Tab');
  await expectFocus(page, '[data-testid="skip-link"]');
  await page.keyboard.press('Enter');
  expect(await focused(page, '#main h1')).toMatchObject({ tag: 'H1', within: true });
}

describe('keyboard only', () => {
  it('browses and filters the board, opens a challenge and asks a question', async () => {
    const page = await open(f.outsider, '/board');
    await page.getByTestId('board-card').first().waitFor();
    await skipToMain(page);

    await tabTo(page, '[data-testid="board-search"]');
    await expectFocus(page, '[data-testid="board-search"]');
    await page.keyboard.type('焊缝');
    await expect.poll(() => page.getByTestId('board-card').count()).toBe(1);

    // The status multi-select: open with ↓, pick the first status (open) with Enter, close with Escape.
    await tabTo(page, '[data-testid="board-status"]');
    await expectFocus(page, '[data-testid="board-status"]');
    await page.keyboard.press('ArrowDown');
    await page.locator('.el-select-dropdown__item').first().waitFor();
    await page.keyboard.press('ArrowDown');
    await page.keyboard.press('Enter');
    await page.keyboard.press('Escape');
    await expect.poll(() => page.getByTestId('board-status').innerText()).toContain('征集中');
    await expect.poll(() => page.getByTestId('board-card').count()).toBe(1);

    await tabTo(page, '[data-testid="board-card"]');
    await expectFocus(page, '[data-testid="board-card"]');
    await page.keyboard.press('Enter');
    await page.waitForURL(/\/challenges\/[a-f0-9]{24}$/);
    // A route change puts focus on the new page's heading, and the title names the page.
    await expect.poll(async () => (await focused(page, '#main h1')).within).toBe(true);
    expect(await page.title()).toBe('难题详情 · 引智 Yinzhi');

    await tabTo(page, '[data-testid="question-input"]');
    await expectFocus(page, '[data-testid="question-input"]');
    await page.keyboard.type('键盘用户的问题：样品何时寄出？');
    await page.keyboard.press('Tab'); // the "private" checkbox
    const box = await expectFocus(page, '.el-checkbox');
    expect(box.tag).toBe('INPUT');
    await page.keyboard.press('Space');
    await expect.poll(() => page.locator('.qa .el-checkbox.is-checked').count()).toBe(1);
    await page.keyboard.press('Space');
    await page.keyboard.press('Tab');
    await expectFocus(page, '[data-testid="question-submit"]');
    await page.keyboard.press('Enter');
    // The button is disabled once the text is cleared: focus goes to the posted question, not <body>.
    await expect.poll(async () => (await focused(page, '[data-testid="question-item"]')).text).toContain('样品何时寄出');
    await expectFocus(page, '[data-testid="question-item"]');
  }, 60_000);

  it('reaches the editor, types, and uses its toolbar with arrows', async () => {
    const page = await open(f.lead, `/workspaces/${f.team.id}`);
    await page.locator('[data-testid="sync-status"][data-state="connected"]').waitFor();
    await skipToMain(page);

    const bar = await tabTo(page, '[role="toolbar"]');
    expect(bar.ring).toBe(true);
    // The toolbar is a single Tab stop: the next Tab is the editor itself.
    await page.keyboard.press('Tab');
    const editor = await expectFocus(page, '[data-testid="workspace-editor"]');
    expect(editor).toMatchObject({ role: 'textbox', name: '方案正文编辑器' });
    expect(await page.getByTestId('workspace-editor').getAttribute('aria-multiline')).toBe('true');
    await page.keyboard.press('Control+End');
    await page.keyboard.press('Enter');
    await page.keyboard.type('键盘写的标题');

    await page.keyboard.press('Shift+Tab');
    await expectFocus(page, '[data-testid="tool-bold"]');
    expect(await page.getByTestId('tool-h2').getAttribute('aria-pressed')).toBe('false');
    for (let i = 0; i < 4; i++) await page.keyboard.press('ArrowRight');
    await expectFocus(page, '[data-testid="tool-h2"]');
    await page.keyboard.press('Enter');
    await expect.poll(() => page.getByTestId('tool-h2').getAttribute('aria-pressed')).toBe('true');
    expect(await page.getByTestId('workspace-editor').locator('h2').innerText()).toContain('键盘写的标题');
    // Back in the text: the next action is writing.
    await expectFocus(page, '[data-testid="workspace-editor"]');
  }, 60_000);

  it('goes online as an advisor, accepts an offer and sends a chat message', async () => {
    const advisor = await person(server, ['advisor'], 'advisor');
    await advisor.http.patch('/api/advice/advisor', { industries: ['3381'], topics: [], capacity: 1 });
    const page = await open(advisor.http, '/advice');
    await page.getByTestId('advisor-status').waitFor();
    await skipToMain(page);

    // The presence radio group: Tab reaches the checked radio ("offline", the last); → wraps to "online".
    await tabTo(page, '[data-testid="advisor-status"]');
    await expectFocus(page, '[data-testid="advisor-status"]');
    await page.keyboard.press('ArrowRight');
    await expect.poll(() => page.getByTestId('advisor-status').locator('.is-active').innerText()).toBe('在线');

    const founder = await person(server, ['founder'], 'founder');
    await founder.http.post('/api/advice/requests', QUESTION);
    await page.getByTestId('offer-card').waitFor();
    // Announced as an alert (the offer expires in seconds).
    await expect.poll(() => page.getByTestId('offer-alert').innerText()).toContain(QUESTION.question);
    expect(await page.getByTestId('offer-alert').getAttribute('role')).toBe('alert');

    await tabTo(page, '[data-testid="offer-accept"]');
    await expectFocus(page, '[data-testid="offer-accept"]');
    await page.keyboard.press('Enter');
    // The chat opens with focus in its input: the next action is writing.
    await page.getByTestId('chat-panel').waitFor();
    await expect.poll(async () => (await focused(page, '[data-testid="chat-input"]')).within).toBe(true);
    await expectFocus(page, '[data-testid="chat-input"]');
    await page.keyboard.type('您好，我来帮您看看认证的问题。');
    await page.keyboard.press('Enter');
    await expect.poll(() => page.getByTestId('chat-message').allInnerTexts()).toContainEqual(expect.stringContaining('我来帮您看看认证'));
    founder.socket.close();
    advisor.socket.close();
  }, 60_000);

  it('uses the mobile navigation', async () => {
    const page = await open(f.outsider, '/board', { width: 390, height: 844 });
    await page.getByTestId('board-card').first().waitFor();
    const toggle = page.getByTestId('nav-toggle');
    expect(await page.getByTestId('nav-advice').isVisible()).toBe(false);

    await tabTo(page, '[data-testid="nav-toggle"]');
    await expectFocus(page, '[data-testid="nav-toggle"]');
    expect(await toggle.getAttribute('aria-expanded')).toBe('false');
    await page.keyboard.press('Enter');
    expect(await toggle.getAttribute('aria-expanded')).toBe('true');
    await expectFocus(page, '[data-testid="nav-board"]');

    // Escape closes it and gives focus back to the button; Space opens it again.
    await page.keyboard.press('Escape');
    await expectFocus(page, '[data-testid="nav-toggle"]');
    expect(await toggle.getAttribute('aria-expanded')).toBe('false');
    await page.keyboard.press('Space');
    await tabTo(page, '[data-testid="nav-advice"]', { max: 3 });
    await expectFocus(page, '[data-testid="nav-advice"]');
    await page.keyboard.press('Enter');
    await page.waitForURL(/\/advice$/);
    await expect.poll(async () => (await focused(page, '#main h1')).within).toBe(true);
    expect(await page.title()).toBe('发展顾问 · 引智 Yinzhi');
    expect(await toggle.getAttribute('aria-expanded')).toBe('false');
    expect(await page.getByTestId('nav-advice').getAttribute('aria-current')).toBe('page');
  }, 60_000);
});
