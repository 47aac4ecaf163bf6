/**
 * Projects (项目库): CRUD in the department scope, optimistic row version, money in 元 on the
 * wire (≤ 2 decimals, decimal text or number) and 分 in the database.
 */
import type { Knex } from 'knex';
import { fenToYuanText, yuanToFen } from '../../db/money';
import { now } from '../../db/time';
import { ConflictError, ForbiddenError, NotFoundError, ValidationError, type FieldProblem } from '../../http/errors';
import { inScope } from '../../http/scope';
import type { Scope } from '../../http/types';
import { recordAudit, type Actor } from '../audit/service';
import * as spendingSummary from '../monitoring/summary';
import * as orgRepo from '../org/repo';
import { subtreeCodes } from '../org/tree';
import * as repo from './repo';

export type { ProjectRecord, ProjectFields, SourceAmount } from './repo';

export const BUDGET_TYPES = ['一般公共预算', '政府性基金预算', '国有资本经营预算', '社会保险基金预算'] as const;
export const ATTRIBUTES = ['新增', '延续'] as const;
export const PROJECT_STATUSES = ['active', 'closed'] as const;
/** Funding-source names offered by the import template (any name is accepted through the API). */
export const SOURCE_NAMES = ['财政拨款', '上年结转', '其他资金', '财政专户', '单位资金'] as const;
export const PROJECT_CODE = /^[A-Za-z0-9_.\-]{1,64}$/;

/** |amount| must stay below 10¹³ 元 (fen stay safe integers). */
const MAX_FEN = 10n ** 15n;

// ---- input checks shared by the API and the Excel import -----------------------------------

/** An amount in 元: a number or decimal text (thousands commas allowed), at most 2 decimals. Returns fen, or a zh-CN problem. */
export function parseYuan(value: unknown): { fen: bigint } | { error: string } {
  let text: string;
  if (typeof value === 'number') {
    if (!Number.isFinite(value)) return { error: '应为金额' };
    text = String(value);
  } else if (typeof value === 'string') {
    text = value.trim().replace(/,/g, '');
  } else return { error: '应为金额（元）' };
  if (!/^[+-]?\d+(\.\d+)?$/.test(text)) return { error: '应为金额（元），如 12345.67' };
  const decimals = text.includes('.') ? (text.split('.')[1] as string).length : 0;
  if (decimals > 2) return { error: '金额最多两位小数' };
  const fen = yuanToFen(text);
  if (fen >= MAX_FEN || fen <= -MAX_FEN) return { error: '金额超出范围' };
  return { fen };
}

export const isDate = (s: string): boolean => {
  if (!/^\d{4}-\d{2}-\d{2}$/.test(s)) return false;
  const d = new Date(`${s}T00:00:00Z`);
  return !Number.isNaN(d.getTime()) && d.toISOString().slice(0, 10) === s;
};

// ---- views -----------------------------------------------------------------------------------

export interface ProjectView {
  id: number;
  code: string;
  name: string;
  department: string;
  fiscalYear: number;
  budgetType: string;
  projectType: string | null;
  category: string | null;
  fundUse: string | null;
  attribute: string | null;
  periodStart: string | null;
  periodEnd: string | null;
  /** Amounts in 元 as decimal text with two decimals. */
  requested: string;
  initialBudget: string;
  adjustment: string;
  adjusted: string;
  sources: { source: string; amount: string }[];
  status: string;
  rowVersion: number;
  createdBy: string | null;
  createdAt: string;
  updatedAt: string;
}

export const projectView = (p: repo.ProjectRecord): ProjectView => ({
  id: p.id,
  code: p.code,
  name: p.name,
  department: p.departmentCode,
  fiscalYear: p.fiscalYear,
  budgetType: p.budgetType,
  projectType: p.projectType,
  category: p.category,
  fundUse: p.fundUse,
  attribute: p.attribute,
  periodStart: p.periodStart,
  periodEnd: p.periodEnd,
  requested: fenToYuanText(p.requestedFen),
  initialBudget: fenToYuanText(p.initialBudgetFen),
  adjustment: fenToYuanText(p.adjustmentFen),
  adjusted: fenToYuanText(p.adjustedFen),
  sources: p.sources.map((s) => ({ source: s.source, amount: fenToYuanText(s.amountFen) })),
  status: p.status,
  rowVersion: p.rowVersion,
  createdBy: p.createdBy,
  createdAt: p.createdAt,
  updatedAt: p.updatedAt,
});

