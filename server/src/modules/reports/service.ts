/**
 * Reports (报表): the home dashboard (各单位支出明细, seed 000), 进度排名, 项目情况, 已调整项目,
 * 趋势图 and 数据明细 — each as JSON (exact decimal strings + display text) and as a table for the
 * .xlsx export. Figures come from monitoring (figures.ts): SQL sums in 分, exact ratios,
 * percentages truncated to 2 decimals, warning lights from the engine by the pack's rule.
 *
 * A report is "for a department": its units are the department itself (its own projects) and each
 * of its direct children (with everything below them), keeping those with projects in the year.
 *
 * `budgetType` (one of the four budgets) keeps the projects of that budget only, in every figure
 * (the spending_monthly summary is kept per budget type as well).
 */
import type { Knex } from 'knex';
import type { WarningRule } from '@jixiao/engine';
import { NotFoundError } from '../../http/errors';
import { yuanToFen } from '../../db/money';
import { inScope } from '../../http/scope';
import type { Scope } from '../../http/types';
import * as orgRepo from '../org/repo';
import { subtreeCodes } from '../org/tree';
import * as repo from '../monitoring/repo';
import * as summary from '../monitoring/summary';
import { amountsOf, asOfMonth, ruleResolver, type RuleRequest } from '../monitoring/service';
import {
  addAmounts,
  amountsView,
  compareProgress,
  moneyText,
  moneyValue,
  percentText,
  percentTruncated,
  ranks,
  timeProgress,
  warningOf,
  ZERO_AMOUNTS,
  type Amounts,
  type AmountsView,
  type WarningView,
} from '../monitoring/figures';
import type { ReportTable } from './xlsx';

export interface DepartmentRef {
  code: string;
  name: string;
}

interface Context {
  department: DepartmentRef;
  /** unit code → unit (the department itself or one of its children), in tree order. */
  units: DepartmentRef[];
  unitOf: Map<string, string>;
  names: Map<string, string>;
  codes: string[];
}

/** The department (in scope, else 404), its units and the codes below it. */
async function reportContext(db: Knex, scope: Scope, department: string): Promise<Context> {
  const nodes = await orgRepo.listDepartmentNodes(db);
  const node = nodes.find((n) => n.code === department);
  if (!node || !inScope(scope, department)) throw new NotFoundError('部门不存在', 'DEPARTMENT_NOT_FOUND');
  const names = new Map(nodes.map((n) => [n.code, n.name]));
  const unitOf = new Map<string, string>([[department, department]]);
  const units: DepartmentRef[] = [{ code: department, name: node.name }];
  for (const child of nodes.filter((n) => n.parentCode === department && n.code !== department)) {
    units.push({ code: child.code, name: child.name });
    for (const c of subtreeCodes(nodes, child.code)) if (!unitOf.has(c)) unitOf.set(c, child.code);
  }
  return { department: { code: department, name: node.name }, units, unitOf, names, codes: [...unitOf.keys()] };
}

/** The report's projects: those of one budget (预算类型) only, or every one. */
export interface BudgetTypeFilter {
  budgetType?: string;
}

export interface ReportQuery extends BudgetTypeFilter {
  department: string;
  year: number;
  month?: number;
  rule?: RuleRequest;
}

/** What a report answers about its filter: the budget type, null = every budget. */
interface Filtered {
  budgetType: string | null;
}

const filteredBy = (f: BudgetTypeFilter): Filtered => ({ budgetType: f.budgetType ?? null });

/** The filter alone (for spreading into a project filter; no key when absent). */
const filterOf = (f: BudgetTypeFilter): BudgetTypeFilter => (f.budgetType !== undefined ? { budgetType: f.budgetType } : {});

/**
 * Budget sums per department (SQL GROUP BY, answered from a covering index) and spent per
 * department and month (the spending_monthly summary) of a year's projects under `codes`, of one
 * budget type or of every one.
 */
