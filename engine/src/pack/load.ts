/**
 * Load a pack from its files: `relative path → text` (the server reads a folder or a bundle into
 * such a map; tests build one in memory). Pure: no file system. File-level problems (JSON syntax,
 * the manifest meta-schema, bad indicator rows, malformed cases) come back as diagnostics; the
 * pack is returned as far as it could be read. Deeper checks are `validatePack`.
 */
import Ajv, { type ErrorObject, type ValidateFunction } from 'ajv';
import type { QualitativeBand, ScoringConfig, Template } from '../template';
import { escapePointer } from '../template/fields';
import { parseIndicatorCsv, parseIndicatorJson } from './indicators';
import { parseJsonText } from './json-text';
import manifestSchema from './manifest-schema.json';
import type { Pack, PackCase, PackCaseDocument, PackDepartment, PackDiagnostic, PackManifest, PackReport, PackTemplate } from './types';

export const MANIFEST_FILE = 'pack.json';

export interface LoadResult {
  /** null when pack.json is missing or unreadable (nothing else can be loaded without it). */
  pack: Pack | null;
  diagnostics: PackDiagnostic[];
}

let manifestValidator: ValidateFunction | undefined;
function validateManifestShape(value: unknown): ErrorObject[] {
  if (!manifestValidator) {
    const ajv = new Ajv({ allErrors: true, strict: false });
    manifestValidator = ajv.compile(manifestSchema);
  }
  return manifestValidator(value) ? [] : [...(manifestValidator.errors ?? [])];
}

/** zh-CN wording of an ajv error (meta-schema checks of pack files). */
export function ajvMessage(e: ErrorObject): string {
  const p = e.params as Record<string, unknown>;
  switch (e.keyword) {
    case 'required':
      return `缺少必填属性 "${String(p.missingProperty)}"`;
    case 'additionalProperties':
      return `未知的属性 "${String(p.additionalProperty)}"`;
    case 'type':
      return `类型应为 ${String(p.type)}`;
    case 'enum':
      return `取值应为 ${(p.allowedValues as unknown[]).map((v) => JSON.stringify(v)).join(' / ')} 之一`;
    case 'pattern':
      return `格式不符合 ${String(p.pattern)}`;
    case 'minimum':
    case 'maximum':
    case 'exclusiveMinimum':
    case 'exclusiveMaximum':
      return `应 ${String(p.comparison)} ${String(p.limit)}`;
    case 'minLength':
      return p.limit === 1 ? '不能为空' : `至少 ${String(p.limit)} 个字符`;
    case 'minItems':
      return `至少 ${String(p.limit)} 项`;
    case 'uniqueItems':
      return `第 ${String(p.j)} 项与第 ${String(p.i)} 项重复`;
    default:
      return e.message ?? e.keyword;
  }
}

function ajvDiagnostic(file: string, e: ErrorObject, code: string): PackDiagnostic {
  const path = e.keyword === 'additionalProperties' ? `${e.instancePath}/${escapePointer(String((e.params as { additionalProperty?: unknown }).additionalProperty))}` : e.instancePath;
  return { code, severity: 'error', file, path, params: { keyword: e.keyword, ...(e.params as Record<string, unknown>) }, message: ajvMessage(e) };
}

function diag(file: string, path: string, code: string, message: string, params: Record<string, unknown> = {}, severity: 'error' | 'warning' = 'error'): PackDiagnostic {
  return { code, severity, file, path, params, message };
}

const isObject = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v);

/** Sorted paths of the files directly in `dir` with the extension `ext`. */
function filesIn(files: ReadonlyMap<string, string>, dir: string, ext: string): string[] {
  const prefix = `${dir}/`;
  return [...files.keys()].filter((p) => p.startsWith(prefix) && p.endsWith(ext) && !p.slice(prefix.length).includes('/')).sort();
}