// ---- reading an input object -----------------------------------------------------------------

const isRecord = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v);

const PROJECT_KEYS: Record<string, true> = {
  code: true, name: true, department: true, fiscalYear: true, budgetType: true, projectType: true, category: true, fundUse: true,
  attribute: true, periodStart: true, periodEnd: true, requested: true, initialBudget: true, adjustment: true, sources: true, status: true,
  rowVersion: true,
};
/** Keys of the project view a client may send back unchanged; they are ignored. */
const READ_ONLY_KEYS: Record<string, true> = { id: true, adjusted: true, createdBy: true, createdAt: true, updatedAt: true, submissions: true };

/**
 * Reads project fields from a JSON object. With `base` (an update) absent keys keep the base
 * value; without it, code/name/department/fiscalYear/budgetType are required. Every problem is
 * collected.
 */
export function readProjectInput(raw: Record<string, unknown>, base?: repo.ProjectFields): { fields: repo.ProjectFields; problems: FieldProblem[] } {
  const problems: FieldProblem[] = [];
  const problem = (path: string, message: string, code = 'INVALID'): void => void problems.push({ path, message, code });
  const has = (k: string): boolean => raw[k] !== undefined;
  for (const k of Object.keys(raw)) if (!PROJECT_KEYS[k] && !READ_ONLY_KEYS[k]) problem(k, '未知字段', 'UNKNOWN_FIELD');

  const text = (k: string, max: number, required: boolean, fallback: string | null): string | null => {
    if (!has(k)) {
      if (required && base === undefined) problem(k, '必填', 'REQUIRED');
      return fallback;
    }
    const v = raw[k];
    if (v === null || v === '') {
      if (required) problem(k, '必填', 'REQUIRED');
      return null;
    }
    if (typeof v !== 'string') {
      problem(k, '应为文本', 'TYPE');
      return fallback;
    }
    const t = v.trim();
    if (t === '' && required) problem(k, '必填', 'REQUIRED');
    if (t.length > max) problem(k, `最多 ${max} 个字符`, 'TOO_LONG');
    return t === '' ? null : t;
  };
  const money = (k: string, fallback: bigint): bigint => {
    if (!has(k) || raw[k] === null || raw[k] === '') return fallback;
    const r = parseYuan(raw[k]);
    if ('error' in r) {
      problem(k, r.error, 'AMOUNT');
      return fallback;
    }
    return r.fen;
  };

  const code = text('code', 64, true, base?.code ?? '') ?? '';
  if (code && !PROJECT_CODE.test(code)) problem('code', '项目编码只能包含字母、数字、点、下划线和连字符（最多 64 个）', 'PATTERN');
  const name = text('name', 300, true, base?.name ?? '') ?? '';
  const departmentCode = text('department', 64, true, base?.departmentCode ?? '') ?? '';

  let fiscalYear = base?.fiscalYear ?? 0;
  if (has('fiscalYear')) {
    const y = raw.fiscalYear;
    if (typeof y !== 'number' || !Number.isInteger(y) || y < 1900 || y > 9999) problem('fiscalYear', '年度应为四位整数', 'TYPE');
    else fiscalYear = y;
  } else if (!base) problem('fiscalYear', '必填', 'REQUIRED');

  const budgetType = text('budgetType', 32, true, base?.budgetType ?? '') ?? '';
  if (budgetType && !(BUDGET_TYPES as readonly string[]).includes(budgetType)) problem('budgetType', `预算类型应为 ${BUDGET_TYPES.join(' / ')}`, 'ENUM');
  const attribute = text('attribute', 16, false, base?.attribute ?? null);
  if (attribute !== null && !(ATTRIBUTES as readonly string[]).includes(attribute)) problem('attribute', '项目属性应为 新增 / 延续', 'ENUM');
  const status = text('status', 32, false, base?.status ?? 'active') ?? 'active';
  if (!(PROJECT_STATUSES as readonly string[]).includes(status)) problem('status', `状态应为 ${PROJECT_STATUSES.join(' / ')}`, 'ENUM');
  const periodStart = text('periodStart', 10, false, base?.periodStart ?? null);
  if (periodStart !== null && !isDate(periodStart)) problem('periodStart', '日期格式应为 YYYY-MM-DD', 'DATE');
  const periodEnd = text('periodEnd', 10, false, base?.periodEnd ?? null);
  if (periodEnd !== null && !isDate(periodEnd)) problem('periodEnd', '日期格式应为 YYYY-MM-DD', 'DATE');
  if (periodStart && periodEnd && isDate(periodStart) && isDate(periodEnd) && periodEnd < periodStart) problem('periodEnd', '结束日期不能早于开始日期', 'DATE_ORDER');

  let sources = base?.sources ?? [];
  if (has('sources') && raw.sources !== null) {
    if (!Array.isArray(raw.sources)) problem('sources', '应为列表', 'TYPE');
    else {
      sources = [];
      raw.sources.forEach((s: unknown, i: number) => {
        if (!isRecord(s)) return problem(`sources[${i}]`, '应为 {source, amount}', 'TYPE');
        if (typeof s.source !== 'string' || s.source.trim() === '' || s.source.length > 64) problem(`sources[${i}].source`, '资金来源名称必填（最多 64 个字符）', 'REQUIRED');
        const r = parseYuan(s.amount);
        if ('error' in r) problem(`sources[${i}].amount`, r.error, 'AMOUNT');
        else if (typeof s.source === 'string') sources.push({ source: s.source.trim(), amountFen: r.fen });
      });
    }
  } else if (has('sources')) sources = [];

  const fields: repo.ProjectFields = {
    code,
    name,
    departmentCode,
    fiscalYear,
    budgetType,
    projectType: text('projectType', 100, false, base?.projectType ?? null),
    category: text('category', 100, false, base?.category ?? null),
    fundUse: text('fundUse', 200, false, base?.fundUse ?? null),
    attribute,
    periodStart,
    periodEnd,
    requestedFen: money('requested', base?.requestedFen ?? 0n),
    initialBudgetFen: money('initialBudget', base?.initialBudgetFen ?? 0n),
    adjustmentFen: money('adjustment', base?.adjustmentFen ?? 0n),
    sources,
    status,
  };
  const adjusted = fields.requestedFen + fields.adjustmentFen;
  if (adjusted >= MAX_FEN || adjusted <= -MAX_FEN) problem('adjustment', '调整后金额超出范围', 'AMOUNT');
  return { fields, problems };
}

