/**
 * The self-evaluation report (绩效自评报告): a submission rendered through its template's report
 * (`reports` entry → Handlebars source stored in template_reports at import) to a printable HTML
 * page.
 *
 * Safety: only escaped `{{ }}` output — a source using `{{{ }}}`, `{{& }}` or partials is refused
 * (422), helpers are limited to Handlebars' built-ins (if, unless, each, with, lookup), and
 * prototype access stays off (Handlebars ≥ 4.6 default). The page is served with a CSP that runs
 * no script at all.
 *
 * Context: `{ title, data, raw, project, submission, generatedAt }` — `data` is the submission's
 * values (computed fields filled in) with every `x-money` field formatted `1,234,567.89`; `raw`
 * the same values unformatted.
 */
import Handlebars from 'handlebars';
import type { Knex } from 'knex';
import { formatFixed, parseDecimalLiteral, round } from '@jixiao/engine';
import { NotFoundError, ValidationError } from '../../http/errors';
import type { Scope } from '../../http/types';
import * as orgRepo from '../org/repo';
import { getSubmissionInScope, STATUS_LABELS } from '../submissions/service';
import { loadResolvedTemplate } from '../submissions/compute';
import * as monitoringRepo from '../monitoring/repo';
import { groupThousands } from '../monitoring/figures';
import { getTemplateReport } from './repo';

const isRecord = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v);

