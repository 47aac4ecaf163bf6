/**
 * The reports' 预算类型 filter (`?budgetType=`) over HTTP on every database: projects of two budget
 * types in one department and year, each report and its .xlsx export show the figures of the
 * filtered projects only (spending summed from the raw rows, not the all-budget summary), the two
 * filtered reports add up to the unfiltered one, and an unknown budget type is a 400 naming the
 * parameter.
 */
import ExcelJS from 'exceljs';
import { errorOf, forEachDatabase, type Client, type Harness } from './harness';

const YEAR = 2031;
const GENERAL = '一般公共预算';
const FUND = '政府性基金预算';
const q = (s: string): string => encodeURIComponent(s);

interface Amounts {
  requested: string;
  adjusted: string;
  spent: string;
  progress: string | null;
  department: { code: string; name: string };
  projects: number;
  rank: number;
}

interface Board {
  budgetType: string | null;
  month: number;
  units: Amounts[];
  total: Amounts;
}

/** An .xlsx report as {subtitle, header, rows} of its first (or named) sheet. */
async function sheetOf(h: Harness, admin: Client, url: string, name?: string): Promise<{ subtitle: string; header: unknown[]; rows: unknown[][] }> {
  const res = await fetch(new URL(url, h.url), { headers: { cookie: `${h.config.sessionCookie}=${admin.cookie ?? ''}` } });
  expect(res.status).toBe(200);
  const wb = new ExcelJS.Workbook();
  await wb.xlsx.load(await res.arrayBuffer());
  const ws = name === undefined ? wb.worksheets[0] : wb.getWorksheet(name);
  if (!ws) throw new Error('no sheet');
  const rows: unknown[][] = [];
  for (let r = 4; r <= ws.rowCount; r++) rows.push((ws.getRow(r).values as unknown[]).slice(1));
  return { subtitle: String(ws.getCell(2, 1).value), header: (ws.getRow(3).values as unknown[]).slice(1), rows };
}

