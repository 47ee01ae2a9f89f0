/**
 * Solution workspaces in real Chromium: two team members in two browser contexts type into the
 * same document and each sees the other's text, named caret and comments; one goes offline, keeps typing,
 * and the edits merge when it is back; the lead saves a version and submits it, the company
 * accepts it on its review page, and an open board shows the challenge as solved without a reload.
 */
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { launchBrowser, startE2EServer } from '../helpers/browser';
import type { TestClient } from '../helpers/http';
import { workspaceFixture } from '../integration/collab/fixture';

const LIVE_MS = 8_000;
let server: Awaited<ReturnType<typeof startE2EServer>>;
let browser: Browser;
let f: Awaited<ReturnType<typeof workspaceFixture>>;
const contexts: BrowserContext[] = [];

beforeAll(async () => {
  [server, browser] = await Promise.all([startE2EServer(), launchBrowser()]);
  f = await workspaceFixture(server.url);
});
afterAll(async () => {
  for (const c of contexts) await c.close().catch(() => undefined);
  await browser?.close();
  await server?.stop();
});

async function pageAs(client: TestClient, path: string): Promise<{ page: Page; context: BrowserContext }> {
  const context = await browser.newContext({ locale: 'zh-CN', viewport: { width: 1280, height: 900 } });
  contexts.push(context);
  const [name, ...rest] = client.cookie.split('=');
  await context.addCookies([{ name: name!, value: rest.join('='), url: server.url }]);
  const page = await context.newPage();
  await page.goto(server.url + path);
  return { page, context };
}

const editorOf = (page: Page) => page.getByTestId('workspace-editor');
const synced = (page: Page) => page.locator('[data-testid="sync-status"][data-state="connected"]').waitFor({ timeout: LIVE_MS });
async function typeAtEnd(page: Page, text: string): Promise<void> {
  await editorOf(page).click();
  await page.keyboard.press('Control+End');
  await page.keyboard.type(text, { delay: 10 });
}

