/**
 * `validatePack(pack)`: everything the engine can check about a loaded pack, each problem with
 * its file and JSON pointer (positions are added by `locateDiagnostics`):
 * - the manifest: grade bands cover 0–100, the engine range admits this engine;
 * - every template through the engine's `validateTemplate` (meta-schema, formulas parse and
 *   reference existing fields, no cycles, weights add up to `scoring.weightTotal` …), run on the
 *   template with the pack's grades merged in; report files named by templates exist;
 *   department variants name known departments;
 * - default indicator rows of templates name library codes that exist;
 * - every case in cases/ computes to what it expects (`runCase`).
 * `checkPack(files)` = load + validate + positions, the one call the CLI and tests need.
 */
import { evaluate, type EvaluationContext, type EvaluationResult, type JsonValue } from '../compute';
import { cmp, parseNumericText } from '../number';
import { checkGradeBands } from '../scoring';
import { escapePointer, parsePointer, resolveTemplate, validateTemplate, walkSchema, type Diagnostic, type Template } from '../template';
import { validateSubmission, type SubmissionError } from '../validate';
import { canonicalJson } from './hash';
import { jsonPointerOffsets, jsonStringOffsets, locateInString, locatePointer } from './json-text';
import { loadPack, MANIFEST_FILE, normalisePath } from './load';
import { satisfies, ENGINE_VERSION } from './semver';
import type { Pack, PackCase, PackDiagnostic, PackTemplate } from './types';

const isObject = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v);

function inFile(file: string, d: Diagnostic): PackDiagnostic {
  return { ...d, file };
}

function diag(file: string, path: string, code: string, message: string, params: Record<string, unknown> = {}, severity: 'error' | 'warning' = 'error'): PackDiagnostic {
  return { code, severity, file, path, params, message };
}

/** Template diagnostics, minus those about scoring parts the template took from the pack (reported once, on pack.json). */
function templateDiagnostics(t: PackTemplate): PackDiagnostic[] {
  const own = isObject(t.source.scoring) ? t.source.scoring : {};
  const inherited = ['grades', 'qualitative', 'warning'].filter((k) => own[k] === undefined).map((k) => `/scoring/${k}`);
  return validateTemplate(t.template)
    .filter((d) => !inherited.some((p) => d.path === p || d.path.startsWith(`${p}/`)))
    .map((d) => inFile(t.file, d));
}

function checkManifest(pack: Pack, out: PackDiagnostic[]): void {
  const m = pack.manifest;
  for (const d of checkGradeBands(m.grades, '/grades')) out.push(inFile(MANIFEST_FILE, d));
  const range = satisfies(ENGINE_VERSION, m.engine);
  if (range === undefined) out.push(diag(MANIFEST_FILE, '/engine', 'MANIFEST_ENGINE_RANGE', `engine "${m.engine}" 不是有效的版本范围 (如 >=0.1.0)`, { range: m.engine }));
  else if (!range) out.push(diag(MANIFEST_FILE, '/engine', 'MANIFEST_ENGINE_MISMATCH', `此模板包要求引擎版本 ${m.engine}, 当前引擎为 ${ENGINE_VERSION}`, { range: m.engine, engine: ENGINE_VERSION }));
  const q = m.scoring?.qualitative;
  if (q) {
    q.forEach((b, i) => {
      if (b.min > b.max) out.push(diag(MANIFEST_FILE, `/scoring/qualitative/${i}`, 'QUALITATIVE_BAND', `定性档次“${b.label}”的下限大于上限`, { label: b.label }));
      if (b.default !== undefined && (b.default < b.min || b.default > b.max)) {
        out.push(diag(MANIFEST_FILE, `/scoring/qualitative/${i}/default`, 'QUALITATIVE_BAND', `定性档次“${b.label}”的默认比例 ${b.default} 不在 [${b.min}, ${b.max}] 内`, { label: b.label }));
      }
    });
  }
}

