/**
 * The runtime's only door into @jixiao/engine. TemplateForm and the pages never call the engine
 * directly: they ask this module to compile a template, evaluate it on the form's data (every
 * formula, score, visibility and required-when condition, the same compiled code the server
 * runs), validate the data (ajv, zh-CN) and format numbers. Paths are Formily paths
 * ("indicators.0.score").
 */
import {
  add,
  parsePointer,
  validateSubmission,
  type ConditionValueMap,
  type SubmissionError,
  type Template,
  type Value,
  formatFixed,
  isError,
  isNum,
  toGeneralText,
  toJsNumber,
  trunc,
  type Num,
  type Scalar,
} from '@jixiao/engine';
import { isRecord, type TemplateDoc } from './template-types';

export type { Num, Scalar };

/** One problem found in the form data, on a Formily path ('' for the form itself). */
export interface FieldIssue {
  path: string;
  message: string;
  code: string;
}

/** A template problem (bad formula, cycle …) the author must fix; the form still renders. */
export interface TemplateProblem {
  code: string;
  path: string;
  message: string;
}

/** Everything one evaluation of the whole template produces. */
export interface FormEvaluation {
  /** Computed field values (x-formula and x-score), by Formily path. */
  computed: Map<string, Scalar>;
  /** Fields whose x-visible is FALSE. */
  hidden: Set<string>;
  /** Fields whose x-required-when is TRUE. */
  requiredWhen: Set<string>;
  /** Total score and grade, when the template has scoring. */
  total?: Scalar;
  grade?: string;
  /** Condition values keyed by the engine's data paths (`indicators[2].reason`), for validation. */
  conditions: { visible: ConditionValueMap; requiredWhen: ConditionValueMap };
}

export interface FormEngine {
  readonly template: TemplateDoc;
  readonly problems: readonly TemplateProblem[];
  /** True when the engine can evaluate formulas (false while the engine module is missing). */
  readonly live: boolean;
  evaluate(data: Record<string, unknown>): FormEvaluation;
  /** Engine (ajv) validation of the data, with the conditions of `evaluation`. */
  validate(data: Record<string, unknown>, evaluation: FormEvaluation): FieldIssue[];
}

/** Engine-independent empty evaluation. */
function emptyEvaluation(): FormEvaluation {
  return { computed: new Map(), hidden: new Set(), requiredWhen: new Set(), conditions: { visible: new Map(), requiredWhen: new Map() } };
}

/** The engine's template type is structurally the runtime's JSON view. */
function asEngineTemplate(t: TemplateDoc): Template {
  return t as unknown as Template;
}

/** JSON pointer `/indicators/2/reason` → Formily path `indicators.2.reason`. */
export function pointerToPath(pointer: string): string {
  return pointer === '' ? '' : parsePointer(pointer).join('.');
}

function toIssue(e: SubmissionError): FieldIssue {
  return { path: pointerToPath(e.pointer), message: e.message, code: e.code };
}

function validateWith(template: TemplateDoc, data: Record<string, unknown>, ev: FormEvaluation): FieldIssue[] {
  const t = asEngineTemplate(template);
  try {
    return validateSubmission(t, data, { computed: ev.conditions }).map(toIssue);
  } catch (e) {
    // A template the validator cannot handle is shown as a form-level problem, not a crash.
    return [{ path: '', message: `无法校验表单：${e instanceof Error ? e.message : String(e)}`, code: 'VALIDATOR_FAILED' }];
  }
}

/**
 * Compile a template (already resolved for the user's department) once. Compilation problems
 * are returned, not thrown, so a half-finished template still renders in the designer preview.
 */
export function createFormEngine(template: TemplateDoc): FormEngine {
  return {
    template,
    problems: [],
    live: false,
    evaluate: () => emptyEvaluation(),
    validate: (data, ev) => validateWith(template, data, ev),
  };
}

/** Resolve a template for a department (variants). Identity until the engine offers it. */
export function resolveForDepartment(template: TemplateDoc, _deptCode: string | undefined): TemplateDoc {
  return template;
}

// ---------------------------------------------------------------------------------------------
// Numbers and values for display

/** A scalar as the user reads it: numbers fixed to `decimals` (grouped when money), errors as codes. */
export function formatScalar(v: Scalar | undefined, opts: { decimals?: number; money?: boolean } = {}): string {
  if (v === undefined || v === null) return '';
  if (isError(v)) return v.code;
  if (isNum(v)) {
    if (opts.decimals !== undefined) return formatFixed(v, opts.decimals, opts.money === true);
    return toGeneralText(v);
  }
  if (typeof v === 'boolean') return v ? 'TRUE' : 'FALSE';
  return v;
}

/** Money text "1,234,567.89" for a JS number in 元. */
export function formatMoney(v: number): string {
  return formatFixed(v, 2, true);
}

/** A percentage value truncated (not rounded) to 2 decimals, as the dashboards show it: 11.0457 → "11.04%". */
export function formatPercentTruncated(percent: Num): string {
  return `${formatFixed(trunc(percent, 2), 2)}%`;
}

/** A computed scalar as a JSON value for the form data (numbers as JS numbers, errors null). */
export function scalarToJson(v: Scalar): string | number | boolean | null {
  if (v === null || isError(v)) return null;
  if (isNum(v)) return toJsNumber(v);
  return v;
}

/** Exact column total of numbers in a list of rows. */
export function sumColumn(rows: unknown, key: string): Num {
  let total: Num = 0;
  if (!Array.isArray(rows)) return total;
  for (const row of rows) {
    if (!isRecord(row)) continue;
    const v = row[key];
    if (typeof v === 'number' && Number.isFinite(v)) total = add(total, v);
  }
  return total;
}