async function departmentFigures(db: Knex, year: number, codes: readonly string[], f: BudgetTypeFilter): Promise<{ budgets: repo.DepartmentBudget[]; spent: Map<string, Map<number, bigint>> }> {
  const budgets = await repo.budgetByDepartment(db, year, codes, f.budgetType);
  const spent = await summary.spentByDepartmentMonth(db, year, codes, f.budgetType);
  return { budgets, spent };
}

/** The subtitle's head: 当前部门 and, when filtered, 预算类型. */
const subtitleHead = (v: { department: DepartmentRef } & Filtered): string => `当前部门: ${v.department.name}${v.budgetType === null ? '' : `　预算类型: ${v.budgetType}`}`;

export interface UnitRow extends AmountsView {
  department: DepartmentRef;
  projects: number;
  /** 单位预算占部门预算比例: unit adjusted / total adjusted, % truncated. */
  share: string | null;
  /** 年初预算占年初总预算比例. */
  initialShare: string | null;
  warning: WarningView;
  /** 预算执行率排名 (1 = highest progress; equal progress, equal rank). */
  rank: number;
  display: AmountsView['display'] & { share: string; initialShare: string };
}

export interface DashboardView extends Filtered {
  department: DepartmentRef;
  year: number;
  month: number;
  timeProgress: string;
  rule: WarningView['rule'];
  units: UnitRow[];
  total: AmountsView & { projects: number; share: string; display: AmountsView['display'] & { share: string; initialShare: string }; initialShare: string };
}

interface Loaded {
  ctx: Context;
  /** Budget sums per department with projects in the year (SQL GROUP BY). */
  budgets: repo.DepartmentBudget[];
  /** Spent per department and month. */
  spent: Map<string, Map<number, bigint>>;
  month: number;
  rule: WarningRule;
}

async function load(db: Knex, scope: Scope, q: ReportQuery): Promise<Loaded> {
  const ctx = await reportContext(db, scope, q.department);
  const { budgets, spent } = await departmentFigures(db, q.year, ctx.codes, q);
  return { ctx, budgets, spent, month: asOfMonth(q.month, spent), rule: await (await ruleResolver(db, q.year, q.rule))(q.department) };
}

/** Sums per unit (departments folded into their unit) through `month`. */
function unitSums(l: Loaded, month: number): Map<string, { a: Amounts; n: number }> {
  const sums = new Map<string, { a: Amounts; n: number }>();
  for (const b of l.budgets) {
    const unit = l.ctx.unitOf.get(b.department) ?? b.department;
    const a: Amounts = { requestedFen: b.requestedFen, initialFen: b.initialFen, adjustmentFen: b.adjustmentFen, adjustedFen: b.adjustedFen, spentFen: repo.spentThrough(l.spent, b.department, month) };
    const s = sums.get(unit) ?? { a: ZERO_AMOUNTS, n: 0 };
    sums.set(unit, { a: addAmounts(s.a, a), n: s.n + b.projects });
  }
  return sums;
}

/** Units with their sums through the as-of month (only units with projects), in tree order. */
function unitRows(l: Loaded, month: number): UnitRow[] {
  const sums = unitSums(l, month);
  let total = ZERO_AMOUNTS;
  for (const { a } of sums.values()) total = addAmounts(total, a);
  const present = l.ctx.units.filter((u) => sums.has(u.code));
  const amounts = (u: DepartmentRef): Amounts => (sums.get(u.code) as { a: Amounts }).a;
  const byProgress = [...present].sort((x, y) => compareProgress(amounts(x), amounts(y)));
  const rankList = ranks(byProgress, (x, y) => compareProgress(amounts(x), amounts(y)));
  const rankOf = new Map(byProgress.map((u, i) => [u.code, rankList[i] as number]));
  return present.map((u) => {
    const { a, n } = sums.get(u.code) as { a: Amounts; n: number };
    const view = amountsView(a);
    const share = percentTruncated(a.adjustedFen, total.adjustedFen);
    const initialShare = percentTruncated(a.initialFen, total.initialFen);
    return {
      department: u,
      projects: n,
      ...view,
      share,
      initialShare,
      warning: warningOf(a.spentFen, a.adjustedFen, month, l.rule),
      rank: rankOf.get(u.code) as number,
      display: { ...view.display, share: percentText(share), initialShare: percentText(initialShare) },
    };
  });
}

