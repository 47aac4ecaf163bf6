/**
 * `jixiao score` (contract, DESIGN.md §3):
 *   jixiao score --template T.json --data D.json [--department CODE [--departments DEPTS.json]]
 *                [--today YYYY-MM-DD] [--month N]
 * prints one JSON object `{"values", "scores", "total", "grade", "trace"}` (plus "diagnostics"
 * when the data has scoring problems such as SCORE_OUT_OF_BAND, and "hidden"/"required").
 * Exit 1 naming the file and path on an invalid template (every template diagnostic listed) or
 * invalid data (not JSON, not an object, a scoring problem — the JSON is still printed); exit 2
 * on usage errors. With --department the template's department variant is applied
 * (resolveTemplate); the department tree is read from --departments, else from a
 * departments.json next to the template or in its pack folder.
 */
import { existsSync, readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { hasErrors, parseDateText, resolveTemplate, score, validateTemplate, type Diagnostic, type DepartmentTree, type EvaluationContext, type Template } from '@jixiao/engine';
import { parseArgs, UsageError, type Command } from '../command';

export interface ScoreIo {
  stdout: { write(s: string): unknown };
  stderr: { write(s: string): unknown };
}

const USAGE = `用法 / usage:
  jixiao score --template T.json --data D.json [--department CODE [--departments DEPTS.json]]
               [--today YYYY-MM-DD] [--month N]
`;

/** An input problem (exit 1), already worded for the user. */
class InputError extends Error {
  override name = 'InputError';
}

function readJson(file: string, what: string): unknown {
  let text: string;
  try {
    text = readFileSync(file, 'utf8');
  } catch (e) {
    throw new InputError(`${file}: 无法读取${what}文件 (${(e as NodeJS.ErrnoException).code ?? (e as Error).message})`);
  }
  try {
    return JSON.parse(text.replace(/^\uFEFF/, '')) as unknown;
  } catch (e) {
    throw new InputError(`${file}: ${what}不是合法的 JSON (${(e as Error).message})`);
  }
}

function formatDiagnostic(file: string, d: Diagnostic): string {
  const where = d.path === '' ? file : `${file}#${d.path}`;
  const pos = typeof d.params.line === 'number' && typeof d.params.column === 'number' && !d.message.includes('行第') ? ` (第 ${d.params.line} 行第 ${d.params.column} 列)` : '';
  return `${where}: ${d.severity === 'error' ? '错误' : '警告'} ${d.code}: ${d.message}${pos}`;
}

function isTree(x: unknown): x is { code: string; parent?: string | null }[] {
  return Array.isArray(x) && x.every((d) => d !== null && typeof d === 'object' && typeof (d as { code?: unknown }).code === 'string');
}

function departmentTree(templateFile: string, explicit: string | undefined): DepartmentTree {
  const candidates = explicit !== undefined ? [explicit] : [join(dirname(templateFile), 'departments.json'), join(dirname(templateFile), '..', 'departments.json')];
  for (const file of candidates) {
    if (explicit === undefined && !existsSync(file)) continue;
    const tree = readJson(file, '部门');
    if (!isTree(tree)) throw new InputError(`${file}: 部门文件应为 [{"code": "…", "parent": "…"}] 列表`);
    return tree;
  }
  return [];
}

function option(options: Record<string, string | true>, name: string): string | undefined {
  const v = options[name];
  if (v === true) throw new UsageError(`option --${name} needs a value`);
  return v;
}

/** Run `jixiao score` with explicit streams (tests call this directly). */
export async function runScore(argv: string[], io: ScoreIo): Promise<number> {
  let templateFile: string;
  let dataFile: string;
  let department: string | undefined;
  let departments: string | undefined;
  const context: EvaluationContext = {};
  try {
    const { positionals, options } = parseArgs(argv, ['help']);
    if (options.help === true) {
      io.stdout.write(USAGE);
      return 0;
    }
    const known = new Set(['template', 'data', 'department', 'departments', 'today', 'month']);
    for (const k of Object.keys(options)) if (!known.has(k)) throw new UsageError(`unknown option --${k}`);
    if (positionals.length > 0) throw new UsageError(`unexpected argument ${positionals[0] ?? ''}`);
    const t = option(options, 'template');
    const d = option(options, 'data');
    if (t === undefined || d === undefined) throw new UsageError('--template and --data are required');
    templateFile = t;
    dataFile = d;
    department = option(options, 'department');
    departments = option(options, 'departments');
    if (departments !== undefined && department === undefined) throw new UsageError('--departments needs --department');
    const today = option(options, 'today');
    if (today !== undefined) {
      if (!/^\d{4}-\d{2}-\d{2}$/.test(today) || parseDateText(today) === undefined) throw new UsageError(`--today must be a date YYYY-MM-DD, got "${today}"`);
      context.today = today;
    }
    const month = option(options, 'month');
    if (month !== undefined) {
      const m = Number(month);
      if (!/^\d{1,2}$/.test(month) || m < 1 || m > 12) throw new UsageError(`--month must be 1–12, got "${month}"`);
      context.month = m;
    }
    if (department !== undefined) context.department = department;
  } catch (e) {
    if (e instanceof UsageError) {
      io.stderr.write(`jixiao score: ${e.message}\n\n${USAGE}`);
      return 2;
    }
    throw e;
  }

  try {
    const raw = readJson(templateFile, '模板');
    const diagnostics = validateTemplate(raw);
    if (hasErrors(diagnostics)) {
      const errors = diagnostics.filter((x) => x.severity === 'error');
      io.stderr.write(`jixiao score: 模板无效，共 ${errors.length} 个错误\n${diagnostics.map((x) => formatDiagnostic(templateFile, x)).join('\n')}\n`);
      return 1;
    }
    let template = raw as Template;
    if (department !== undefined) {
      const tree = departmentTree(templateFile, departments);
      try {
        template = resolveTemplate(template, department, tree);
      } catch (e) {
        throw new InputError(`${templateFile}#/variants: 无法按部门 "${department}" 解析模板: ${(e as Error).message}`);
      }
      const resolved = validateTemplate(template);
      if (hasErrors(resolved)) {
        io.stderr.write(`jixiao score: 部门 ${department} 的模板变体无效\n${resolved.map((x) => formatDiagnostic(`${templateFile} [${department}]`, x)).join('\n')}\n`);
        return 1;
      }
    }
    const data = readJson(dataFile, '数据');
    if (data === null || typeof data !== 'object' || Array.isArray(data)) throw new InputError(`${dataFile}: 数据应为 JSON 对象`);
    const result = score(template, data, context);
    const out: Record<string, unknown> = { values: result.values, scores: result.scores, total: result.total, grade: result.grade, trace: result.trace };
    if (result.hidden.length > 0) out.hidden = result.hidden;
    if (result.required.length > 0) out.required = result.required;
    if (result.diagnostics.length > 0) out.diagnostics = result.diagnostics;
    io.stdout.write(`${JSON.stringify(out)}\n`);
    if (hasErrors(result.diagnostics)) {
      io.stderr.write(`${result.diagnostics.map((x) => formatDiagnostic(dataFile, x)).join('\n')}\n`);
      return 1;
    }
    return 0;
  } catch (e) {
    if (e instanceof InputError) {
      io.stderr.write(`jixiao score: ${e.message}\n`);
      return 1;
    }
    throw e;
  }
}

export const scoreCommand: Command = {
  summary: 'score a submission: values, scores, total, grade and the explanation trace',
  run: (argv) => runScore(argv, { stdout: process.stdout, stderr: process.stderr }),
};
