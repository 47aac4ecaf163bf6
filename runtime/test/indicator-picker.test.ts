/**
 * The indicator picker on the fill page, against the real server (demo data): the seed's cascading
 * filters narrow the rows as the API does, keyword search, adding rows (level1/2/3 in the table and
 * in the saved draft), 推荐 in the API's order with reasons, 上年指标 → 全部导入 with duplicates
 * skipped. The 2022 project continues the demo's 2021 社区党建活动经费 (same code), whose 2021
 * declaration holds last year's indicators.
 */
import type { BrowserContext, Page } from 'playwright-core';
import { startServedApp, type ServedApp } from './served-app';
import { artifactPath, browserSuite, buildWebIfNeeded, launch } from './browser';
import { mergeMessage, mergeRows } from '../src/form/indicator-picker/rows';
import { apiAs, streetTemplate } from './api-client';

jest.setTimeout(120000);

const d = browserSuite();

describe('adding picked rows to a table', () => {
  const columns = ['code', 'level1', 'level2', 'level3', 'target'];
  const existing = [
    { code: 'A-1', level1: '产出指标', level2: '数量指标', level3: '场次' },
    { level2: '质量指标', level3: '合格率' },
  ];

  test('keeps only the columns, skips codes (or 二级 + 三级 without a code) already there and repeats', () => {
    const picked = [
      { code: 'A-1', level1: '产出指标', level2: '数量指标', level3: '场次（新名）', pack: 'p' },
      { code: 'A-2', level1: '效益指标', level2: '社会效益指标', level3: '知晓率', target: 85, unit: '%', content: '' },
      { code: 'A-2', level1: '效益指标', level2: '社会效益指标', level3: '知晓率' },
      { level2: '质量指标', level3: '合格率', target: 100 },
      { level2: '时效指标', level3: '及时率', target: null },
    ];
    const merged = mergeRows(existing, picked, columns);
    expect(merged).toEqual({
      added: [
        { code: 'A-2', level1: '效益指标', level2: '社会效益指标', level3: '知晓率', target: 85 },
        { level2: '时效指标', level3: '及时率' },
      ],
      skipped: 3,
    });
    expect(mergeMessage(merged)).toBe('已添加 2 条指标，跳过 3 条表中已有的指标');
    expect(mergeMessage(mergeRows(existing, [picked[0] ?? {}], columns))).toBe('没有添加指标，跳过 1 条表中已有的指标');
    expect(mergeMessage(mergeRows([], [picked[1] ?? {}], columns))).toBe('已添加 1 条指标');
  });
});

type JsonCall = <T>(method: string, p: string, body?: unknown) => Promise<T>;

interface Row {
  code?: string;
  level1: string;
  level2: string;
  level3: string;
}

/** A JSON client signed in as `username`; a non-2xx answer throws with its body. */
async function jsonAs(url: string, username: string, password: string): Promise<JsonCall> {
  const call = await apiAs(url, username, password);
  return async <T>(method: string, p: string, body?: unknown): Promise<T> => {
    const res = await call(method, p, body);
    const text = await res.text();
    if (!res.ok && !(method === 'POST' && p === '/api/templates' && res.status === 409)) throw new Error(`${method} ${p}: ${res.status} ${text}`);
    return (text === '' ? undefined : JSON.parse(text)) as T;
  };
}

const LAST_YEAR_ROWS = [
  {
    code: 'JD-DQ-01',
    level1: '产出指标',
    level2: '数量指标',
    level3: '开展党建活动场次',
    direction: '≥',
    target: 20,
    unit: '场',
    weight: 30,
  },
  {
    level1: '满意度指标',
    level2: '服务对象满意度指标',
    level3: '党员群众参与满意度',
    direction: '≥',
    target: 90,
    unit: '%',
    weight: 20,
  },
];

/**
 * As admin: the street declaration bound for 2021 and 2022, a 2022 project with the code of the
 * demo's DQZX-2021-002. As the unit: a 2021 declaration with indicators, an empty 2022 one.
 */
