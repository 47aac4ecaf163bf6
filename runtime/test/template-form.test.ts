/**
 * <TemplateForm> in a real browser: the harness page (runtime/test/harness) built by vite, with
 * the sample self-evaluation (worked example 1 of DOMAIN.md §9).
 */
import fs from 'node:fs';
import path from 'node:path';
import type { BrowserContext, Page } from 'playwright-core';
import { compareOrder, documentOrder, rowOfPath } from '../src/form/to-formily';
import type { SchemaNode } from '../src/form/template-types';
import { artifactPath, browserSuite, launch, ROOT, serveStatic, type StaticServer, viteBuild } from './browser';

// Generous: the machine running the suite may be busy (vite builds, other suites).
jest.setTimeout(90000);

const d = browserSuite();

// Which invalid field 提交 scrolls to: the first in the rendered order (rows by number, not by text).
test('issues sort in form order: fields by display order, rows numerically', () => {
  const schema = JSON.parse(fs.readFileSync(path.join(ROOT, 'engine/test/fixtures/example1-self-eval.json'), 'utf8')) as { schema: SchemaNode };
  const paths = ['indicators.10.reason', 'grade', 'indicators.2.reason', 'indicators.2.actual', 'funds.adjusted', 'projectName'];
  const order = (a: string, b: string): number => compareOrder(documentOrder(schema.schema, a), documentOrder(schema.schema, b));
  expect([...paths].sort(order)).toEqual([
    'projectName',
    'funds.adjusted',
    'indicators.2.actual',
    'indicators.2.reason',
    'indicators.10.reason',
    'grade',
  ]);
  expect(rowOfPath('indicators.10.reason')).toEqual({ array: 'indicators', index: 10 });
  expect(rowOfPath('funds.adjusted')).toBeNull();
});

