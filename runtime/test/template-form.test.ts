/**
 * <TemplateForm> in a real browser: the harness page (runtime/test/harness) built by vite, with
 * the sample self-evaluation (worked example 1 of DOMAIN.md §9).
 */
import path from 'node:path';
import type { BrowserContext, Page } from 'playwright-core';
import { artifactPath, browserAvailable, browserRequiredButMissing, launch, ROOT, serveStatic, viteBuild, type StaticServer } from './browser';

const run = browserAvailable();
const d = run ? describe : describe.skip;

if (browserRequiredButMissing()) {
  test('browser tests are required (JIXIAO_E2E=required)', () => {
    throw new Error('JIXIAO_E2E=required but /usr/bin/chromium is missing (apt-get install -y chromium)');
  });
}

d('TemplateForm in chromium', () => {
  let server: StaticServer;
  let ctx: BrowserContext;
  let page: Page;
  const pageErrors: string[] = [];

  beforeAll(async () => {
    viteBuild('runtime/test/harness/vite.config.ts');
    server = await serveStatic(path.join(ROOT, 'test-artifacts/harness'));
    ctx = await launch();
    page = await ctx.newPage();
    page.on('pageerror', (e) => pageErrors.push(String(e)));
    await page.goto(`${server.url}/index.html`);
    await page.waitForFunction(() => window.jxHarness?.ready === true, undefined, { timeout: 20000 });
  }, 120000);

  afterAll(async () => {
    await ctx?.close();
    await server?.close();
  });

  const item = (label: string) => page.locator('.ant-formily-item').filter({ has: page.locator(`.ant-formily-item-label:has-text("${label}")`) }).first();
  const computed = (p: string) => page.locator(`.jx-computed[data-path="${p}"] .jx-computed-value`);

  test('computed fields are read-only, grey and marked ƒ', async () => {
    const total = page.locator('.jx-computed[data-path="total"]');
    await total.waitFor();
    expect(await total.getAttribute('aria-readonly')).toBe('true');
    expect(await total.locator('.jx-computed-icon').textContent()).toBe('ƒ');
    expect(await item('总分').locator('input, textarea').count()).toBe(0);
    const bg = await total.evaluate((el) => getComputedStyle(el).backgroundColor);
    expect(bg).toBe('rgb(245, 245, 245)');
    // the score column of the indicator table is computed too
    expect(await page.locator('.jx-computed[data-path="indicators.0.score"]').count()).toBe(1);
    expect(await page.locator('[data-path="indicators.0.score"] input').count()).toBe(0);
  });

  test('a 10-character 总体目标 shows the zh-CN minLength message', async () => {
    const textarea = item('总体目标').locator('textarea');
    await textarea.fill('一二三四五六七八九十');
    const help = item('总体目标').locator('.ant-formily-item-help');
    await help.waitFor({ timeout: 5000 });
    expect(await help.textContent()).toContain('至少需要 30 个字');
    await page.screenshot({ path: artifactPath('template-form-minlength.png'), fullPage: true });
  });

  test('typing an actual value changes the score and the total live', async () => {
    await expect(computed('indicators.0.score').textContent()).resolves.toBe('18.00');
    await expect(computed('total').textContent()).resolves.toBe('91.19');
    await expect(page.getByTestId('score-grade').textContent()).resolves.toBe('优');
    const input = page.locator('.ant-table-row').nth(0).locator('td.jx-col-actual input');
    await input.fill('500');
    await page.waitForFunction(() => document.querySelector('.jx-computed[data-path="indicators.0.score"] .jx-computed-value')?.textContent === '20.00');
    await expect(computed('total').textContent()).resolves.toBe('93.19');
    await expect(page.getByTestId('score-total').textContent()).resolves.toBe('93.19');
    await page.screenshot({ path: artifactPath('template-form-live-score.png'), fullPage: true });
  });

  test('money is shown with thousands separators and 2 decimals', async () => {
    const money = item('全年预算数').locator('input');
    expect(await money.inputValue()).toBe('2,000,000.00');
  });

  test('no page errors', () => {
    expect(pageErrors).toEqual([]);
  });
});