function checkTemplateRefs(pack: Pack, t: PackTemplate, out: PackDiagnostic[]): void {
  const src = t.source;
  if (isObject(src.reports)) {
    for (const [name, rel] of Object.entries(src.reports)) {
      if (typeof rel !== 'string') continue;
      const file = normalisePath(rel);
      const known = pack.reports.some((r) => r.file === file || r.name === rel);
      if (!known) out.push(diag(t.file, `/reports/${escapePointer(name)}`, 'TEMPLATE_REPORT_MISSING', `报告模板 ${rel} 不存在`, { report: rel }));
    }
  }
  if (isObject(src.variants) && pack.departments) {
    const codes = new Set(pack.departments.map((d) => d.code));
    for (const code of Object.keys(src.variants)) {
      if (!codes.has(code)) out.push(diag(t.file, `/variants/${escapePointer(code)}`, 'TEMPLATE_UNKNOWN_DEPARTMENT', `部门变体 "${code}" 不在 departments.json 中`, { department: code }, 'warning'));
    }
    // (each overlay applying cleanly and giving a valid form is validateTemplate's check)
  }
  // default indicator rows that name a library code
  if (pack.indicators.length > 0 && isObject(src.schema)) {
    const codes = new Set(pack.indicators.map((r) => r.code));
    for (const f of walkSchema(src.schema)) {
      if (f.indicator === undefined || !Array.isArray(f.schema.default)) continue;
      f.schema.default.forEach((row: unknown, i) => {
        if (isObject(row) && typeof row.code === 'string' && row.code !== '' && !codes.has(row.code)) {
          out.push(diag(t.file, `${f.pointer}/default/${i}/code`, 'TEMPLATE_UNKNOWN_INDICATOR', `指标编码 "${row.code}" 不在指标库中`, { code: row.code }, 'warning'));
        }
      });
    }
  }
}

/** Read `a.b[2].c` from JSON output values. */
export function readDataPath(data: unknown, path: string): unknown {
  let cur: unknown = data;
  for (const m of path.matchAll(/([^.[\]]+)|\[(\d+)\]/g)) {
    if (m[2] !== undefined) {
      if (!Array.isArray(cur)) return undefined;
      cur = cur[Number(m[2])];
    } else {
      if (!isObject(cur) || !Object.prototype.hasOwnProperty.call(cur, m[1] as string)) return undefined;
      cur = cur[m[1] as string];
    }
  }
  return cur;
}

/** Data path of a data JSON pointer: `/indicators/4/score` → `indicators[4].score`. */
export function pointerToDataPath(pointer: string): string {
  let out = '';
  for (const t of parsePointer(pointer)) {
    if (/^\d+$/.test(t)) out += `[${t}]`;
    else out += out === '' ? t : `.${t}`;
  }
  return out;
}

/** Whether an actual output value is what a case expects (numbers exactly, as decimals). */
export function sameValue(actual: unknown, expected: unknown): boolean {
  if (expected === null) return actual === null || actual === undefined || actual === '';
  if (isObject(actual) && typeof actual.error === 'string' && Object.keys(actual).length === 1) {
    return expected === actual.error || (isObject(expected) && expected.error === actual.error);
  }
  if (typeof actual === 'number' && (typeof expected === 'number' || typeof expected === 'string')) {
    const e = typeof expected === 'number' ? expected : parseNumericText(expected);
    return e !== undefined && cmp(actual, e) === 0;
  }
  if (typeof actual === 'string' && typeof expected === 'number') {
    const a = parseNumericText(actual);
    return a !== undefined && cmp(a, expected) === 0;
  }
  return canonicalJson(actual) === canonicalJson(expected);
}

const show = (v: unknown): string => (v === undefined ? '(无)' : JSON.stringify(v));