describe('workspace in Chromium', () => {
  it('two members co-edit live, see each other’s carets, and offline edits merge on reconnect', async () => {
    const lead = await pageAs(f.lead, `/workspaces/${f.team.id}`);
    const member = await pageAs(f.member, `/workspaces/${f.team.id}`);
    await Promise.all([synced(lead.page), synced(member.page)]);

    await typeAtEnd(lead.page, '组长写的第一段 lead-text');
    await expect.poll(() => editorOf(member.page).innerText(), { timeout: LIVE_MS }).toContain('lead-text');
    await lead.page.keyboard.press('Enter');
    await typeAtEnd(member.page, '成员补充 member-text');
    await expect.poll(() => editorOf(lead.page).innerText(), { timeout: LIVE_MS }).toContain('member-text');

    const memberName = (await f.member.get('/api/me')).body.data.name as string;
    const leadName = (await f.lead.get('/api/me')).body.data.name as string;
    await expect.poll(() => lead.page.locator('.collaboration-carets__label').allInnerTexts(), { timeout: LIVE_MS }).toContain(memberName);
    await expect.poll(() => member.page.locator('.collaboration-carets__label').allInnerTexts(), { timeout: LIVE_MS }).toContain(leadName);
    await expect.poll(() => lead.page.getByTestId('present-user').count(), { timeout: LIVE_MS }).toBe(2);

    // a comment on selected text appears live for the other member, with the real author
    await member.page.keyboard.down('Shift');
    for (let i = 0; i < 4; i++) await member.page.keyboard.press('ArrowLeft');
    await member.page.keyboard.up('Shift');
    await member.page.getByTestId('tool-comment').click();
    await member.page.locator('[data-testid="comment-input"] textarea, textarea[data-testid="comment-input"]').fill('这里需要数据支撑');
    await member.page.getByTestId('comment-post').click();
    await lead.page.getByRole('tab', { name: '评论' }).click();
    const thread = lead.page.getByTestId('comment-thread').first();
    await thread.waitFor({ timeout: LIVE_MS });
    expect(await thread.innerText()).toContain('这里需要数据支撑');
    expect(await thread.innerText()).toContain(memberName);
    expect(await thread.innerText()).toContain('text');
    await expect.poll(() => lead.page.locator('.comment-anchor').count(), { timeout: LIVE_MS }).toBeGreaterThan(0);
    await member.page.keyboard.press('End');

    // offline: the member keeps typing; the edits are held (and counted) and merge on reconnect
    await member.context.setOffline(true);
    await typeAtEnd(member.page, ' offline-edit');
    await expect.poll(() => member.page.getByTestId('sync-status').getAttribute('data-state'), { timeout: LIVE_MS }).not.toBe('connected');
    await expect.poll(async () => Number(await member.page.getByTestId('sync-status').getAttribute('data-unsent')), { timeout: LIVE_MS }).toBeGreaterThan(0);
    await typeAtEnd(lead.page, ' online-edit');
    await new Promise((r) => setTimeout(r, 500));
    expect(await editorOf(lead.page).innerText()).not.toContain('offline-edit');
    await member.context.setOffline(false);
    await expect.poll(() => editorOf(lead.page).innerText(), { timeout: 20_000 }).toContain('offline-edit');
    await expect.poll(() => editorOf(member.page).innerText(), { timeout: LIVE_MS }).toContain('online-edit');
    await synced(member.page);
    expect(await member.page.getByTestId('sync-status').getAttribute('data-unsent')).toBe('0');
    await member.context.close();
    await lead.context.close();
  }, 90_000);

  it('submit → review → accept shows the challenge solved on an open board', async () => {
    const board = await pageAs(f.outsider, '/board');
    const card = board.page.getByTestId('board-card').filter({ hasText: f.challenge.title });
    await card.waitFor({ timeout: LIVE_MS });

    const lead = await pageAs(f.lead, `/workspaces/${f.team.id}`);
    await synced(lead.page);
    await lead.page.getByRole('tab', { name: '版本' }).click();
    await lead.page.getByTestId('version-save').click();
    await lead.page.locator('.el-message-box input').fill('终稿');
    await lead.page.locator('.el-message-box .el-button--primary').click();
    await lead.page.getByTestId('version-item').filter({ hasText: '终稿' }).waitFor({ timeout: LIVE_MS });
    await lead.page.getByRole('tab', { name: '提交' }).click();
    await lead.page.getByTestId('submit-open').click();
    await lead.page.getByTestId('submit-confirm').click();
    await lead.page.getByTestId('submission-item').first().waitFor({ timeout: LIVE_MS });

    const rep = await pageAs(f.rep, `/challenges/${f.challenge.id}`);
    await rep.page.getByTestId('challenge-review').click();
    await rep.page.waitForURL(`**/challenges/${f.challenge.id}/submissions`);
    const item = rep.page.getByTestId('review-item').first();
    await item.waitFor({ timeout: LIVE_MS });
    expect(await item.innerText()).toContain('lead-text');
    await item.locator('[data-testid="review-comment"] textarea, textarea[data-testid="review-comment"]').fill('方案可行，予以采纳');
    await item.getByTestId('review-accept').click();
    await rep.page.getByTestId('review-solved').waitFor({ timeout: LIVE_MS });

    await expect.poll(() => card.getByTestId('board-card-status').innerText(), { timeout: LIVE_MS }).toBe('已解决');
    await expect.poll(() => lead.page.getByTestId('submission-status').first().innerText(), { timeout: LIVE_MS }).toBe('已采纳');

    // the accepted team's members are credited on their profiles
    await lead.page.goto(`${server.url}/profile`);
    await expect.poll(() => lead.page.getByTestId('profile-credits').innerText(), { timeout: LIVE_MS }).toContain(f.challenge.title);
  }, 90_000);
});
