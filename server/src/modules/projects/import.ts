/**
 * Excel import of projects and budgets (exceljs): the first worksheet, header row in Chinese,
 * one project per row. All or nothing: every row is checked first, and any problem is a 422
 * listing `{row, column, message}` for each (403 OUT_OF_SCOPE, listing the rows, when a row
 * names a department or an existing project outside the user's scope); otherwise every row is
 * written in one transaction.
 * A row whose 年度 + 项目编码 exists updates that project (budget figures, names…); others create.
 */
import ExcelJS from 'exceljs';
import type { Knex } from 'knex';
import { now } from '../../db/time';
import { ForbiddenError, HttpError, type FieldProblem } from '../../http/errors';
import { inScope } from '../../http/scope';
import type { Scope } from '../../http/types';
import { recordAudit, type Actor } from '../audit/service';
import * as spendingSummary from '../monitoring/summary';
import * as orgRepo from '../org/repo';
import * as repo from './repo';
import { BUDGET_TYPES, SOURCE_NAMES, placeOf, projectView, readProjectInput } from './service';

interface Column {
  header: string;
  key: string;
  required?: boolean;
  kind: 'text' | 'int' | 'money' | 'date';
  width: number;
  example: string | number;
}

/** The columns of the import sheet, in template order. */
export const IMPORT_COLUMNS: readonly Column[] = [
  { header: '项目编码', key: 'code', required: true, kind: 'text', width: 18, example: 'DQZX-2025-001' },
  { header: '项目名称', key: 'name', required: true, kind: 'text', width: 30, example: '党群服务中心运行经费' },
  { header: '部门编码', key: 'department', required: true, kind: 'text', width: 12, example: 'DQZX' },
  { header: '年度', key: 'fiscalYear', required: true, kind: 'int', width: 8, example: 2025 },
  { header: '预算类型', key: 'budgetType', required: true, kind: 'text', width: 16, example: '一般公共预算' },
  { header: '项目类型', key: 'projectType', kind: 'text', width: 20, example: '日常支出及人员公用经费' },
  { header: '本年度申请资金', key: 'requested', kind: 'money', width: 16, example: 4249000 },
  { header: '年初预算数', key: 'initialBudget', kind: 'money', width: 14, example: 376000 },
  { header: '调整数', key: 'adjustment', kind: 'money', width: 14, example: -1675000 },
  { header: '分类', key: 'category', kind: 'text', width: 12, example: '' },
  { header: '资金用途', key: 'fundUse', kind: 'text', width: 16, example: '' },
  { header: '项目属性', key: 'attribute', kind: 'text', width: 10, example: '延续' },
  { header: '开始日期', key: 'periodStart', kind: 'date', width: 12, example: '2025-01-01' },
  { header: '结束日期', key: 'periodEnd', kind: 'date', width: 12, example: '2025-12-31' },
  ...SOURCE_NAMES.map((s): Column => ({ header: s, key: `source:${s}`, kind: 'money', width: 12, example: s === '财政拨款' ? 2374000 : '' })),
];

export interface ImportProblem extends FieldProblem {
  /** Excel row number (1 = header row). */
  row: number;
  /** The column's header text. */
  column: string;
}

export interface ImportResult {
  rows: number;
  created: number;
  updated: number;
  items: { row: number; id: number; code: string; fiscalYear: number; action: 'create' | 'update' }[];
}

const isRecord = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v);

/** A cell's value as plain data: text, number, boolean, Date or null (formulas → their result). */
function plain(v: unknown): unknown {
  if (v === null || v === undefined) return null;
  if (v instanceof Date || typeof v === 'string' || typeof v === 'number' || typeof v === 'boolean') return v;
  if (isRecord(v)) {
    if ('result' in v) return plain(v.result);
    if (Array.isArray(v.richText)) return v.richText.map((r: unknown) => (isRecord(r) && typeof r.text === 'string' ? r.text : '')).join('');
    if (typeof v.text === 'string') return v.text;
    if ('error' in v) return { error: String(v.error) };
  }
  return null;
}

const isBlank = (v: unknown): boolean => v === null || (typeof v === 'string' && v.trim() === '');

/** Excel → the JSON input of readProjectInput, or a problem message. */
function convert(col: Column, v: unknown): { value: unknown } | { error: string } {
  if (isBlank(v)) return { value: undefined };
  if (isRecord(v)) return { error: `单元格是错误值 ${String(v.error)}` };
  switch (col.kind) {
    case 'text':
      if (v instanceof Date) return { error: '应为文本' };
      return { value: String(v).trim() };
    case 'int': {
      const n = typeof v === 'number' ? v : typeof v === 'string' && /^\s*\d+\s*$/.test(v) ? Number(v) : NaN;
      return Number.isInteger(n) ? { value: n } : { error: '应为整数年度，如 2025' };
    }
    case 'money':
      if (typeof v === 'number' || typeof v === 'string') return { value: v };
      return { error: '应为金额（元）' };
    case 'date':
      if (v instanceof Date) return { value: v.toISOString().slice(0, 10) };
      return { value: String(v).trim() };
  }
}