/** Normalise a manifest-relative path (`./templates/a.json` → `templates/a.json`). */
export function normalisePath(p: string): string {
  return p.replace(/\\/g, '/').replace(/^(\.\/)+/, '').replace(/\/\.\//g, '/');
}

function readJson(files: ReadonlyMap<string, string>, file: string, out: PackDiagnostic[]): { ok: true; value: unknown } | { ok: false } {
  const text = files.get(file);
  if (text === undefined) {
    out.push(diag(file, '', 'PACK_FILE_MISSING', `文件 ${file} 不存在`, { file }));
    return { ok: false };
  }
  const r = parseJsonText(text);
  if (!r.ok) {
    out.push({ ...diag(file, '', 'JSON_SYNTAX', r.error.message), line: r.error.line, column: r.error.column });
    return { ok: false };
  }
  return r;
}

/**
 * The template as the engine runs it: the pack's grade bands and scoring defaults fill in what
 * the template's own `scoring` does not set. The template file itself is left as written.
 */
export function mergePackScoring(template: Template, manifest: PackManifest): Template {
  const own: ScoringConfig = isObject(template.scoring) ? template.scoring : {};
  const scoring: ScoringConfig = { ...own };
  if (scoring.grades === undefined) scoring.grades = manifest.grades.map((g) => ({ ...g }));
  const d = manifest.scoring;
  if (d) {
    if (scoring.reverse === undefined && d.reverse !== undefined) scoring.reverse = d.reverse;
    if (scoring.qualitative === undefined && d.qualitative !== undefined) scoring.qualitative = d.qualitative.map((q): QualitativeBand => ({ ...q }));
    if (scoring.warning === undefined && d.warning !== undefined) scoring.warning = d.warning as unknown as ScoringConfig['warning'];
    if (scoring.weightTotal === undefined && d.weightTotal !== undefined && template.kind === 'self-evaluation') scoring.weightTotal = d.weightTotal;
  }
  return { ...template, scoring };
}

const CASE_KEYS = new Set(['template', 'description', 'department', 'context', 'data', 'expect']);
const EXPECT_KEYS = new Set(['values', 'scores', 'total', 'grade', 'errors']);

function checkCase(value: unknown, file: string, out: PackDiagnostic[]): PackCaseDocument | undefined {
  const before = out.length;
  if (!isObject(value)) {
    out.push(diag(file, '', 'CASE_NOT_OBJECT', '案例文件应为一个对象 (每个文件一个案例)'));
    return undefined;
  }
  for (const k of Object.keys(value)) if (!CASE_KEYS.has(k)) out.push(diag(file, `/${escapePointer(k)}`, 'CASE_UNKNOWN_KEY', `未知的属性 "${k}"`, { key: k }));
  if (typeof value.template !== 'string' || value.template === '') out.push(diag(file, '/template', 'CASE_TEMPLATE', '案例应以 "template" 指明模板 id'));
  if (!isObject(value.data)) out.push(diag(file, '/data', 'CASE_DATA', '案例应有 "data" 对象 (填报数据)'));
  if (value.department !== undefined && typeof value.department !== 'string') out.push(diag(file, '/department', 'CASE_DEPARTMENT', '"department" 应为部门编码'));
  if (value.context !== undefined && !isObject(value.context)) out.push(diag(file, '/context', 'CASE_CONTEXT', '"context" 应为对象'));
  if (isObject(value.context) && value.context.today !== undefined && (typeof value.context.today !== 'string' || !/^\d{4}-\d{2}-\d{2}$/.test(value.context.today))) {
    out.push(diag(file, '/context/today', 'CASE_CONTEXT', '"today" 应为 YYYY-MM-DD 日期'));
  }
  const expect = value.expect;
  if (!isObject(expect)) out.push(diag(file, '/expect', 'CASE_EXPECT', '案例应有 "expect" 对象 (期望结果)'));
  else {
    for (const k of Object.keys(expect)) if (!EXPECT_KEYS.has(k)) out.push(diag(file, `/expect/${escapePointer(k)}`, 'CASE_UNKNOWN_KEY', `未知的期望 "${k}" (可用: values scores total grade errors)`, { key: k }));
    for (const k of ['values', 'scores'] as const) {
      if (expect[k] !== undefined && !isObject(expect[k])) out.push(diag(file, `/expect/${k}`, 'CASE_EXPECT', `"${k}" 应为 {路径: 值} 对象`));
    }
    if (expect.grade !== undefined && expect.grade !== null && typeof expect.grade !== 'string') out.push(diag(file, '/expect/grade', 'CASE_EXPECT', '"grade" 应为文本'));
    if (expect.errors !== undefined) {
      if (!Array.isArray(expect.errors)) out.push(diag(file, '/expect/errors', 'CASE_EXPECT', '"errors" 应为 [{path, code}] 数组'));
      else
        expect.errors.forEach((e: unknown, i) => {
          if (!isObject(e) || typeof e.path !== 'string' || typeof e.code !== 'string') out.push(diag(file, `/expect/errors/${i}`, 'CASE_EXPECT', '每个期望的错误应为 {"path": "...", "code": "..."}'));
        });
    }
  }
  return out.length === before ? (value as unknown as PackCaseDocument) : undefined;
}

function checkDepartments(value: unknown, file: string, out: PackDiagnostic[]): PackDepartment[] | undefined {
  if (!Array.isArray(value)) {
    out.push(diag(file, '', 'DEPARTMENTS_NOT_ARRAY', '部门数据应为数组 [{"code","name","parent"}]'));
    return undefined;
  }
  const before = out.length;
  const codes = new Set<string>();
  value.forEach((d: unknown, i) => {
    if (!isObject(d) || typeof d.code !== 'string' || d.code === '' || typeof d.name !== 'string' || !(d.parent === null || d.parent === undefined || typeof d.parent === 'string')) {
      out.push(diag(file, `/${i}`, 'DEPARTMENT_SHAPE', '部门应为 {"code": 文本, "name": 文本, "parent": 上级编码或 null}'));
      return;
    }
    if (codes.has(d.code)) out.push(diag(file, `/${i}/code`, 'DEPARTMENT_DUPLICATE', `部门编码 "${d.code}" 重复`, { code: d.code }));
    codes.add(d.code);
  });
  if (out.length > before) return undefined;
  const list = (value as Record<string, unknown>[]).map((d) => ({ ...d, parent: (d.parent as string | null | undefined) ?? null }) as PackDepartment);
  list.forEach((d, i) => {
    if (d.parent !== null && !codes.has(d.parent)) out.push(diag(file, `/${i}/parent`, 'DEPARTMENT_UNKNOWN_PARENT', `上级部门 "${d.parent}" 不存在`, { parent: d.parent }));
  });
  // cycles in the parent chain
  const parentOf = new Map(list.map((d) => [d.code, d.parent]));
  list.forEach((d, i) => {
    const seen = new Set<string>([d.code]);
    let p = d.parent;
    while (p !== null && p !== undefined) {
      if (seen.has(p)) {
        out.push(diag(file, `/${i}/parent`, 'DEPARTMENT_CYCLE', `部门 "${d.code}" 的上级链成环`, { code: d.code }));
        break;
      }
      seen.add(p);
      p = parentOf.get(p) ?? null;
    }
  });
  return list;
}

/** Read a pack from its files. */
export function loadPack(files: ReadonlyMap<string, string>): LoadResult {
  const diagnostics: PackDiagnostic[] = [];
  const m = readJson(files, MANIFEST_FILE, diagnostics);
  if (!m.ok) return { pack: null, diagnostics };
  const shape = validateManifestShape(m.value);
  for (const e of shape) diagnostics.push(ajvDiagnostic(MANIFEST_FILE, e, 'MANIFEST_SCHEMA'));
  if (shape.length > 0 || !isObject(m.value)) return { pack: null, diagnostics };
  const manifest = m.value as unknown as PackManifest;

  // indicators
  let indicators: Pack['indicators'] = [];
  let indicatorLines: number[] = [];
  let indicatorsFile = '';
  const indPath = manifest.indicators !== undefined ? normalisePath(manifest.indicators) : files.has('indicators.csv') ? 'indicators.csv' : files.has('indicators.json') ? 'indicators.json' : undefined;
  if (indPath !== undefined) {
    indicatorsFile = indPath;
    const text = files.get(indPath);
    if (text === undefined) diagnostics.push(diag(MANIFEST_FILE, '/indicators', 'PACK_FILE_MISSING', `指标库文件 ${indPath} 不存在`, { file: indPath }));
    else if (indPath.endsWith('.csv')) {
      const r = parseIndicatorCsv(text, indPath);
      ({ rows: indicators, lines: indicatorLines } = r);
      diagnostics.push(...r.diagnostics);
    } else {
      const j = readJson(files, indPath, diagnostics);
      if (j.ok) {
        const r = parseIndicatorJson(j.value, indPath);
        ({ rows: indicators, lines: indicatorLines } = r);
        diagnostics.push(...r.diagnostics);
      }
    }
  }

  // templates
  const templates: PackTemplate[] = [];
  const templateFiles = manifest.templates ? manifest.templates.map(normalisePath) : filesIn(files, 'templates', '.json');
  const ids = new Map<string, string>();
  templateFiles.forEach((file, i) => {
    if (!files.has(file)) {
      diagnostics.push(diag(MANIFEST_FILE, `/templates/${i}`, 'PACK_FILE_MISSING', `模板文件 ${file} 不存在`, { file }));
      return;
    }
    const t = readJson(files, file, diagnostics);
    if (!t.ok) return;
    if (!isObject(t.value) || typeof t.value.id !== 'string') {
      diagnostics.push(diag(file, isObject(t.value) ? '/id' : '', 'TEMPLATE_ID', '模板应为对象, 且有文本 "id"'));
      return;
    }
    const source = t.value as unknown as Template;
    const prev = ids.get(source.id);
    if (prev !== undefined) {
      diagnostics.push(diag(file, '/id', 'TEMPLATE_DUPLICATE_ID', `模板 id "${source.id}" 与 ${prev} 重复`, { id: source.id, other: prev }));
      return;
    }
    ids.set(source.id, file);
    templates.push({ file, source, template: mergePackScoring(source, manifest) });
  });

  // reports: the manifest's, plus any reports/*.hbs not named there (by file name)
  const reports: PackReport[] = [];
  const named = new Set<string>();
  for (const [name, rel] of Object.entries(manifest.reports ?? {})) {
    const file = normalisePath(rel);
    named.add(file);
    const source = files.get(file);
    if (source === undefined) diagnostics.push(diag(MANIFEST_FILE, `/reports/${escapePointer(name)}`, 'PACK_FILE_MISSING', `报告模板 ${file} 不存在`, { file }));
    else reports.push({ name, file, source });
  }
  for (const file of filesIn(files, 'reports', '.hbs')) {
    if (!named.has(file)) reports.push({ name: file.slice('reports/'.length, -'.hbs'.length), file, source: files.get(file) as string });
  }

  // demo data
  let departments: PackDepartment[] | undefined;
  if (manifest.departments !== undefined || files.has('departments.json')) {
    const file = normalisePath(manifest.departments ?? 'departments.json');
    const j = readJson(files, file, diagnostics);
    if (j.ok) departments = checkDepartments(j.value, file, diagnostics);
  }
  let projects: unknown[] | undefined;
  if (manifest.projects !== undefined || files.has('projects.json')) {
    const file = normalisePath(manifest.projects ?? 'projects.json');
    const j = readJson(files, file, diagnostics);
    if (j.ok) {
      if (Array.isArray(j.value)) projects = j.value;
      else diagnostics.push(diag(file, '', 'PROJECTS_NOT_ARRAY', '项目数据应为数组'));
    }
  }

  // cases
  const cases: PackCase[] = [];
  for (const file of filesIn(files, 'cases', '.json')) {
    const j = readJson(files, file, diagnostics);
    if (!j.ok) continue;
    const c = checkCase(j.value, file, diagnostics);
    if (c) cases.push({ file, case: c });
  }

  const pack: Pack = { manifest, indicators, indicatorsFile, indicatorLines, templates, reports, cases, files };
  if (departments) pack.departments = departments;
  if (projects) pack.projects = projects;
  return { pack, diagnostics };
}