function totalRow(l: Loaded, month: number): DashboardView['total'] {
  let total = ZERO_AMOUNTS;
  let count = 0;
  for (const { a, n } of unitSums(l, month).values()) {
    total = addAmounts(total, a);
    count += n;
  }
  const view = amountsView(total);
  const share = total.adjustedFen === 0n ? '0.00' : '100.00';
  const initialShare = total.initialFen === 0n ? '0.00' : '100.00';
  return { ...view, projects: count, share, initialShare, display: { ...view.display, share: percentText(share), initialShare: percentText(initialShare) } };
}

/** 首页: 部门预算情况, 各单位预算占比, 各单位支出进度, 各单位支出明细. */
export async function dashboard(db: Knex, scope: Scope, q: ReportQuery): Promise<DashboardView> {
  const l = await load(db, scope, q);
  return {
    department: l.ctx.department,
    ...filteredBy(q),
    year: q.year,
    month: l.month,
    timeProgress: timeProgress(l.month),
    rule: warningOf(0n, 0n, 1, l.rule).rule,
    units: unitRows(l, l.month),
    total: totalRow(l, l.month),
  };
}

export function dashboardTable(v: DashboardView): ReportTable {
  const rows: ReportTable['rows'] = v.units.map((u, i) => ({
    dept: i === 0 ? v.department.name : '',
    unit: u.department.name,
    requested: u.requested,
    initialBudget: u.initialBudget,
    adjustment: u.adjustment,
    adjusted: u.adjusted,
    share: u.display.share,
    spent: u.spent,
    progress: u.display.progress,
    status: u.warning.status,
    rank: u.rank,
  }));
  rows.push({
    dept: v.units.length === 0 ? v.department.name : '',
    unit: '总计',
    requested: v.total.requested,
    initialBudget: v.total.initialBudget,
    adjustment: v.total.adjustment,
    adjusted: v.total.adjusted,
    share: v.total.display.share,
    spent: v.total.spent,
    progress: v.total.display.progress,
    status: '--',
    rank: null,
  });
  return {
    title: '各单位支出明细',
    subtitle: `${subtitleHead(v)}　年度: ${v.year}　截至 ${v.month} 月　单位: 元`,
    columns: [
      { key: 'dept', header: '部门', kind: 'text' },
      { key: 'unit', header: '预算单位', kind: 'text' },
      { key: 'requested', header: '本年度申请资金', kind: 'money' },
      { key: 'initialBudget', header: '年初预算数', kind: 'money' },
      { key: 'adjustment', header: '调整数', kind: 'money' },
      { key: 'adjusted', header: '调整后预算数', kind: 'money' },
      { key: 'share', header: '单位预算占部门预算比例', kind: 'text' },
      { key: 'spent', header: '实际支出', kind: 'money' },
      { key: 'progress', header: '支出占年度预算比例(%)', kind: 'text' },
      { key: 'status', header: '报警状态', kind: 'text' },
      { key: 'rank', header: '预算执行率排名', kind: 'int' },
    ],
    rows,
  };
}

/** 各单位支出进度: 实际支出数, 余额, 支出进度 per unit (the second table of the home page). */
export function progressTable(v: DashboardView): ReportTable {
  return {
    title: '各单位支出进度',
    subtitle: `${subtitleHead(v)}　年度: ${v.year}　单位: 元`,
    columns: [
      { key: 'unit', header: '预算单位', kind: 'text' },
      { key: 'spent', header: '实际支出数', kind: 'money' },
      { key: 'balance', header: '余额', kind: 'money' },
      { key: 'progress', header: '支出进度', kind: 'text' },
    ],
    rows: v.units.map((u) => ({ unit: u.department.name, spent: u.spent, balance: u.balance, progress: u.display.progress })),
  };
}

// ---- 进度排名

export interface RankingView extends Filtered {
  department: DepartmentRef;
  year: number;
  month: number;
  timeProgress: string;
  items: UnitRow[];
  total: DashboardView['total'];
}

