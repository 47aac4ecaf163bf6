/**
 * The runtime's only door into @jixiao/engine. TemplateForm and the pages never call the engine
 * directly: they ask this module to compile a template, evaluate it on the form's data (every
 * formula, score, visibility and required-when condition, the same compiled code the server
 * runs), validate the data (ajv, zh-CN) and format numbers. Paths are Formily paths
 * ("indicators.0.score").
 */
import {
  add,
  div,
  mul,
  parseNumericText,
  DIV_BY_ZERO,
  compileTemplate,
  evaluate,
  resolveTemplate,
  parsePointer,
  type JsonValue,
  validateSubmission,
  type ConditionEvaluator,
  type SubmissionError,
  type Template,
  ERRORS,
  ErrorValue,
  formatFixed,
  isError,
  isNum,
  toGeneralText,
  toJsNumber,
  trunc,
  type Num,
  type Scalar,
} from '@jixiao/engine';
import { isComputedNode, isRecord, type TemplateDoc } from './template-types';
import { walkFields } from './to-formily';

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
  /** Data problems found while evaluating (SCORE_OUT_OF_BAND …), as field issues. */
  issues: FieldIssue[];
  /** Engine data paths (`indicators[2].reason`) hidden / made required, for validation. */
  hiddenData: ReadonlySet<string>;
  requiredData: ReadonlySet<string>;
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

function emptyEvaluation(): FormEvaluation {
  return { computed: new Map(), hidden: new Set(), requiredWhen: new Set(), issues: [], hiddenData: new Set(), requiredData: new Set() };
}

/** The engine's template type is structurally the runtime's JSON view. */
function asEngineTemplate(t: TemplateDoc): Template {
  return t as unknown as Template;
}

/** Engine data path `indicators[2].score` → Formily path `indicators.2.score`. */
export function dataPathToPath(p: string): string {
  return p.replace(/\[(\d+)\]/g, '.$1');
}

/** JSON pointer `/indicators/2/reason` → Formily path `indicators.2.reason`. */
export function pointerToPath(pointer: string): string {
  return pointer === '' ? '' : parsePointer(pointer).join('.');
}

function toIssue(e: SubmissionError): FieldIssue {
  return { path: pointerToPath(e.pointer), message: e.message, code: e.code };
}

/** A JSON value of the engine's output back to a Scalar ({error} → the shared error value). */
function fromJson(v: JsonValue | undefined): Scalar {
  if (v === undefined || v === null) return null;
  if (typeof v === 'number' || typeof v === 'string' || typeof v === 'boolean') return v;
  if (!Array.isArray(v) && typeof v['error'] === 'string') {
    const code = v['error'];
    return (ERRORS as Record<string, ErrorValue | undefined>)[code] ?? new ErrorValue('#VALUE!', code);
  }
  return null;
}

/** Every concrete path of a pattern ("indicators.*.score") over the evaluated data. */
function expand(pattern: string, data: unknown): Array<{ path: string; value: unknown }> {
  let acc: Array<{ path: string; value: unknown }> = [{ path: '', value: data }];
  for (const seg of pattern.split('.')) {
    const next: Array<{ path: string; value: unknown }> = [];
    for (const { path, value } of acc) {
      if (seg === '*') {
        if (Array.isArray(value)) value.forEach((row, i) => next.push({ path: `${path}.${i}`, value: row }));
      } else if (isRecord(value)) {
        next.push({ path: path === '' ? seg : `${path}.${seg}`, value: value[seg] });
      } else {
        next.push({ path: path === '' ? seg : `${path}.${seg}`, value: undefined });
      }
    }
    acc = next;
  }
  return acc;
}

/**
 * Compile a template (already resolved for the user's department) once. Compilation problems
 * are returned, not thrown, so a half-finished template still renders in the designer preview.
 */