/** Reads the sheet into row inputs; header problems are returned with row 1. */
async function readSheet(buffer: Buffer): Promise<{ rows: { row: number; raw: Record<string, unknown>; badCells: Set<string> }[]; problems: ImportProblem[] }> {
  const wb = new ExcelJS.Workbook();
  try {
    await wb.xlsx.load(buffer as unknown as ArrayBuffer);
  } catch {
    throw new HttpError(422, 'IMPORT_UNREADABLE', '无法读取 Excel 文件（应为 .xlsx）', [{ row: 0, column: '', path: 'file', message: '无法读取 Excel 文件（应为 .xlsx）', code: 'IMPORT_UNREADABLE' }]);
  }
  const ws = wb.worksheets[0];
  const problems: ImportProblem[] = [];
  if (!ws) return { rows: [], problems: [{ row: 0, column: '', path: 'file', message: '文件中没有工作表', code: 'IMPORT_EMPTY' }] };
  const headerAt = new Map<string, number>();
  ws.getRow(1).eachCell((cell, colNumber) => {
    const t = plain(cell.value);
    if (typeof t === 'string' && t.trim() !== '') headerAt.set(t.trim(), colNumber);
  });
  for (const c of IMPORT_COLUMNS) {
    if (c.required && !headerAt.has(c.header)) problems.push({ row: 1, column: c.header, path: `row 1.${c.header}`, message: `缺少列“${c.header}”`, code: 'MISSING_COLUMN' });
  }
  if (problems.length > 0) return { rows: [], problems };

  const rows: { row: number; raw: Record<string, unknown>; badCells: Set<string> }[] = [];
  for (let r = 2; r <= ws.rowCount; r++) {
    const row = ws.getRow(r);
    const cells = IMPORT_COLUMNS.map((c) => {
      const at = headerAt.get(c.header);
      return at === undefined ? null : plain(row.getCell(at).value);
    });
    if (cells.every(isBlank)) continue;
    const raw: Record<string, unknown> = {};
    const badCells = new Set<string>();
    const sources: { source: string; amount: unknown }[] = [];
    IMPORT_COLUMNS.forEach((c, i) => {
      const converted = convert(c, cells[i]);
      if ('error' in converted) {
        problems.push({ row: r, column: c.header, path: `row ${r}.${c.header}`, message: converted.error, code: 'CELL' });
        badCells.add(c.header);
        return;
      }
      if (converted.value === undefined) return;
      if (c.key.startsWith('source:')) sources.push({ source: c.key.slice('source:'.length), amount: converted.value });
      else raw[c.key] = converted.value;
    });
    if (sources.length > 0) raw.sources = sources;
    rows.push({ row: r, raw, badCells });
  }
  if (rows.length === 0 && problems.length === 0) problems.push({ row: 2, column: '', path: 'row 2', message: '文件中没有数据行', code: 'IMPORT_EMPTY' });
  return { rows, problems };
}