export async function ranking(db: Knex, scope: Scope, q: ReportQuery): Promise<RankingView> {
  const l = await load(db, scope, q);
  const items = unitRows(l, l.month).sort((a, b) => a.rank - b.rank || a.department.code.localeCompare(b.department.code));
  return { department: l.ctx.department, ...filteredBy(q), year: q.year, month: l.month, timeProgress: timeProgress(l.month), items, total: totalRow(l, l.month) };
}

export function rankingTable(v: RankingView): ReportTable {
  return {
    title: '进度排名',
    subtitle: `${subtitleHead(v)}　年度: ${v.year}　截至 ${v.month} 月　单位: 元`,
    columns: [
      { key: 'unit', header: '所属科室', kind: 'text' },
      { key: 'requested', header: '年初申报', kind: 'money' },
      { key: 'initialBudget', header: '年初预算', kind: 'money' },
      { key: 'initialShare', header: '年初预算占年初总预算比例', kind: 'text' },
      { key: 'adjusted', header: '年中调整', kind: 'money' },
      { key: 'adjustment', header: '预算调整数', kind: 'money' },
      { key: 'spent', header: '支出', kind: 'money' },
      { key: 'balance', header: '余额', kind: 'money' },
      { key: 'progress', header: '支出进度', kind: 'text' },
      { key: 'status', header: '警告', kind: 'text' },
      { key: 'rank', header: '支出进度排名', kind: 'int' },
    ],
    rows: v.items.map((u) => ({
      unit: u.department.name,
      requested: u.requested,
      initialBudget: u.initialBudget,
      initialShare: u.display.initialShare,
      adjusted: u.adjusted,
      adjustment: u.adjustment,
      spent: u.spent,
      balance: u.balance,
      progress: u.display.progress,
      status: u.warning.status,
      rank: u.rank,
    })),
  };
}

// ---- 项目情况

export const DECLARATION_STATUS_TEXT: Readonly<Record<string, string>> = {
  none: '未填报',
  draft: '未提交',
  submitted: '已提交',
  returned: '已退回',
  approved: '完成',
};

export interface ProjectStatusQuery extends BudgetTypeFilter {
  /** Department whose subtree to list (default: the user's). */
  department: string;
  year?: number;
  /** Substring of the project name. */
  name?: string;
  /** Declaration status: none / draft / submitted / returned / approved. */
  status?: string;
  /** red / yellow / green, or 警告 / 正常. */
  warning?: string;
  month?: number;
  rule?: RuleRequest;
}

export interface ProjectStatusRow extends AmountsView {
  index: number;
  project: { id: number; code: string; name: string };
  department: DepartmentRef;
  year: number;
  month: number;
  status: string;
  statusText: string;
  warning: WarningView;
}

async function declarationStatuses(db: Knex, f: { year?: number; departments: readonly string[] }): Promise<Map<number, string>> {
  const q = db('submissions')
    .join('projects', 'projects.id', 'submissions.project_id')
    .select({ pid: 'submissions.project_id', status: 'submissions.status' })
    .where('submissions.kind', 'declaration')
    .whereIn('projects.department_code', [...f.departments])
    .orderBy('submissions.id');
  if (f.year !== undefined) q.where('projects.fiscal_year', f.year);
  const out = new Map<number, string>();
  for (const r of (await q) as { pid: unknown; status: unknown }[]) out.set(Number(r.pid), String(r.status));
  return out;
}

export interface ProjectStatusView extends Filtered {
  department: DepartmentRef;
  items: ProjectStatusRow[];
}

