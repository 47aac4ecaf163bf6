/**
 * The demo self-evaluation filled and saved through the runtime served by the real server
 * (createApp, in-process, on a temp SQLite database with the seeded demo users, projects and
 * bindings), driven in chromium: every computed field shown on the page equals what the server
 * stores, formatted the way the page formats it.
 */
import fs from 'node:fs';
import path from 'node:path';
import type { BrowserContext, Locator, Page } from 'playwright-core';
import type { Scalar } from '@jixiao/engine';
import { formatScalar } from '../src/form/engine-adapter';
import { displayDecimals, type SchemaNode } from '../src/form/template-types';
import { startServedApp, type ServedApp } from './served-app';
import { artifactPath, browserSuite, buildWebIfNeeded, launch, openSignedIn, ROOT } from './browser';

jest.setTimeout(120000);

const d = browserSuite();

const TEMPLATE_FILE = path.join(ROOT, 'templates/demo-street/templates/street-self-eval.json');
const CASE_FILE = path.join(ROOT, 'templates/demo-street/cases/self-eval-seed-80.json');

interface CaseIndicator {
  direction: string;
  actual?: number;
  rating?: string;
}
interface SelfEvalCase {
  data: { adjusted: number; spent: number; indicators: CaseIndicator[] };
  expect: { total: number; grade: string; values: Record<string, number>; scores: Record<string, number> };
}

const isObject = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v);

/** The schema node of a page path ("indicators.3.score" → indicators.items.properties.score). */
function nodeAt(schema: SchemaNode, pagePath: string): SchemaNode | undefined {
  let node: unknown = schema;
  for (const part of pagePath.split('.')) {
    if (!isObject(node)) return undefined;
    if (/^\d+$/.test(part)) {
      node = node['items'];
      continue;
    }
    const props = node['properties'];
    node = isObject(props) ? props[part] : undefined;
  }
  return isObject(node) ? (node as SchemaNode) : undefined;
}

/** The stored value at a page path ("indicators.3.score") in the server's values. */
function valueAt(values: unknown, pagePath: string): unknown {
  let v: unknown = values;
  for (const part of pagePath.split('.')) {
    if (Array.isArray(v) && /^\d+$/.test(part)) v = v[Number(part)];
    else if (isObject(v)) v = v[part];
    else return undefined;
  }
  return v;
}

const isScalar = (v: unknown): v is Scalar => v === null || typeof v === 'number' || typeof v === 'string' || typeof v === 'boolean';

