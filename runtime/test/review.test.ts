/**
 * The review cycle in the browser, against the real server (in-process, temp SQLite, demo users):
 * the unit submits a declaration, the street reviewer returns it with a comment, the unit sees the
 * comment, corrects one amount and resubmits, the reviewer sees the history and a diff naming
 * exactly that field with its old and new amount, approves; the print view shows the values as
 * text (no inputs) and hides the shell when printed. Also the pure pieces: labels, value
 * formatting and which versions compare.
 */
import fs from 'node:fs';
import path from 'node:path';
import type { BrowserContext, Page } from 'playwright-core';
import type { HistoryItem } from '../src/api/submissions-history';
import type { SchemaNode } from '../src/form/template-types';
import { formatValue, labelOf, parseDataPath } from '../src/pages/submission/field-labels';
import { lastResubmission, pairOf, pendingReturn, previousVersionOf } from '../src/pages/submission/history-model';
import { artifactPath, browserSuite, buildWebIfNeeded, launch, openSignedIn, ROOT } from './browser';
import { startServedApp, type ServedApp } from './served-app';
import { apiAs, bindStreetDeclaration, type Call } from './api-client';

jest.setTimeout(120000);

const DECLARATION = path.join(ROOT, 'templates/demo-street/templates/street-declaration.json');
const declaration = JSON.parse(fs.readFileSync(DECLARATION, 'utf8')) as { schema: SchemaNode };

describe('field labels and values (diff and print)', () => {
  const schema = declaration.schema;

  test('data paths become the template titles, rows numbered from 1', () => {
    expect(parseDataPath('annualIndicators[2].weight')).toEqual(['annualIndicators', 2, 'weight']);
    expect(labelOf(schema, 'funds.carryover')).toBe('资金来源（元） / 上年结转');
    expect(labelOf(schema, 'annualIndicators[2].weight')).toBe('本年度绩效指标 / 第 3 行 / 权重');
    expect(labelOf(schema, 'notInTemplate')).toBe('notInTemplate');
  });

  test('money is grouped with two decimals, exactly; blanks and whole rows read as text', () => {
    const node = (p: string) => schema.properties?.['funds']?.properties?.[p];
    expect(formatValue(node('carryover'), 1234567.89)).toBe('1,234,567.89');
    expect(formatValue(node('carryover'), 0.1 + 0.2)).toBe('0.30');
    expect(formatValue(node('carryover'), null)).toBe('（空）');
    expect(formatValue(schema.properties?.['projectName'], '运行经费')).toBe('运行经费');
    const row = formatValue(schema.properties?.['annualIndicators'], [{ level3: '活动次数', weight: 20, target: 20 }]);
    expect(row).toBe('三级指标：活动次数；指标值：20；权重：20');
  });
});

describe('which versions compare', () => {
  const h = (id: number, action: string, rowVersion: number, hasData = action !== 'return' && action !== 'approve'): HistoryItem => ({
    id,
    action,
    rowVersion,
    hasData,
    fromStatus: null,
    toStatus: 'draft',
    comment: action === 'return' ? '请修改' : null,
    total: null,
    grade: null,
    actor: 'x',
    at: '2026-01-01T00:00:00Z',
  });
  const items = [h(1, 'create', 1), h(2, 'save', 2), h(3, 'submit', 3), h(4, 'return', 4), h(5, 'save', 5), h(6, 'resubmit', 6)];

  test('a resubmission compares with the previous submission, a save with the version before it', () => {
    expect(previousVersionOf(items, items[5] as HistoryItem)?.rowVersion).toBe(3);
    expect(previousVersionOf(items, items[4] as HistoryItem)?.rowVersion).toBe(3);
    expect(previousVersionOf(items, items[1] as HistoryItem)?.rowVersion).toBe(1);
    expect(previousVersionOf(items, items[0] as HistoryItem)).toBeNull();
    expect(lastResubmission(items)).toEqual({ from: 3, to: 6 });
    expect(lastResubmission(items.slice(0, 4))).toBeNull();
    expect(pairOf(items[5] as HistoryItem, items[1] as HistoryItem)).toEqual({ from: 2, to: 6 });
  });

  test('the return comment is pending only while the form is returned', () => {
    expect(pendingReturn(items.slice(0, 4), 'returned')?.comment).toBe('请修改');
    expect(pendingReturn(items, 'submitted')).toBeNull();
  });
});

