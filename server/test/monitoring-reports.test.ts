/**
 * Monitoring and reports over HTTP on every database: the seed 000 dashboard from the demo
 * projects, the .xlsx exports, DOMAIN §9 example 4 (ratio rule) and the gap rule, scope.
 */
import ExcelJS from 'exceljs';
import type { Knex } from 'knex';
import { errorOf, forEachDatabase, type Client } from './harness';
import { loadDemoProjects, parseDemoProjects } from '../src/seed/demo-projects';

interface Shown {
  requested: string;
  initialBudget: string;
  adjustment: string;
  adjusted: string;
  spent: string;
  balance: string;
  progress: string | null;
  share?: string | null;
  display: Record<string, string>;
  warning?: { light: string; status: string; value: string; rule: { rule: string; red: number; yellow: number } };
  rank?: number;
  department?: { code: string; name: string };
}

async function insertProject(db: Knex, p: { code: string; department: string; year: number; requestedFen: number; adjustmentFen?: number; initialFen?: number; name?: string }): Promise<number> {
  const at = new Date().toISOString();
  const adj = p.adjustmentFen ?? 0;
  const [id] = await db('projects').insert({
    code: p.code,
    name: p.name ?? `测试项目 ${p.code}`,
    department_code: p.department,
    fiscal_year: p.year,
    budget_type: '一般公共预算',
    requested_fen: p.requestedFen,
    initial_budget_fen: p.initialFen ?? 0,
    adjustment_fen: adj,
    adjusted_fen: p.requestedFen + adj,
    status: 'active',
    row_version: 1,
    created_at: at,
    updated_at: at,
  });
  return Number(id);
}

async function projectId(db: Knex, code: string): Promise<number> {
  const row = (await db('projects').where({ code }).first()) as { id: number } | undefined;
  if (!row) throw new Error(`no project ${code}`);
  return Number(row.id);
}