forEachDatabase('reports-budget-type', (h) => {
  let admin: Client;
  const ids: Record<string, number> = {};

  beforeAll(async () => {
    admin = await h().login('admin');
    const create = async (code: string, department: string, budgetType: string, requested: number, adjustment: number): Promise<void> => {
      const res = await admin.post('/api/projects', { code, name: `预算类型测试 ${code}`, department, fiscalYear: YEAR, budgetType, requested, adjustment });
      expect(res.status).toBe(201);
      ids[code] = (res.body as { id: number }).id;
    };
    // 党群中心: one project of each budget; 环卫中心: a 政府性基金预算 project
    await create('BT-G1', 'DQZX', GENERAL, 1_000_000, -100_000);
    await create('BT-F1', 'DQZX', FUND, 500_000, 0);
    await create('BT-F2', 'HWZX', FUND, 2_000_000, 200_000);
    const ok = async (p: Promise<{ status: number; text: string }>): Promise<void> => expect((await p).status).toBe(201);
    await ok(admin.post(`/api/projects/${ids['BT-G1']}/spending`, { month: 1, amount: '100000' }));
    await ok(admin.post(`/api/projects/${ids['BT-G1']}/payments`, { date: `${YEAR}-03-10`, amount: '200000', payee: '甲' }));
    await ok(admin.post(`/api/projects/${ids['BT-F1']}/payments`, { date: `${YEAR}-02-05`, amount: '50000', payee: '乙' }));
    await ok(admin.post(`/api/projects/${ids['BT-F2']}/spending`, { month: 4, amount: '220000' }));
  });

  const board = async (extra: string): Promise<Board> => {
    const res = await admin.get(`/api/reports/dashboard?department=JDB&year=${YEAR}${extra}`);
    expect(res.status).toBe(200);
    return res.body as Board;
  };
  const row = (u: Amounts): unknown[] => [u.department.name, u.projects, u.requested, u.adjusted, u.spent, u.progress, u.rank];

  test('dashboard and ranking: only the projects of the budget type, as of their own latest month', async () => {
    const all = await board('');
    expect(all.budgetType).toBeNull();
    expect(all.month).toBe(4);
    expect(all.units.map(row)).toEqual([
      ['党群中心', 2, '1500000.00', '1400000.00', '350000.00', '25.00', 1],
      ['环卫中心', 1, '2000000.00', '2200000.00', '220000.00', '10.00', 2],
    ]);

    const general = await board(`&budgetType=${q(GENERAL)}`);
    expect(general.budgetType).toBe(GENERAL);
    expect(general.month).toBe(3); // the latest month with spending among its projects
    expect(general.units.map(row)).toEqual([['党群中心', 1, '1000000.00', '900000.00', '300000.00', '33.33', 1]]);
    expect([general.total.adjusted, general.total.spent, general.total.progress]).toEqual(['900000.00', '300000.00', '33.33']);

    const fund = await board(`&budgetType=${q(FUND)}`);
    expect(fund.month).toBe(4);
    expect(fund.units.map(row)).toEqual([
      ['党群中心', 1, '500000.00', '500000.00', '50000.00', '10.00', 1],
      ['环卫中心', 1, '2000000.00', '2200000.00', '220000.00', '10.00', 1],
    ]);
    expect([fund.total.requested, fund.total.adjusted, fund.total.spent, fund.total.progress]).toEqual(['2500000.00', '2700000.00', '270000.00', '10.00']);

    // the two budgets add up to the unfiltered report (raw rows = summary), as of the same month
    const at4 = async (extra: string): Promise<Amounts> => (await board(`&month=4${extra}`)).total;
    const [t, g, f] = [await at4(''), await at4(`&budgetType=${q(GENERAL)}`), await at4(`&budgetType=${q(FUND)}`)];
    for (const k of ['requested', 'adjusted', 'spent'] as const) expect((Number(g[k]) + Number(f[k])).toFixed(2)).toBe(t[k]);

    const none = await board(`&budgetType=${q('国有资本经营预算')}`);
    expect(none.units).toEqual([]);
    expect([none.total.projects, none.total.adjusted, none.total.spent]).toEqual([0, '0.00', '0.00']);

    const rk = (await admin.get(`/api/reports/ranking?department=JDB&year=${YEAR}&budgetType=${q(GENERAL)}`)).body as { budgetType: string; items: Amounts[]; total: Amounts };
    expect(rk.budgetType).toBe(GENERAL);
    expect(rk.items.map(row)).toEqual([['党群中心', 1, '1000000.00', '900000.00', '300000.00', '33.33', 1]]);
  });

  test('trend, 项目情况, 已调整项目, 数据明细 keep the projects of the budget type', async () => {
    const tr = (await admin.get(`/api/reports/trend?department=JDB&year=${YEAR}&budgetType=${q(FUND)}`)).body as { budgetType: string; series: { department: { name: string }; adjusted: string; cumulative: string[] }[]; total: { adjusted: string; cumulative: string[] } };
    expect(tr.budgetType).toBe(FUND);
    expect(tr.series.map((s) => [s.department.name, s.adjusted, s.cumulative[1], s.cumulative[3]])).toEqual([
      ['党群中心', '500000.00', '50000.00', '50000.00'],
      ['环卫中心', '2200000.00', '0.00', '220000.00'],
    ]);
    expect([tr.total.adjusted, tr.total.cumulative[0], tr.total.cumulative[11]]).toEqual(['2700000.00', '0.00', '270000.00']);

    const codes = async (report: string, extra: string): Promise<string[]> => {
      const res = await admin.get(`/api/reports/${report}?department=JDB&year=${YEAR}${extra}`);
      expect(res.status).toBe(200);
      return (res.body as { items: { project: { code: string } }[] }).items.map((r) => r.project.code);
    };
    expect(await codes('projects', '')).toEqual(['BT-F1', 'BT-G1', 'BT-F2']);
    expect(await codes('projects', `&budgetType=${q(GENERAL)}`)).toEqual(['BT-G1']);
    expect(await codes('projects', `&budgetType=${q(FUND)}&warning=${q('警告')}`)).toEqual(['BT-F1', 'BT-F2']);
    const ps = (await admin.get(`/api/reports/projects?department=JDB&year=${YEAR}&budgetType=${q(GENERAL)}`)).body as { items: { index: number; month: number; spent: string }[] };
    expect(ps.items.map((r) => [r.index, r.month, r.spent])).toEqual([[1, 3, '300000.00']]);
    expect(await codes('adjusted', '')).toEqual(['BT-G1', 'BT-F2']);
    expect(await codes('adjusted', `&budgetType=${q(FUND)}`)).toEqual(['BT-F2']);

    const det = (await admin.get(`/api/reports/details?department=JDB&year=${YEAR}&budgetType=${q(FUND)}`)).body as { items: { project: { code: string }; amount: string }[]; total: string };
    expect(det.items.map((r) => [r.project.code, r.amount])).toEqual([
      ['BT-F1', '50000.00'],
      ['BT-F2', '220000.00'],
    ]);
    expect(det.total).toBe('270000.00');

    // the demo data: 垃圾分类设施购置 is the street office's one 政府性基金预算 project of 2021
    expect((await admin.get(`/api/reports/projects?department=JDB&year=2021&budgetType=${q(FUND)}`)).body).toMatchObject({ items: [{ project: { code: 'HWZX-2021-002' } }] });
  });

  test('the .xlsx exports show the filtered table and name the budget type', async () => {
    const dash = await sheetOf(h(), admin, `/api/reports/dashboard/export.xlsx?department=JDB&year=${YEAR}&budgetType=${q(FUND)}`, '各单位支出明细');
    expect(dash.subtitle).toContain(`预算类型: ${FUND}`);
    expect(dash.rows.map((r) => [r[1], r[5], r[7], r[8]])).toEqual([
      ['党群中心', 500000, 50000, '10%'],
      ['环卫中心', 2200000, 220000, '10%'],
      ['总计', 2700000, 270000, '10%'],
    ]);
    const ps = await sheetOf(h(), admin, `/api/reports/projects?department=JDB&year=${YEAR}&budgetType=${q(GENERAL)}&format=xlsx`);
    expect(ps.subtitle).toContain(`预算类型: ${GENERAL}`);
    expect(ps.rows.map((r) => [r[0], r[1], r[9]])).toEqual([[1, 'BT-G1', 300000]]);
    const det = await sheetOf(h(), admin, `/api/reports/details/export.xlsx?department=JDB&year=${YEAR}&budgetType=${q(FUND)}`);
    expect(det.rows.map((r) => [r[2] ?? null, r[6]])).toEqual([
      ['BT-F1', 50000],
      ['BT-F2', 220000],
      [null, 270000],
    ]);
    const rk = await sheetOf(h(), admin, `/api/reports/ranking/export.xlsx?department=JDB&year=${YEAR}&budgetType=${q(GENERAL)}`);
    expect(rk.rows.map((r) => [r[0], r[6]])).toEqual([['党群中心', 300000]]);
    const tr = await sheetOf(h(), admin, `/api/reports/trend/export.xlsx?department=JDB&year=${YEAR}&budgetType=${q(GENERAL)}`);
    expect(tr.rows.map((r) => [r[0], r[1], r[4]])).toEqual([
      ['党群中心', 900000, 300000],
      ['总计', 900000, 300000],
    ]);
    const adj = await sheetOf(h(), admin, `/api/reports/adjusted/export.xlsx?department=JDB&year=${YEAR}&budgetType=${q(GENERAL)}`);
    expect(adj.rows.map((r) => r[0])).toEqual(['BT-G1']);
    // without the filter: no 预算类型 in the subtitle
    expect((await sheetOf(h(), admin, `/api/reports/adjusted/export.xlsx?department=JDB&year=${YEAR}`)).subtitle).not.toContain('预算类型');
  });

  test('an unknown budget type is a 400 naming the parameter, on every report and export', async () => {
    for (const report of ['dashboard', 'ranking', 'projects', 'adjusted', 'trend', 'details', 'details/export.xlsx']) {
      const res = await admin.get(`/api/reports/${report}?department=JDB&year=${YEAR}&budgetType=${q('专项预算')}`);
      expect(res.status).toBe(400);
      const e = errorOf(res);
      expect(e.code).toBe('BAD_QUERY');
      expect(e.message).toBe('查询参数 budgetType（预算类型）应为 一般公共预算、政府性基金预算、国有资本经营预算、社会保险基金预算 之一');
      expect(e.details).toEqual({ parameter: 'budgetType' });
    }
    // empty = every budget
    expect((await board('&budgetType=')).units).toHaveLength(2);
  });
});
