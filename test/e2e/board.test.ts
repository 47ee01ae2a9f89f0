/**
 * The board in real Chromium: a representative posts a challenge through the UI in one browser
 * context, and an expert's open board (another context) shows it without a reload; the expert
 * opens it, asks a question, and the representative's answer arrives live on the expert's page.
 */
import type { Browser, BrowserContext, Locator, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { boardFixture } from '../helpers/board';
import { launchBrowser, startE2EServer } from '../helpers/browser';
import type { TestClient } from '../helpers/http';

const LIVE_MS = 5_000;

let server: Awaited<ReturnType<typeof startE2EServer>>;
let browser: Browser;
const contexts: BrowserContext[] = [];

beforeAll(async () => {
  server = await startE2EServer();
  browser = await launchBrowser();
});

afterAll(async () => {
  for (const c of contexts) await c.close().catch(() => undefined);
  await browser?.close();
  await server?.stop();
});

/** A browser context logged in as `client` (its session cookie copied over), on `path`. */
async function pageAs(client: TestClient, path: string): Promise<Page> {
  const context = await browser.newContext({ locale: 'zh-CN', viewport: { width: 1280, height: 900 } });
  contexts.push(context);
  const [name, ...rest] = client.cookie.split('=');
  await context.addCookies([{ name: name!, value: rest.join('='), url: server.url }]);
  const page = await context.newPage();
  await page.goto(server.url + path);
  return page;
}

/** The text box inside an Element Plus input that carries `testId` (on the wrapper or the field). */
const field = (scope: Page | Locator, testId: string) =>
  scope.locator(`input[data-testid="${testId}"], textarea[data-testid="${testId}"], [data-testid="${testId}"] input, [data-testid="${testId}"] textarea`).first();

describe('the live board in Chromium', () => {
  it('shows a challenge posted in another browser without a reload, and a live answer to a question', async () => {
    const f = await boardFixture(server.url);
    const expertClient = await f.expert();
    const title = `焊缝检测难题 ${Date.now().toString(36)}`;

    // The expert's board is open before the challenge exists.
    const expert = await pageAs(expertClient, '/board');
    await expert.getByTestId('board-page').waitFor();
    await expect.poll(() => expert.getByTestId('board-card').filter({ hasText: title }).count()).toBe(0);
    await expert.evaluate(() => Object.assign(window, { __sameDocument: true }));

    // The representative posts it through the form.
    const rep = await pageAs(f.rep, '/board');
    await rep.getByTestId('post-challenge').click();
    await rep.waitForURL(/\/challenges\/new$/);
    await field(rep, 'challenge-title-input').fill(title);
    await field(rep, 'challenge-summary-input').fill('寻求一种低成本的不锈钢真空杯焊缝微漏在线检测方法。');
    await rep.getByTestId('rich-text-editor').click();
    await rep.keyboard.type('目前依靠人工抽检，漏检率高。');
    await field(rep, 'challenge-reward-amount').fill('30000');
    await rep.getByTestId('challenge-publish').click();
    await rep.waitForURL(/\/challenges\/[a-f0-9]{24}$/);
    const challengeId = rep.url().split('/').pop()!;
    await expect.poll(() => rep.getByTestId('challenge-title').textContent()).toBe(title);

    // It appears on the expert's open board, in the same document (no reload).
    const card = expert.getByTestId('board-card').filter({ hasText: title });
    await card.waitFor({ timeout: LIVE_MS });
    expect(await card.getAttribute('data-id')).toBe(challengeId);
    expect(await card.textContent()).toContain('¥30,000');
    expect(await expert.evaluate(() => (window as unknown as { __sameDocument?: boolean }).__sameDocument)).toBe(true);

    // The expert opens it and asks; the representative sees the question arrive and answers.
    await card.click();
    await expert.waitForURL(new RegExp(`/challenges/${challengeId}$`));
    await expect.poll(() => expert.getByTestId('challenge-title').textContent()).toBe(title);
    const question = '检测节拍有什么要求？';
    await field(expert, 'question-input').fill(question);
    await expert.getByTestId('question-submit').click();
    const asked = expert.getByTestId('question-item').filter({ hasText: question });
    await asked.waitFor();
    expect(await asked.getByTestId('question-answer').count()).toBe(0);

    const repQuestion = rep.getByTestId('question-item').filter({ hasText: question });
    await repQuestion.waitFor({ timeout: LIVE_MS });
    const answer = '每只不超过 3 秒。';
    await field(repQuestion, 'answer-input').fill(answer);
    await repQuestion.getByTestId('answer-submit').click();

    // The answer arrives on the expert's page without a reload.
    await asked.getByTestId('question-answer').waitFor({ timeout: LIVE_MS });
    expect(await asked.getByTestId('question-answer').textContent()).toContain(answer);
    expect(await expert.evaluate(() => (window as unknown as { __sameDocument?: boolean }).__sameDocument)).toBe(true);
  });
});