export async function projectStatus(db: Knex, scope: Scope, q: ProjectStatusQuery): Promise<ProjectStatusView> {
  const ctx = await reportContext(db, scope, q.department);
  let projects = await repo.listProjects(db, { ...(q.year !== undefined ? { year: q.year } : {}), departments: ctx.codes, ...filterOf(q) });
  if (q.name) {
    const needle = q.name.toLowerCase();
    projects = projects.filter((p) => p.name.toLowerCase().includes(needle));
  }
  const spent = await repo.spentByProjectMonthWhere(db, { ...(q.year !== undefined ? { year: q.year } : {}), departments: ctx.codes, ...filterOf(q) });
  const statuses = await declarationStatuses(db, { ...(q.year !== undefined ? { year: q.year } : {}), departments: ctx.codes });
  // as-of month per fiscal year: the requested one, else the latest with spending that year
  const monthOfYear = new Map<number, number>();
  for (const y of new Set(projects.map((p) => p.fiscalYear))) {
    monthOfYear.set(
      y,
      asOfMonth(
        q.month,
        spent,
        projects.filter((p) => p.fiscalYear === y).map((p) => p.id),
      ),
    );
  }
  const resolvers = new Map<number, (department: string) => Promise<WarningRule>>();
  const items: ProjectStatusRow[] = [];
  for (const p of projects) {
    const status = statuses.get(p.id) ?? 'none';
    if (q.status && q.status !== status) continue;
    const month = monthOfYear.get(p.fiscalYear) ?? 12;
    let resolve = resolvers.get(p.fiscalYear);
    if (!resolve) resolvers.set(p.fiscalYear, (resolve = await ruleResolver(db, p.fiscalYear, q.rule)));
    const rule = await resolve(p.department);
    const spentFen = repo.spentThrough(spent, p.id, month);
    const warning = warningOf(spentFen, p.adjustedFen, month, rule);
    if (q.warning && q.warning !== warning.light && q.warning !== warning.status) continue;
    items.push({
      index: items.length + 1,
      project: { id: p.id, code: p.code, name: p.name },
      department: { code: p.department, name: ctx.names.get(p.department) ?? p.department },
      year: p.fiscalYear,
      month,
      status,
      statusText: DECLARATION_STATUS_TEXT[status] ?? status,
      ...amountsView(amountsOf(p, spentFen)),
      warning,
    });
  }
  return { department: ctx.department, ...filteredBy(q), items };
}

export function projectStatusTable(v: ProjectStatusView): ReportTable {
  return {
    title: '项目资金支出情况',
    subtitle: `${subtitleHead(v)}　单位: 元`,
    columns: [
      { key: 'index', header: '序号', kind: 'int' },
      { key: 'code', header: '项目编码', kind: 'text' },
      { key: 'name', header: '项目名称', kind: 'text', width: 40 },
      { key: 'unit', header: '所属科室', kind: 'text' },
      { key: 'year', header: '年份', kind: 'text' },
      { key: 'status', header: '状态', kind: 'text' },
      { key: 'initialBudget', header: '年初预算', kind: 'money' },
      { key: 'adjustment', header: '年中调整', kind: 'money' },
      { key: 'adjusted', header: '调整后预算数', kind: 'money' },
      { key: 'spent', header: '支出', kind: 'money' },
      { key: 'balance', header: '余额', kind: 'money' },
      { key: 'progress', header: '支出进度', kind: 'text' },
      { key: 'warning', header: '预警', kind: 'text' },
    ],
    rows: v.items.map((r) => ({
      index: r.index,
      code: r.project.code,
      name: r.project.name,
      unit: r.department.name,
      year: `${r.year}年`,
      status: r.statusText,
      initialBudget: r.initialBudget,
      adjustment: r.adjustment,
      adjusted: r.adjusted,
      spent: r.spent,
      balance: r.balance,
      progress: r.display.progress,
      warning: r.warning.status,
    })),
  };
}

// ---- 已调整项目

export interface AdjustedRow {
  project: { id: number; code: string; name: string };
  department: DepartmentRef;
  year: number;
  requested: string;
  adjustment: string;
  adjusted: string;
  display: { requested: string; adjustment: string; adjusted: string };
}

export interface AdjustedView extends Filtered {
  department: DepartmentRef;
  items: AdjustedRow[];
}

