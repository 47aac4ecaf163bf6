/** Spending entries, payment records and the project figures they feed (knex only). */
import type { Knex } from 'knex';
import { fenFromDb, fenToDb } from '../../db/money';
import { toInt } from '../../db/time';

/** The project columns monitoring and the reports read. */
export interface ProjectFigures {
  id: number;
  code: string;
  name: string;
  department: string;
  fiscalYear: number;
  budgetType: string;
  projectType: string | null;
  category: string | null;
  fundUse: string | null;
  status: string;
  requestedFen: bigint;
  initialFen: bigint;
  adjustmentFen: bigint;
  adjustedFen: bigint;
}

const PROJECT_COLUMNS = [
  'id',
  'code',
  'name',
  'department_code',
  'fiscal_year',
  'budget_type',
  'project_type',
  'category',
  'fund_use',
  'status',
  'requested_fen',
  'initial_budget_fen',
  'adjustment_fen',
  'adjusted_fen',
] as const;

const str = (v: unknown): string => (typeof v === 'string' ? v : String(v ?? ''));
const strOrNull = (v: unknown): string | null => (v === null || v === undefined ? null : str(v));

function projectFromRow(r: Record<string, unknown>): ProjectFigures {
  return {
    id: toInt(r.id),
    code: str(r.code),
    name: str(r.name),
    department: str(r.department_code),
    fiscalYear: toInt(r.fiscal_year),
    budgetType: str(r.budget_type),
    projectType: strOrNull(r.project_type),
    category: strOrNull(r.category),
    fundUse: strOrNull(r.fund_use),
    status: str(r.status),
    requestedFen: fenFromDb(r.requested_fen),
    initialFen: fenFromDb(r.initial_budget_fen),
    adjustmentFen: fenFromDb(r.adjustment_fen),
    adjustedFen: fenFromDb(r.adjusted_fen),
  };
}

export async function getProject(db: Knex, id: number): Promise<ProjectFigures | undefined> {
  const row = (await db('projects').select(PROJECT_COLUMNS).where({ id }).first()) as Record<string, unknown> | undefined;
  return row ? projectFromRow(row) : undefined;
}

export interface ProjectFilter {
  year?: number;
  /** null = every department. */
  departments: readonly string[] | null;
  ids?: readonly number[];
  /** One of the four budgets (预算类型); absent = every budget. */
  budgetType?: string;
}

export async function listProjects(db: Knex, f: ProjectFilter): Promise<ProjectFigures[]> {
  const q = db('projects').select(PROJECT_COLUMNS);
  if (f.year !== undefined) q.where('fiscal_year', f.year);
  if (f.departments !== null) q.whereIn('department_code', [...f.departments]);
  if (f.ids) q.whereIn('id', [...f.ids]);
  if (f.budgetType !== undefined) q.where('budget_type', f.budgetType);
  q.orderBy([{ column: 'fiscal_year' }, { column: 'department_code' }, { column: 'code' }, { column: 'id' }]);
  return ((await q) as Record<string, unknown>[]).map(projectFromRow);
}

// ---- spending entries (填写本月费用)

export interface SpendingEntry {
  id: number;
  projectId: number;
  fiscalYear: number;
  month: number;
  amountFen: bigint;
  memo: string | null;
  createdBy: string | null;
  createdAt: string;
}

function spendingFromRow(r: Record<string, unknown>): SpendingEntry {
  return {
    id: toInt(r.id),
    projectId: toInt(r.project_id),
    fiscalYear: toInt(r.fiscal_year),
    month: toInt(r.month),
    amountFen: fenFromDb(r.amount_fen),
    memo: strOrNull(r.memo),
    createdBy: strOrNull(r.created_by),
    createdAt: str(r.created_at),
  };
}

export async function listSpending(db: Knex, projectId: number): Promise<SpendingEntry[]> {
  const rows = (await db('spending').where({ project_id: projectId }).orderBy([{ column: 'month' }, { column: 'id' }])) as Record<string, unknown>[];
  return rows.map(spendingFromRow);
}

export async function getSpending(db: Knex, id: number): Promise<SpendingEntry | undefined> {
  const row = (await db('spending').where({ id }).first()) as Record<string, unknown> | undefined;
  return row ? spendingFromRow(row) : undefined;
}

export async function insertSpending(db: Knex, e: Omit<SpendingEntry, 'id'>): Promise<number> {
  const [id] = await db('spending').insert({
    project_id: e.projectId,
    fiscal_year: e.fiscalYear,
    month: e.month,
    amount_fen: fenToDb(e.amountFen),
    memo: e.memo,
    created_by: e.createdBy,
    created_at: e.createdAt,
  });
  return toInt(id);
}

export async function deleteSpending(db: Knex, id: number): Promise<void> {
  await db('spending').where({ id }).delete();
}

