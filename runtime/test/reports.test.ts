/**
 * The 报表 page served by the real server, in chromium: every report tab shows the server's
 * figures for its filters (fetched from the same API in the test), filters change the table and
 * stay in the URL (reload, back), 导出Excel downloads an .xlsx whose rows are the table's, and a
 * unit user sees only its own department.
 */
import fs from 'node:fs';
import ExcelJS from 'exceljs';
import type { BrowserContext, Page } from 'playwright-core';
import { startServedApp, type ServedApp } from './served-app';
import { artifactPath, browserSuite, buildWebIfNeeded, launch, openSignedIn } from './browser';
import { apiAs } from './api-client';

jest.setTimeout(180000);

const d = browserSuite();

type Json = Record<string, unknown>;
type Get = (path: string) => Promise<{ status: number; body: Json }>;

/** GET as `username`, the answer parsed. */
async function getterAs(url: string, username: string, password: string): Promise<Get> {
  const call = await apiAs(url, username, password);
  return async (p) => {
    const res = await call('GET', p);
    return { status: res.status, body: (await res.json()) as Json };
  };
}

// ---- the API's answers as the cells the table should show

/** "4074000.00" → "4,074,000.00" (string work, exact). */
function grouped(v: string): string {
  const m = /^(-?)(\d+)(\.\d+)?$/.exec(v);
  if (m === null) return v;
  return `${m[1]}${(m[2] as string).replace(/\B(?=(\d{3})+(?!\d))/g, ',')}${m[3] ?? ''}`;
}
// whole percentages show without decimals ("100%"), as on the seed's 首页 and in the .xlsx
const pct = (v: unknown): string => (v === null || v === undefined ? '--' : `${String(v).replace(/\.00$/, '')}%`);
const s = (v: unknown): string => (v === null || v === undefined ? '' : String(v));

interface Amounts {
  progress: string | null;
  display: Record<string, string>;
  department: { code: string; name: string };
  warning: { status: string };
  rank: number;
  share: string | null;
  initialShare: string | null;
}

const list = <T>(body: Json, key: string): T[] => body[key] as T[];

const EXPECTED: Record<string, (b: Json) => string[][]> = {
  ranking: (b) =>
    list<Amounts>(b, 'items').map((u) => [
      u.department.name,
      s(u.display['requested']),
      s(u.display['initialBudget']),
      pct(u.initialShare),
      s(u.display['adjusted']),
      s(u.display['adjustment']),
      s(u.display['spent']),
      s(u.display['balance']),
      pct(u.progress),
      u.warning.status,
      String(u.rank),
    ]),
  board: (b) => {
    const dept = (b['department'] as { name: string }).name;
    const units = list<Amounts>(b, 'units');
    const t = b['total'] as Amounts;
    const amounts = (a: Amounts) => [a.display['requested'], a.display['initialBudget'], a.display['adjustment'], a.display['adjusted']].map(s);
    return [
      ...units.map((u, i) => [i === 0 ? dept : '', u.department.name, ...amounts(u), pct(u.share), s(u.display['spent']), pct(u.progress), u.warning.status, String(u.rank)]),
      [units.length === 0 ? dept : '', '总计', ...amounts(t), pct(t.share), s(t.display['spent']), pct(t.progress), '--', ''],
    ];
  },
  'board-progress': (b) => list<Amounts>(b, 'units').map((u) => [u.department.name, s(u.display['spent']), s(u.display['balance']), pct(u.progress)]),
  trend: (b) => {
    type Series = { department: { name: string }; adjusted: string; display: { cumulative: string[] } };
    return [...list<Series>(b, 'series'), b['total'] as Series].map((x) => [x.department.name, grouped(x.adjusted), ...x.display.cumulative]);
  },
  projects: (b) => {
    type P = Amounts & { index: number; project: { code: string; name: string }; year: number; statusText: string };
    return list<P>(b, 'items').map((p) => [
      String(p.index),
      p.project.code,
      p.project.name,
      p.department.name,
      `${p.year}年`,
      p.statusText,
      ...['initialBudget', 'adjustment', 'adjusted', 'spent', 'balance'].map((k) => s(p.display[k])),
      pct(p.progress),
      p.warning.status,
    ]);
  },
  details: (b) => {
    type R = { month: number; date: string | null; project: { code: string; name: string }; department: { name: string }; kindText: string; display: { amount: string }; payee: string | null; memo: string | null };
    return [
      ...list<R>(b, 'items').map((r) => [String(r.month), s(r.date), r.project.code, r.project.name, r.department.name, r.kindText, r.display.amount, s(r.payee), s(r.memo)]),
      ['', '', '', '合计', '', '', s(b['totalText']), '', ''],
    ];
  },
  adjusted: (b) => {
    type R = { project: { code: string; name: string }; department: { name: string }; year: number; display: Record<string, string> };
    return list<R>(b, 'items').map((r) => [r.project.code, r.project.name, r.department.name, `${r.year}年`, s(r.display['requested']), s(r.display['adjustment']), s(r.display['adjusted'])]);
  },
};