export async function adjustedProjects(db: Knex, scope: Scope, q: { department: string; year?: number } & BudgetTypeFilter): Promise<AdjustedView> {
  const ctx = await reportContext(db, scope, q.department);
  const projects = await repo.listProjects(db, { ...(q.year !== undefined ? { year: q.year } : {}), departments: ctx.codes, ...filterOf(q) });
  const items = projects
    .filter((p) => p.adjustmentFen !== 0n)
    .map((p) => ({
      project: { id: p.id, code: p.code, name: p.name },
      department: { code: p.department, name: ctx.names.get(p.department) ?? p.department },
      year: p.fiscalYear,
      requested: moneyValue(p.requestedFen),
      adjustment: moneyValue(p.adjustmentFen),
      adjusted: moneyValue(p.adjustedFen),
      display: { requested: moneyText(p.requestedFen), adjustment: moneyText(p.adjustmentFen), adjusted: moneyText(p.adjustedFen) },
    }));
  return { department: ctx.department, ...filteredBy(q), items };
}

export function adjustedTable(v: AdjustedView): ReportTable {
  return {
    title: '已调整项目',
    subtitle: `${subtitleHead(v)}　单位: 元`,
    columns: [
      { key: 'code', header: '项目编码', kind: 'text' },
      { key: 'name', header: '项目名称', kind: 'text', width: 40 },
      { key: 'unit', header: '所属科室', kind: 'text' },
      { key: 'year', header: '年份', kind: 'text' },
      { key: 'requested', header: '本年度申请资金', kind: 'money' },
      { key: 'adjustment', header: '调整数', kind: 'money' },
      { key: 'adjusted', header: '调整后预算数', kind: 'money' },
    ],
    rows: v.items.map((r) => ({ code: r.project.code, name: r.project.name, unit: r.department.name, year: `${r.year}年`, requested: r.requested, adjustment: r.adjustment, adjusted: r.adjusted })),
  };
}

// ---- 趋势图

export interface TrendSeries {
  department: DepartmentRef;
  adjusted: string;
  /** Cumulative spending at the end of months 1–12. */
  cumulative: string[];
  /** Progress (% truncated) at the end of months 1–12. */
  progress: (string | null)[];
  display: { cumulative: string[]; progress: string[] };
}

export interface TrendView extends Filtered {
  department: DepartmentRef;
  year: number;
  months: number[];
  series: TrendSeries[];
  total: TrendSeries;
}

export async function trend(db: Knex, scope: Scope, q: { department: string; year: number } & BudgetTypeFilter): Promise<TrendView> {
  const ctx = await reportContext(db, scope, q.department);
  const { budgets, spent } = await departmentFigures(db, q.year, ctx.codes, q);
  const months = Array.from({ length: 12 }, (_, i) => i + 1);
  const seriesOf = (department: DepartmentRef, bs: repo.DepartmentBudget[]): TrendSeries => {
    const adjusted = bs.reduce((s, b) => s + b.adjustedFen, 0n);
    const cum = months.map((m) => bs.reduce((s, b) => s + repo.spentThrough(spent, b.department, m), 0n));
    const progress = cum.map((c) => percentTruncated(c, adjusted));
    return {
      department,
      adjusted: moneyValue(adjusted),
      cumulative: cum.map(moneyValue),
      progress,
      display: { cumulative: cum.map(moneyText), progress: progress.map(percentText) },
    };
  };
  const series = ctx.units
    .map((u) => ({ u, bs: budgets.filter((b) => (ctx.unitOf.get(b.department) ?? b.department) === u.code) }))
    .filter((x) => x.bs.length > 0)
    .map((x) => seriesOf(x.u, x.bs));
  return { department: ctx.department, ...filteredBy(q), year: q.year, months, series, total: seriesOf({ code: '', name: '总计' }, budgets) };
}

export function trendTable(v: TrendView): ReportTable {
  const columns: ReportTable['columns'] = [
    { key: 'unit', header: '预算单位', kind: 'text' },
    { key: 'adjusted', header: '调整后预算数', kind: 'money' },
    ...v.months.map((m) => ({ key: `m${m}`, header: `${m}月累计支出`, kind: 'money' as const })),
  ];
  const row = (s: TrendSeries): Record<string, string | number | null> => {
    const r: Record<string, string | number | null> = { unit: s.department.name, adjusted: s.adjusted };
    s.cumulative.forEach((c, i) => (r[`m${i + 1}`] = c));
    return r;
  };
  return { title: '趋势图', subtitle: `${subtitleHead(v)}　年度: ${v.year}　单位: 元`, columns, rows: [...v.series.map(row), row(v.total)] };
}