d('TemplateForm in chromium', () => {
  let server: StaticServer;
  let ctx: BrowserContext;
  let page: Page;
  const pageErrors: string[] = [];

  beforeAll(async () => {
    viteBuild('runtime/test/harness/vite.config.ts');
    server = await serveStatic(path.join(ROOT, 'test-artifacts/harness'), {
      '/fixture/template.json': path.join(ROOT, 'engine/test/fixtures/example1-self-eval.json'),
      '/fixture/data.json': path.join(ROOT, 'engine/test/fixtures/example1-data.json'),
    });
    ctx = await launch();
    page = await ctx.newPage();
    page.on('pageerror', (e) => pageErrors.push(String(e)));
    await page.goto(`${server.url}/index.html`);
    await page.waitForFunction(() => window.jxHarness?.ready === true, undefined, { timeout: 60000 });
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
    await help.waitFor({ timeout: 30000 });
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

  test('the engine fixture (example 1) renders with its total, grade and conditional cells', async () => {
    const p2 = await ctx.newPage();
    p2.on('pageerror', (e) => pageErrors.push(String(e)));
    await p2.goto(`${server.url}/index.html?template=/fixture/template.json&data=/fixture/data.json`);
    await p2.waitForFunction(() => window.jxHarness?.ready === true, undefined, { timeout: 60000 });
    const text = (p: string) => p2.locator(`.jx-computed[data-path="${p}"] .jx-computed-value`).textContent();
    await expect(text('total')).resolves.toBe('91.19');
    await expect(text('grade')).resolves.toBe('优');
    await expect(text('funds.score')).resolves.toBe('9.00');
    // x-visible: the 定性 rating cell exists only on the 定性 row (row 5), not on row 1
    const rows = p2.locator('.ant-table-row');
    expect(await rows.nth(4).locator('td.jx-col-rating .ant-select').count()).toBe(1);
    expect(await rows.nth(0).locator('td.jx-col-rating .ant-select').count()).toBe(0);
    // the values the harness reports are the engine's computed values (what the server stores)
    const values = await p2.evaluate(() => window.jxHarness.values);
    expect(values?.['total']).toBe(91.19);
    await p2.screenshot({ path: artifactPath('template-form-example1.png'), fullPage: true });
    await p2.close();
  });

  test('rows can be added and removed; totals follow', async () => {
    const weightTotal = () => page.locator('.jx-total[data-total="weight"]').textContent();
    await expect(weightTotal()).resolves.toBe('90.00');
    await page.getByText('添加一行').click();
    const last = page.locator('.ant-table-row').last();
    await last.locator('td.jx-col-weight input').fill('10');
    await page.waitForFunction(() => document.querySelector('.jx-total[data-total="weight"]')?.textContent === '100.00');
    await last.locator('.ant-formily-array-base-remove').click();
    await page.waitForFunction(() => document.querySelector('.jx-total[data-total="weight"]')?.textContent === '90.00');
  });

  test('drafts are autosaved through the callback after a change', async () => {
    await page.locator('.ant-formily-item').filter({ hasText: '项目名称' }).first().locator('input').fill('改过的项目名称');
    // An autosave of the previous test's row edits may still land first: wait for the one carrying this change.
    await page.waitForFunction(() => window.jxHarness.saves.some((s) => s['项目名称'] === '改过的项目名称'), undefined, { timeout: 30000 });
    const saved = await page.evaluate(() => window.jxHarness.saves.at(-1));
    expect(saved?.['项目名称']).toBe('改过的项目名称');
    // React renders the tag after the save callback returned: wait for it (busy machines lose the race).
    await page.getByTestId('save-state').filter({ hasText: '已保存' }).waitFor({ timeout: 10000 });
    await expect(page.getByTestId('save-state').textContent()).resolves.toBe('已保存');
  });

  test('leaving with unsaved changes warns (beforeunload); after the autosave it does not', async () => {
    const p3 = await ctx.newPage();
    p3.on('pageerror', (e) => pageErrors.push(String(e)));
    await p3.goto(`${server.url}/index.html?autosave=3000`);
    await p3.waitForFunction(() => window.jxHarness?.ready === true, undefined, { timeout: 60000 });
    const leaving = () =>
      p3.evaluate(() => {
        const e = new Event('beforeunload', { cancelable: true });
        window.dispatchEvent(e);
        return e.defaultPrevented;
      });
    expect(await leaving()).toBe(false);
    await p3.locator('.ant-formily-item').filter({ hasText: '项目名称' }).first().locator('input').fill('又改了一次');
    await p3.getByTestId('save-state').filter({ hasText: '有未保存的修改' }).waitFor();
    expect(await leaving()).toBe(true);
    await p3.getByTestId('save-state').filter({ hasText: '已保存' }).waitFor({ timeout: 60000 });
    expect(await leaving()).toBe(false);
    await p3.close();
  });

  test('indicator rows can be picked from the library', async () => {
    const rows = page.locator('.jx-template-form .ant-table-row');
    const before = await rows.count();
    await page.getByTestId('indicator-picker').click();
    const dialog = page.locator('.ant-modal');
    await dialog.locator('.ant-table-row').first().waitFor();
    await dialog.locator('.ant-table-row').filter({ hasText: '参训人员满意度' }).locator('.ant-checkbox-input').check();
    await dialog.locator('.ant-modal-footer .ant-btn-primary').click();
    await page.waitForFunction((n) => document.querySelectorAll('.jx-template-form .ant-table-row').length === n + 1, before);
    expect(await rows.last().locator('td.jx-col-level3 input').inputValue()).toBe('参训人员满意度');
    expect(await rows.last().locator('td.jx-col-target input').inputValue()).toBe('90');
  });

  test('no page errors', () => {
    expect(pageErrors).toEqual([]);
  });
});

// After the suite above: reuses its harness build (no second vite build into the same folder).
d('TemplateForm with 120 indicator rows (only rows near the viewport are mounted)', () => {
  let server: StaticServer;
  let ctx: BrowserContext;
  let page: Page;
  const pageErrors: string[] = [];
  const N = 120;
  /** The one row that needs a reason it lacks (score < weight): far from the top and the bottom. */
  const BAD_ROW = 60;
  let weightSum = 0;

  const row = (i: number) => page.locator(`.jx-template-form .ant-table-row[data-row-key="${i}"]`);
  const mounted = (i: number) => page.locator(`.jx-template-form .ant-table-row[data-row-key="${i}"]:not(.jx-row-virtual)`);
  const scoreText = (i: number) => page.locator(`.jx-computed[data-path="indicators.${i}.score"] .jx-computed-value`).textContent();
  /** Scroll row i (or its placeholder) into view and wait until it is mounted. */
  const reveal = async (i: number): Promise<void> => {
    await row(i).scrollIntoViewIfNeeded();
    await mounted(i).waitFor({ timeout: 30000 });
  };

  beforeAll(async () => {
    const data = JSON.parse(fs.readFileSync(path.join(ROOT, 'engine/test/fixtures/example1-data.json'), 'utf8')) as {
      indicators: Array<Record<string, unknown>>;
    };
    const base = data.indicators;
    // Valid rows (the fixture's text "33" as a number; every row explains its deviation, x-required-when:
    // score < weight) except BAD_ROW (base row 0: 450 of 500, no reason).
    const valid = (r: Record<string, unknown> | undefined): Record<string, unknown> => ({ ...r, actual: r?.['actual'] === undefined ? undefined : Number(r['actual']), reason: '客观原因' });
    data.indicators = Array.from({ length: N }, (_, i) => (i === BAD_ROW ? { ...valid(base[0]), reason: undefined } : valid(base[i % base.length])));
    weightSum = data.indicators.reduce((sum, r) => sum + Number(r['weight']), 0);
    const dataFile = artifactPath('big-table-data.json');
    fs.writeFileSync(dataFile, JSON.stringify(data));
    server = await serveStatic(path.join(ROOT, 'test-artifacts/harness'), {
      '/fixture/template.json': path.join(ROOT, 'engine/test/fixtures/example1-self-eval.json'),
      '/fixture/data.json': dataFile,
    });
    ctx = await launch();
    page = await ctx.newPage();
    page.on('pageerror', (e) => pageErrors.push(String(e)));
    await page.goto(`${server.url}/index.html?template=/fixture/template.json&data=/fixture/data.json`);
    await page.waitForFunction(() => window.jxHarness?.ready === true, undefined, { timeout: 60000 });
  }, 120000);

  afterAll(async () => {
    await ctx?.close();
    await server?.close();
  });

  test('far rows are placeholders; totals and computed cells cover every row; a far row mounts when scrolled to', async () => {
    // Every row has its <tr> (for the scroll height), most are placeholders.
    expect(await page.locator('.jx-template-form .ant-table-row').count()).toBe(N);
    expect(await page.locator('.jx-template-form .jx-row-virtual').count()).toBeGreaterThan(N / 2);
    // The column total is over the data, not over the mounted rows.
    expect(await page.locator('.jx-total[data-total="weight"]').textContent()).toBe(weightSum.toFixed(2));
    await reveal(4);
    const twin = await scoreText(4);
    const last = N - 1;
    await reveal(last - 1);
    expect(await mounted(0).count()).toBe(0);
    expect(await scoreText(last - 1)).toBe(twin);
    // x-visible on rows whose fields were created after the evaluation: the 定性 rating only on 定性 rows.
    expect(await row(last - 1).locator('td.jx-col-rating .ant-select').count()).toBe(1);
    expect(await row(last).locator('td.jx-col-rating .ant-select').count()).toBe(0);
    const weightTotal = () => page.locator('.jx-total[data-total="weight"]').textContent();
    const before = await weightTotal();
    await row(last).locator('td.jx-col-weight input').fill('');
    await page.waitForFunction((b) => document.querySelector('.jx-total[data-total="weight"]')?.textContent !== b, before);
    expect(await weightTotal()).toBe((weightSum - 10).toFixed(2));
  });

  test('Tab goes from row to row past the mounted rows', async () => {
    const start = 30;
    await reveal(start);
    await row(start).evaluate((el) => el.scrollIntoView({ block: 'end' }));
    await row(start).locator('td.jx-col-level3 input').focus();
    const focusedRow = () => page.evaluate(() => document.activeElement?.closest('tr[data-row-key]')?.getAttribute('data-row-key') ?? null);
    const seen: Array<string | null> = [];
    // The rows mounted at the start end ~800 px below the viewport (about 13 rows): go well past that.
    for (let i = 0; i < 300 && Number(seen.at(-1) ?? start) < start + 16; i++) {
      await page.keyboard.press('Tab');
      seen.push(await focusedRow());
    }
    expect(seen).not.toContain(null);
    const rows = seen.map(Number);
    expect(rows.at(-1)).toBe(start + 16);
    // Row by row: never skips one.
    rows.forEach((r, i) => expect(r - (i === 0 ? start : (rows[i - 1] ?? start))).toBeLessThanOrEqual(1));
  });

  test('submitting scrolls the first invalid row into view and shows its error on the field', async () => {
    // At the 提交 button (below the table) the invalid row, far above, is a placeholder.
    await page.getByTestId('form-submit').scrollIntoViewIfNeeded();
    await page.locator(`.jx-template-form .jx-row-virtual[data-row-key="${BAD_ROW}"]`).waitFor({ timeout: 30000 });
    await page.getByTestId('form-submit').click();
    const help = mounted(BAD_ROW).locator('td.jx-col-reason .ant-formily-item-error .ant-formily-item-help');
    await help.waitFor({ timeout: 30000 });
    expect(((await help.textContent()) ?? '').length).toBeGreaterThan(0);
    const box = await mounted(BAD_ROW).boundingBox();
    const viewport = page.viewportSize();
    expect(box).not.toBeNull();
    expect(box !== null && viewport !== null && box.y >= 0 && box.y + box.height <= viewport.height).toBe(true);
    expect(await page.evaluate(() => window.jxHarness.submits.length)).toBe(0);
  });

  test('printing mounts every row, and the window comes back after it', async () => {
    await page.evaluate(() => window.dispatchEvent(new Event('beforeprint')));
    expect(await page.locator('.jx-template-form .jx-row-virtual').count()).toBe(0);
    expect(await page.locator('.jx-template-form td.jx-col-level3 input').count()).toBe(N);
    await page.evaluate(() => window.dispatchEvent(new Event('afterprint')));
    await page.locator('.jx-template-form .jx-row-virtual').first().waitFor({ state: 'attached', timeout: 30000 });
  });

  test('no page errors', () => {
    expect(pageErrors).toEqual([]);
  });
});
