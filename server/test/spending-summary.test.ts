/**
 * The dashboard summary (`spending_monthly`) stays equal to the sums of the raw spending and
 * payment rows after every kind of write — entries and payments created and deleted, writes that
 * fail and roll back, projects moved to another department, year or budget type (by edit or Excel
 * import), projects deleted — on every database; a rebuild from the raw rows gives the same table;
 * and the migrations backfill it from the rows already there.
 */
import type { Knex } from 'knex';
import { forEachDatabase, freshDatabase, TARGETS, type Client } from './harness';
import { upload, xlsx } from './workflow-helpers';
import { createDb } from '../src/db/knex';
import { migrateLatest, migrationConfig } from '../src/db/migrate';
import { ListMigrationSource, MIGRATIONS } from '../src/db/migrations';
import type { Scope } from '../src/http/types';
import * as monitoringRepo from '../src/modules/monitoring/repo';
import * as monitoring from '../src/modules/monitoring/service';
import * as summary from '../src/modules/monitoring/summary';
import * as projects from '../src/modules/projects/service';

type Cells = Record<string, { spent: string; paid: string }>;

const fen = (v: unknown): bigint => BigInt(String(v).replace(/\.0+$/, ''));

/** `year/department/month` (every budget added up), or with `byBudget` `year/department/budget type/month`. */
const cellKey = (r: Record<string, unknown>, byBudget: boolean): string =>
  (byBudget ? [r.year, r.dept, r.budget, r.month] : [r.year, r.dept, r.month]).map(String).join('/');

/** Rows `{year, dept, budget, month, spent, paid}` summed into cells, zero cells left out. */
function toCells(rows: readonly Record<string, unknown>[], byBudget: boolean): Cells {
  const sums = new Map<string, { spent: bigint; paid: bigint }>();
  for (const r of rows) {
    const key = cellKey(r, byBudget);
    const s = sums.get(key) ?? { spent: 0n, paid: 0n };
    s.spent += fen(r.spent ?? 0);
    s.paid += fen(r.paid ?? 0);
    sums.set(key, s);
  }
  const out: Cells = {};
  for (const [k, s] of sums) if (s.spent !== 0n || s.paid !== 0n) out[k] = { spent: s.spent.toString(), paid: s.paid.toString() };
  return out;
}

/** The summary table as `year/department/month → {spent, paid}` in fen (see cellKey). */
async function summaryCells(db: Knex, byBudget = false): Promise<Cells> {
  const rows = (await db('spending_monthly').select({ year: 'fiscal_year', dept: 'department_code', budget: 'budget_type', month: 'month', spent: 'spent_fen', paid: 'paid_fen' })) as Record<string, unknown>[];
  return toCells(rows, byBudget);
}

/** The same cells computed from the raw rows (rows of the project's own fiscal year only). */
async function rawCells(db: Knex, byBudget = false): Promise<Cells> {
  const rows: Record<string, unknown>[] = [];
  for (const table of ['spending', 'payments'] as const) {
    const found = (await db(table)
      .join('projects', 'projects.id', `${table}.project_id`)
      .whereRaw('?? = ??', [`${table}.fiscal_year`, 'projects.fiscal_year'])
      .select({ year: 'projects.fiscal_year', dept: 'projects.department_code', budget: 'projects.budget_type', month: `${table}.month`, amount: `${table}.amount_fen` })) as Record<string, unknown>[];
    for (const r of found) rows.push({ ...r, [table === 'spending' ? 'spent' : 'paid']: r.amount });
  }
  return toCells(rows, byBudget);
}

/** Asserts summary = raw, both through the cells and through the dashboards' reader vs the raw reference query; returns the cells. */
async function expectInStep(db: Knex, years: number[]): Promise<Cells> {
  const cells = await summaryCells(db);
  expect(cells).toEqual(await rawCells(db));
  expect(await summaryCells(db, true)).toEqual(await rawCells(db, true));
  const nonZero = (m: Map<string, Map<number, bigint>>): Record<string, string> => {
    const o: Record<string, string> = {};
    for (const [d, months] of m) for (const [month, v] of months) if (v !== 0n) o[`${d}/${month}`] = v.toString();
    return o;
  };
  for (const year of years) {
    for (const budget of [undefined, ...projects.BUDGET_TYPES]) {
      expect(nonZero(await summary.spentByDepartmentMonth(db, year, null, budget))).toEqual(nonZero(await monitoringRepo.spentByDepartmentMonthFromRows(db, year, null, budget)));
    }
  }
  return cells;
}

