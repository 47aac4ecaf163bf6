/**
 * Evaluating a template over submission data: normalise the data, run every formula in
 * dependency order over a working copy, and report values, scores, total, grade, conditions.
 *
 * - Normalisation: numeric text in number fields is read as a number ("1,234.5" → 1234.5), so
 *   text never concatenates; what a client sent for computed fields (x-formula, x-score) is
 *   ignored and overwritten.
 * - The working copy holds formula values: exact numbers (Ratio/Dec) stay exact from one formula
 *   to the next; conversion to JSON happens only in the output.
 * - Output `values`: the data with computed fields filled; numbers as JSON numbers, blank as
 *   null, error values as `{"error": "#DIV/0!"}` objects; hidden fields (x-visible FALSE) null.
 */
import { add as addNum, isNum, parseNumericText, toJsNumber, type Num } from '../number';
import { toBoolean } from '../formula/coerce';
import { parseDateText } from '../formula/dates';
import type { CallContext } from '../formula/functions/types';
import { ErrorValue, RangeValue, isError, type Value } from '../formula/values';
import { MOF_GRADES, gradeOf } from '../scoring/grades';
import { OutOfBandError } from '../scoring/rules';
import { buildTrace } from '../scoring/trace';
import { rowDataPath, type FieldInfo } from '../template/fields';
import type { Diagnostic, Template } from '../template/types';
import { compileTemplate, type CompileTemplateOptions, type CompiledTemplate, type FormulaSite } from './graph';

export interface EvaluationContext {
  /** Evaluation date for TODAY(): 'YYYY-MM-DD' or an Excel serial. Never the clock. */
  today?: string | number;
  /** Month (1–12) for monitoring lights (WARNING_LIGHT without a month argument). */
  month?: number;
  /** Department code (for domain helpers that care; variants are resolved before evaluating). */
  department?: string;
  /** Anything else the host passes to domain functions (`ctx.extra`). */
  extra?: Record<string, unknown>;
}

export interface EvaluateOptions extends CompileTemplateOptions {
  /** Also build the explanation trace (see ../scoring/trace). */
  trace?: boolean;
}

/** A JSON output value: numbers, text, booleans, null, `{error}`, arrays and objects of them. */
export type JsonValue = null | boolean | number | string | { error: string } | JsonValue[] | { [k: string]: JsonValue };

/** One evaluated formula site in one row (what the trace is built from). */
export interface SiteResult {
  site: FormulaSite;
  /** Concrete data path: `indicators[2].score`, `total`. */
  path: string;
  rowIndex?: number;
  row?: Record<string, unknown>;
  value: Value;
}

export interface EvaluationResult {
  /** The data with computed fields filled (JSON). */
  values: Record<string, JsonValue>;
  /** Each scored item (x-score field, per row): `{"execScore": 9, "indicators[0].score": 18}`. */
  scores: Record<string, JsonValue>;
  total: JsonValue;
  grade: JsonValue;
  /** Concrete paths hidden by x-visible. */
  hidden: string[];
  /** Concrete paths made required by x-required-when. */
  required: string[];
  /** Data problems found while evaluating (SCORE_OUT_OF_BAND …); template problems are validateTemplate's. */
  diagnostics: Diagnostic[];
  /** Filled by score() / evaluate(…, {trace: true}). */
  trace: TraceEntry[];
}

/** One line of the explanation trace. */
export interface TraceEntry {
  path: string;
  label: string;
  /** Preset name, 'formula', 'total' or 'grade'. */
  rule: string;
  /** For by-direction: the rule the row's direction picked. */
  applied?: string;
  formula: string;
  inputs: Record<string, JsonValue>;
  result: JsonValue;
}

/** Excel serial of a context date. */
export function todaySerial(today: string | number | undefined): number | undefined {
  if (today === undefined) return undefined;
  if (typeof today === 'number') return today;
  const s = parseDateText(today);
  if (s === undefined) throw new RangeError(`today must be a date like 2025-12-31, got "${today}"`);
  return s;
}