// ---- operations ------------------------------------------------------------------------------

export interface ProjectFilter {
  year?: number;
  department?: string;
  status?: string;
  budgetType?: string;
  keyword?: string;
  page: number;
  pageSize: number;
}

export interface ProjectPage {
  items: ProjectView[];
  total: number;
  page: number;
  pageSize: number;
}

export async function listProjects(db: Knex, scope: Scope, f: ProjectFilter): Promise<ProjectPage> {
  let departments: string[] | null = scope.all ? null : [...scope.codes];
  if (f.department) {
    const below = subtreeCodes(await orgRepo.listDepartmentNodes(db), f.department);
    departments = below.filter((c) => inScope(scope, c));
  }
  const { items, total } = await repo.listProjects(db, {
    departments,
    ...(f.year !== undefined ? { year: f.year } : {}),
    ...(f.status ? { status: f.status } : {}),
    ...(f.budgetType ? { budgetType: f.budgetType } : {}),
    ...(f.keyword ? { keyword: f.keyword } : {}),
    limit: f.pageSize,
    offset: (f.page - 1) * f.pageSize,
  });
  return { items: items.map(projectView), total, page: f.page, pageSize: f.pageSize };
}

/** The project if it exists and is in scope; else 404 (reads do not reveal existence). */
export async function getProjectInScope(db: Knex, scope: Scope, id: number): Promise<repo.ProjectRecord> {
  const p = await repo.getProject(db, id);
  if (!p || !inScope(scope, p.departmentCode)) throw new NotFoundError('项目不存在', 'PROJECT_NOT_FOUND');
  return p;
}

/** For writes: 404 when it does not exist, 403 when it is outside the scope. */
export async function getProjectForWrite(db: Knex, scope: Scope, id: number): Promise<repo.ProjectRecord> {
  const p = await repo.getProject(db, id);
  if (!p) throw new NotFoundError('项目不存在', 'PROJECT_NOT_FOUND');
  assertWritable(scope, p.departmentCode);
  return p;
}