d('the demo self-evaluation: computed fields shown equal what the server stores', () => {
  let app: ServedApp | undefined;
  let url = '';
  let ctx: BrowserContext;
  const pageErrors: string[] = [];

  beforeAll(async () => {
    // The same build as app.test.ts: the real build script, which skips a fresh build.
    buildWebIfNeeded('runtime');
    app = await startServedApp('jixiao-e2e-selfeval-');
    url = app.url;
    ctx = await launch();
  }, 180000);

  afterAll(async () => {
    await ctx?.close();
    await app?.close();
  });

  test('the unit user fills and saves the seed-80 case; every computed field equals the stored value', async () => {
    const template = JSON.parse(fs.readFileSync(TEMPLATE_FILE, 'utf8')) as { schema: SchemaNode };
    const kase = JSON.parse(fs.readFileSync(CASE_FILE, 'utf8')) as SelfEvalCase;

    const page = await openSignedIn(ctx, url, { username: 'unit', route: '/projects', waitForShell: false, pageErrors });

    // 党群中心 2021 has two projects and no self-evaluation: open the second one's detail page.
    const link = page.locator('.ant-table-row a', { hasText: '社区党建活动经费' });
    await link.waitFor({ timeout: 45000 });
    await link.click();
    await page.getByTestId('new-self-evaluation').click();
    await page.locator('.jx-template-form').waitFor({ timeout: 45000 });
    const id = Number(/#\/submissions\/(\d+)/.exec(page.url())?.[1]);
    expect(id).toBeGreaterThan(0);

    const item = (label: string): Locator =>
      page.locator('.ant-formily-item').filter({ has: page.locator(`.ant-formily-item-label label:text-is("${label}")`) }).first();
    await item('调整后预算数').locator('input').fill(String(kase.data.adjusted));
    await item('实际支出').locator('input').fill(String(kase.data.spent));

    // The indicator table: columns found by their header text, rows in template order.
    const table = page.locator('.ant-formily-array-table table').first();
    const headers = (await table.locator('thead th').allTextContents()).map((t) => t.trim());
    const actualCol = headers.indexOf('实际完成值');
    const ratingCol = headers.indexOf('定性评价');
    expect(actualCol).toBeGreaterThanOrEqual(0);
    expect(ratingCol).toBeGreaterThanOrEqual(0);
    const rows = table.locator('tbody tr.ant-table-row');
    expect(await rows.count()).toBe(kase.data.indicators.length);
    for (const [i, ind] of kase.data.indicators.entries()) {
      const row = rows.nth(i);
      if (ind.direction === '定性') {
        const rating = ind.rating ?? '';
        await row.locator('td').nth(ratingCol).locator('.ant-select-selector').click();
        await page.locator(`.ant-select-dropdown:visible .ant-select-item-option[title="${rating}"]`).click();
      } else {
        await row.locator('td').nth(actualCol).locator('input').fill(String(ind.actual));
      }
    }

    // Save through the UI and wait until the page shows the saved state.
    await page.getByTestId('form-save').click();
    await page.locator('[data-testid="save-state"]:has-text("已保存")').waitFor({ timeout: 45000 });
    await page.waitForFunction(
      (t) => document.querySelector('.jx-computed[data-path="total"] .jx-computed-value')?.textContent === t,
      formatScalar(kase.expect.total, { decimals: displayDecimals(nodeAt(template.schema, 'total') ?? {}) }),
    );
    await page.screenshot({ path: artifactPath('self-eval-compare.png'), fullPage: true });

    // Everything the page shows as computed.
    const shown = await page.locator('.jx-computed').evaluateAll((els) =>
      els.map((el) => ({ path: el.getAttribute('data-path') ?? '', text: el.querySelector('.jx-computed-value')?.textContent ?? '' })),
    );
    const stored = (await page.evaluate(async (sid) => (await fetch(`/api/submissions/${sid}`)).json(), id)) as {
      values: unknown;
      scores: Record<string, unknown>;
      total: number | null;
      grade: string | null;
    };

    // Every computed field of the template (execRate, execScore, six scores, total, grade) is shown.
    const paths = shown.map((s) => s.path);
    expect(new Set(paths).size).toBe(paths.length);
    expect(paths).toEqual(expect.arrayContaining(['execRate', 'execScore', 'total', 'grade', ...kase.data.indicators.map((_, i) => `indicators.${i}.score`)]));

    const compared: string[] = [];
    for (const { path: p, text } of shown) {
      const node = nodeAt(template.schema, p);
      expect(node).toBeDefined();
      const v = valueAt(stored.values, p);
      if (!isScalar(v)) throw new Error(`${p}: the server stores no scalar value (${JSON.stringify(v)})`);
      const expected = formatScalar(v, { decimals: displayDecimals(node ?? {}), money: node?.['x-money'] === true });
      expect({ path: p, text }).toEqual({ path: p, text: expected });
      compared.push(p);
    }
    expect(compared).toEqual(paths);
    expect(compared.length).toBe(4 + kase.data.indicators.length);

    // The server's scores agree with its values, and total/grade are the case's.
    for (const [i] of kase.data.indicators.entries()) expect(stored.scores[`indicators[${i}].score`]).toBe(valueAt(stored.values, `indicators.${i}.score`));
    expect(stored.total).toBe(kase.expect.total);
    expect(stored.grade).toBe(kase.expect.grade);
    expect(valueAt(stored.values, 'total')).toBe(kase.expect.total);
    expect(valueAt(stored.values, 'grade')).toBe(kase.expect.grade);
    for (const [k, want] of Object.entries(kase.expect.values)) expect(valueAt(stored.values, k)).toBe(want);
    for (const [k, want] of Object.entries(kase.expect.scores)) expect(valueAt(stored.values, k.replace(/\[(\d+)\]/g, '.$1'))).toBe(want);
    // The score bar shows the same total and grade.
    expect(await page.getByTestId('score-total').textContent()).toBe(formatScalar(stored.total, { decimals: 2 }));
    expect(await page.getByTestId('score-grade').textContent()).toBe(stored.grade);
    await page.close();
  });

  test('no page errors', () => {
    expect(pageErrors).toEqual([]);
  });
});