/** The CallContext of an evaluation: grades, qualitative bands, warning rule, month, today. */
export function callContext(template: Template, context: EvaluationContext = {}): CallContext {
  const scoring = template.scoring ?? {};
  const extra: Record<string, unknown> = { ...(context.extra ?? {}) };
  if (context.month !== undefined) extra.month = context.month;
  if (context.department !== undefined) extra.department = context.department;
  if (scoring.qualitative) extra.qualitative = scoring.qualitative;
  if (scoring.warning) extra.warning = scoring.warning;
  if (scoring.reverse) extra.reverse = scoring.reverse;
  const today = todaySerial(context.today);
  return {
    grades: scoring.grades ?? MOF_GRADES,
    extra,
    ...(today !== undefined ? { today } : {}),
  };
}

const hasOwn = Object.prototype.hasOwnProperty;

function isRecord(x: unknown): x is Record<string, unknown> {
  return x !== null && typeof x === 'object' && !Array.isArray(x) && !(x instanceof ErrorValue) && !(x instanceof RangeValue) && !isNum(x);
}

/** A deep copy of JSON-like data (plain objects and arrays; other values shared). */
function cloneData(x: unknown): unknown {
  if (Array.isArray(x)) return x.map(cloneData);
  if (isRecord(x)) {
    const out: Record<string, unknown> = {};
    for (const k of Object.keys(x)) if (k !== '__proto__') out[k] = cloneData(x[k]);
    return out;
  }
  return x;
}

function setIn(obj: Record<string, unknown>, segments: readonly string[], value: unknown): void {
  let cur = obj;
  for (let i = 0; i < segments.length - 1; i++) {
    const k = segments[i] as string;
    const next = cur[k];
    if (isRecord(next)) cur = next;
    else {
      const created: Record<string, unknown> = {};
      cur[k] = created;
      cur = created;
    }
  }
  cur[segments[segments.length - 1] as string] = value;
}

function getIn(obj: unknown, segments: readonly string[]): unknown {
  let cur = obj;
  for (const s of segments) {
    if (!isRecord(cur) || !hasOwn.call(cur, s)) return undefined;
    cur = cur[s];
  }
  return cur;
}

/** The rows of an array field in the working copy (non-object rows are skipped). */
function rowsOf(work: Record<string, unknown>, arrayField: FieldInfo): { row: Record<string, unknown>; index: number }[] {
  const arr = getIn(work, arrayField.segments);
  if (!Array.isArray(arr)) return [];
  const out: { row: Record<string, unknown>; index: number }[] = [];
  arr.forEach((row, index) => {
    if (isRecord(row)) out.push({ row, index });
  });
  return out;
}

/** Numeric text in a number field → its exact number; anything else unchanged. */
function normaliseNumber(v: unknown): unknown {
  if (typeof v !== 'string') return v;
  if (v.trim() === '') return null;
  return parseNumericText(v) ?? v;
}

/** Normalise numeric fields and drop client values of computed fields (in place on the copy). */
function normalise(compiled: CompiledTemplate, work: Record<string, unknown>): void {
  for (const f of compiled.fields.list) {
    if (f.kind !== 'scalar' || (!f.numeric && !f.computed)) continue;
    const apply = (holder: Record<string, unknown>, segs: readonly string[]): void => {
      const parent = segs.length > 1 ? getIn(holder, segs.slice(0, -1)) : holder;
      if (!isRecord(parent)) return;
      const key = segs[segs.length - 1] as string;
      if (f.computed) {
        if (hasOwn.call(parent, key)) delete parent[key];
        return;
      }
      if (hasOwn.call(parent, key)) parent[key] = normaliseNumber(parent[key]);
    };
    if (f.array === undefined) apply(work, f.segments);
    else {
      const arrayField = compiled.fields.byPath.get(f.array);
      if (!arrayField || f.depth > 1) continue;
      for (const { row } of rowsOf(work, arrayField)) apply(row, f.rowPath ?? []);
    }
  }
}