// ---- payment records (支付记录)

export interface Payment {
  id: number;
  projectId: number;
  date: string;
  fiscalYear: number;
  month: number;
  amountFen: bigint;
  payee: string | null;
  memo: string | null;
  createdBy: string | null;
  createdAt: string;
}

function paymentFromRow(r: Record<string, unknown>): Payment {
  return {
    id: toInt(r.id),
    projectId: toInt(r.project_id),
    date: str(r.date),
    fiscalYear: toInt(r.fiscal_year),
    month: toInt(r.month),
    amountFen: fenFromDb(r.amount_fen),
    payee: strOrNull(r.payee),
    memo: strOrNull(r.memo),
    createdBy: strOrNull(r.created_by),
    createdAt: str(r.created_at),
  };
}

export async function listPayments(db: Knex, projectId: number): Promise<Payment[]> {
  const rows = (await db('payments').where({ project_id: projectId }).orderBy([{ column: 'date' }, { column: 'id' }])) as Record<string, unknown>[];
  return rows.map(paymentFromRow);
}

export async function getPayment(db: Knex, id: number): Promise<Payment | undefined> {
  const row = (await db('payments').where({ id }).first()) as Record<string, unknown> | undefined;
  return row ? paymentFromRow(row) : undefined;
}

export async function insertPayment(db: Knex, p: Omit<Payment, 'id'>): Promise<number> {
  const [id] = await db('payments').insert({
    project_id: p.projectId,
    date: p.date,
    fiscal_year: p.fiscalYear,
    month: p.month,
    amount_fen: fenToDb(p.amountFen),
    payee: p.payee,
    memo: p.memo,
    created_by: p.createdBy,
    created_at: p.createdAt,
  });
  return toInt(id);
}

export async function deletePayment(db: Knex, id: number): Promise<void> {
  await db('payments').where({ id }).delete();
}

// ---- sums

const sumOf = (v: unknown): bigint => (v === null || v === undefined ? 0n : fenFromDb(typeof v === 'string' ? v.replace(/\.0+$/, '') : v));

/**
 * Spent per project and month (spending entries + payments of the project's fiscal year), for
 * the given projects: `Map<projectId, Map<month, fen>>`.
 */
export async function spentByProjectMonth(db: Knex, projects: readonly { id: number; fiscalYear: number }[]): Promise<Map<number, Map<number, bigint>>> {
  const out = new Map<number, Map<number, bigint>>();
  if (projects.length === 0) return out;
  const years = new Map(projects.map((p) => [p.id, p.fiscalYear]));
  const ids = [...years.keys()];
  for (const table of ['spending', 'payments'] as const) {
    // chunk the id list: MariaDB and SQLite both cap bound parameters
    for (let i = 0; i < ids.length; i += 500) {
      const chunk = ids.slice(i, i + 500);
      const rows = (await db(table)
        .select('project_id', 'fiscal_year', 'month')
        .sum({ total: 'amount_fen' })
        .whereIn('project_id', chunk)
        .groupBy('project_id', 'fiscal_year', 'month')) as Record<string, unknown>[];
      for (const r of rows) {
        const id = toInt(r.project_id);
        if (toInt(r.fiscal_year) !== years.get(id)) continue; // a payment dated outside the project's year
        const month = toInt(r.month);
        let m = out.get(id);
        if (!m) out.set(id, (m = new Map()));
        m.set(month, (m.get(month) ?? 0n) + sumOf(r.total));
      }
    }
  }
  return out;
}

/** Latest month with any spending entry or payment among the keys (all keys when omitted); undefined: none. */
export function latestMonth<K>(spent: ReadonlyMap<K, ReadonlyMap<number, bigint>>, keys?: Iterable<K>): number | undefined {
  let latest: number | undefined;
  const ids = keys ? [...keys] : [...spent.keys()];
  for (const id of ids) {
    for (const [month, fen] of spent.get(id) ?? []) if (fen !== 0n && (latest === undefined || month > latest)) latest = month;
  }
  return latest;
}

/** Cumulative spending of one key (project id or department code) through `month`. */
export function spentThrough<K>(spent: ReadonlyMap<K, ReadonlyMap<number, bigint>>, key: K, month: number): bigint {
  let total = 0n;
  for (const [m, fen] of spent.get(key) ?? []) if (m <= month) total += fen;
  return total;
}

// ---- per department, aggregated in SQL (dashboards over many projects)

export interface DepartmentBudget {
  department: string;
  projects: number;
  requestedFen: bigint;
  initialFen: bigint;
  adjustmentFen: bigint;
  adjustedFen: bigint;
}