export interface CaseRun {
  file: string;
  /** The template id and the case description, for test names and reports. */
  template: string;
  description: string;
  /** Every expectation that did not hold (empty: the case passes). */
  failures: PackDiagnostic[];
  result?: EvaluationResult;
  errors: { path: string; code: string; message: string }[];
}

/** Run one case of a pack: evaluate its data with its template and check every expectation. */
export function runCase(pack: Pack, c: PackCase): CaseRun {
  const doc = c.case;
  const run: CaseRun = { file: c.file, template: doc.template, description: doc.description ?? '', failures: [], errors: [] };
  const fail = (path: string, code: string, message: string, params: Record<string, unknown> = {}): void => {
    run.failures.push(diag(c.file, path, code, message, params));
  };
  const pt = pack.templates.find((t) => t.source.id === doc.template);
  if (!pt) {
    fail('/template', 'CASE_UNKNOWN_TEMPLATE', `模板 "${doc.template}" 不在此模板包中 (可用: ${pack.templates.map((t) => t.source.id).join(', ')})`, { template: doc.template });
    return run;
  }
  let template: Template = pt.template;
  const context: EvaluationContext = {};
  if (doc.context?.today !== undefined) context.today = doc.context.today;
  if (doc.context?.month !== undefined) context.month = doc.context.month;
  if (doc.department !== undefined) {
    context.department = doc.department;
    try {
      template = resolveTemplate(template, doc.department, pack.departments ?? []);
    } catch (e) {
      fail('/department', 'CASE_DEPARTMENT', `无法按部门 "${doc.department}" 解析模板: ${(e as Error).message}`);
      return run;
    }
  }
  let result: EvaluationResult;
  try {
    result = evaluate(template, doc.data, context);
  } catch (e) {
    fail('', 'CASE_EVALUATION', `计算出错: ${(e as Error).message}`);
    return run;
  }
  run.result = result;
  let submission: SubmissionError[] = [];
  try {
    submission = validateSubmission(template, doc.data, { computed: result });
  } catch (e) {
    fail('', 'CASE_VALIDATION', `校验出错: ${(e as Error).message}`);
  }
  const errors: { path: string; alt?: string; code: string; message: string }[] = [
    ...result.diagnostics.map((d) => {
      const e: { path: string; alt?: string; code: string; message: string } = { path: pointerToDataPath(d.path), code: d.code, message: d.message };
      if (typeof d.params.field === 'string') e.alt = d.params.field;
      return e;
    }),
    ...submission.map((e) => ({ path: e.path, code: e.code, message: e.message })),
  ];
  run.errors = errors.map(({ path, code, message }) => ({ path, code, message }));

  const ex = doc.expect;
  for (const [path, want] of Object.entries(ex.values ?? {})) {
    const got = readDataPath(result.values, path);
    if (!sameValue(got, want)) fail(`/expect/values/${escapePointer(path)}`, 'CASE_VALUE', `${path}: 期望 ${show(want)}, 实际 ${show(got)}`, { path, expected: show(want), actual: show(got) });
  }
  for (const [path, want] of Object.entries(ex.scores ?? {})) {
    const got: JsonValue | undefined = result.scores[path];
    if (!sameValue(got, want)) fail(`/expect/scores/${escapePointer(path)}`, 'CASE_SCORE', `得分 ${path}: 期望 ${show(want)}, 实际 ${show(got)}`, { path, expected: show(want), actual: show(got) });
  }
  if (ex.total !== undefined && !sameValue(result.total, ex.total)) fail('/expect/total', 'CASE_TOTAL', `总分: 期望 ${show(ex.total)}, 实际 ${show(result.total)}`, { expected: show(ex.total), actual: show(result.total) });
  if (ex.grade !== undefined && !sameValue(result.grade, ex.grade)) fail('/expect/grade', 'CASE_GRADE', `等级: 期望 ${show(ex.grade)}, 实际 ${show(result.grade)}`, { expected: show(ex.grade), actual: show(result.grade) });
  if (ex.errors !== undefined) {
    const actualText = errors.map((e) => `${e.path} ${e.code}`).join('; ') || '无';
    ex.errors.forEach((want, i) => {
      const hit = errors.some((e) => e.code === want.code && (e.path === want.path || e.alt === want.path));
      if (!hit) fail(`/expect/errors/${i}`, 'CASE_ERROR_MISSING', `期望错误 ${want.code} @ ${want.path} 没有出现 (实际: ${actualText})`, { path: want.path, code: want.code });
    });
    if (ex.errors.length === 0 && errors.length > 0) fail('/expect/errors', 'CASE_UNEXPECTED_ERROR', `期望没有错误, 实际: ${actualText}`);
  }
  return run;
}