/** A formula value as JSON output. */
export function toJson(v: unknown): JsonValue {
  if (v === null || v === undefined) return null;
  if (typeof v === 'number') return Number.isFinite(v) ? v : { error: '#NUM!' };
  if (typeof v === 'string' || typeof v === 'boolean') return v;
  if (isNum(v)) return toJsNumber(v as Num);
  if (isError(v)) return { error: v.code };
  if (v instanceof RangeValue) return v.items.map(toJson);
  if (Array.isArray(v)) return v.map(toJson);
  if (isRecord(v)) {
    const out: Record<string, JsonValue> = {};
    for (const k of Object.keys(v)) out[k] = toJson(v[k]);
    return out;
  }
  return null;
}

const CYCLE_ERROR = new ErrorValue('#REF!', '循环引用');

/**
 * Evaluate `template` over `data`: every formula in dependency order, scores, total and grade.
 * The template should have passed validateTemplate; formulas that do not compile give #NAME?.
 */
export function evaluate(template: Template, data: unknown, context: EvaluationContext = {}, options: EvaluateOptions = {}): EvaluationResult {
  const compiled = compileTemplate(template, options.registry ? { registry: options.registry } : {});
  const call = callContext(template, context);
  const work = (isRecord(data) ? cloneData(data) : {}) as Record<string, unknown>;
  normalise(compiled, work);

  const diagnostics: Diagnostic[] = [];
  const hidden = new Set<string>();
  const hiddenList: string[] = [];
  const required: string[] = [];
  const results: SiteResult[] = [];
  const reported = new Set<OutOfBandError>();

  const runSite = (site: FormulaSite, row: Record<string, unknown> | undefined): Value => {
    if (!site.compiled) return new ErrorValue('#NAME?', '公式有语法错误');
    return site.compiled.evaluate(row ? { data: work, row, call } : { data: work, call });
  };

  const handle = (site: FormulaSite, row: Record<string, unknown> | undefined, index: number | undefined, value: Value): void => {
    const f = site.field;
    const path = index === undefined ? f.path : rowDataPath(f, index);
    const holder = row ?? work;
    const segs = row ? (f.rowPath ?? []) : f.segments;
    if (site.role === 'visible') {
      const b = toBoolean(value);
      if (b === false) {
        hidden.add(path);
        hiddenList.push(path);
        if (f.kind === 'scalar' && !f.computed) {
          const parent = segs.length > 1 ? getIn(holder, segs.slice(0, -1)) : holder;
          if (isRecord(parent) && hasOwn.call(parent, segs[segs.length - 1] as string)) parent[segs[segs.length - 1] as string] = null;
        } else if (f.kind !== 'scalar') {
          const parent = segs.length > 1 ? getIn(holder, segs.slice(0, -1)) : holder;
          if (isRecord(parent) && hasOwn.call(parent, segs[segs.length - 1] as string)) parent[segs[segs.length - 1] as string] = f.kind === 'array' ? [] : {};
        }
      }
      return;
    }
    if (site.role === 'required') {
      const b = toBoolean(value);
      if (b === true && !hidden.has(path)) required.push(path);
      return;
    }
    const v = hidden.has(path) ? null : value;
    setIn(holder, segs, v);
    results.push(index === undefined ? { site, path, value: v } : { site, path, rowIndex: index, ...(row ? { row } : {}), value: v });
    // reported once, where it arises (SUM(...) downstream passes the same error value on)
    if (v instanceof OutOfBandError && !reported.has(v)) {
      reported.add(v);
      diagnostics.push(outOfBand(site, path, index, v));
    }
  };

  for (const site of compiled.order) {
    const f = site.field;
    if (f.array === undefined) {
      handle(site, undefined, undefined, runSite(site, undefined));
    } else {
      const arrayField = compiled.fields.byPath.get(f.array);
      if (!arrayField) continue;
      for (const { row, index } of rowsOf(work, arrayField)) handle(site, row, index, runSite(site, row));
    }
  }
  // cycle members: an error value, so that nothing reads a stale client value
  for (const site of compiled.sites) {
    if (!compiled.cyclic.has(site.id) || (site.role !== 'formula' && site.role !== 'score')) continue;
    const f = site.field;
    if (f.array === undefined) handle(site, undefined, undefined, CYCLE_ERROR);
    else {
      const arrayField = compiled.fields.byPath.get(f.array);
      if (arrayField) for (const { row, index } of rowsOf(work, arrayField)) handle(site, row, index, CYCLE_ERROR);
    }
  }

  const scores: Record<string, JsonValue> = {};
  for (const r of results) if (r.site.role === 'score') scores[r.path] = toJson(r.value);

  const { total, grade } = totalAndGrade(compiled, work, results);
  const result: EvaluationResult = {
    values: toJson(work) as Record<string, JsonValue>,
    scores,
    total: toJson(total),
    grade: toJson(grade),
    hidden: hiddenList,
    required,
    diagnostics,
    trace: [],
  };
  if (options.trace) result.trace = buildTrace(compiled, work, call, results, total, grade);
  return result;
}