/** Budget sums of a fiscal year's projects per department (null = every department; `budgetType`: of one budget only). */
export async function budgetByDepartment(db: Knex, year: number, departments: readonly string[] | null, budgetType?: string): Promise<DepartmentBudget[]> {
  const q = db('projects')
    .select('department_code')
    .count({ n: '*' })
    .sum({ r: 'requested_fen', i: 'initial_budget_fen', a: 'adjustment_fen', d: 'adjusted_fen' })
    .where('fiscal_year', year)
    .groupBy('department_code')
    .orderBy('department_code');
  if (departments !== null) q.whereIn('department_code', [...departments]);
  if (budgetType !== undefined) q.where('budget_type', budgetType);
  const rows = (await q) as Record<string, unknown>[];
  return rows.map((r) => ({
    department: str(r.department_code),
    projects: toInt(r.n),
    requestedFen: sumOf(r.r),
    initialFen: sumOf(r.i),
    adjustmentFen: sumOf(r.a),
    adjustedFen: sumOf(r.d),
  }));
}

/**
 * Spent per department and month (entries + payments of the projects' fiscal year `year`),
 * aggregated from the raw rows: seconds over a million rows. The dashboards read the same figures
 * from the summary (summary.ts `spentByDepartmentMonth`); this is the reference it must equal
 * (tests, and the bench's breakdown), for every budget or (`budgetType`) for one.
 */
export async function spentByDepartmentMonthFromRows(db: Knex, year: number, departments: readonly string[] | null, budgetType?: string): Promise<Map<string, Map<number, bigint>>> {
  const out = new Map<string, Map<number, bigint>>();
  for (const table of ['spending', 'payments'] as const) {
    const q = db(table)
      .join('projects', 'projects.id', `${table}.project_id`)
      .select({ dept: 'projects.department_code', month: `${table}.month` })
      .sum({ total: `${table}.amount_fen` })
      .where('projects.fiscal_year', year)
      .where(`${table}.fiscal_year`, year)
      .groupBy('projects.department_code', `${table}.month`);
    if (departments !== null) q.whereIn('projects.department_code', [...departments]);
    if (budgetType !== undefined) q.where('projects.budget_type', budgetType);
    for (const r of (await q) as Record<string, unknown>[]) {
      const dept = str(r.dept);
      const month = toInt(r.month);
      let m = out.get(dept);
      if (!m) out.set(dept, (m = new Map()));
      m.set(month, (m.get(month) ?? 0n) + sumOf(r.total));
    }
  }
  return out;
}

/** Every spending entry and payment of a fiscal year's projects (null = every department; `budgetType`: of one budget only), one query per table. */
export async function entriesOfYear(db: Knex, year: number, departments: readonly string[] | null, budgetType?: string): Promise<{ spending: SpendingEntry[]; payments: Payment[] }> {
  const of = (table: 'spending' | 'payments'): Knex.QueryBuilder => {
    const q = db(table)
      .join('projects', 'projects.id', `${table}.project_id`)
      .select(`${table}.*`)
      .where('projects.fiscal_year', year)
      .where(`${table}.fiscal_year`, year)
      .orderBy(`${table}.id`);
    if (departments !== null) q.whereIn('projects.department_code', [...departments]);
    if (budgetType !== undefined) q.where('projects.budget_type', budgetType);
    return q;
  };
  const spending = ((await of('spending')) as Record<string, unknown>[]).map(spendingFromRow);
  const payments = ((await of('payments')) as Record<string, unknown>[]).map(paymentFromRow);
  return { spending, payments };
}

/**
 * Spent per project and month for the projects matching a filter (fiscal year optional), one
 * grouped query per table joined to projects — for lists over many projects.
 */
export async function spentByProjectMonthWhere(db: Knex, f: { year?: number; departments: readonly string[] | null; budgetType?: string }): Promise<Map<number, Map<number, bigint>>> {
  const out = new Map<number, Map<number, bigint>>();
  for (const table of ['spending', 'payments'] as const) {
    const q = db(table)
      .join('projects', 'projects.id', `${table}.project_id`)
      .select({ pid: `${table}.project_id`, month: `${table}.month` })
      .sum({ total: `${table}.amount_fen` })
      .whereRaw('?? = ??', [`${table}.fiscal_year`, 'projects.fiscal_year'])
      .groupBy(`${table}.project_id`, `${table}.month`);
    if (f.year !== undefined) q.where('projects.fiscal_year', f.year);
    if (f.departments !== null) q.whereIn('projects.department_code', [...f.departments]);
    if (f.budgetType !== undefined) q.where('projects.budget_type', f.budgetType);
    for (const r of (await q) as Record<string, unknown>[]) {
      const id = toInt(r.pid);
      const month = toInt(r.month);
      let m = out.get(id);
      if (!m) out.set(id, (m = new Map()));
      m.set(month, (m.get(month) ?? 0n) + sumOf(r.total));
    }
  }
  return out;
}