/** The server report behind each tab. */
const REPORT_OF: Record<string, string> = { ranking: 'ranking', board: 'dashboard', 'board-progress': 'dashboard', trend: 'trend', projects: 'projects', details: 'details', adjusted: 'adjusted' };

// ---- the page

async function headers(page: Page, testId: string): Promise<string[]> {
  return (await page.locator(`[data-testid="${testId}"] .ant-table-thead th`).allInnerTexts()).map((t) => t.trim());
}

async function cells(page: Page, testId: string): Promise<string[][]> {
  return page.locator(`[data-testid="${testId}"] .ant-table-tbody tr.ant-table-row`).evaluateAll((rows) =>
    rows.map((r) => Array.from(r.querySelectorAll('td')).map((td) => (td as HTMLElement).innerText.trim())),
  );
}

/** Wait until the table shows `expected` (reports load asynchronously), then assert it. */
async function expectRows(page: Page, testId: string, expected: string[][]): Promise<void> {
  await page.locator(`[data-testid="${testId}"]`).waitFor({ timeout: 45000 });
  const want = JSON.stringify(expected);
  for (let i = 0; i < 150 && JSON.stringify(await cells(page, testId)) !== want; i++) await page.waitForTimeout(200);
  expect(await cells(page, testId)).toEqual(expected);
}

/** Numbers (money with separators, percentages) compared by value with 2 decimals; text as is. */
function norm(v: unknown): string {
  if (v === null || v === undefined) return '';
  if (typeof v === 'number') return v.toFixed(2);
  const t = String(v).trim();
  const n = t.replace(/,/g, '').replace(/%$/, '');
  return /^-?\d+(\.\d+)?$/.test(n) ? Number(n).toFixed(2) : t;
}

interface Sheet {
  name: string;
  headers: string[];
  rows: string[][];
}

/** Click 导出Excel; the download must be an .xlsx exceljs can read (header on row 3). */
async function exportXlsx(page: Page): Promise<Sheet[]> {
  const [download] = await Promise.all([page.waitForEvent('download'), page.getByTestId('report-export').click()]);
  expect(download.suggestedFilename()).toMatch(/\.xlsx$/);
  const file = await download.path();
  const buf = fs.readFileSync(file);
  expect(buf.subarray(0, 2).toString('latin1')).toBe('PK');
  const wb = new ExcelJS.Workbook();
  await wb.xlsx.load(buf as unknown as ArrayBuffer);
  return wb.worksheets.map((ws) => {
    const width = ws.getRow(3).cellCount;
    const row = (r: number): unknown[] => Array.from({ length: width }, (_, i) => ws.getRow(r).getCell(i + 1).value);
    const rows: string[][] = [];
    for (let r = 4; r <= ws.rowCount; r++) rows.push(row(r).map(norm));
    return { name: ws.name, headers: row(3).map((v) => String(v)), rows };
  });
}

async function expectSheetIsTable(page: Page, sheet: Sheet | undefined, testId: string): Promise<void> {
  expect(sheet).toBeDefined();
  expect(sheet?.headers).toEqual(await headers(page, testId));
  const table = (await cells(page, testId)).map((r) => r.map(norm));
  expect(table.length).toBeGreaterThan(0);
  expect(sheet?.rows).toEqual(table);
}

async function pickOption(page: Page, testId: string, label: string): Promise<void> {
  await page.getByTestId(testId).locator('.ant-select-selector').click();
  await page.locator(`.ant-select-dropdown:not(.ant-select-dropdown-hidden) .ant-select-item-option[title="${label}"]`).click();
}