/** Every problem of a loaded pack (see the module comment). */
export function validatePack(pack: Pack): PackDiagnostic[] {
  const out: PackDiagnostic[] = [];
  checkManifest(pack, out);
  const broken = new Set<string>();
  for (const t of pack.templates) {
    const ds = templateDiagnostics(t);
    if (ds.some((d) => d.severity === 'error')) broken.add(t.source.id);
    out.push(...ds);
    checkTemplateRefs(pack, t, out);
  }
  if (pack.templates.length === 0) out.push(diag(MANIFEST_FILE, '', 'PACK_NO_TEMPLATES', '模板包中没有模板 (templates/*.json)', {}, 'warning'));
  // cases of a template with errors are not run: their failures would only repeat the template's
  for (const c of pack.cases) if (!broken.has(c.case.template)) out.push(...runCase(pack, c).failures);
  return out;
}

/**
 * Fill in line/column of JSON diagnostics from their pointer (scans cached per file); a problem
 * inside a formula (with a span) is placed on the offending character of the formula text.
 */
export function locateDiagnostics(diagnostics: readonly PackDiagnostic[], files: ReadonlyMap<string, string>): PackDiagnostic[] {
  const cache = new Map<string, { pointers: Map<string, number>; strings: Map<string, number> }>();
  return diagnostics.map((d) => {
    if (d.line !== undefined || !d.file.endsWith('.json') || d.path === '') return d;
    const text = files.get(d.file);
    if (text === undefined) return d;
    let scan = cache.get(d.file);
    if (!scan) cache.set(d.file, (scan = { pointers: jsonPointerOffsets(text), strings: jsonStringOffsets(text) }));
    const quote = d.span ? scan.strings.get(d.path) : undefined;
    const pos = quote !== undefined && d.span ? locateInString(text, quote, d.span.start) : locatePointer(scan.pointers, text, d.path);
    return pos ? { ...d, line: pos.line, column: pos.column } : d;
  });
}

/** `file:line:col`, `file#/pointer (line:col)`, or `file`: where a diagnostic is. */
export function diagnosticLocation(d: PackDiagnostic): string {
  if (d.path !== '' && !d.file.endsWith('.csv')) return `${d.file}#${d.path}${d.line !== undefined ? ` (${d.line}:${d.column ?? 1})` : ''}`;
  if (d.line !== undefined) return `${d.file}:${d.line}:${d.column ?? 1}`;
  return d.file;
}

/** One line per diagnostic: `location: 错误|警告 CODE: message`. */
export function formatDiagnostic(d: PackDiagnostic): string {
  return `${diagnosticLocation(d)}: ${d.severity === 'error' ? '错误' : '警告'} ${d.code}: ${d.message}`;
}

/** Load, validate and locate: everything wrong with a pack's files. */
export function checkPack(files: ReadonlyMap<string, string>): { pack: Pack | null; diagnostics: PackDiagnostic[] } {
  const { pack, diagnostics } = loadPack(files);
  const all = pack ? [...diagnostics, ...validatePack(pack)] : diagnostics;
  return { pack, diagnostics: locateDiagnostics(all, files) };
}