// ---- 数据明细

export interface DetailRow {
  kind: 'payment' | 'spending';
  kindText: string;
  id: number;
  project: { id: number; code: string; name: string };
  department: DepartmentRef;
  year: number;
  month: number;
  date: string | null;
  amount: string;
  payee: string | null;
  memo: string | null;
  display: { amount: string };
}

export interface DetailsView extends Filtered {
  department: DepartmentRef;
  year: number;
  items: DetailRow[];
  total: string;
  totalText: string;
}

/** The entries of the year's projects (of the budget type, when filtered: the others' entries are left out). */
export async function details(db: Knex, scope: Scope, q: { department: string; year: number; month?: number } & BudgetTypeFilter): Promise<DetailsView> {
  const ctx = await reportContext(db, scope, q.department);
  const projects = await repo.listProjects(db, { year: q.year, departments: ctx.codes, ...filterOf(q) });
  const byId = new Map(projects.map((p) => [p.id, p]));
  const items: DetailRow[] = [];
  const entries = await repo.entriesOfYear(db, q.year, ctx.codes, q.budgetType);
  const refs = (projectId: number): { project: DetailRow['project']; department: DepartmentRef; year: number } | undefined => {
    const p = byId.get(projectId);
    return p ? { project: { id: p.id, code: p.code, name: p.name }, department: { code: p.department, name: ctx.names.get(p.department) ?? p.department }, year: p.fiscalYear } : undefined;
  };
  for (const e of entries.spending) {
    const r = refs(e.projectId);
    if (r) items.push({ kind: 'spending', kindText: '月度费用', id: e.id, ...r, month: e.month, date: null, amount: moneyValue(e.amountFen), payee: null, memo: e.memo, display: { amount: moneyText(e.amountFen) } });
  }
  for (const e of entries.payments) {
    const r = refs(e.projectId);
    if (r) items.push({ kind: 'payment', kindText: '支付记录', id: e.id, ...r, month: e.month, date: e.date, amount: moneyValue(e.amountFen), payee: e.payee, memo: e.memo, display: { amount: moneyText(e.amountFen) } });
  }
  const filtered = items
    .filter((r) => q.month === undefined || r.month <= q.month)
    .sort((a, b) => a.month - b.month || (a.date ?? '').localeCompare(b.date ?? '') || (byId.get(a.project.id)?.code ?? '').localeCompare(byId.get(b.project.id)?.code ?? '') || a.kind.localeCompare(b.kind) || a.id - b.id);
  const sum = filtered.reduce((s, r) => s + yuanToFen(r.amount), 0n);
  return { department: ctx.department, ...filteredBy(q), year: q.year, items: filtered, total: moneyValue(sum), totalText: moneyText(sum) };
}

export function detailsTable(v: DetailsView): ReportTable {
  return {
    title: '数据明细',
    subtitle: `${subtitleHead(v)}　年度: ${v.year}　单位: 元`,
    columns: [
      { key: 'month', header: '月份', kind: 'int' },
      { key: 'date', header: '日期', kind: 'text' },
      { key: 'code', header: '项目编码', kind: 'text' },
      { key: 'name', header: '项目名称', kind: 'text', width: 40 },
      { key: 'unit', header: '所属科室', kind: 'text' },
      { key: 'kind', header: '类型', kind: 'text' },
      { key: 'amount', header: '金额', kind: 'money' },
      { key: 'payee', header: '收款方', kind: 'text' },
      { key: 'memo', header: '备注', kind: 'text', width: 30 },
    ],
    rows: [
      ...v.items.map((r) => ({ month: r.month, date: r.date, code: r.project.code, name: r.project.name, unit: r.department.name, kind: r.kindText, amount: r.amount, payee: r.payee, memo: r.memo })),
      { month: null, date: null, code: null, name: '合计', unit: null, kind: null, amount: v.total, payee: null, memo: null },
    ],
  };
}
