/**
 * The client shell in real Chromium against a real server and database: register, the live
 * connection, logout/login, the profile with an industry, and the language choice surviving a
 * reload. Selectors are `data-testid`s; assertions are on what a user sees.
 */
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { launchBrowser, startE2EServer } from '../helpers/browser';
import { TestClient } from '../helpers/http';

let server: Awaited<ReturnType<typeof startE2EServer>>;
let browser: Browser;
let context: BrowserContext;
let page: Page;

beforeAll(async () => {
  [server, browser] = await Promise.all([startE2EServer(), launchBrowser()]);
});
afterAll(async () => {
  await browser?.close();
  await server?.stop();
});
beforeEach(async () => {
  context = await browser.newContext({ viewport: { width: 1280, height: 860 }, locale: 'zh-CN' });
  page = await context.newPage();
});
afterEach(() => context?.close());

const byId = (id: string) => page.getByTestId(id);
const text = (id: string) => () => byId(id).innerText();
const password = 'correct-horse-1';

async function logIn(email: string): Promise<void> {
  await byId('login-email').fill(email);
  await byId('login-password').fill(password);
  await byId('login-submit').click();
}

describe('client shell', () => {
  it('registers, shows the live shell, logs out and in, edits the profile and keeps the language', async () => {
    const email = `e2e-${Date.now()}@example.com`;
    const name = '测试专家';

    // A protected page sends a visitor to the login, keeping where they wanted to go.
    await page.goto(`${server.url}/profile`);
    await page.waitForURL(/\/login\?redirect=(%2F|\/)profile$/);

    await byId('nav-register').click();
    await page.waitForURL(/\/register$/);
    expect(await byId('register-role-expert').locator('input').isChecked()).toBe(true);
    await byId('register-email').fill(email);
    await byId('register-password').fill(password);
    await byId('register-name').fill(name);
    await byId('register-submit').click();

    // In the shell: the user's name, the Chinese nav without Admin, and a live connection.
    await page.waitForURL(/\/board$/);
    await expect.poll(text('user-name')).toBe(name);
    expect(await byId('nav-board').innerText()).toBe('挂牌引智');
    expect(await byId('nav-workspaces').innerText()).toBe('方案工作台');
    expect(await byId('nav-advice').innerText()).toBe('发展顾问');
    expect(await byId('nav-admin').count()).toBe(0);
    await byId('connection-indicator').and(page.locator('[data-status=online]')).waitFor();
    await expect.poll(text('connection-indicator')).toMatch(/^\d+ ms$/);

    await byId('user-menu').click();
    await byId('menu-logout').click();
    await page.waitForURL(/\/login$/);
    await byId('nav-login').waitFor();
    expect(await byId('user-name').count()).toBe(0);
    await byId('connection-indicator').and(page.locator('[data-status=online]')).waitFor();

    await logIn(email);
    await page.waitForURL(/\/board$/);
    await expect.poll(text('user-name')).toBe(name);

    await byId('user-menu').click();
    await byId('menu-profile').click();
    await page.waitForURL(/\/profile$/);
    const industries = byId('profile-industries');
    await industries.locator('.el-cascader__search-input').fill('3381');
    await page.locator('.el-cascader__suggestion-item', { hasText: '3381' }).click();
    await page.keyboard.press('Escape');
    await byId('profile-bio').fill('不锈钢保温杯表面处理');
    await byId('profile-save').click();
    await page.locator('.el-message--success', { hasText: '资料已保存' }).waitFor();

    await page.reload();
    await expect.poll(() => industries.locator('.el-tag').allInnerTexts()).toEqual(['3381 金属制厨房用器具制造']);
    expect(await byId('profile-bio').inputValue()).toBe('不锈钢保温杯表面处理');

    await byId('lang-switch').click();
    await byId('lang-en').click();
    await expect.poll(text('nav-board')).toBe('Board');
    expect(await byId('nav-workspaces').innerText()).toBe('Workspaces');
    expect(await byId('nav-advice').innerText()).toBe('Advice');
    expect(await page.locator('html').getAttribute('lang')).toBe('en');
    await expect.poll(() => industries.locator('.el-tag').allInnerTexts()).toEqual(['3381 Manufacture of metal kitchen utensils']);

    await page.reload();
    await expect.poll(text('nav-board')).toBe('Board');
    expect(await page.locator('h1').innerText()).toBe('Profile');
    expect(await byId('lang-switch').innerText()).toBe('English');
    expect(await page.locator('html').getAttribute('lang')).toBe('en');
  }, 90_000);

  it('shows the server’s field errors under the fields they name', async () => {
    const email = `taken-${Date.now()}@example.com`;
    await new TestClient(server.url).register({ email });

    await page.goto(`${server.url}/register`);
    await byId('register-email').fill(email);
    await byId('register-password').fill(password);
    await byId('register-name').fill('重复注册');
    await byId('register-submit').click();

    const emailItem = page.locator('.el-form-item', { has: byId('register-email') });
    await expect.poll(() => emailItem.locator('.el-form-item__error').innerText()).toBe('该邮箱已注册');
    expect(page.url()).toMatch(/\/register$/);
    expect(await byId('nav-login').isVisible()).toBe(true);
  }, 60_000);
});