const ADMIN_ACTOR = { userId: null, username: 'admin', ip: null };

forEachDatabase('summary', (h) => {
  let admin: Client;
  let scope: Scope;
  let id: number;
  const cell = async (key: string): Promise<{ spent: string; paid: string } | undefined> => (await summaryCells(h().db))[key];

  beforeAll(async () => {
    admin = await h().login('admin');
    const codes = ((await h().db('departments').select('code')) as { code: string }[]).map((d) => d.code);
    scope = { all: true, codes: new Set(codes) };
  });

  test('the demo seed fills the summary', async () => {
    const cells = await expectInStep(h().db, [2021, 2022, 2023]);
    expect(Object.keys(cells).length).toBeGreaterThan(0);
  });

  test('creating and deleting entries and payments keeps it equal to the raw sums', async () => {
    const created = await admin.post('/api/projects', { code: 'SUM-001', name: '汇总测试项目', department: 'DQZX', fiscalYear: 2026, budgetType: '一般公共预算', requested: '100000.00' });
    expect(created.status).toBe(201);
    id = (created.body as { id: number }).id;
    expect((await admin.post(`/api/projects/${id}/spending`, { month: 3, amount: '123.45' })).status).toBe(201);
    expect((await admin.post(`/api/projects/${id}/spending`, { month: 3, amount: '0.55' })).status).toBe(201);
    expect((await admin.post(`/api/projects/${id}/spending`, { month: 4, amount: '1000' })).status).toBe(201);
    expect((await admin.post(`/api/projects/${id}/payments`, { date: '2026-03-31', amount: '76.00' })).status).toBe(201);
    const pay = await admin.post(`/api/projects/${id}/payments`, { date: '2026-05-02', amount: '9999.99' });
    expect(pay.status).toBe(201);
    await expectInStep(h().db, [2026]);
    expect(await cell('2026/DQZX/3')).toEqual({ spent: '12400', paid: '7600' });

    const entries = (await admin.get(`/api/projects/${id}/spending`)).body as { items: { id: number; month: number }[] };
    const april = entries.items.find((e) => e.month === 4);
    expect((await admin.delete(`/api/projects/${id}/spending/${april?.id ?? 0}`)).status).toBe(204);
    expect((await admin.delete(`/api/projects/${id}/payments/${(pay.body as { id: number }).id}`)).status).toBe(204);
    await expectInStep(h().db, [2026]);
    expect(await cell('2026/DQZX/4')).toBeUndefined();
    expect(await cell('2026/DQZX/5')).toBeUndefined();

    const dash = (await admin.get('/api/monitoring/departments?year=2026&month=12')).body as { items: { department: { code: string }; spent: string }[] };
    expect(dash.items.find((d) => d.department.code === 'DQZX')?.spent).toBe('200.00');
  });

  test('concurrent first writes to one month all count', async () => {
    const other = await admin.post('/api/projects', { code: 'SUM-002', name: '并发测试项目', department: 'HWZX', fiscalYear: 2026, budgetType: '一般公共预算' });
    const otherId = (other.body as { id: number }).id;
    const writes = Array.from({ length: 8 }, (_, i) =>
      i % 2 === 0 ? admin.post(`/api/projects/${otherId}/spending`, { month: 9, amount: '1.01' }) : admin.post(`/api/projects/${otherId}/payments`, { date: '2026-09-15', amount: '2.02' }),
    );
    expect((await Promise.all(writes)).map((r) => r.status)).toEqual(Array(8).fill(201));
    await expectInStep(h().db, [2026]);
    expect(await cell('2026/HWZX/9')).toEqual({ spent: '404', paid: '808' });
    expect((await admin.delete(`/api/projects/${otherId}`)).status).toBe(204);
    await expectInStep(h().db, [2026]);
  });

  test('a failed write changes neither the rows nor the summary', async () => {
    const before = await expectInStep(h().db, [2026]);
    // refused inside the write transaction: a payment dated outside the project's year
    expect((await admin.post(`/api/projects/${id}/payments`, { date: '2025-12-31', amount: '5' })).status).toBe(422);
    // every writer succeeds, then the enclosing transaction fails: all of it rolls back together
    const boom = new Error('rolled back on purpose');
    await expect(
      h().db.transaction(async (trx) => {
        await monitoring.recordSpending(trx, ADMIN_ACTOR, scope, id, { month: 6, amountFen: 50000n, memo: null });
        await monitoring.recordPayment(trx, ADMIN_ACTOR, scope, id, { date: '2026-07-01', amountFen: 700n, payee: null, memo: null });
        const first = (await monitoringRepo.listSpending(trx, id))[0];
        await monitoring.deleteSpending(trx, ADMIN_ACTOR, scope, id, first?.id ?? 0);
        const p = await projects.getProjectInScope(trx, scope, id);
        await projects.updateProject(trx, ADMIN_ACTOR, scope, id, p.rowVersion, { department: 'HWZX' });
        expect(await summaryCells(trx)).toEqual(await rawCells(trx)); // in step inside the transaction too
        throw boom;
      }),
    ).rejects.toBe(boom);
    expect(await expectInStep(h().db, [2026])).toEqual(before);
  });

  test('moving a project to another department or year moves its sums', async () => {
    const patch = async (fields: Record<string, unknown>): Promise<void> => {
      const p = (await admin.get(`/api/projects/${id}`)).body as { rowVersion: number };
      const res = await admin.patch(`/api/projects/${id}`, { rowVersion: p.rowVersion, ...fields });
      expect(res.status).toBe(200);
    };
    await patch({ department: 'HWZX' });
    await expectInStep(h().db, [2026]);
    expect(await cell('2026/DQZX/3')).toBeUndefined();
    expect(await cell('2026/HWZX/3')).toEqual({ spent: '12400', paid: '7600' });

    // in another year its 2026 rows no longer count anywhere; back in 2026 they count again
    await patch({ fiscalYear: 2027 });
    await expectInStep(h().db, [2026, 2027]);
    expect(await cell('2026/HWZX/3')).toBeUndefined();
    expect(await cell('2027/HWZX/3')).toBeUndefined();
    await patch({ fiscalYear: 2026, department: 'JDB' });
    await expectInStep(h().db, [2026, 2027]);
    expect(await cell('2026/JDB/3')).toEqual({ spent: '12400', paid: '7600' });

    // a change that does not move it (name) leaves the summary alone
    const before = await summaryCells(h().db);
    await patch({ name: '汇总测试项目（改名）' });
    expect(await expectInStep(h().db, [2026])).toEqual(before);

    // the Excel import updates a project of the same year and code, here into another department
    const file = await xlsx(['项目编码', '项目名称', '部门编码', '年度', '预算类型'], [['SUM-001', '汇总测试项目', 'DQZX', 2026, '一般公共预算']]);
    const imported = await upload(admin, '/api/projects/import', { name: '项目.xlsx', content: file });
    expect(imported.status).toBe(200);
    expect(imported.body).toMatchObject({ updated: 1 });
    await expectInStep(h().db, [2026]);
    expect(await cell('2026/JDB/3')).toBeUndefined();
    expect(await cell('2026/DQZX/3')).toEqual({ spent: '12400', paid: '7600' });
  });

  test('changing the budget type (预算类型) moves its sums to the other budget, as the filtered reports read them', async () => {
    const p = (await admin.get(`/api/projects/${id}`)).body as { rowVersion: number; budgetType: string; department: string };
    expect([p.budgetType, p.department]).toEqual(['一般公共预算', 'DQZX']);
    const byBudget = async (): Promise<Cells> => summaryCells(h().db, true);
    expect((await byBudget())['2026/DQZX/一般公共预算/3']).toEqual({ spent: '12400', paid: '7600' });
    expect((await admin.patch(`/api/projects/${id}`, { rowVersion: p.rowVersion, budgetType: '政府性基金预算' })).status).toBe(200);
    await expectInStep(h().db, [2026]);
    expect((await byBudget())['2026/DQZX/一般公共预算/3']).toBeUndefined();
    expect((await byBudget())['2026/DQZX/政府性基金预算/3']).toEqual({ spent: '12400', paid: '7600' });
    expect(await cell('2026/DQZX/3')).toEqual({ spent: '12400', paid: '7600' }); // every budget together: unchanged
    const fund = (await admin.get(`/api/reports/dashboard?department=DQZX&year=2026&month=12&budgetType=${encodeURIComponent('政府性基金预算')}`)).body as { units: { spent: string }[] };
    expect(fund.units.map((u) => u.spent)).toContain('200.00');
  });

  test('deleting a project takes its sums out', async () => {
    expect((await admin.delete(`/api/projects/${id}`)).status).toBe(204);
    await expectInStep(h().db, [2026]);
    expect(await cell('2026/DQZX/3')).toBeUndefined();
  });

  test('a rebuild from the raw rows gives the same table', async () => {
    const before = await summaryCells(h().db);
    expect(await summary.rebuildSpendingSummary(h().db)).toBeGreaterThan(0);
    expect(await expectInStep(h().db, [2021, 2022, 2023, 2026])).toEqual(before);
  });
});