function outOfBand(site: FormulaSite, path: string, index: number | undefined, e: OutOfBandError): Diagnostic {
  const f = site.field;
  // point at the field holding the entered score when the rule names one
  const scoreInput = site.rule?.inputs.find((i) => i.name === 'score')?.expr;
  let pointerPath = path;
  if (scoreInput !== undefined && /^[\p{L}_][\p{L}\p{N}_]*$/u.test(scoreInput)) {
    pointerPath = index !== undefined && f.array !== undefined ? `${f.array}[${index}].${scoreInput}` : scoreInput;
  }
  const pointer = '/' + pointerPath.replace(/\[(\d+)\]/g, '.$1').split('.').map((t) => t.replace(/~/g, '~0').replace(/\//g, '~1')).join('/');
  const min = toJsNumber(e.min);
  const max = toJsNumber(e.max);
  return {
    code: 'SCORE_OUT_OF_BAND',
    severity: 'error',
    path: pointer,
    params: { field: path, rating: e.rating, score: toJsNumber(e.entered), min, max, maxInclusive: e.maxInclusive, ...(index !== undefined ? { row: index } : {}) },
    message: `评价为“${e.rating}”时得分应在 ${min} 到 ${max} ${e.maxInclusive ? '（含）' : '（不含）'}之间，录入的 ${toJsNumber(e.entered)} 不在此范围`,
  };
}

/** The total: the `scoring.total` field (or a field named `total`), else the exact sum of all scores. */
function totalAndGrade(compiled: CompiledTemplate, work: Record<string, unknown>, results: readonly SiteResult[]): { total: Value; grade: Value } {
  const scoring = compiled.template.scoring ?? {};
  const fields = compiled.fields.byPath;
  const totalField = scoring.total ?? (fields.has('total') ? 'total' : undefined);
  let total: Value;
  if (totalField !== undefined && fields.get(totalField)?.array === undefined && fields.has(totalField)) {
    total = asValue(getIn(work, totalField.split('.')));
  } else {
    const scores = results.filter((r) => r.site.role === 'score').map((r) => r.value);
    if (scores.length === 0) return { total: null, grade: null };
    total = sumValues(scores);
  }
  const gradeField = scoring.grade ?? (fields.has('grade') ? 'grade' : undefined);
  let grade: Value;
  if (gradeField !== undefined && fields.has(gradeField) && fields.get(gradeField)?.computed) {
    grade = asValue(getIn(work, gradeField.split('.')));
  } else if (isNum(total)) {
    grade = gradeOf(total, scoring.grades ?? MOF_GRADES) ?? null;
  } else {
    grade = isError(total) ? total : null;
  }
  return { total, grade };
}

function asValue(x: unknown): Value {
  if (x === undefined) return null;
  if (x === null || typeof x === 'string' || typeof x === 'boolean' || isNum(x) || isError(x) || x instanceof RangeValue) return x as Value;
  return new ErrorValue('#VALUE!');
}

function sumValues(values: readonly Value[]): Value {
  let acc: Num = 0;
  for (const v of values) {
    if (isError(v)) return v;
    if (isNum(v)) acc = addNum(acc, v);
  }
  return acc;
}