/** Unescaped output (`{{{x}}}`, `{{&x}}`, with or without `~`) and partials (`{{> p}}`). */
const UNSAFE = /\{\{~?\s*(\{|&|>)/;

export const BUILTIN_HELPERS = { if: true, unless: true, each: true, with: true, lookup: true, log: false, blockHelperMissing: true, helperMissing: true } as const;

/** Compiles a report source, refusing unescaped output; author mistakes → 422. */
export function compileReport(source: string, where: string): HandlebarsTemplateDelegate {
  const m = UNSAFE.exec(source);
  if (m) {
    const line = source.slice(0, m.index).split('\n').length;
    throw ValidationError.single(where, `报告模板第 ${line} 行使用了不转义的输出或局部模板（${m[0]}），只允许 {{ }}`, 'REPORT_TEMPLATE_UNSAFE');
  }
  const hb = Handlebars.create();
  try {
    // precompile parses everything now, so syntax errors surface here rather than at render time
    hb.precompile(source, { knownHelpersOnly: true, knownHelpers: BUILTIN_HELPERS });
    return hb.compile(source, { knownHelpersOnly: true, knownHelpers: BUILTIN_HELPERS, noEscape: false, strict: false });
  } catch (err) {
    throw ValidationError.single(where, `报告模板有语法错误：${err instanceof Error ? err.message.split('\n')[0] : String(err)}`, 'REPORT_TEMPLATE_INVALID');
  }
}

/** A money value as 1,234,567.89 (numbers and decimal text; anything else unchanged). */
export function formatMoney(v: unknown): unknown {
  const text = typeof v === 'number' && Number.isFinite(v) ? String(v) : typeof v === 'string' ? v.trim() : null;
  if (text === null || !/^[+-]?\d+(\.\d+)?(e[+-]?\d+)?$/i.test(text)) return v;
  return groupThousands(formatFixed(round(parseDecimalLiteral(text), 2, 'half-up'), 2));
}

/** The value with every field the schema marks `x-money` formatted; walks objects and arrays. */
export function formatMoneyFields(schema: unknown, value: unknown): unknown {
  if (!isRecord(schema)) return value;
  if (schema['x-money'] === true) return formatMoney(value);
  if (Array.isArray(value)) return value.map((item) => formatMoneyFields(schema.items, item));
  if (isRecord(value) && isRecord(schema.properties)) {
    const props = schema.properties;
    const out: Record<string, unknown> = {};
    for (const [k, v] of Object.entries(value)) out[k] = formatMoneyFields(props[k], v);
    return out;
  }
  return value;
}

const PRINT_CSS = `<style>
@media print { @page { size: A4; margin: 1.8cm; } body { margin: 0; } .no-print { display: none !important; } table, tr, td, th { page-break-inside: avoid; } }
@media screen { body { max-width: 60rem; margin: 2rem auto; padding: 0 1rem; } }
body { font-family: "SimSun", "Songti SC", "Noto Serif CJK SC", serif; color: #000; }
table { border-collapse: collapse; }
</style>`;

const escapeHtml = (s: string): string => s.replace(/[&<>"']/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[c] as string);

/** A full printable page: the rendered body, or the rendered document with the print CSS added. */
export function printablePage(rendered: string, title: string): string {
  if (/<html[\s>]/i.test(rendered)) {
    const head = /<\/head>/i.exec(rendered);
    if (head) return `${rendered.slice(0, head.index)}${PRINT_CSS}\n${rendered.slice(head.index)}`;
    return rendered.replace(/<html([^>]*)>/i, `<html$1><head><meta charset="utf-8">${PRINT_CSS}</head>`);
  }
  return `<!doctype html>\n<html lang="zh-CN">\n<head>\n<meta charset="utf-8">\n<title>${escapeHtml(title)}</title>\n${PRINT_CSS}\n</head>\n<body>\n${rendered}\n</body>\n</html>\n`;
}

/** A total stored × 10⁴ as text with 2 decimals, half away from zero. */
export function e4Text(e4: bigint): string {
  const neg = e4 < 0n;
  const cents = ((neg ? -e4 : e4) + 50n) / 100n;
  return `${neg && cents !== 0n ? '-' : ''}${cents / 100n}.${(cents % 100n).toString().padStart(2, '0')}`;
}

export interface RenderedReport {
  html: string;
  fileName: string;
}

/** The report of submission `id` (in scope, else 404); `name` picks one of the template's reports. */
export async function renderSubmissionReport(db: Knex, scope: Scope, id: number, name?: string, today: Date = new Date()): Promise<RenderedReport> {
  const s = await getSubmissionInScope(db, scope, id);
  // the template as the submission's department fills it (its variant's fields and money marks)
  const template: unknown = await loadResolvedTemplate(db, s.templateId, s.templateVersion, s.departmentCode, scope.tree);
  const reports = isRecord(template) && isRecord(template.reports) ? Object.keys(template.reports) : [];
  const chosen = name ?? (reports.includes('self-eval') ? 'self-eval' : reports[0]);
  if (chosen === undefined || !reports.includes(chosen)) throw new NotFoundError(`模板 ${s.templateId}@${s.templateVersion} 没有报告${name ? ` ${name}` : ''}`, 'REPORT_NOT_FOUND');
  const stored = await getTemplateReport(db, s.templateId, s.templateVersion, chosen);
  if (!stored) throw new NotFoundError(`模板 ${s.templateId}@${s.templateVersion} 的报告 ${chosen} 未导入`, 'REPORT_NOT_FOUND');
  const render = compileReport(stored.source, `reports.${chosen}`);

  const raw = s.values ?? s.data;
  const schema = isRecord(template) ? template.schema : undefined;
  const project = await monitoringRepo.getProject(db, s.projectId);
  const department = await orgRepo.getDepartment(db, s.departmentCode);
  const title = isRecord(template) && typeof template.title === 'string' ? template.title : '绩效自评报告';
  const context = {
    title,
    data: formatMoneyFields(schema, raw),
    raw,
    project: project
      ? { id: project.id, code: project.code, name: project.name, department: s.departmentCode, departmentName: department?.name ?? s.departmentCode, fiscalYear: project.fiscalYear }
      : null,
    submission: {
      id: s.id,
      kind: s.kind,
      status: s.status,
      statusText: STATUS_LABELS[s.status],
      total: s.totalE4 === null ? null : e4Text(s.totalE4),
      grade: s.grade,
      period: s.period,
      templateId: s.templateId,
      templateVersion: s.templateVersion,
    },
    generatedAt: today.toISOString().slice(0, 10),
  };
  let html: string;
  try {
    html = render(context, { allowProtoPropertiesByDefault: false, allowProtoMethodsByDefault: false });
  } catch (err) {
    throw ValidationError.single(`reports.${chosen}`, `报告模板无法生成：${err instanceof Error ? err.message.split('\n')[0] : String(err)}`, 'REPORT_TEMPLATE_INVALID');
  }
  const projectName = project?.name ?? `填报 ${s.id}`;
  return { html: printablePage(html, `${projectName} ${title}`), fileName: `${projectName}-${title}.html` };
}
