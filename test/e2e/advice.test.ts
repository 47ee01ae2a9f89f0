/**
 * Live advice in real Chromium: a founder and an advisor in two browser contexts go request →
 * offer (with countdown and reasons) → accept → messages both ways (user text shown as text) →
 * end → rating, against a real server and database.
 */
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { adviceOf } from '../../server/matching/service';
import { launchBrowser, startE2EServer } from '../helpers/browser';
import { TestClient } from '../helpers/http';

let server: Awaited<ReturnType<typeof startE2EServer>>;
let browser: Browser;
const contexts: BrowserContext[] = [];

beforeAll(async () => {
  [server, browser] = await Promise.all([startE2EServer(), launchBrowser()]);
});
afterAll(async () => {
  for (const c of contexts) await c.close();
  await browser?.close();
  await adviceOf(server.ctx).stop();
  await server?.stop();
});

/** A logged-in page for an account made through the API (the login UI has its own test). */
async function pageFor(client: TestClient): Promise<Page> {
  const context = await browser.newContext({ viewport: { width: 1400, height: 900 }, locale: 'zh-CN' });
  contexts.push(context);
  const [name, value] = client.cookie.split('=') as [string, string];
  await context.addCookies([{ name, value, url: server.url }]);
  const page = await context.newPage();
  await page.goto(`${server.url}/advice`);
  return page;
}

describe('advice in the browser', () => {
  it('request → offer → accept → chat both ways → end → rating', { timeout: 90_000 }, async () => {
    const stamp = Date.now();
    const advisorApi = new TestClient(server.url);
    await advisorApi.register({ email: `adv-${stamp}@example.com`, roles: ['advisor'], name: '吕顾问' });
    expect((await advisorApi.patch('/api/advice/advisor', { industries: ['3381'], topics: ['出海'], capacity: 1 })).status).toBe(200);
    const founderApi = new TestClient(server.url);
    await founderApi.register({ email: `fdr-${stamp}@example.com`, roles: ['founder'], name: '王企业主' });
    await founderApi.patch('/api/me/profile', { industries: ['3381'] });

    const advisor = await pageFor(advisorApi);
    const founder = await pageFor(founderApi);
    const a = (id: string) => advisor.getByTestId(id);
    const f = (id: string) => founder.getByTestId(id);

    const step = (m: string) => process.env.E2E_TRACE && console.log(m);
    step('online');
    await a('advisor-status-online').click();
    await expect.poll(() => a('advisor-status').locator('.is-active').innerText()).toBe('在线');

    step('ask');
    await f('advice-question').fill('保温杯出口欧洲需要哪些认证？');
    await f('advice-submit').click();

    const offer = a('offer-card');
    await offer.waitFor();
    expect(await offer.innerText()).toContain('保温杯出口欧洲需要哪些认证？');
    expect(await offer.innerText()).toContain('行业相近');
    await expect.poll(async () => Number((await a('offer-countdown').innerText()).replace(/\D/g, ''))).toBeGreaterThan(20);
    await expect.poll(() => f('advice-state').first().innerText()).toBe('等待顾问确认');

    step('accept');
    await a('offer-accept').click();
    await a('chat-panel').waitFor();
    await expect.poll(() => f('advice-state').first().innerText()).toBe('已接通');
    await f('advice-open-chat').first().click();
    await f('chat-panel').waitFor();

    step('chat');
    await f('chat-input').fill('您好，<img src=x onerror="window.pwned=1"> 请看 https://example.com/spec');
    await f('chat-input').press('Enter');
    await expect.poll(() => a('chat-messages').innerText()).toContain('<img src=x onerror="window.pwned=1">');
    expect(await a('chat-messages').locator('img').count()).toBe(0);
    const link = a('chat-messages').locator('a[href="https://example.com/spec"]');
    expect(await link.getAttribute('rel')).toContain('noopener');

    await a('chat-input').fill('您好，建议先做CE认证。');
    await a('chat-input').press('Enter');
    await expect.poll(() => f('chat-messages').innerText()).toContain('建议先做CE认证');
    await expect.poll(() => f('chat-messages').getByText('已读').count()).toBeGreaterThan(0);

    step('end');
    await f('chat-end').click();
    await founder.locator('.el-message-box__btns .el-button--primary').click();
    await f('chat-rate').waitFor();
    await f('chat-rating').locator('.el-rate__item').nth(3).click();
    await f('chat-submit-rating').click();
    await expect.poll(() => f('chat-rated').innerText()).toContain('4');
    await expect.poll(() => a('chat-panel').innerText()).toContain('咨询已结束');
    expect(await advisor.evaluate(() => (window as unknown as { pwned?: number }).pwned)).toBeUndefined();
  });
});