export function createFormEngine(template: TemplateDoc): FormEngine {
  const t = asEngineTemplate(template);
  const problems: TemplateProblem[] = [];
  try {
    for (const d of compileTemplate(t).diagnostics) {
      problems.push({ code: d.code, path: d.path, message: d.message ?? d.code });
    }
  } catch (e) {
    problems.push({ code: 'TEMPLATE_COMPILE_FAILED', path: '', message: e instanceof Error ? e.message : String(e) });
  }
  const computedPatterns = walkFields(template.schema)
    .filter((f) => isComputedNode(f.node))
    .map((f) => f.pattern);

  const evaluateForm = (data: Record<string, unknown>): FormEvaluation => {
    let r: ReturnType<typeof evaluate>;
    try {
      r = evaluate(t, data);
    } catch (e) {
      // A template the engine cannot evaluate (designer preview of a half-written template):
      // nothing is computed and the form says why.
      const message = `无法计算：${e instanceof Error ? e.message : String(e)}`;
      return { ...emptyEvaluation(), issues: [{ path: '', message, code: 'EVALUATION_FAILED' }] };
    }
    const computed = new Map<string, Scalar>();
    for (const pattern of computedPatterns) {
      for (const { path, value } of expand(pattern, r.values)) computed.set(path, fromJson(value as JsonValue | undefined));
    }
    return {
      computed,
      hidden: new Set(r.hidden.map(dataPathToPath)),
      requiredWhen: new Set(r.required.map(dataPathToPath)),
      total: fromJson(r.total),
      grade: typeof r.grade === 'string' ? r.grade : undefined,
      issues: r.diagnostics.map((d) => ({ path: pointerToPath(d.path), message: d.message ?? d.code, code: d.code })),
      hiddenData: new Set(r.hidden),
      requiredData: new Set(r.required),
    };
  };

  return {
    template,
    problems,
    live: true,
    evaluate: evaluateForm,
    validate: (data, ev) => validateWith(t, data, ev),
  };
}

function validateWith(t: Template, data: Record<string, unknown>, ev: FormEvaluation): FieldIssue[] {
  const conditions: ConditionEvaluator = (_formula, site) =>
    site.kind === 'x-visible' ? !ev.hiddenData.has(site.path) : ev.requiredData.has(site.path);
  try {
    return [...ev.issues, ...validateSubmission(t, data, { computed: conditions }).map(toIssue)];
  } catch (e) {
    // A template the validator cannot handle is shown as a form-level problem, not a crash.
    return [...ev.issues, { path: '', message: `无法校验表单：${e instanceof Error ? e.message : String(e)}`, code: 'VALIDATOR_FAILED' }];
  }
}

/**
 * The template as a department sees it (its variant overlay, engine `resolveTemplate`). Without
 * the department tree only the department's own overlay applies; the server resolves with the
 * full tree and a template it sends is already resolved (`resolvedFor`), so it is kept as is.
 */
export function resolveForDepartment(
  template: TemplateDoc,
  deptCode: string | undefined,
  parentOf: (code: string) => string | null | undefined = () => null,
): TemplateDoc {
  const resolvedFor = (template as { resolvedFor?: unknown }).resolvedFor;
  if (!deptCode || !template.variants || resolvedFor !== undefined) return template;
  return resolveTemplate(template as unknown as Template, deptCode, parentOf) as unknown as TemplateDoc;
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

/** Money input text "1,234.5 元" → "1234.5" (separators, spaces and 元/¥ removed). */
export function parseMoneyText(text: string | undefined): string {
  if (text === undefined) return '';
  return text.replace(/[,\s，元¥￥]/g, '');
}

/** Money decimal text from the server ("-1675000.00") as "-1,675,000.00"; other text unchanged. */
export function moneyText(text: string | null | undefined): string {
  if (text === null || text === undefined) return '';
  const n = parseNumericText(text);
  return n === undefined ? text : formatFixed(n, 2, true);
}

/** Money text "1,234,567.89" for a JS number in 元. */
export function formatMoney(v: number): string {
  return formatFixed(v, 2, true);
}

/** A percentage value truncated (not rounded) to 2 decimals, as the dashboards show it: 11.0457 → "11.04%". */
export function formatPercentTruncated(percent: Num): string {
  return `${formatFixed(trunc(percent, 2), 2)}%`;
}

/**
 * part / whole as a percentage truncated to 2 decimals, from money text ("1000000.00"):
 * exact (engine numbers), "--" when the whole is 0 or a text is not a number.
 */
export function percentOf(part: string, whole: string): string {
  const a = parseNumericText(part);
  const b = parseNumericText(whole);
  if (a === undefined || b === undefined) return '--';
  const q = div(mul(a, 100), b);
  if (q === DIV_BY_ZERO) return '--';
  return formatPercentTruncated(q);
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
