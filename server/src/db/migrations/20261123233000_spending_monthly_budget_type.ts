/**
 * The dashboard summary by budget type too. Reports filtered by 预算类型 (one of the four budgets)
 * need the spending of that budget's projects per department and month; `spending_monthly` could
 * not tell budgets apart, so they grouped the raw rows again (3.5 s on SQLite, 4.3 s on MariaDB over
 * a million rows of one year). The table is rebuilt with the project's `budget_type` in its key —
 * (fiscal year, department, budget type, month) — and backfilled; an unfiltered dashboard adds up
 * the (at most four) budget types of a department and month.
 *
 * The covering index of the budget sums gets the budget type after the department, so the sums of
 * one budget are answered from the index too.
 *
 * Never edit once landed: add a migration (and a new backfill with it when the table changes).
 */
import type { Knex } from 'knex';
import { backfillSpendingMonthly } from './20261123211000_spending_monthly';

const OLD_BUDGET_INDEX = 'projects_year_dept_budget_idx';
const BUDGET_INDEX = 'projects_year_dept_type_budget_idx';

/** A SUM as the drivers return it (number, bigint, or decimal text "123" / "123.0") → bigint. */
function sumToFen(v: unknown): bigint {
  if (v === null || v === undefined) return 0n;
  if (typeof v === 'bigint') return v;
  if (typeof v === 'number') return BigInt(v);
  return BigInt(String(v).replace(/\.0+$/, ''));
}

interface Cell {
  fiscal_year: number;
  department_code: string;
  budget_type: string;
  month: number;
  spent: bigint;
  paid: bigint;
}

/**
 * Fills `spending_monthly` (expected empty) from the spending and payments tables: both grouped
 * by the project's year, department, budget type and month in SQL (rows of the project's own
 * fiscal year only), merged exactly in bigint, inserted in batches. Also what
 * `rebuildSpendingSummary` runs after bulk loads.
 */
export async function backfillSpendingMonthlyByBudget(knex: Knex): Promise<number> {
  const sums = new Map<string, Cell>();
  for (const table of ['spending', 'payments'] as const) {
    const rows = (await knex(table)
      .join('projects', function on() {
        this.on('projects.id', '=', `${table}.project_id`).andOn('projects.fiscal_year', '=', `${table}.fiscal_year`);
      })
      .select({ year: 'projects.fiscal_year', dept: 'projects.department_code', budget: 'projects.budget_type', month: `${table}.month` })
      .sum({ total: `${table}.amount_fen` })
      .groupBy('projects.fiscal_year', 'projects.department_code', 'projects.budget_type', `${table}.month`)) as Record<string, unknown>[];
    for (const r of rows) {
      const key = [r.year, r.dept, r.budget, r.month].map(String).join('\u0000');
      const s = sums.get(key) ?? { fiscal_year: Number(r.year), department_code: String(r.dept), budget_type: String(r.budget), month: Number(r.month), spent: 0n, paid: 0n };
      if (table === 'spending') s.spent += sumToFen(r.total);
      else s.paid += sumToFen(r.total);
      sums.set(key, s);
    }
  }
  const rows = [...sums.values()].map(({ spent, paid, ...cell }) => ({ ...cell, spent_fen: spent.toString(), paid_fen: paid.toString() }));
  for (let i = 0; i < rows.length; i += 500) await knex('spending_monthly').insert(rows.slice(i, i + 500));
  return rows.length;
}

export async function up(knex: Knex): Promise<void> {
  await knex.schema.dropTable('spending_monthly');
  await knex.schema.createTable('spending_monthly', (t) => {
    t.integer('fiscal_year').notNullable();
    t.string('department_code', 64).notNullable();
    t.string('budget_type', 32).notNullable(); // the project's: 一般公共预算 / 政府性基金预算 / 国有资本经营预算 / 社会保险基金预算
    t.integer('month').notNullable(); // 1–12
    t.bigInteger('spent_fen').notNullable().defaultTo(0); // Σ spending entries
    t.bigInteger('paid_fen').notNullable().defaultTo(0); // Σ payments
    t.primary(['fiscal_year', 'department_code', 'budget_type', 'month']);
  });
  await knex.schema.alterTable('projects', (t) => {
    t.dropIndex([], OLD_BUDGET_INDEX);
    t.index(['fiscal_year', 'department_code', 'budget_type', 'requested_fen', 'initial_budget_fen', 'adjustment_fen', 'adjusted_fen'], BUDGET_INDEX);
  });
  await backfillSpendingMonthlyByBudget(knex);
}

export async function down(knex: Knex): Promise<void> {
  await knex.schema.alterTable('projects', (t) => {
    t.dropIndex([], BUDGET_INDEX);
    t.index(['fiscal_year', 'department_code', 'requested_fen', 'initial_budget_fen', 'adjustment_fen', 'adjusted_fen'], OLD_BUDGET_INDEX);
  });
  await knex.schema.dropTable('spending_monthly');
  await knex.schema.createTable('spending_monthly', (t) => {
    t.integer('fiscal_year').notNullable();
    t.string('department_code', 64).notNullable();
    t.integer('month').notNullable();
    t.bigInteger('spent_fen').notNullable().defaultTo(0);
    t.bigInteger('paid_fen').notNullable().defaultTo(0);
    t.primary(['fiscal_year', 'department_code', 'month']);
  });
  await backfillSpendingMonthly(knex);
}