/** Where a project's entries and payments count in the dashboard summary. */
export const placeOf = (p: Pick<repo.ProjectFields, 'departmentCode' | 'fiscalYear' | 'budgetType'>): spendingSummary.ProjectPlace => ({
  department: p.departmentCode,
  fiscalYear: p.fiscalYear,
  budgetType: p.budgetType,
});

export function assertWritable(scope: Scope, department: string): void {
  if (!inScope(scope, department)) throw new ForbiddenError('该部门不在您的管理范围内', 'OUT_OF_SCOPE', { department });
}

async function checkDepartment(db: Knex, code: string, path = 'department'): Promise<void> {
  if (!(await orgRepo.getDepartment(db, code))) throw ValidationError.single(path, `部门 ${code} 不存在`, 'UNKNOWN_DEPARTMENT');
}

export async function createProject(db: Knex, actor: Actor, scope: Scope, raw: Record<string, unknown>): Promise<ProjectView> {
  const { fields, problems } = readProjectInput(raw);
  if (problems.length > 0) throw new ValidationError(problems);
  await checkDepartment(db, fields.departmentCode);
  assertWritable(scope, fields.departmentCode);
  return db.transaction(async (trx) => {
    if (await repo.findByCode(trx, fields.fiscalYear, fields.code)) {
      throw new ConflictError(`${fields.fiscalYear} 年度已有项目编码 ${fields.code}`, 'PROJECT_CODE_TAKEN', { code: fields.code, fiscalYear: fields.fiscalYear });
    }
    const id = await repo.insertProject(trx, fields, actor.username, now());
    const after = projectView((await repo.getProject(trx, id)) as repo.ProjectRecord);
    await recordAudit(trx, actor, { entityType: 'project', entityId: id, action: 'create', after });
    return after;
  });
}

export async function updateProject(db: Knex, actor: Actor, scope: Scope, id: number, rowVersion: number, raw: Record<string, unknown>): Promise<ProjectView> {
  return db.transaction(async (trx) => {
    const before = await getProjectForWrite(trx, scope, id);
    const { fields, problems } = readProjectInput(raw, before);
    if (problems.length > 0) throw new ValidationError(problems);
    if (fields.departmentCode !== before.departmentCode) {
      await checkDepartment(trx, fields.departmentCode);
      assertWritable(scope, fields.departmentCode);
      if ((await repo.countSubmissions(trx, id)) > 0) {
        throw ValidationError.single('department', '项目已有填报，不能更换部门', 'PROJECT_HAS_SUBMISSIONS');
      }
    }
    if ((fields.code !== before.code || fields.fiscalYear !== before.fiscalYear) && (await repo.findByCode(trx, fields.fiscalYear, fields.code))) {
      throw new ConflictError(`${fields.fiscalYear} 年度已有项目编码 ${fields.code}`, 'PROJECT_CODE_TAKEN', { code: fields.code, fiscalYear: fields.fiscalYear });
    }
    const changed = await repo.updateProject(trx, id, rowVersion, fields, now());
    if (changed === 0) {
      throw new ConflictError('项目已被他人修改，请刷新后重试', 'VERSION_CONFLICT', { current: before.rowVersion });
    }
    await spendingSummary.moveProject(trx, id, placeOf(before), placeOf(fields));
    const after = projectView((await repo.getProject(trx, id)) as repo.ProjectRecord);
    await recordAudit(trx, actor, { entityType: 'project', entityId: id, action: 'update', before: projectView(before), after });
    return after;
  });
}

export async function deleteProject(db: Knex, actor: Actor, scope: Scope, id: number): Promise<void> {
  await db.transaction(async (trx) => {
    const before = await getProjectForWrite(trx, scope, id);
    if ((await repo.countSubmissions(trx, id)) > 0) throw new ConflictError('项目已有填报，不能删除', 'PROJECT_HAS_SUBMISSIONS');
    await spendingSummary.moveProject(trx, id, placeOf(before), null); // its entries and payments go with it (ON DELETE CASCADE)
    await repo.deleteProject(trx, id);
    await recordAudit(trx, actor, { entityType: 'project', entityId: id, action: 'delete', before: projectView(before) });
  });
}
