/**
 * Dashboard summaries. The department dashboards (各单位支出明细, 进度排名, 趋势图) sum a year's
 * spending by department and month; over the raw rows that is a scan of every entry and payment
 * of the year joined to its project, seconds at a million rows. `spending_monthly` keeps those
 * sums on write instead: one row per (fiscal year, department, month) with the spending entries
 * (`spent_fen`) and the payments (`paid_fen`) of the department's projects of that year — only
 * rows whose own fiscal year is the project's, as the raw queries count them. Every write of an
 * entry or payment, and every project delete or move to another department or year, updates it in
 * the same transaction (monitoring/summary.ts). This migration also backfills it from the
 * existing rows.
 *
 * The budget sums per department read every project of the year; the covering index lets both
 * databases answer them from the index alone.
 *
 * Never edit once landed: add a migration (and a new backfill with it when the table changes).
 */
import type { Knex } from 'knex';

const BUDGET_INDEX = 'projects_year_dept_budget_idx';

/** A SUM as the drivers return it (number, bigint, or decimal text "123" / "123.0") → bigint. */
function sumToFen(v: unknown): bigint {
  if (v === null || v === undefined) return 0n;
  if (typeof v === 'bigint') return v;
  if (typeof v === 'number') return BigInt(v);
  return BigInt(String(v).replace(/\.0+$/, ''));
}

/**
 * Fills `spending_monthly` (expected empty) from the spending and payments tables: both grouped
 * by the project's year, department and month in SQL, merged exactly in bigint, inserted in
 * batches. Also what `rebuildSpendingSummary` runs, so the bulk loaders fill it the same way.
 */
export async function backfillSpendingMonthly(knex: Knex): Promise<number> {
  const sums = new Map<string, { fiscal_year: number; department_code: string; month: number; spent: bigint; paid: bigint }>();
  for (const table of ['spending', 'payments'] as const) {
    const rows = (await knex(table)
      .join('projects', function on() {
        this.on('projects.id', '=', `${table}.project_id`).andOn('projects.fiscal_year', '=', `${table}.fiscal_year`);
      })
      .select({ year: 'projects.fiscal_year', dept: 'projects.department_code', month: `${table}.month` })
      .sum({ total: `${table}.amount_fen` })
      .groupBy('projects.fiscal_year', 'projects.department_code', `${table}.month`)) as Record<string, unknown>[];
    for (const r of rows) {
      const key = `${String(r.year)}\u0000${String(r.dept)}\u0000${String(r.month)}`;
      const s = sums.get(key) ?? { fiscal_year: Number(r.year), department_code: String(r.dept), month: Number(r.month), spent: 0n, paid: 0n };
      if (table === 'spending') s.spent += sumToFen(r.total);
      else s.paid += sumToFen(r.total);
      sums.set(key, s);
    }
  }
  const rows = [...sums.values()].map((s) => ({ fiscal_year: s.fiscal_year, department_code: s.department_code, month: s.month, spent_fen: s.spent.toString(), paid_fen: s.paid.toString() }));
  for (let i = 0; i < rows.length; i += 500) await knex('spending_monthly').insert(rows.slice(i, i + 500));
  return rows.length;
}

export async function up(knex: Knex): Promise<void> {
  await knex.schema.createTable('spending_monthly', (t) => {
    t.integer('fiscal_year').notNullable();
    t.string('department_code', 64).notNullable();
    t.integer('month').notNullable(); // 1–12
    t.bigInteger('spent_fen').notNullable().defaultTo(0); // Σ spending entries
    t.bigInteger('paid_fen').notNullable().defaultTo(0); // Σ payments
    t.primary(['fiscal_year', 'department_code', 'month']);
  });
  await knex.schema.alterTable('projects', (t) => {
    t.index(['fiscal_year', 'department_code', 'requested_fen', 'initial_budget_fen', 'adjustment_fen', 'adjusted_fen'], BUDGET_INDEX);
  });
  await backfillSpendingMonthly(knex);
}

export async function down(knex: Knex): Promise<void> {
  await knex.schema.alterTable('projects', (t) => {
    t.dropIndex([], BUDGET_INDEX);
  });
  await knex.schema.dropTableIfExists('spending_monthly');
}
