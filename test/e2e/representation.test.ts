/**
 * Representing an organisation needs approval, in real Chromium: a newcomer who registers as
 * representative of an organisation waits (banner, no posting) until a representative of that
 * organisation approves the request on /representatives — where it arrived live — and then gains
 * the rights in the same document. A rejection shows its reason on the newcomer's profile, from
 * which they may ask again.
 */
import type { Browser, BrowserContext, Locator, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { boardFixture, challengeInput } from '../helpers/board';
import { launchBrowser, startE2EServer } from '../helpers/browser';
import { TestClient } from '../helpers/http';

const LIVE_MS = 5_000;

let server: Awaited<ReturnType<typeof startE2EServer>>;
let browser: Browser;
const contexts: BrowserContext[] = [];

beforeAll(async () => {
  [server, browser] = await Promise.all([startE2EServer(), launchBrowser()]);
});

afterAll(async () => {
  for (const c of contexts) await c.close().catch(() => undefined);
  await browser?.close();
  await server?.stop();
});

/** A browser page on `path`, logged in as `client` when one is given (its session cookie copied over). */
async function pageAs(client: TestClient | null, path: string): Promise<Page> {
  const context = await browser.newContext({ locale: 'zh-CN', viewport: { width: 1280, height: 900 } });
  contexts.push(context);
  if (client) {
    const [name, ...rest] = client.cookie.split('=');
    await context.addCookies([{ name: name!, value: rest.join('='), url: server.url }]);
  }
  const page = await context.newPage();
  await page.goto(server.url + path);
  return page;
}

const field = (scope: Page | Locator, testId: string) =>
  scope.locator(`input[data-testid="${testId}"], textarea[data-testid="${testId}"], [data-testid="${testId}"] input, [data-testid="${testId}"] textarea`).first();

/** Marks the document so a later check can tell it was never reloaded. */
const markDocument = (page: Page) => page.evaluate(() => Object.assign(window, { __sameDocument: true }));
const sameDocument = (page: Page) => page.evaluate(() => (window as unknown as { __sameDocument?: boolean }).__sameDocument === true);

async function organizationName(client: TestClient, id: string): Promise<string> {
  const list = (await client.get('/api/organizations')).body.data as { id: string; name: string }[];
  return list.find((o) => o.id === id)!.name;
}

/** Picks `label` in the Element Plus select carrying `testId`. */
async function choose(page: Page, testId: string, label: string): Promise<void> {
  await page.getByTestId(testId).click();
  await page.locator('.el-select-dropdown__item:visible', { hasText: label }).first().click();
}

describe('representing an organisation needs approval', () => {
  it('a newcomer waits with a banner and no posting until a representative approves live, then gains the rights (and the alliance-only cards) without a reload', async () => {
    const f = await boardFixture(server.url);
    const orgName = await organizationName(f.admin, f.orgA);
    const email = `newrep-${Date.now().toString(36)}@example.com`;

    // One public and one alliance-only challenge: only members (accounts of an organisation) see the second.
    const stamp = Date.now().toString(36);
    const publicTitle = `公开难题 ${stamp}`;
    const membersTitle = `联盟内难题 ${stamp}`;
    for (const [title, visibility] of [[publicTitle, 'public'], [membersTitle, 'members']]) {
      expect((await f.rep.post('/api/challenges', challengeInput({ title, visibility }))).status).toBe(201);
    }

    // The organisation's representative has the approval queue open before anyone asks.
    const rep = await pageAs(f.rep, '/representatives');
    await rep.getByTestId('representatives-page').waitFor();
    await markDocument(rep);

    // The newcomer registers through the form as representative of orgA.
    const newcomer = await pageAs(null, '/register');
    await field(newcomer, 'register-email').fill(email);
    await field(newcomer, 'register-password').fill('correct-horse-1');
    await field(newcomer, 'register-name').fill('新联络人');
    await newcomer.getByTestId('register-role-representative').click();
    expect(await newcomer.getByTestId('register-representative-approval').innerText()).toContain('审批');
    await choose(newcomer, 'register-organization', orgName);
    await newcomer.getByTestId('register-submit').click();
    await newcomer.waitForURL(/\/board$/);
    await newcomer.getByTestId('board-page').waitFor();

    // Pending: the banner names the organisation, and there is no way to post a challenge.
    const banner = newcomer.getByTestId('pending-representation-banner');
    await banner.waitFor();
    expect(await banner.innerText()).toContain(`您申请成为「${orgName}」的企业联络人，正在等待审批`);
    expect(await newcomer.getByTestId('post-challenge').count()).toBe(0);
    await newcomer.getByTestId('board-card').filter({ hasText: publicTitle }).waitFor();
    expect(await newcomer.getByTestId('board-card').filter({ hasText: membersTitle }).count()).toBe(0);
    await markDocument(newcomer);

    // The request arrives on the representative's open queue without a reload; they approve it.
    const row = rep.getByTestId('representation-request').filter({ hasText: email });
    await row.waitFor({ timeout: LIVE_MS });
    expect(await row.innerText()).toContain('新联络人');
    expect(await row.innerText()).toContain(orgName);
    expect(await sameDocument(rep)).toBe(true);
    await row.getByTestId('representation-approve').click();
    await row.waitFor({ state: 'detached' });

    // The newcomer's page, never reloaded, drops the banner and offers posting.
    await banner.waitFor({ state: 'detached', timeout: LIVE_MS });
    await newcomer.getByTestId('post-challenge').waitFor({ timeout: LIVE_MS });
    await newcomer.getByTestId('board-card').filter({ hasText: membersTitle }).waitFor({ timeout: LIVE_MS });
    expect(await sameDocument(newcomer)).toBe(true);

    // The approved list shows the decision.
    await rep.getByRole('tab', { name: '已通过' }).click();
    await rep.getByTestId('representation-request').filter({ hasText: email }).waitFor();
  }, 120_000);

  it('a rejection needs a reason, which the newcomer sees on their profile; they may ask again', async () => {
    const f = await boardFixture(server.url);
    const orgB = await organizationName(f.admin, f.orgB);
    const email = `refused-${Date.now().toString(36)}@example.com`;
    const newcomerClient = new TestClient(server.url);
    await newcomerClient.register({ email, name: '被拒者', roles: ['expert', 'representative'], organizationId: f.orgB });

    const newcomer = await pageAs(newcomerClient, '/profile');
    const standing = newcomer.getByTestId('representation-standing');
    await expect.poll(() => standing.innerText()).toContain('等待审批');
    await markDocument(newcomer);

    // The other organisation's representative rejects: without a reason the server's field error shows.
    const rep = await pageAs(f.otherRep, '/representatives');
    const row = rep.getByTestId('representation-request').filter({ hasText: email });
    await row.getByTestId('representation-reject').click();
    const confirm = rep.getByTestId('representation-reject-confirm');
    await confirm.click();
    const reasonItem = rep.locator('.el-form-item', { has: rep.getByTestId('representation-reason-input') });
    await expect.poll(() => reasonItem.locator('.el-form-item__error').innerText()).toBe('拒绝须填写理由');
    const reason = '请使用单位邮箱重新申请';
    await field(rep, 'representation-reason-input').fill(reason);
    await confirm.click();
    await row.waitFor({ state: 'detached' });
    await rep.getByRole('tab', { name: '已拒绝' }).click();
    await expect.poll(() => rep.getByTestId('representation-request').filter({ hasText: email }).innerText()).toContain(reason);

    // The newcomer's profile, without a reload, shows the refusal and its reason.
    await expect.poll(() => standing.innerText(), { timeout: LIVE_MS }).toContain(reason);
    expect(await standing.innerText()).toContain(orgB);
    expect(await sameDocument(newcomer)).toBe(true);
    await newcomer.getByTestId('notification-bell').click();
    await expect.poll(() => newcomer.getByTestId('notification-item').first().innerText()).toContain(reason);
    await newcomer.keyboard.press('Escape');

    // Asking again files a new pending request.
    await choose(newcomer, 'representation-ask-organization', orgB);
    await newcomer.getByTestId('representation-ask').click();
    await expect.poll(() => standing.innerText()).toContain('等待审批');
    await newcomer.getByTestId('pending-representation-banner').waitFor();
    await rep.getByRole('tab', { name: '待审批' }).click();
    await rep.getByTestId('representation-request').filter({ hasText: email }).waitFor({ timeout: LIVE_MS });
  }, 120_000);
});