describe.each(TARGETS)('the migration on $name', ({ name }) => {
  let db: Knex;
  let drop: () => Promise<void>;
  beforeAll(async () => {
    const fresh = await freshDatabase(name, 'summary_migration');
    drop = fresh.drop;
    db = createDb(fresh.url);
  });
  afterAll(async () => {
    await db.destroy();
    await drop();
  });

  test('backfills the summary from the rows already there', async () => {
    const at = MIGRATIONS.findIndex(([n]) => n === '20261123211000_spending_monthly');
    expect(at).toBeGreaterThan(0);
    await db.migrate.latest({ ...migrationConfig(), migrationSource: new ListMigrationSource(MIGRATIONS.slice(0, at)) });
    const now = new Date().toISOString();
    const project = async (code: string, department: string, year: number): Promise<number> => {
      const [id] = await db('projects').insert({ code, name: code, department_code: department, fiscal_year: year, budget_type: '一般公共预算', status: 'active', row_version: 1, created_at: now, updated_at: now });
      return Number(id);
    };
    const a = await project('A', 'D1', 2026);
    const b = await project('B', 'D2', 2026);
    const entry = (project_id: number, fiscal_year: number, month: number, amount_fen: number | string) => ({ project_id, fiscal_year, month, amount_fen, created_at: now });
    await db('spending').insert([entry(a, 2026, 1, 100), entry(a, 2026, 1, 250), entry(b, 2026, 1, 7), entry(a, 2025, 1, 99999)]);
    await db('payments').insert([
      { ...entry(a, 2026, 2, '9007199254740993'), date: '2026-02-01' }, // beyond 2^53: must stay exact
      { ...entry(b, 2027, 1, 5), date: '2027-01-01' }, // outside the project's year: not counted
    ]);
    expect(await migrateLatest(db)).toEqual(expect.arrayContaining(['20261123211000_spending_monthly', '20261123233000_spending_monthly_budget_type']));
    expect(await summaryCells(db, true)).toEqual({
      '2026/D1/一般公共预算/1': { spent: '350', paid: '0' },
      '2026/D1/一般公共预算/2': { spent: '0', paid: '9007199254740993' },
      '2026/D2/一般公共预算/1': { spent: '7', paid: '0' },
    });
    expect(await summaryCells(db)).toEqual({
      '2026/D1/1': { spent: '350', paid: '0' },
      '2026/D1/2': { spent: '0', paid: '9007199254740993' },
      '2026/D2/1': { spent: '7', paid: '0' },
    });
    expect(await summaryCells(db)).toEqual(await rawCells(db));
  });
});