const d = browserSuite();



/** As the unit: a self-evaluation of 社区党建活动经费 with the demo's seed-80 case data (total 80, 良). */
async function createSelfEvaluation(url: string): Promise<number> {
  const unit = await apiAs(url, 'unit', 'demo123');
  const projects = (await (await unit('GET', `/api/projects?year=2021&keyword=${encodeURIComponent('社区党建活动经费')}`)).json()) as { items: Array<{ id: number }> };
  const projectId = projects.items[0]?.id;
  if (projectId === undefined) throw new Error('demo project 社区党建活动经费 not found');
  const kase = JSON.parse(fs.readFileSync(path.join(ROOT, 'templates/demo-street/cases/self-eval-seed-80.json'), 'utf8')) as { data: unknown };
  const res = await unit('POST', '/api/submissions', { projectId, kind: 'self-evaluation', data: kase.data });
  if (res.status !== 201) throw new Error(`create self-evaluation: ${res.status} ${await res.text()}`);
  return ((await res.json()) as { id: number }).id;
}

const RETURN_COMMENT = '资金来源合计与本年度申请资金不一致：上年结转应为 200,000 元，请修改后重新提交。';

d('review: return with a comment, resubmit, history and diff, approve, print', () => {
  let app: ServedApp | undefined;
  let url = '';
  let ctx: BrowserContext;
  let id = 0;
  const pageErrors: string[] = [];

  beforeAll(async () => {
    buildWebIfNeeded('runtime');
    app = await startServedApp('jixiao-review-');
    url = app.url;
    await bindStreetDeclaration(url);
    ctx = await launch();
  }, 180000);

  afterAll(async () => {
    await ctx?.close();
    await app?.close();
  });

  /** A fresh page on `route`, signed in as `username` (the context keeps cookies: cleared first). */
  const openAs = (username: string, password: string, route: string): Promise<Page> => openSignedIn(ctx, url, { username, password, route, pageErrors });


  const item = (page: Page, label: string) =>
    page.locator('.ant-formily-item').filter({ has: page.locator(`.ant-formily-item-label label:text-is("${label}")`) }).first();
  const status = (page: Page, text: string) => page.locator(`[data-testid="status"]:has-text("${text}")`).waitFor({ timeout: 45000 });

  test('the unit fills a declaration (上年结转 150,000 — funds do not match) and submits it', async () => {
    const page = await openAs('unit', 'demo123', '/projects');
    const row = page.locator('.ant-table-row').first();
    await row.waitFor({ timeout: 45000 });
    await row.getByTestId('fill-declaration').click();
    await page.locator('.jx-template-form').waitFor({ timeout: 45000 });
    id = Number(/#\/submissions\/(\d+)/.exec(page.url())?.[1]);
    expect(id).toBeGreaterThan(0);
    await item(page, '项目名称').locator('input').fill('党群服务中心运行经费');
    await item(page, '预算单位').locator('input').fill('党群中心');
    await item(page, '本年度申请资金').locator('input').fill('1000000');
    await item(page, '财政拨款').locator('input').fill('800000');
    await item(page, '上年结转').locator('input').fill('150000');
    await item(page, '预期总目标').locator('textarea, input').fill('保障党群服务中心全年正常运转，开展党建活动不少于二十次，服务居民满意度达到百分之九十以上。');
    await item(page, '本年度目标').locator('textarea, input').fill('完成年度党建活动计划并保障场地运行');
    await page.waitForFunction(() => document.querySelector('.jx-computed[data-path="fundsMatch"] .jx-computed-value')?.textContent === '不一致');
    await page.getByTestId('form-submit').click();
    await status(page, '已送审');
    await page.close();
  });

  test('the reviewer cannot return without a comment; with one, the declaration is returned', async () => {
    const page = await openAs('reviewer', 'demo123', '/reviews');
    const link = page.locator(`.ant-table-row a[href="#/submissions/${id}"]`).first();
    await link.waitFor({ timeout: 45000 });
    await link.click();
    await page.getByTestId('review-return').click();
    await page.getByTestId('review-comment-error').waitFor();
    expect(await page.getByTestId('review-comment-error').textContent()).toContain('必须填写审核意见');
    await status(page, '已送审');
    await page.getByTestId('review-comment').fill(RETURN_COMMENT);
    await page.getByTestId('review-return').click();
    await status(page, '已退回');
    expect(await page.getByTestId('review-return').count()).toBe(0);
    // the queue lists it under 已退回, no longer under 待审核
    await page.goto(`${url}/#/reviews`);
    await page.getByTestId('queue-submitted').waitFor({ timeout: 45000 });
    expect(await page.locator(`[data-testid="queue-submitted"] a[href="#/submissions/${id}"]`).count()).toBe(0);
    await page.locator('.ant-tabs-tab', { hasText: '已退回' }).click();
    await page.locator(`[data-testid="queue-returned"] a[href="#/submissions/${id}"]`).first().waitFor({ timeout: 45000 });
    await page.close();
  });

  test('the unit sees the comment on top, corrects 上年结转 and resubmits', async () => {
    const page = await openAs('unit', 'demo123', `/submissions/${id}`);
    const notice = page.getByTestId('return-notice');
    await notice.waitFor({ timeout: 45000 });
    expect(await page.getByTestId('return-comment').textContent()).toBe(RETURN_COMMENT);
    expect(await notice.textContent()).toContain('reviewer');
    await page.screenshot({ path: artifactPath('review-returned.png'), fullPage: true });
    await item(page, '上年结转').locator('input').fill('200000');
    await page.waitForFunction(() => document.querySelector('.jx-computed[data-path="fundsMatch"] .jx-computed-value')?.textContent === '一致');
    // let the autosave store the change first: the history then has a save between return and resubmit
    await page.locator('[data-testid="save-state"]:has-text("已保存")').waitFor({ timeout: 45000 });
    const submit = page.getByTestId('form-submit');
    expect(await submit.textContent()).toContain('重新提交');
    await submit.click();
    await status(page, '已送审');
    expect(await page.getByTestId('return-notice').count()).toBe(0);
    await page.close();
  });

  test('the reviewer sees the history and a diff of exactly 上年结转 150,000.00 → 200,000.00, then approves', async () => {
    const page = await openAs('reviewer', 'demo123', `/submissions/${id}`);
    const history = page.getByTestId('history-table');
    await history.waitFor({ timeout: 45000 });
    const actions = await history.locator('tr[data-action]').evaluateAll((rows) => rows.map((r) => r.getAttribute('data-action')));
    expect(actions).toEqual(['create', 'submit', 'return', 'resubmit']);
    expect(await history.locator('tr[data-action="return"] .jx-history-comment').textContent()).toBe(RETURN_COMMENT);
    expect(await history.locator('tr[data-action="return"]').textContent()).toContain('reviewer');

    const expectOnlyCarryover = async (where: string): Promise<void> => {
      const diff = page.getByTestId(where).getByTestId('diff-table');
      await diff.locator('tr[data-path]').first().waitFor({ timeout: 45000 });
      const rows = diff.locator('tr[data-path]');
      expect(await rows.count()).toBe(1);
      expect(await rows.first().getAttribute('data-path')).toBe('funds.carryover');
      expect(await rows.first().locator('.jx-diff-field').textContent()).toBe('资金来源（元） / 上年结转');
      expect(await rows.first().locator('.jx-diff-before').textContent()).toBe('150,000.00');
      expect(await rows.first().locator('.jx-diff-after').textContent()).toBe('200,000.00');
    };

    // the review panel shows at once what changed since the last submission
    await expectOnlyCarryover('review-changes');
    // so does the history's "compare with the last submission"
    await page.getByTestId('compare-resubmission').click();
    await expectOnlyCarryover('history-panel');
    await page.screenshot({ path: artifactPath('review-diff.png'), fullPage: true });

    // the same by picking the two submissions in the history
    await page.getByTestId('diff-close').click();
    expect(await page.getByTestId('history-panel').getByTestId('diff-view').count()).toBe(0);
    await history.locator('tr[data-action="submit"] input[type="checkbox"]').check();
    await history.locator('tr[data-action="resubmit"] input[type="checkbox"]').check();
    await page.getByTestId('compare-picked').click();
    await expectOnlyCarryover('history-panel');
    // and by "this version vs the previous" on the resubmission
    await page.getByTestId('diff-close').click();
    await history.locator('tr[data-action="resubmit"]').getByTestId('compare-previous').click();
    await expectOnlyCarryover('history-panel');
    // the autosave after the return compares with the returned version: the same one change
    await page.getByTestId('diff-close').click();
    await page.getByTestId('history-panel').getByText('显示保存记录').click();
    const save = history.locator('tr[data-action="save"]').last();
    await save.waitFor();
    await save.getByTestId('compare-previous').click();
    await expectOnlyCarryover('history-panel');

    await page.getByTestId('review-comment').fill('同意');
    await page.getByTestId('review-approve').click();
    await status(page, '已审核');
    expect(await page.getByTestId('review-approve').count()).toBe(0);
    await page.locator('tr[data-action="approve"]').waitFor();
    await page.close();
  });

  test('the print view shows the values as text with no inputs, and printing hides the shell', async () => {
    const page = await openAs('unit', 'demo123', `/submissions/${id}`);
    await page.getByTestId('open-print').click();
    const view = page.getByTestId('print-view');
    await view.waitFor({ timeout: 45000 });
    expect(page.url()).toContain(`#/submissions/${id}?print=1`);
    expect(await view.locator('input, textarea, .ant-select, .ant-input-number').count()).toBe(0);
    const cell = (p: string) => view.locator(`td[data-path="${p}"]`);
    expect(await cell('projectName').textContent()).toBe('党群服务中心运行经费');
    expect(await cell('requested').textContent()).toBe('1,000,000.00 元');
    expect(await cell('funds.carryover').textContent()).toBe('200,000.00 元');
    expect(await cell('funds.total').textContent()).toBe('1,000,000.00 元');
    expect(await cell('fundsMatch').textContent()).toBe('一致');
    expect(await page.getByTestId('print-meta').textContent()).toContain('已审核');
    await page.screenshot({ path: artifactPath('review-print-screen.png'), fullPage: true });

    await page.evaluate(() => {
      (window as unknown as { printed: number }).printed = 0;
      window.print = () => {
        (window as unknown as { printed: number }).printed += 1;
      };
    });
    await page.getByTestId('print-button').click();
    expect(await page.evaluate(() => (window as unknown as { printed: number }).printed)).toBe(1);

    await page.emulateMedia({ media: 'print' });
    expect(await page.locator('.ant-layout-sider').isVisible()).toBe(false);
    expect(await page.locator('.jx-header').isVisible()).toBe(false);
    expect(await page.getByTestId('print-button').isVisible()).toBe(false);
    expect(await cell('funds.carryover').isVisible()).toBe(true);
    await page.screenshot({ path: artifactPath('review-print.png'), fullPage: true });
    await page.close();
  });

  test('a self-evaluation prints its scores, total and grade, and links its Handlebars report', async () => {
    const selfEvalId = await createSelfEvaluation(url);
    const page = await openAs('unit', 'demo123', `/submissions/${selfEvalId}?print=1`);
    const view = page.getByTestId('print-view');
    await view.waitFor({ timeout: 45000 });
    expect(await view.locator('input, textarea, .ant-select, .ant-input-number').count()).toBe(0);
    const meta = page.getByTestId('print-meta');
    expect(await meta.locator('[data-label="总分"]').textContent()).toBe('总分：80.00');
    expect(await meta.locator('[data-label="评价等级"]').textContent()).toBe('评价等级：良');
    const cell = (p: string) => view.locator(`td[data-path="${p}"]`);
    expect(await cell('adjusted').textContent()).toBe('5,000,000.00 元');
    expect(await cell('execScore').textContent()).toBe('8.00');
    expect(await cell('indicators[1].score').textContent()).toBe('12.00');
    expect(await cell('indicators[3].rating').textContent()).toBe('部分达成年度指标并具有一定效果');
    expect(await view.locator('table[data-path="indicators"] tbody tr').count()).toBe(6);
    const report = page.getByTestId('report-link').first();
    const reportHref = await report.getAttribute('href');
    expect(reportHref).toBe(`/api/submissions/${selfEvalId}/report.html?name=self-eval`);
    const html = await page.evaluate(async (h) => {
      const r = await fetch(h);
      return { status: r.status, text: await r.text() };
    }, reportHref ?? '');
    expect(html.status).toBe(200);
    expect(html.text).toContain('示范社区消防通道建设工程');
    await page.screenshot({ path: artifactPath('review-print-self-eval.png'), fullPage: true });
    await page.close();
  });

  test('no page errors', () => {
    expect(pageErrors).toEqual([]);
  });
});