d('报表 pages served by the server', () => {
  let app: ServedApp | undefined;
  let url = '';
  let ctx: BrowserContext;
  let leaderApi: Get;
  const pageErrors: string[] = [];

  beforeAll(async () => {
    buildWebIfNeeded('runtime');
    app = await startServedApp('jixiao-reports-');
    url = app.url;
    leaderApi = await getterAs(url, 'leader', 'demo123');
    ctx = await launch();
  }, 240000);

  afterAll(async () => {
    await ctx?.close();
    await app?.close();
  });

  const openAs = (username: string, hash: string): Promise<Page> => openSignedIn(ctx, url, { username, route: hash, freshStorage: true, pageErrors });


  async function expected(tab: string, query: string, api: Get = leaderApi): Promise<string[][]> {
    const res = await api(`/api/reports/${REPORT_OF[tab] ?? tab}?${query}`);
    expect(res.status).toBe(200);
    return (EXPECTED[tab] as (b: Json) => string[][])(res.body);
  }

  test('the leader opens every report tab: the server figures, in the URL, exported as the table', async () => {
    const page = await openAs('leader', '/reports');
    // 进度排名 is the first tab; the loop ends on it, so every click changes the URL
    await page.locator('.ant-tabs-tab-active [data-testid="report-tab-ranking"]').waitFor({ timeout: 45000 });
    for (const tab of ['board', 'trend', 'projects', 'details', 'adjusted', 'ranking']) {
      await page.getByTestId(`report-tab-${tab}`).click();
      await page.waitForFunction((t) => window.location.hash.includes(`tab=${t}`), tab);
      const query = 'department=JDB&year=2021';
      const rows = await expected(tab, query);
      expect(rows.length).toBeGreaterThan(0);
      await expectRows(page, `report-table-${tab}`, rows);
      const sheets = await exportXlsx(page);
      await expectSheetIsTable(page, sheets[0], `report-table-${tab}`);
      if (tab === 'board') {
        await expectRows(page, 'report-table-board-progress', await expected('board-progress', query));
        await expectSheetIsTable(page, sheets[1], 'report-table-board-progress');
      }
      await page.screenshot({ path: artifactPath(`reports-${tab}.png`), fullPage: true });
    }
    // 绩效自评结果: the self-evaluations the server lists for the year
    await page.getByTestId('report-tab-self-eval').click();
    await page.getByTestId('report-table-self-eval').waitFor({ timeout: 45000 });
    const selfEvals = await leaderApi('/api/submissions?kind=self-evaluation&year=2021&department=JDB&pageSize=500');
    const count = (selfEvals.body['items'] as unknown[]).length;
    if (count === 0) await page.locator('[data-testid="report-table-self-eval"] .ant-table-placeholder:has-text("本年度没有自评表")').waitFor();
    expect(await page.locator('[data-testid="report-table-self-eval"] tr.ant-table-row').count()).toBe(count);
    // the seed's demo figures (docs/api.md example): 党群中心 first at 11.04%, 总计 4.93%
    await page.getByTestId('report-tab-board').click();
    await page.locator('[data-testid="report-table-board"] tr.ant-table-row').first().waitFor();
    const total = (await cells(page, 'report-table-board')).at(-1);
    expect(total?.slice(1, 9)).toEqual(['总计', '40,332,000.00', '376,000.00', '-23,240,000.00', '17,092,000.00', '100%', '844,000.00', '4.93%']);
    await page.getByTestId('report-tab-ranking').click();
    await page.locator('[data-testid="report-table-ranking"] tr.ant-table-row').first().waitFor();
    const first = (await cells(page, 'report-table-ranking'))[0];
    expect([first?.[0], first?.[8], first?.[10]]).toEqual(['党群中心', '11.04%', '1']);
    await page.close();
  });

  test('filters change the table, stay in the URL across reload and back, and the export follows them', async () => {
    const page = await openAs('finance', '/reports?tab=ranking');
    const march = await expected('ranking', 'department=JDB&year=2021');
    await expectRows(page, 'report-table-ranking', march);

    await pickOption(page, 'filter-month', '截至 2 月');
    await page.waitForFunction(() => window.location.hash.includes('month=2'));
    const february = await expected('ranking', 'department=JDB&year=2021&month=2');
    expect(february).not.toEqual(march);
    await expectRows(page, 'report-table-ranking', february);
    await expectSheetIsTable(page, (await exportXlsx(page))[0], 'report-table-ranking');

    await page.reload();
    await expectRows(page, 'report-table-ranking', february);
    await page.goBack();
    await page.waitForFunction(() => !window.location.hash.includes('month='));
    await expectRows(page, 'report-table-ranking', march);

    // one unit of the street office
    await pickOption(page, 'filter-department', '党群中心');
    await page.waitForFunction(() => window.location.hash.includes('department=DQZX'));
    await expectRows(page, 'report-table-ranking', await expected('ranking', 'department=DQZX&year=2021'));

    // 项目情况: keyword and 数据明细: through a month
    await page.goto(`${url}/#/reports?tab=projects`);
    await expectRows(page, 'report-table-projects', await expected('projects', 'department=JDB&year=2021'));
    await page.getByTestId('filter-name').locator('input').fill('党建');
    await page.getByTestId('filter-name').locator('input').press('Enter');
    await page.waitForFunction(() => decodeURIComponent(window.location.hash).includes('name=党建'));
    const keyword = await expected('projects', `department=JDB&year=2021&name=${encodeURIComponent('党建')}`);
    expect(keyword.length).toBe(1);
    await expectRows(page, 'report-table-projects', keyword);
    await expectSheetIsTable(page, (await exportXlsx(page))[0], 'report-table-projects');
    // 预警 and 填报状态 filters combine with the keyword
    await pickOption(page, 'filter-warning', '正常');
    await page.waitForFunction(() => decodeURIComponent(window.location.hash).includes('warning=正常'));
    await expectRows(page, 'report-table-projects', await expected('projects', `department=JDB&year=2021&name=${encodeURIComponent('党建')}&warning=${encodeURIComponent('正常')}`));
    await pickOption(page, 'filter-warning', '警告');
    await pickOption(page, 'filter-status', '未填报');
    await page.waitForFunction(() => window.location.hash.includes('status=none'));
    await expectRows(page, 'report-table-projects', await expected('projects', `department=JDB&year=2021&name=${encodeURIComponent('党建')}&warning=${encodeURIComponent('警告')}&status=none`));

    await page.goto(`${url}/#/reports?tab=details&month=1`);
    const january = await expected('details', 'department=JDB&year=2021&month=1');
    expect(january.length).toBeLessThan((await expected('details', 'department=JDB&year=2021')).length);
    await expectRows(page, 'report-table-details', january);
    await expectSheetIsTable(page, (await exportXlsx(page))[0], 'report-table-details');
    await page.screenshot({ path: artifactPath('reports-details-filtered.png'), fullPage: true });

    // 已调整项目 of every year includes the 2022 projects
    await page.goto(`${url}/#/reports?tab=adjusted&years=all`);
    const allYears = await expected('adjusted', 'department=JDB');
    expect(allYears.length).toBeGreaterThan((await expected('adjusted', 'department=JDB&year=2021')).length);
    await expectRows(page, 'report-table-adjusted', allYears);
    await page.close();
  });

  test('预算类型 (全部 by default) changes the tables, stays in the URL across tabs, and the export follows it', async () => {
    const FUND = '政府性基金预算';
    const page = await openAs('leader', '/reports?tab=projects');
    const all = await expected('projects', 'department=JDB&year=2021');
    await expectRows(page, 'report-table-projects', all);
    expect(await page.getByTestId('filter-budget-type').innerText()).toContain('全部');

    await pickOption(page, 'filter-budget-type', FUND);
    await page.waitForFunction((t) => decodeURIComponent(window.location.hash).includes(`budgetType=${t}`), FUND);
    const fund = await expected('projects', `department=JDB&year=2021&budgetType=${encodeURIComponent(FUND)}`);
    // the demo's one 政府性基金预算 project of 2021
    expect(fund.map((r) => r[1])).toEqual(['HWZX-2021-002']);
    expect(fund.length).toBeLessThan(all.length);
    await expectRows(page, 'report-table-projects', fund);
    await expectSheetIsTable(page, (await exportXlsx(page))[0], 'report-table-projects');

    // 项目看板 of that budget: its figures (spending from the raw rows), 总计 included
    await page.getByTestId('report-tab-board').click();
    await page.waitForFunction(() => window.location.hash.includes('tab=board'));
    const board = await expected('board', `department=JDB&year=2021&budgetType=${encodeURIComponent(FUND)}`);
    expect(board.map((r) => r[1])).toEqual(['环卫中心', '总计']);
    await expectRows(page, 'report-table-board', board);
    await expectSheetIsTable(page, (await exportXlsx(page))[0], 'report-table-board');
    await page.screenshot({ path: artifactPath('reports-budget-type.png'), fullPage: true });

    // 全部 again: the parameter leaves the URL, every budget is back
    await pickOption(page, 'filter-budget-type', '全部');
    await page.waitForFunction(() => !window.location.hash.includes('budgetType='));
    await expectRows(page, 'report-table-board', await expected('board', 'department=JDB&year=2021'));
    await page.close();
  });

  test('a unit user sees only its own department, even when the URL names another', async () => {
    const unitApi = await getterAs(url, 'unit', 'demo123');
    expect((await unitApi('/api/reports/ranking?department=JDB&year=2021')).status).toBe(404);
    const page = await openAs('unit', '/reports?tab=ranking&department=JDB');
    const own = await expected('ranking', 'department=DQZX&year=2021', unitApi);
    expect(own.map((r) => r[0])).toEqual(['党群中心']);
    await expectRows(page, 'report-table-ranking', own);
    expect(await page.getByTestId('filter-department').count()).toBe(0);

    await page.getByTestId('report-tab-details').click();
    const details = await expected('details', 'department=DQZX&year=2021', unitApi);
    await expectRows(page, 'report-table-details', details);
    expect(new Set(details.slice(0, -1).map((r) => r[4]))).toEqual(new Set(['党群中心']));
    await page.getByTestId('report-tab-projects').click();
    await expectRows(page, 'report-table-projects', await expected('projects', 'department=DQZX&year=2021', unitApi));
    await page.screenshot({ path: artifactPath('reports-unit.png'), fullPage: true });
    await page.close();
  });

  test('the dashboard looks at one unit from the URL and 复位 returns to the department', async () => {
    const page = await openAs('leader', '/dashboard?department=DQZX');
    await page.getByTestId('dashboard-table').waitFor({ timeout: 45000 });
    await page.waitForFunction(() => document.querySelector('[data-testid="dashboard-current"]')?.textContent?.includes('党群中心') === true);
    await page.getByTestId('dashboard-reset').click();
    await page.waitForFunction(() => document.querySelector('[data-testid="dashboard-current"]')?.textContent?.includes('街道办事处') === true);
    expect(page.url()).not.toContain('department=');
    const names = await page.locator('[data-testid="dashboard-table"] .ant-table-row td:first-child').allInnerTexts();
    expect(names).toEqual(['党群中心', '街道本级', '环卫中心']);
    expect(await page.getByTestId('dashboard-progress-table').innerText()).toContain('11.04%');
    await page.screenshot({ path: artifactPath('dashboard-reset.png'), fullPage: true });

    // 预算类型 on the home dashboard: the units of that budget's projects with the server's figures
    const FUND = '政府性基金预算';
    await pickOption(page, 'filter-budget-type', FUND);
    await page.waitForFunction((t) => decodeURIComponent(window.location.hash).includes(`budgetType=${t}`), FUND);
    const fund = await leaderApi(`/api/reports/dashboard?department=JDB&year=2021&budgetType=${encodeURIComponent(FUND)}`);
    const units = fund.body['units'] as { department: { name: string }; progress: string | null }[];
    expect(units.map((u) => u.department.name)).toEqual(['环卫中心']);
    const want = JSON.stringify(units.map((u) => u.department.name));
    await page.waitForFunction(
      (w) => JSON.stringify([...document.querySelectorAll('[data-testid="dashboard-table"] .ant-table-row td:first-child')].map((td) => (td as HTMLElement).innerText.trim())) === w,
      want,
    );
    expect(await page.getByTestId('dashboard-progress-table').innerText()).toContain(pct(units[0]!.progress));
    expect(await page.getByTestId('dashboard-xlsx').getAttribute('href')).toContain(`budgetType=${encodeURIComponent(FUND)}`);
    await page.close();
  });

  test('no page errors', () => {
    expect(pageErrors).toEqual([]);
  });
});