/** Which header a readProjectInput path belongs to. */
function columnOf(path: string, raw: Record<string, unknown>): string {
  const key = path.split(/[.[]/)[0] ?? path;
  if (key === 'sources') {
    const m = /^sources\[(\d+)\]/.exec(path);
    const list = raw.sources;
    const s = m && Array.isArray(list) ? (list[Number(m[1])] as { source?: unknown } | undefined) : undefined;
    return typeof s?.source === 'string' ? s.source : '资金来源';
  }
  return IMPORT_COLUMNS.find((c) => c.key === key)?.header ?? key;
}

export async function importProjects(db: Knex, actor: Actor, scope: Scope, buffer: Buffer): Promise<ImportResult> {
  const { rows, problems } = await readSheet(buffer);
  const departments = new Set((await orgRepo.listDepartmentNodes(db)).map((d) => d.code));
  const checked: { row: number; fields: repo.ProjectFields }[] = [];
  const outOfScope: ImportProblem[] = [];
  const seen = new Map<string, number>();
  for (const { row, raw, badCells } of rows) {
    const { fields, problems: rowProblems } = readProjectInput(raw);
    if (badCells.size > 0) rowProblems.push({ path: '', message: '', code: 'CELL' }); // reported already; keeps the row out
    for (const p of rowProblems) {
      if (p.code === 'CELL') continue;
      const column = columnOf(p.path, raw);
      if (badCells.has(column)) continue;
      problems.push({ row, column, path: `row ${row}.${column}`, message: p.message, code: p.code ?? 'INVALID' });
    }
    if (rowProblems.some((p) => p.path === 'department') || !fields.departmentCode) continue;
    if (!departments.has(fields.departmentCode)) {
      problems.push({ row, column: '部门编码', path: `row ${row}.部门编码`, message: `部门 ${fields.departmentCode} 不存在`, code: 'UNKNOWN_DEPARTMENT' });
    } else if (!inScope(scope, fields.departmentCode)) {
      outOfScope.push({ row, column: '部门编码', path: `row ${row}.部门编码`, message: `部门 ${fields.departmentCode} 不在您的管理范围内`, code: 'OUT_OF_SCOPE' });
    }
    const key = `${fields.fiscalYear}|${fields.code}`;
    const first = seen.get(key);
    if (first !== undefined && fields.code) {
      problems.push({ row, column: '项目编码', path: `row ${row}.项目编码`, message: `与第 ${first} 行的年度和项目编码重复`, code: 'DUPLICATE_ROW' });
    } else seen.set(key, row);
    if (rowProblems.length === 0) checked.push({ row, fields });
  }

  const fail = (list: ImportProblem[]): never => {
    list.sort((a, b) => a.row - b.row);
    if (list.some((p) => p.code === 'OUT_OF_SCOPE')) {
      throw new ForbiddenError('导入文件包含不在您管理范围内的部门或项目，未导入任何数据', 'OUT_OF_SCOPE', list.filter((p) => p.code === 'OUT_OF_SCOPE'));
    }
    throw new HttpError(422, 'IMPORT_INVALID', `导入文件有 ${list.length} 处错误，未导入任何数据`, list);
  };
  // a write outside the scope is a 403 (listing the rows), whatever else is wrong
  if (outOfScope.length > 0) fail(outOfScope);
  if (problems.length > 0) fail(problems);

  return db.transaction(async (trx) => {
    const result: ImportResult = { rows: checked.length, created: 0, updated: 0, items: [] };
    const late: ImportProblem[] = [];
    const at = now();
    for (const { row, fields } of checked) {
      const existing = await repo.findByCode(trx, fields.fiscalYear, fields.code);
      if (existing) {
        if (!inScope(scope, existing.departmentCode)) {
          late.push({ row, column: '项目编码', path: `row ${row}.项目编码`, message: '已有同编码项目，且不在您的管理范围内', code: 'OUT_OF_SCOPE' });
          continue;
        }
        if (existing.departmentCode !== fields.departmentCode && (await repo.countSubmissions(trx, existing.id)) > 0) {
          late.push({ row, column: '部门编码', path: `row ${row}.部门编码`, message: '项目已有填报，不能更换部门', code: 'PROJECT_HAS_SUBMISSIONS' });
          continue;
        }
        await repo.updateProject(trx, existing.id, existing.rowVersion, { ...fields, status: existing.status }, at);
        await spendingSummary.moveProject(trx, existing.id, placeOf(existing), placeOf(fields));
        const after = projectView((await repo.getProject(trx, existing.id)) as repo.ProjectRecord);
        await recordAudit(trx, actor, { entityType: 'project', entityId: existing.id, action: 'import-update', before: projectView(existing), after });
        result.updated++;
        result.items.push({ row, id: existing.id, code: fields.code, fiscalYear: fields.fiscalYear, action: 'update' });
      } else {
        const id = await repo.insertProject(trx, fields, actor.username, at);
        const after = projectView((await repo.getProject(trx, id)) as repo.ProjectRecord);
        await recordAudit(trx, actor, { entityType: 'project', entityId: id, action: 'import-create', after });
        result.created++;
        result.items.push({ row, id, code: fields.code, fiscalYear: fields.fiscalYear, action: 'create' });
      }
    }
    if (late.length > 0) fail(late); // rolls the transaction back
    return result;
  });
}

/** The import template: the header row, one example row, a list of budget types, and notes. */
export async function importTemplate(): Promise<Buffer> {
  const wb = new ExcelJS.Workbook();
  wb.creator = 'Jixiao';
  const ws = wb.addWorksheet('项目');
  ws.columns = IMPORT_COLUMNS.map((c) => ({ header: c.header, key: c.key, width: c.width }));
  ws.getRow(1).font = { bold: true };
  ws.addRow(IMPORT_COLUMNS.map((c) => c.example));
  const budgetCol = IMPORT_COLUMNS.findIndex((c) => c.key === 'budgetType') + 1;
  const attrCol = IMPORT_COLUMNS.findIndex((c) => c.key === 'attribute') + 1;
  for (let r = 2; r <= 1000; r++) {
    ws.getCell(r, budgetCol).dataValidation = { type: 'list', allowBlank: false, formulae: [`"${BUDGET_TYPES.join(',')}"`] };
    ws.getCell(r, attrCol).dataValidation = { type: 'list', allowBlank: true, formulae: ['"新增,延续"'] };
  }
  const notes = wb.addWorksheet('说明');
  const lines = [
    '第一个工作表为项目数据，第一行是列名（请勿修改），每行一个项目。',
    '必填列：项目编码、项目名称、部门编码、年度、预算类型。',
    `预算类型：${BUDGET_TYPES.join('、')}。项目属性：新增、延续。`,
    '金额单位为元，最多两位小数；调整后预算数 = 本年度申请资金 + 调整数，由系统计算。',
    `资金来源列（${SOURCE_NAMES.join('、')}）填写金额即记为该来源。`,
    '同一年度已存在的项目编码会更新该项目；任何一行有错误时整个文件都不会导入。',
  ];
  for (const l of lines) notes.addRow([l]);
  notes.getColumn(1).width = 90;
  const out = await wb.xlsx.writeBuffer();
  return Buffer.from(out as ArrayBuffer);
}