async function setUp(url: string): Promise<{ unit: JsonCall; projectId: number; submissionId: number }> {
  const admin = await jsonAs(url, 'admin', 'admin-e2e-pass');
  const template = streetTemplate('street-declaration');
  await admin('POST', '/api/templates', { template });
  for (const year of [2021, 2022])
    await admin('PUT', '/api/bindings', {
      department: 'JDB',
      kind: 'declaration',
      year,
      templateId: 'street-declaration',
      version: template.version,
    });
  const project = await admin<{ id: number }>('POST', '/api/projects', {
    code: 'DQZX-2021-002',
    name: '社区党建活动经费（二期）',
    department: 'DQZX',
    fiscalYear: 2022,
    budgetType: '一般公共预算',
    projectType: '宣传/活动',
    requested: '50000',
  });
  const unit = await jsonAs(url, 'unit', 'demo123');
  const previous = await unit<{ items: { id: number }[] }>('GET', '/api/projects?year=2021&keyword=DQZX-2021-002');
  const previousId = previous.items[0]?.id;
  if (previousId === undefined) throw new Error('demo project DQZX-2021-002 not found');
  await unit('POST', '/api/submissions', {
    projectId: previousId,
    kind: 'declaration',
    data: { annualIndicators: LAST_YEAR_ROWS },
  });
  const created = await unit<{ id: number }>('POST', '/api/submissions', {
    projectId: project.id,
    kind: 'declaration',
    data: { annualIndicators: [] },
  });
  return { unit, projectId: project.id, submissionId: created.id };
}

const q = (filters: Record<string, string>): string => new URLSearchParams(filters).toString();

