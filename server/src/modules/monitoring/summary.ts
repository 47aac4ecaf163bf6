/**
 * `spending_monthly`: what the year's spending entries and payments add up to per department,
 * budget type and month, kept on write so the department dashboards read a few hundred rows
 * instead of every entry of the year (migrations 20261123211000_spending_monthly and
 * 20261123233000_spending_monthly_budget_type). A row of spending or payments counts when its
 * fiscal year is its project's — the same rule as the raw queries in repo.ts — and counts for the
 * project's department and budget type.
 *
 * Every writer calls these in its own transaction, so a failed write leaves the sums as they were:
 * entries and payments (monitoring/service.ts), project updates that change the department, the
 * year or the budget type, and project deletes (projects/service.ts, projects/import.ts), the demo seed, and bulk loads
 * (`rebuildSpendingSummary`).
 */
import type { Knex } from 'knex';
import { backfillSpendingMonthlyByBudget } from '../../db/migrations/20261123233000_spending_monthly_budget_type';
import { fenFromDb, fenToDb } from '../../db/money';
import { toInt } from '../../db/time';

const TABLE = 'spending_monthly';

/** Where a project's rows count: its department, fiscal year and budget type (预算类型). */
export interface ProjectPlace {
  department: string;
  fiscalYear: number;
  budgetType: string;
}

const samePlace = (a: ProjectPlace, b: ProjectPlace): boolean => a.department === b.department && a.fiscalYear === b.fiscalYear && a.budgetType === b.budgetType;

/** `column + delta` with the delta as an integer literal: exact at any size on both databases (a bound text would turn into a float on MariaDB). */
const plus = (db: Knex, column: 'spent_fen' | 'paid_fen', delta: bigint): Knex.Raw => db.raw(`?? + ${delta.toString()}`, [`${TABLE}.${column}`]);

/** Adds to one (year, department, budget type, month) cell; creates the row when it is the first. */
export async function addToSummary(db: Knex, place: ProjectPlace, month: number, spentFen: bigint, paidFen: bigint): Promise<void> {
  if (spentFen === 0n && paidFen === 0n) return;
  await db(TABLE)
    .insert({ fiscal_year: place.fiscalYear, department_code: place.department, budget_type: place.budgetType, month, spent_fen: fenToDb(spentFen), paid_fen: fenToDb(paidFen) })
    .onConflict(['fiscal_year', 'department_code', 'budget_type', 'month'])
    .merge({ spent_fen: plus(db, 'spent_fen', spentFen), paid_fen: plus(db, 'paid_fen', paidFen) });
}

const sumOf = (v: unknown): bigint => (v === null || v === undefined ? 0n : fenFromDb(typeof v === 'string' ? v.replace(/\.0+$/, '') : v));

/** One project's entries and payments of `fiscalYear`, per month (from the raw rows; indexed by project). */
async function projectMonths(db: Knex, projectId: number, fiscalYear: number): Promise<Map<number, { spent: bigint; paid: bigint }>> {
  const out = new Map<number, { spent: bigint; paid: bigint }>();
  for (const table of ['spending', 'payments'] as const) {
    const rows = (await db(table).select('month').sum({ total: 'amount_fen' }).where({ project_id: projectId, fiscal_year: fiscalYear }).groupBy('month')) as Record<string, unknown>[];
    for (const r of rows) {
      const month = toInt(r.month);
      const m = out.get(month) ?? { spent: 0n, paid: 0n };
      if (table === 'spending') m.spent += sumOf(r.total);
      else m.paid += sumOf(r.total);
      out.set(month, m);
    }
  }
  return out;
}

/**
 * Moves a project's share of the sums: takes out what its rows count for at `from`, adds what
 * they count for at `to` (null: nowhere — a new project, a deleted one). Call it before deleting
 * a project (the rows go with it) and after any update that changes its department, year or
 * budget type.
 */
export async function moveProject(db: Knex, projectId: number, from: ProjectPlace | null, to: ProjectPlace | null): Promise<void> {
  if (from && to && samePlace(from, to)) return;
  if (from) {
    for (const [month, s] of await projectMonths(db, projectId, from.fiscalYear)) await addToSummary(db, from, month, -s.spent, -s.paid);
  }
  if (to) {
    for (const [month, s] of await projectMonths(db, projectId, to.fiscalYear)) await addToSummary(db, to, month, s.spent, s.paid);
  }
}

/** Recomputes the whole summary from the raw rows (after bulk loads that bypass the services); returns the rows written. */
export async function rebuildSpendingSummary(db: Knex): Promise<number> {
  return db.transaction(async (trx) => {
    await trx(TABLE).delete();
    return backfillSpendingMonthlyByBudget(trx);
  });
}

/**
 * Spent (entries + payments) per department and month of `year` (null = every department), from
 * the summary: of the projects of one budget type, or (absent) of every budget, added up.
 */
export async function spentByDepartmentMonth(db: Knex, year: number, departments: readonly string[] | null, budgetType?: string): Promise<Map<string, Map<number, bigint>>> {
  const q = db(TABLE).select('department_code', 'month', 'spent_fen', 'paid_fen').where('fiscal_year', year);
  if (departments !== null) q.whereIn('department_code', [...departments]);
  if (budgetType !== undefined) q.where('budget_type', budgetType);
  const out = new Map<string, Map<number, bigint>>();
  for (const r of (await q) as Record<string, unknown>[]) {
    const dept = String(r.department_code);
    let m = out.get(dept);
    if (!m) out.set(dept, (m = new Map()));
    const month = toInt(r.month);
    m.set(month, (m.get(month) ?? 0n) + fenFromDb(r.spent_fen) + fenFromDb(r.paid_fen));
  }
  return out;
}
