/**
 * What a new form starts with, beyond what its creator sent:
 * - `x-project` fields: the project as the finance office entered it (money in 元 as exact
 *   decimal text; `spent` = the spending entries and payments of its fiscal year; a monthly form's
 *   `periodMonth` and `spentBefore`, 以前月份累计支出, from its period);
 * - `x-payments` tables: the payments and spending entries recorded for the form's month (or year);
 * - `x-declaration` tables: the rows of the project's approved declaration (its latest approved
 *   one), e.g. the declared indicators of a self-evaluation.
 * The engine decides what fits where (engine/src/template/project-prefill.ts, declaration-rows.ts).
 */
import type { Knex } from 'knex';
import {
  fieldsOf,
  paymentTables,
  prefillFromDeclaration,
  prefillFromProject,
  prefillPayments,
  PROJECT_ATTRIBUTES,
  type PaymentFact,
  type PaymentScope,
  type ProjectAttribute,
  type ProjectFacts,
  type Template,
} from '@jixiao/engine';
import { fenToYuanText } from '../../db/money';
import { fromJsonColumn } from '../../db/json';
import * as monitoringRepo from '../monitoring/repo';
import * as orgRepo from '../org/repo';
import { monthsBefore, parsePeriod } from './period';
import type { ProjectRecord } from '../projects/repo';
import { projectView } from '../projects/service';

/** The form being created: its kind, and its period ("2025-06"; "" for forms without one). */
export interface NewForm {
  kind: string;
  period: string;
}

/** Recorded spending (entries and payments) of the project's fiscal year, in fen by month. */
async function spentByMonth(db: Knex, p: ProjectRecord): Promise<Map<number, bigint>> {
  return (await monitoringRepo.spentByProjectMonth(db, [p])).get(p.id) ?? new Map<number, bigint>();
}

/** The project attributes `needs` asks for (the others are not read); month-bound ones from the form's period. */
export async function projectFacts(db: Knex, p: ProjectRecord, needs: ReadonlySet<ProjectAttribute>, form: NewForm = { kind: '', period: '' }): Promise<ProjectFacts> {
  // the API's view of the project names most attributes as the templates do
  const view: Record<string, unknown> = { ...projectView(p) };
  const facts: ProjectFacts = {};
  for (const a of PROJECT_ATTRIBUTES) {
    const v = view[a];
    if (needs.has(a) && (typeof v === 'string' || typeof v === 'number')) facts[a] = v;
  }
  if (needs.has('department')) facts.department = (await orgRepo.getDepartment(db, p.departmentCode))?.name ?? p.departmentCode;
  if (needs.has('departmentCode')) facts.departmentCode = p.departmentCode;
  const months = needs.has('spent') || needs.has('spentBefore') ? await spentByMonth(db, p) : new Map<number, bigint>();
  if (needs.has('spent')) facts.spent = fenToYuanText([...months.values()].reduce((a, b) => a + b, 0n));
  const period = parsePeriod(form.period);
  if (period !== undefined) {
    if (needs.has('periodMonth')) facts.periodMonth = period.month;
    const before = monthsBefore(period, p.fiscalYear);
    if (needs.has('spentBefore')) facts.spentBefore = fenToYuanText([...months].reduce((sum, [m, fen]) => (m <= before ? sum + fen : sum), 0n));
  }
  return facts;
}

/** The stored values of the project's latest approved declaration, if any. */
async function approvedDeclaration(db: Knex, projectId: number): Promise<unknown> {
  const row = (await db('submissions')
    .select('values_json')
    .where({ project_id: projectId, kind: 'declaration', status: 'approved' })
    .orderBy([{ column: 'approved_at', order: 'desc' }, { column: 'id', order: 'desc' }])
    .first()) as { values_json?: unknown } | undefined;
  return row ? fromJsonColumn(row.values_json) : undefined;
}

/**
 * What was recorded on 填写本月费用 for the project's fiscal year, for a form's `x-payments` tables:
 * payment records by date, then the monthly spending entries (which have no date). `month` needs a
 * period with a month of the fiscal year; otherwise such tables are left to the unit.
 */
async function recordedPayments(db: Knex, p: ProjectRecord, period: string): Promise<(scope: PaymentScope) => readonly PaymentFact[] | undefined> {
  const [payments, entries] = await Promise.all([monitoringRepo.listPayments(db, p.id), monitoringRepo.listSpending(db, p.id)]);
  const facts = (month?: number): PaymentFact[] => {
    const wanted = (x: { fiscalYear: number; month: number }): boolean => x.fiscalYear === p.fiscalYear && (month === undefined || x.month === month);
    return [
      ...payments.filter(wanted).map((x) => ({ date: x.date, amount: fenToYuanText(x.amountFen), payee: x.payee, memo: x.memo })),
      ...entries.filter(wanted).map((x) => ({ date: null, amount: fenToYuanText(x.amountFen), payee: null, memo: x.memo ?? `${x.month}月支出` })),
    ];
  };
  const parsed = parsePeriod(period);
  const month = parsed !== undefined && (parsed.year === undefined || parsed.year === p.fiscalYear) ? parsed.month : undefined;
  return (scope) => (scope === 'year' ? facts() : month !== undefined ? facts(month) : undefined);
}

/** `data` with what the template takes from the project: its `x-project` fields and `x-payments` tables. */
export async function prefillFromProjectData(db: Knex, template: Template, p: ProjectRecord, form: NewForm, data: Record<string, unknown>): Promise<Record<string, unknown>> {
  const needs = new Set(fieldsOf(template).list.flatMap((f) => (f.schema['x-project'] !== undefined ? [f.schema['x-project']] : [])));
  const out = needs.size > 0 ? prefillFromProject(template, await projectFacts(db, p, needs, form), data) : data;
  return paymentTables(template).size > 0 ? prefillPayments(template, await recordedPayments(db, p, form.period), out) : out;
}

/** The creator's data with what the template takes from the project, its recorded payments and its approved declaration. */
export async function prefillNewForm(db: Knex, template: Template, p: ProjectRecord, form: NewForm, data: Record<string, unknown>): Promise<Record<string, unknown>> {
  let out = await prefillFromProjectData(db, template, p, form, data);
  if (form.kind !== 'declaration' && fieldsOf(template).list.some((f) => f.schema['x-declaration'] !== undefined)) {
    const declaration = await approvedDeclaration(db, p.id);
    if (declaration !== undefined) out = prefillFromDeclaration(template, declaration, out);
  }
  return out;
}