d('the indicator picker on the fill page', () => {
  let app: ServedApp | undefined;
  let ctx: BrowserContext;
  let page: Page;
  let unit: JsonCall;
  let projectId = 0;
  let submissionId = 0;
  const pageErrors: string[] = [];

  beforeAll(async () => {
    buildWebIfNeeded('runtime');
    app = await startServedApp('jixiao-picker-');
    ({ unit, projectId, submissionId } = await setUp(app.url));
    ctx = await launch();
    page = await ctx.newPage();
    page.on('pageerror', (e) => pageErrors.push(String(e)));
    await page.goto(`${app.url}/#/submissions/${submissionId}`);
    await page.locator('#login-username').fill('unit');
    await page.locator('#login-password').fill('demo123');
    await page.getByTestId('login-submit').click();
    await page.locator('.jx-template-form').waitFor({ timeout: 45000 });
  }, 180000);

  afterAll(async () => {
    await ctx?.close();
    await app?.close();
  });

  const dialog = () => page.locator('.jx-indicator-picker');
  /** The 本年度绩效指标 table: the second x-indicator table of the declaration, with its picker button. */
  const annual = () => page.getByTestId('indicator-picker').nth(1).locator('xpath=..');

  /** Wait until the rows of `pane` show these 三级指标, in this order. */
  async function waitForRows(pane: string, expected: string[]): Promise<void> {
    await page.waitForFunction(
      ([sel, want]) => JSON.stringify([...document.querySelectorAll(`${sel} .ant-table-row td.jx-pick-level3`)].map((td) => td.textContent)) === want,
      [`[data-testid="${pane}"]`, JSON.stringify(expected)] as const,
    );
  }

  async function choose(facet: string, value: string): Promise<void> {
    await dialog().getByTestId(`picker-filter-${facet}`).locator('.ant-select-selector').click();
    await page.locator(`.jx-picker-options-${facet} .ant-select-item-option[title="${value}"]`).click();
  }

  async function openPicker(): Promise<void> {
    // a failed test may have left it open
    if (await dialog().isVisible()) {
      await dialog().locator('.ant-modal-close').click();
      await dialog().waitFor({ state: 'hidden' });
    }
    await annual().getByTestId('indicator-picker').click();
    await dialog().getByTestId('picker-library').waitFor();
  }

  /** The 本年度绩效指标 rows of the draft as the server stored it. */
  async function savedAnnual(): Promise<Row[]> {
    const s = await unit<{ data: { annualIndicators?: Row[] } }>('GET', `/api/submissions/${submissionId}`);
    return s.data.annualIndicators ?? [];
  }

  /** The stored rows once the autosave has stored `n` of them (polled: autosave runs after a quiet spell). */
  async function savedAnnualOf(n: number): Promise<Row[]> {
    for (let i = 0; i < 200; i++) {
      const rows = await savedAnnual();
      if (rows.length === n) return rows;
      await page.waitForTimeout(300);
    }
    throw new Error(`the draft never had ${n} indicator rows`);
  }

  /** Wait until the annual table shows `n` rows with a 三级指标 input. */
  async function tableRows(n: number): Promise<void> {
    const cells = annual().locator('.ant-table-row td.jx-col-level3 input');
    for (let i = 0; i < 200 && (await cells.count()) !== n; i++) await page.waitForTimeout(100);
    expect(await cells.count()).toBe(n);
  }

  test('分类 then 类型 narrow the rows and the other filters as the API does; keyword search; two rows added', async () => {
    // the empty draft shows the template's default rows
    const before = await annual().locator('.ant-table-row td.jx-col-level3 input').count();
    await openPicker();
    const all = await unit<{ items: Row[] }>('GET', '/api/indicators?page=1&size=10');
    await waitForRows(
      'picker-library',
      all.items.map((r) => r.level3),
    );

    await choose('category', '党群');
    const byCategory = await unit<{ items: Row[]; total: number }>('GET', `/api/indicators?${q({ category: '党群', page: '1', size: '10' })}`);
    await waitForRows(
      'picker-library',
      byCategory.items.map((r) => r.level3),
    );
    // the 类型 choices are those left under 分类=党群
    const facets = await unit<{
      facets: Record<string, { value: string; count: number }[]>;
    }>('GET', `/api/indicators/facets?${q({ category: '党群' })}`);
    await dialog().getByTestId('picker-filter-type').locator('.ant-select-selector').click();
    const typeTitles = JSON.stringify(facets.facets['type']?.map((f) => f.value));
    await page.waitForFunction(
      (want) => JSON.stringify([...document.querySelectorAll('.jx-picker-options-type .ant-select-item-option')].map((e) => e.getAttribute('title'))) === want,
      typeTitles,
    );
    await page.keyboard.press('Escape');

    await choose('type', '党建活动');
    const both = await unit<{ items: Row[]; total: number }>('GET', `/api/indicators?${q({ category: '党群', type: '党建活动', page: '1', size: '10' })}`);
    expect(both.total).toBeGreaterThanOrEqual(2);
    expect(both.total).toBeLessThan(byCategory.total + 1);
    await waitForRows(
      'picker-library',
      both.items.map((r) => r.level3),
    );
    await page.screenshot({
      path: artifactPath('indicator-picker-filters.png'),
    });

    // keyword search within the filters
    await dialog().getByTestId('picker-keyword').locator('input').fill('知晓率');
    await dialog().getByTestId('picker-keyword').locator('input').press('Enter');
    const keyword = await unit<{ items: Row[] }>('GET', `/api/indicators?${q({ category: '党群', type: '党建活动', q: '知晓率', page: '1', size: '10' })}`);
    expect(keyword.items.length).toBeGreaterThan(0);
    await waitForRows(
      'picker-library',
      keyword.items.map((r) => r.level3),
    );
    await dialog().getByTestId('picker-keyword').locator('input').fill('');
    await dialog().getByTestId('picker-keyword').locator('input').press('Enter');
    await waitForRows(
      'picker-library',
      both.items.map((r) => r.level3),
    );

    const picked = both.items.slice(0, 2);
    for (const r of picked) await dialog().locator('.ant-table-row').filter({ hasText: r.level3 }).locator('.ant-checkbox-input').check();
    await dialog().getByTestId('picker-add').click();
    await dialog().waitFor({ state: 'hidden' });
    await page.locator('.ant-message').filter({ hasText: '已添加 2 条指标' }).waitFor();

    await tableRows(before + 2);
    const shown = await annual()
      .locator('.ant-table-row')
      .evaluateAll((trs) =>
        trs.map((tr) => ({
          level1: tr.querySelector('td.jx-col-level1 .ant-select-selection-item')?.textContent ?? '',
          level2: (tr.querySelector('td.jx-col-level2 input') as HTMLInputElement | null)?.value ?? '',
          level3: (tr.querySelector('td.jx-col-level3 input') as HTMLInputElement | null)?.value ?? '',
        })),
      );
    expect(shown.slice(before)).toEqual(
      picked.map((r) => ({
        level1: r.level1,
        level2: r.level2,
        level3: r.level3,
      })),
    );
    expect((await savedAnnualOf(before + 2)).slice(before).map((r) => [r.code, r.level1, r.level2, r.level3])).toEqual(
      picked.map((r) => [r.code, r.level1, r.level2, r.level3]),
    );
    await page.screenshot({
      path: artifactPath('indicator-picker-added.png'),
      fullPage: true,
    });
  });

  test('a keyword that leaves the chosen 分类 without rows: the choice shows （0）, the table says so and offers to clear every filter', async () => {
    // a 三级指标 of another 分类 that 党群 does not have
    const others = await unit<{ items: (Row & { category: string })[] }>('GET', '/api/indicators?page=1&size=50');
    let keyword: string | undefined;
    for (const r of others.items.filter((x) => x.category !== '党群')) {
      const inCategory = await unit<{ total: number }>('GET', `/api/indicators?${q({ category: '党群', q: r.level3, page: '1', size: '1' })}`);
      if (inCategory.total === 0) {
        keyword = r.level3;
        break;
      }
    }
    expect(keyword).toBeDefined();
    await openPicker();
    if ((await dialog().getByTestId('picker-library-empty').count()) > 0) await dialog().getByTestId('picker-library-empty').locator('a').click();
    await choose('category', '党群');
    await dialog().getByTestId('picker-keyword').locator('input').fill(keyword as string);
    await dialog().getByTestId('picker-keyword').locator('input').press('Enter');
    await dialog().getByTestId('picker-library-empty').waitFor();
    await expect(dialog().getByTestId('picker-filter-category').locator('.ant-select-selection-item').textContent()).resolves.toBe('党群（0）');

    await dialog().getByTestId('picker-library-empty').locator('a').click();
    const all = await unit<{ items: Row[] }>('GET', '/api/indicators?page=1&size=10');
    await waitForRows(
      'picker-library',
      all.items.map((r) => r.level3),
    );
    expect(await dialog().getByTestId('picker-keyword').locator('input').inputValue()).toBe('');
    expect(await dialog().getByTestId('picker-filter-category').locator('.ant-select-selection-item').count()).toBe(0);
    await dialog().locator('.ant-modal-close').click();
    await dialog().waitFor({ state: 'hidden' });
  });

  test('推荐 lists the API recommendations in order, with their reasons; rows in the table are not selectable', async () => {
    type Recommendations = { items: { indicator: Row; score: number; reasons: { text: string }[] }[] };
    const recommendations = () => unit<Recommendations>('GET', `/api/projects/${projectId}/indicator-recommendations?limit=50`);
    await openPicker();
    await dialog().locator('.ant-tabs-tab').filter({ hasText: '推荐' }).click();
    // the API's answer when the page shows it (read again while waiting: an autosave of the draft may land in between)
    const shownRows = () => dialog().locator('[data-testid="picker-recommended"] .ant-table-row td.jx-pick-level3').allTextContents();
    let rec = await recommendations();
    for (let i = 0; i < 60 && JSON.stringify(await shownRows()) !== JSON.stringify(rec.items.slice(0, 10).map((r) => r.indicator.level3)); i++) {
      await page.waitForTimeout(500);
      rec = await recommendations();
    }
    expect(rec.items.length).toBeGreaterThan(0);
    const firstPage = rec.items.slice(0, 10);
    expect(await shownRows()).toEqual(firstPage.map((r) => r.indicator.level3));
    const pane = dialog().getByTestId('picker-recommended');
    const reasons = await pane
      .locator('.ant-table-row td.jx-pick-reasons')
      .evaluateAll((tds) => tds.map((td) => [...td.querySelectorAll('.ant-tag')].map((t) => t.textContent)));
    expect(reasons).toEqual(firstPage.map((r) => r.reasons.map((x) => x.text)));
    expect(await pane.locator('.ant-table-row td.jx-pick-score').allTextContents()).toEqual(firstPage.map((r) => String(r.score)));
    // the rows added above cannot be chosen again
    const inTable = new Set((await savedAnnual()).map((r) => r.code));
    const disabled = await pane.locator('.ant-table-row .ant-checkbox-input').evaluateAll((inputs) => inputs.map((i) => (i as HTMLInputElement).disabled));
    expect(disabled).toEqual(firstPage.map((r) => inTable.has(r.indicator.code)));
    expect(disabled).toContain(true);
    await page.screenshot({
      path: artifactPath('indicator-picker-recommended.png'),
    });
    await dialog().locator('.ant-modal-close').click();
    await dialog().waitFor({ state: 'hidden' });
  });

  test('上年指标 → 全部导入 adds last year’s rows, skipping one already in the table', async () => {
    const last = await unit<{
      source: { fiscalYear: number; kind: string } | null;
      tables: { field: string; rows: Row[] }[];
    }>('GET', `/api/projects/${projectId}/last-year-indicators`);
    expect(last.source).toMatchObject({
      fiscalYear: 2021,
      kind: 'declaration',
    });
    const lastRows = last.tables.find((t) => t.field === 'annualIndicators')?.rows ?? [];
    expect(lastRows.map((r) => r.level3)).toEqual(LAST_YEAR_ROWS.map((r) => r.level3));
    const before = await savedAnnual();
    const have = new Set(before.map((r) => r.code).filter((c) => c !== undefined));
    const fresh = lastRows.filter((r) => r.code === undefined || !have.has(r.code));
    const skipped = lastRows.length - fresh.length;
    expect(skipped).toBe(1); // JD-DQ-01, added from the library above

    await openPicker();
    await dialog().locator('.ant-tabs-tab').filter({ hasText: '上年指标' }).click();
    await waitForRows(
      'picker-last-year',
      lastRows.map((r) => r.level3),
    );
    expect(await dialog().getByTestId('picker-last-year-source').textContent()).toContain('2021 年');
    await page.screenshot({
      path: artifactPath('indicator-picker-last-year.png'),
    });
    await dialog().getByTestId('picker-import-all').click();
    await dialog().waitFor({ state: 'hidden' });
    const note = skipped > 0 ? `已添加 ${fresh.length} 条指标，跳过 ${skipped} 条` : `已添加 ${fresh.length} 条指标`;
    await page.locator('.ant-message').filter({ hasText: note }).waitFor();
    await tableRows(before.length + fresh.length);
    const after = await savedAnnualOf(before.length + fresh.length);
    expect(after.map((r) => [r.level1, r.level2, r.level3])).toEqual([...before, ...fresh].map((r) => [r.level1, r.level2, r.level3]));
    await page.screenshot({
      path: artifactPath('indicator-picker-imported.png'),
      fullPage: true,
    });
  });

  test('no page errors', () => {
    expect(pageErrors).toEqual([]);
  });
});
