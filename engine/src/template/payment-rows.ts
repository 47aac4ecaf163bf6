/**
 * `x-payments`: a table of a monthly form (绩效运行监控's 支付记录) that starts with what the finance
 * office already recorded for the project on 填写本月费用 — its payment records and monthly spending
 * entries — so the report's 本月支出 agrees with the system's figures without typing them again.
 * `"month"`: the records of the form's month; `"year"`: of the whole fiscal year.
 *
 * Rows are written to the columns named `date`, `amount` (元), `payee` and `memo` that the table
 * has, where the value fits the column. A spending entry has no date: the unit adds one if the
 * table requires it. A table the creator sent rows for is left as sent. Tables at the root only.
 */
import { fitsField } from './field-fit';
import { fieldsOf } from './fields';
import type { Template } from './types';

export const PAYMENT_SCOPES = ['month', 'year'] as const;
export type PaymentScope = (typeof PAYMENT_SCOPES)[number];

/** A recorded payment or spending entry; `amount` in 元 as exact decimal text ("1234.56"). */
export interface PaymentFact {
  date: string | null;
  amount: string;
  payee: string | null;
  memo: string | null;
}

const COLUMNS = ['date', 'amount', 'payee', 'memo'] as const;

const own = (o: Record<string, unknown>, k: string): boolean => Object.prototype.hasOwnProperty.call(o, k);

/** The tables to fill and the records each wants, by table key. */
export function paymentTables(template: Template): Map<string, PaymentScope> {
  const out = new Map<string, PaymentScope>();
  for (const f of fieldsOf(template).list) {
    const scope = f.schema['x-payments'];
    if (scope !== undefined && f.kind === 'array' && f.depth === 0 && f.segments.length === 1) out.set(f.key, scope);
  }
  return out;
}

/**
 * A copy of `data` with each `x-payments` table the creator left out filled with `records(scope)`,
 * in the order given.
 */
export function prefillPayments(template: Template, records: (scope: PaymentScope) => readonly PaymentFact[] | undefined, data: Record<string, unknown> = {}): Record<string, unknown> {
  const out = JSON.parse(JSON.stringify(data)) as Record<string, unknown>;
  const fields = fieldsOf(template);
  for (const [key, scope] of paymentTables(template)) {
    const facts = records(scope);
    if (own(out, key) || facts === undefined) continue;
    const columns = fields.list.filter((c) => c.array === key && c.kind === 'scalar' && !c.computed && c.rowPath?.length === 1 && (COLUMNS as readonly string[]).includes(c.key));
    out[key] = facts.map((fact) => {
      const row: Record<string, unknown> = {};
      for (const c of columns) {
        const raw = fact[c.key as (typeof COLUMNS)[number]];
        const value = c.key === 'amount' && raw !== null ? Number(raw) : raw;
        if (value !== null && fitsField(c.schema, value)) row[c.key] = value;
      }
      return row;
    });
  }
  return out;
}
