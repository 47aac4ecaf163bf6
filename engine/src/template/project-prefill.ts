/**
 * `x-project`: a field filled from the project when a form is created (项目名称, 项目编码, 预算单位,
 * 申报年份, 预算类型, 本年度申请资金 …), so a unit does not type again what the finance office
 * already entered. The value is only a starting point: the unit may change it, and a value the
 * creator sends wins. Fields at the root or in nested objects (not in table rows); a computed field
 * is never filled.
 *
 * A value is filled only when it fits the field: a string field takes text, a number field a
 * number (an integer field an integer), a field with `enum` one of its values — a project type the
 * template's list does not have is left for the unit to choose rather than stored invalid.
 */
import { fitsField } from './field-fit';
import { fieldsOf } from './fields';
import type { FieldSchema, Template } from './types';

/** The project attributes a field can be filled from (`x-project`). */
export const PROJECT_ATTRIBUTES = [
  'code',
  'name',
  /** the department's name (预算单位); `departmentCode` for its code */
  'department',
  'departmentCode',
  'fiscalYear',
  'budgetType',
  'projectType',
  'category',
  'fundUse',
  /** 新增 / 延续 */
  'attribute',
  /** money in 元: 本年度申请资金, 年初预算数, 调整数, 调整后预算数 */
  'requested',
  'initialBudget',
  'adjustment',
  'adjusted',
  /** money in 元: 累计支出, the spending entries and payments recorded for the project's fiscal year */
  'spent',
  /**
   * A monthly form's own month (1–12, from its period "2025-06"), and money in 元: 以前月份累计支出,
   * what was recorded for the fiscal year in the months before it (the whole year for a period
   * after the fiscal year, 0 before it). Absent for forms without a period.
   */
  'periodMonth',
  'spentBefore',
] as const;

export type ProjectAttribute = (typeof PROJECT_ATTRIBUTES)[number];

/** What is known of the project; money as decimal text in 元 ("2574000.00"), absent or null: unknown. */
export type ProjectFacts = Partial<Record<ProjectAttribute, string | number | null>>;

const MONEY: ReadonlySet<ProjectAttribute> = new Set(['requested', 'initialBudget', 'adjustment', 'adjusted', 'spent', 'spentBefore']);

const isRecord = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v);

/** The project's value as the field's type wants it, or undefined when it does not fit. */
function fitted(field: FieldSchema, attribute: ProjectAttribute, raw: string | number): unknown {
  const numeric = field.type === 'number' || field.type === 'integer';
  const value = !numeric ? (typeof raw === 'number' ? String(raw) : raw) : typeof raw === 'number' ? raw : MONEY.has(attribute) || /^-?\d+(\.\d+)?$/.test(raw) ? Number(raw) : NaN;
  return fitsField(field, value) ? value : undefined;
}

/**
 * A copy of `data` with every `x-project` field that is absent filled from `project` (when the
 * value fits the field). `data` itself is not changed.
 */
export function prefillFromProject(template: Template, project: ProjectFacts, data: Record<string, unknown> = {}): Record<string, unknown> {
  const out = JSON.parse(JSON.stringify(data)) as Record<string, unknown>;
  for (const f of fieldsOf(template).list) {
    const attribute = f.schema['x-project'];
    if (attribute === undefined || f.array !== undefined || f.computed) continue;
    const raw = project[attribute];
    if (raw === undefined || raw === null) continue;
    const value = fitted(f.schema, attribute, raw);
    if (value === undefined) continue;
    let holder: Record<string, unknown> = out;
    for (const segment of f.segments.slice(0, -1)) {
      const next = Object.prototype.hasOwnProperty.call(holder, segment) ? holder[segment] : undefined;
      if (next === undefined) holder = holder[segment] = {};
      else if (isRecord(next)) holder = next;
      else break; // a non-object where the section should be: left for validation to report
    }
    const last = f.segments[f.segments.length - 1] as string;
    if (isRecord(holder) && !Object.prototype.hasOwnProperty.call(holder, last)) holder[last] = value;
  }
  return out;
}