forEachDatabase('monitoring', (h) => {
  let admin: Client;
  beforeAll(async () => {
    admin = await h().login('admin');
  });

  test('the demo seed loads projects.json once (idempotent)', async () => {
    const count = async (): Promise<number> => Number(((await h().db('projects').count({ n: '*' })) as { n: unknown }[])[0]?.n);
    expect(await count()).toBe(12);
    const fs = await import('node:fs');
    const path = await import('node:path');
    const text = fs.readFileSync(path.join(h().config.repoRoot, 'templates', 'demo-street', 'projects.json'), 'utf8');
    expect(await loadDemoProjects(h().db, parseDemoProjects(text))).toBe(0);
    expect(await count()).toBe(12);
  });

  test('dashboard JDB/2021 reproduces seed 000 各单位支出明细', async () => {
    const res = await admin.get('/api/reports/dashboard?department=JDB&year=2021');
    expect(res.status).toBe(200);
    const body = res.body as { department: { code: string }; month: number; timeProgress: string; units: Shown[]; total: Shown };
    expect(body.department.code).toBe('JDB');
    expect(body.month).toBe(3);
    expect(body.timeProgress).toBe('25.00');
    const rows = body.units.map((u) => [u.department?.name, u.requested, u.initialBudget, u.adjustment, u.adjusted, u.share, u.spent, u.balance, u.progress, u.warning?.status, u.rank]);
    expect(rows).toEqual([
      ['党群中心', '7249000.00', '376000.00', '-3175000.00', '4074000.00', '23.83', '450000.00', '3624000.00', '11.04', '警告', 1],
      ['街道本级', '6273000.00', '0.00', '4064000.00', '10337000.00', '60.47', '314000.00', '10023000.00', '3.03', '警告', 2],
      ['环卫中心', '26810000.00', '0.00', '-24129000.00', '2681000.00', '15.68', '80000.00', '2601000.00', '2.98', '警告', 3],
    ]);
    const t = body.total;
    expect([t.requested, t.initialBudget, t.adjustment, t.adjusted, t.spent, t.balance, t.progress]).toEqual([
      '40332000.00',
      '376000.00',
      '-23240000.00',
      '17092000.00',
      '844000.00',
      '16248000.00',
      '4.93',
    ]);
    expect(t.display).toMatchObject({ requested: '40,332,000.00', adjustment: '-23,240,000.00', adjusted: '17,092,000.00', spent: '844,000.00', progress: '4.93%', share: '100%' });
    expect(body.units[0]?.display).toMatchObject({ requested: '7,249,000.00', adjusted: '4,074,000.00', share: '23.83%', progress: '11.04%', balance: '3,624,000.00' });
    expect(body.units[0]?.warning).toMatchObject({ light: 'red', rule: { rule: 'ratio', red: 60, yellow: 80 } });
  });

  test('dashboard .xlsx: Chinese headers, money as numbers with #,##0.00, percentages as text', async () => {
    for (const url of ['/api/reports/dashboard?department=JDB&year=2021&format=xlsx', '/api/reports/dashboard/export.xlsx?department=JDB&year=2021']) {
      const res = await fetch(new URL(url, h().url), { headers: { cookie: `${h().config.sessionCookie}=${admin.cookie ?? ''}` } });
      expect(res.status).toBe(200);
      expect(res.headers.get('content-type')).toContain('spreadsheetml');
      expect(res.headers.get('content-disposition')).toContain(encodeURIComponent('各单位支出明细'));
      const wb = new ExcelJS.Workbook();
      await wb.xlsx.load(await res.arrayBuffer());
      const ws = wb.getWorksheet('各单位支出明细');
      if (!ws) throw new Error('no sheet');
      const header = ws.getRow(3).values as unknown[];
      expect(header.slice(1)).toEqual(['部门', '预算单位', '本年度申请资金', '年初预算数', '调整数', '调整后预算数', '单位预算占部门预算比例', '实际支出', '支出占年度预算比例(%)', '报警状态', '预算执行率排名']);
      const dq = ws.getRow(4);
      expect(dq.getCell(2).value).toBe('党群中心');
      expect(dq.getCell(3).value).toBe(7249000);
      expect(dq.getCell(3).numFmt).toBe('#,##0.00');
      expect(dq.getCell(5).value).toBe(-3175000);
      expect(dq.getCell(7).value).toBe('23.83%');
      expect(dq.getCell(9).value).toBe('11.04%');
      expect(dq.getCell(10).value).toBe('警告');
      expect(dq.getCell(11).value).toBe(1);
      const total = ws.getRow(7);
      expect(total.getCell(2).value).toBe('总计');
      expect(total.getCell(6).value).toBe(17092000);
      expect(total.getCell(9).value).toBe('4.93%');
      expect(wb.getWorksheet('各单位支出进度')?.getRow(4).getCell(3).value).toBe(3624000);
    }
  });

  test('进度排名 2022 (指挥中心 正常 before 文化站 警告), 已调整项目, 趋势图, 数据明细, 项目情况 filters', async () => {
    const rk = (await admin.get('/api/reports/ranking?department=JDB&year=2022')).body as { month: number; items: Shown[] };
    expect(rk.month).toBe(2);
    expect(rk.items.map((u) => [u.department?.name, u.display.initialShare, u.adjusted, u.adjustment, u.spent, u.balance, u.warning?.status, u.rank])).toEqual([
      ['指挥中心', '100%', '376000.00', '-3384000.00', '70000.00', '306000.00', '正常', 1],
      ['文化站', '0%', '3010000.00', '110000.00', '350000.00', '2660000.00', '警告', 2],
    ]);

    const adj = (await admin.get('/api/reports/adjusted?department=JDB&year=2021')).body as { items: { project: { code: string }; adjustment: string }[] };
    expect(adj.items.map((r) => r.project.code)).toEqual(['DQZX-2021-001', 'DQZX-2021-002', 'HWZX-2021-001', 'HWZX-2021-002', 'JDBJ-2021-001', 'JDBJ-2021-002']);

    const tr = (await admin.get('/api/reports/trend?department=JDB&year=2021')).body as { series: { department: { name: string }; cumulative: string[] }[]; total: { cumulative: string[] } };
    expect(tr.series.map((s) => s.department.name)).toEqual(['党群中心', '街道本级', '环卫中心']);
    expect(tr.total.cumulative[2]).toBe('844000.00');
    expect(tr.total.cumulative[11]).toBe('844000.00');
    expect(tr.series[0]?.cumulative.slice(0, 3)).toEqual(['100000.00', expect.any(String), expect.any(String)]);

    const det = (await admin.get('/api/reports/details?department=JDB&year=2021')).body as { items: unknown[]; total: string };
    expect(det.total).toBe('844000.00');
    expect(det.items).toHaveLength(11); // the 2021 payment records of projects.json
    expect((det.items as { month: number; kindText: string }[]).every((r, i, a) => r.kindText === '支付记录' && (i === 0 || (a[i - 1] as { month: number }).month <= r.month))).toBe(true);

    const ps = (await admin.get('/api/reports/projects?department=JDB&year=2023')).body as { items: (Shown & { project: { name: string } })[] };
    const wt = ps.items.find((r) => r.project.name === '文体中心业务经费');
    expect(wt?.display.progress).toBe('11.12%');
    const lj = ps.items.find((r) => r.project.name.includes('垃圾分类专项经费'));
    expect([lj?.adjusted, lj?.display.progress, lj?.warning?.status]).toEqual(['1000000.00', '0%', '警告']);
    const byName = (await admin.get(`/api/reports/projects?department=JDB&name=${encodeURIComponent('文体')}`)).body as { items: { project: { name: string } }[] };
    expect(byName.items.map((r) => r.project.name)).toEqual(['文体中心业务经费']);
    const normal = (await admin.get(`/api/reports/projects?department=JDB&year=2022&warning=${encodeURIComponent('正常')}`)).body as { items: { project: { code: string } }[] };
    expect(normal.items.map((r) => r.project.code)).toEqual(['ZHZX-2022-001']);
    const hw = (await admin.get('/api/reports/projects?department=HWZX')).body as { items: { department: { code: string } }[] };
    expect(new Set(hw.items.map((r) => r.department.code))).toEqual(new Set(['HWZX']));
    expect((await admin.get('/api/reports/projects?department=JDB&warning=blue')).status).toBe(400);

    for (const name of ['ranking', 'projects', 'adjusted', 'trend', 'details']) {
      const res = await fetch(new URL(`/api/reports/${name}?department=JDB&year=2021&format=xlsx`, h().url), { headers: { cookie: `${h().config.sessionCookie}=${admin.cookie ?? ''}` } });
      expect(res.status).toBe(200);
      const wb = new ExcelJS.Workbook();
      await wb.xlsx.load(await res.arrayBuffer());
      expect(wb.worksheets.length).toBe(1);
    }
  });

  test('DOMAIN §9 example 4: ratio rule lights at month 6; budget 0 is red', async () => {
    const id = await insertProject(h().db, { code: 'EX4', department: 'AJB', year: 2030, requestedFen: 100_000_000 });
    const light = async (query = ''): Promise<{ light: string; value: string }> => {
      const res = await admin.get(`/api/projects/${id}/monitoring?month=6${query}`);
      expect(res.status).toBe(200);
      return (res.body as { warning: { light: string; value: string } }).warning;
    };
    const rec = await admin.post(`/api/projects/${id}/spending`, { month: 2, amount: '150000.00', memo: '一季度' });
    expect(rec.status).toBe(201);
    expect(rec.body).toMatchObject({ month: 2, amount: '150000.00', amountText: '150,000.00' });
    const pay = await admin.post(`/api/projects/${id}/payments`, { date: '2030-05-10', amount: 50000, payee: '某公司' });
    expect(pay.status).toBe(201);
    // 200,000 → 20 % / 50 % → v = 40 → red
    expect(await light()).toMatchObject({ light: 'red', value: '40.00' });
    const m = (await admin.get(`/api/projects/${id}/monitoring?month=6`)).body as Shown & { executionRate: string; timeProgress: string; month: number; display: Record<string, string> };
    expect([m.adjusted, m.spent, m.balance, m.executionRate, m.timeProgress]).toEqual(['1000000.00', '200000.00', '800000.00', '20.00', '50.00']);
    expect(m.display).toMatchObject({ executionRate: '20%', timeProgress: '50%', balance: '800,000.00' });
    // gap rule: 50 − 20 = 30 points ≥ 20 → red
    expect(await light('&rule=gap')).toMatchObject({ light: 'red', value: '30.00' });

    await admin.post(`/api/projects/${id}/payments`, { date: '2030-06-30', amount: '150000' });
    expect(await light()).toMatchObject({ light: 'yellow', value: '70.00' }); // 350,000
    expect(await light('&rule=gap')).toMatchObject({ light: 'yellow', value: '15.00' });
    expect(await light('&rule=gap&yellow=16')).toMatchObject({ light: 'green' });

    const late = await admin.post(`/api/projects/${id}/payments`, { date: '2030-07-01', amount: '100000' });
    expect(late.status).toBe(201);
    expect(await light()).toMatchObject({ light: 'yellow' }); // July does not count at month 6
    await admin.post(`/api/projects/${id}/spending`, { month: 6, amount: '100000' });
    expect(await light()).toMatchObject({ light: 'green', value: '90.00' }); // 450,000
    expect(await light('&rule=gap')).toMatchObject({ light: 'green', value: '5.00' });

    // deleting an entry takes it out again
    const list = (await admin.get(`/api/projects/${id}/spending`)).body as { items: { id: number; month: number }[]; total: string };
    expect(list.total).toBe('250000.00');
    const june = list.items.find((e) => e.month === 6);
    expect((await admin.delete(`/api/projects/${id}/spending/${june?.id ?? 0}`)).status).toBe(204);
    expect(await light()).toMatchObject({ light: 'yellow' });
    expect((await admin.delete(`/api/projects/${id}/spending/${june?.id ?? 0}`)).status).toBe(404);
    const pays = (await admin.get(`/api/projects/${id}/payments`)).body as { items: { date: string }[]; total: string };
    expect(pays.items.map((p) => p.date)).toEqual(['2030-05-10', '2030-06-30', '2030-07-01']);
    expect(pays.total).toBe('300000.00');

    const zero = await insertProject(h().db, { code: 'EX4-ZERO', department: 'AJB', year: 2030, requestedFen: 0 });
    const z = (await admin.get(`/api/projects/${zero}/monitoring?month=6`)).body as { warning: { light: string; value: string }; executionRate: string | null; display: { executionRate: string } };
    expect(z.warning).toMatchObject({ light: 'red', value: '0.00' });
    expect(z.executionRate).toBeNull();
    expect(z.display.executionRate).toBe('--');

    const audit = (await admin.get(`/api/audit?entity=${encodeURIComponent('spending')}`)).body as { items: { action: string }[] };
    expect(audit.items.map((a) => a.action)).toEqual(expect.arrayContaining(['create', 'delete']));

    const depts = (await admin.get('/api/monitoring/departments?year=2030&month=6')).body as { items: (Shown & { department: { code: string }; projects: number })[]; total: Shown };
    expect(depts.items.map((d) => [d.department.code, d.projects, d.spent, d.warning?.light])).toEqual([['AJB', 2, '350000.00', 'yellow']]);
  });

  test("the pack's rule: a monitoring template bound to the department with the gap rule", async () => {
    const at = new Date().toISOString();
    const body = { id: 'gap-monitoring', kind: 'monitoring', version: '1.0.0', title: '监控（差距规则）', schema: { type: 'object', properties: {} }, scoring: { warning: { rule: 'gap', yellow: 5, red: 15 } } };
    await h().db('template_versions').insert({ template_id: 'gap-monitoring', version: '1.0.0', kind: 'monitoring', title: body.title, body: JSON.stringify(body), source: 'test', published_at: at });
    await h().db('template_bindings').insert({ department_code: 'JDB', kind: 'monitoring', fiscal_year: 2030, template_id: 'gap-monitoring', template_version: '1.0.0', created_at: at, updated_at: at });
    const id = await projectId(h().db, 'EX4');
    // 350,000 of 1,000,000 at month 6: 15 points behind → red under gap 5/15 (inherited from JDB)
    const m = (await admin.get(`/api/projects/${id}/monitoring?month=6`)).body as { warning: { light: string; value: string; rule: unknown } };
    expect(m.warning).toMatchObject({ light: 'red', value: '15.00', rule: { rule: 'gap', yellow: 5, red: 15 } });
    // asking for the ratio rule drops the pack's gap thresholds
    const r = (await admin.get(`/api/projects/${id}/monitoring?month=6&rule=ratio`)).body as { warning: { light: string; rule: unknown } };
    expect(r.warning).toMatchObject({ light: 'yellow', rule: { rule: 'ratio', red: 60, yellow: 80 } });
    const d = (await admin.get('/api/monitoring/departments?year=2030&month=6')).body as { items: { warning: { light: string; rule: { rule: string } } }[] };
    expect(d.items[0]?.warning).toMatchObject({ light: 'red', rule: { rule: 'gap' } });
  });

  test('项目情况 status filter reads the declaration status', async () => {
    const id = await projectId(h().db, 'WHZ-2022-001');
    const at = new Date().toISOString();
    await h().db('submissions').insert({ project_id: id, department_code: 'WHZ', kind: 'declaration', fiscal_year: 2022, period: '', template_id: 't', template_version: '1.0.0', status: 'approved', data_json: '{}', row_version: 1, created_at: at, updated_at: at });
    const done = (await admin.get('/api/reports/projects?department=JDB&status=approved')).body as { items: { project: { code: string }; statusText: string }[] };
    expect(done.items.map((r) => [r.project.code, r.statusText])).toEqual([['WHZ-2022-001', '完成']]);
    const none = (await admin.get('/api/reports/projects?department=WHZ&year=2022&status=none')).body as { items: { project: { code: string }; statusText: string }[] };
    expect(none.items.map((r) => [r.project.code, r.statusText])).toEqual([['WHZ-2022-002', '未填报']]);
    expect((await admin.get('/api/reports/projects?status=bogus')).status).toBe(400);
  });

  test('input checks: amount, month, date in the fiscal year', async () => {
    const id = await projectId(h().db, 'DQZX-2021-001');
    const bad = await admin.post(`/api/projects/${id}/spending`, { month: 13, amount: '-5' });
    expect(bad.status).toBe(422);
    expect((errorOf(bad).details as { path: string }[]).map((d) => d.path).sort()).toEqual(['amount', 'month']);
    expect((await admin.post(`/api/projects/${id}/spending`, { month: 1, amount: '1.234' })).status).toBe(422);
    const outside = await admin.post(`/api/projects/${id}/payments`, { date: '2022-01-05', amount: '10' });
    expect(outside.status).toBe(422);
    expect(errorOf(outside).code).toBe('DATE_OUTSIDE_YEAR');
    expect((await admin.post(`/api/projects/${id}/payments`, { date: '2021-02-30', amount: '10' })).status).toBe(422);
    expect((await admin.get('/api/projects/999999/monitoring')).status).toBe(404);
    expect((await admin.get('/api/reports/dashboard?department=JDB')).status).toBe(400);
  });

  test('scope: HWZX users get 404 reading and 403 writing DQZX data', async () => {
    const dq = await projectId(h().db, 'DQZX-2021-002');
    const hwProject = await projectId(h().db, 'HWZX-2021-001');
    const hwzx = await h().login('hwzx');
    for (const p of [`/api/projects/${dq}/spending`, `/api/projects/${dq}/payments`, `/api/projects/${dq}/monitoring`, '/api/reports/dashboard?department=DQZX&year=2021', '/api/reports/projects?department=DQZX', '/api/reports/dashboard?department=JDB&year=2021']) {
      const res = await hwzx.get(p);
      expect([p, res.status]).toEqual([p, 404]);
    }
    expect((await hwzx.get(`/api/projects/${hwProject}/monitoring`)).status).toBe(200);
    const own = (await hwzx.get('/api/reports/dashboard?year=2021')).body as { department: { code: string }; units: Shown[] };
    expect(own.department.code).toBe('HWZX');
    expect(own.units.map((u) => [u.department?.code, u.adjusted, u.share])).toEqual([['HWZX', '2681000.00', '100.00']]);
    const rolled = (await hwzx.get('/api/monitoring/departments?year=2021')).body as { items: { department: { code: string } }[] };
    expect(rolled.items.map((d) => d.department.code)).toEqual(['HWZX']);
    // hwzx (unit role) may not record at all; spender (HWZX) may, but not on DQZX's project
    expect(errorOf(await hwzx.post(`/api/projects/${hwProject}/spending`, { month: 1, amount: '1' })).code).toBe('MISSING_PERMISSION');
    const spender = await h().login('spender');
    const denied = await spender.post(`/api/projects/${dq}/spending`, { month: 1, amount: '1' });
    expect(denied.status).toBe(403);
    expect(errorOf(denied).code).toBe('OUT_OF_SCOPE');
    expect((await spender.post(`/api/projects/${dq}/payments`, { date: '2021-01-02', amount: '1' })).status).toBe(403);
    const dqEntry = ((await admin.get(`/api/projects/${dq}/payments`)).body as { items: { id: number }[] }).items[0];
    expect((await spender.delete(`/api/projects/${dq}/payments/${dqEntry?.id ?? 0}`)).status).toBe(403);
    expect((await spender.post(`/api/projects/${hwProject}/spending`, { month: 4, amount: '1.5' })).status).toBe(201);
  });
});
