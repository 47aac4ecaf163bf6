/**
 * /api/reports/* (permission report.view; the department must be in scope, else 404). Every
 * report answers JSON, or .xlsx with `?format=xlsx` (also `/api/reports/<name>/export.xlsx`).
 */
import type { AppDeps, AppRouter, RouteContext } from '../../http/types';
import { currentUser, requirePermission } from '../../http/guard';
import { getScope } from '../../http/scope';
import { queryInt, queryParam } from '../../http/input';
import { BadRequestError } from '../../http/errors';
import { BUDGET_TYPES } from '../projects/service';
import { ruleRequest } from '../monitoring/routes';
import * as reports from './service';
import { attachment, tablesToXlsx, XLSX_TYPE, type ReportTable } from './xlsx';
import { renderSubmissionReport } from './self-eval';
import { idParam } from '../monitoring/routes';

function department(ctx: RouteContext): string {
  return queryParam(ctx, 'department') ?? currentUser(ctx).departmentCode;
}

function requiredYear(ctx: RouteContext): number {
  const year = queryInt(ctx, 'year', { min: 1900, max: 9999 });
  if (year === undefined) throw new BadRequestError('需要查询参数 year（年度）', 'BAD_QUERY', { parameter: 'year' });
  return year;
}

const month = (ctx: RouteContext): number | undefined => queryInt(ctx, 'month', { min: 1, max: 12 });

/** `?budgetType=` (预算类型): one of the four budgets; absent = every budget. */
function budgetType(ctx: RouteContext): reports.BudgetTypeFilter {
  const v = queryParam(ctx, 'budgetType');
  if (v === undefined) return {};
  if (!(BUDGET_TYPES as readonly string[]).includes(v)) {
    throw new BadRequestError(`查询参数 budgetType（预算类型）应为 ${BUDGET_TYPES.join('、')} 之一`, 'BAD_QUERY', { parameter: 'budgetType' });
  }
  return { budgetType: v };
}

function wantsXlsx(ctx: RouteContext, forced: boolean): boolean {
  if (forced) return true;
  const f = queryParam(ctx, 'format');
  if (f === undefined || f === 'json') return false;
  if (f === 'xlsx') return true;
  throw new BadRequestError('查询参数 format 应为 json 或 xlsx', 'BAD_QUERY', { parameter: 'format' });
}

async function sendXlsx(ctx: RouteContext, fileName: string, tables: ReportTable[]): Promise<void> {
  ctx.body = await tablesToXlsx(tables);
  ctx.type = XLSX_TYPE;
  ctx.set('Content-Disposition', attachment(`${fileName}.xlsx`));
}

/** One report at `/api/reports/<name>` and `/api/reports/<name>/export.xlsx`. */
function report<T>(router: AppRouter, name: string, build: (ctx: RouteContext) => Promise<T>, toTables: (v: T) => ReportTable[], fileName: (v: T) => string): void {
  const handler = (forced: boolean) => async (ctx: RouteContext) => {
    const xlsx = wantsXlsx(ctx, forced);
    const v = await build(ctx);
    if (xlsx) await sendXlsx(ctx, fileName(v), toTables(v));
    else ctx.body = v;
  };
  router.get(`/api/reports/${name}`, requirePermission('report.view'), handler(false));
  router.get(`/api/reports/${name}/export.xlsx`, requirePermission('report.view'), handler(true));
}

export function register(router: AppRouter, deps: AppDeps): void {
  const { db } = deps;

  report(
    router,
    'dashboard',
    async (ctx) => reports.dashboard(db, await getScope(ctx), { department: department(ctx), year: requiredYear(ctx), month: month(ctx), rule: ruleRequest(ctx), ...budgetType(ctx) }),
    (v) => [reports.dashboardTable(v), reports.progressTable(v)],
    (v) => `各单位支出明细-${v.department.name}-${v.year}`,
  );

  report(
    router,
    'ranking',
    async (ctx) => reports.ranking(db, await getScope(ctx), { department: department(ctx), year: requiredYear(ctx), month: month(ctx), rule: ruleRequest(ctx), ...budgetType(ctx) }),
    (v) => [reports.rankingTable(v)],
    (v) => `进度排名-${v.department.name}-${v.year}`,
  );

  report(
    router,
    'projects',
    async (ctx) => {
      const warning = queryParam(ctx, 'warning');
      if (warning !== undefined && !['red', 'yellow', 'green', '警告', '正常'].includes(warning)) {
        throw new BadRequestError('查询参数 warning 应为 red、yellow、green、警告 或 正常', 'BAD_QUERY', { parameter: 'warning' });
      }
      const status = queryParam(ctx, 'status');
      if (status !== undefined && !(status in reports.DECLARATION_STATUS_TEXT)) {
        throw new BadRequestError(`查询参数 status 应为 ${Object.keys(reports.DECLARATION_STATUS_TEXT).join('、')} 之一`, 'BAD_QUERY', { parameter: 'status' });
      }
      const year = queryInt(ctx, 'year', { min: 1900, max: 9999 });
      const name = queryParam(ctx, 'name');
      const m = month(ctx);
      return reports.projectStatus(db, await getScope(ctx), {
        department: department(ctx),
        ...(year !== undefined ? { year } : {}),
        ...(name !== undefined ? { name } : {}),
        ...(status !== undefined ? { status } : {}),
        ...(warning !== undefined ? { warning } : {}),
        ...(m !== undefined ? { month: m } : {}),
        rule: ruleRequest(ctx),
        ...budgetType(ctx),
      });
    },
    (v) => [reports.projectStatusTable(v)],
    (v) => `项目情况-${v.department.name}`,
  );

  report(
    router,
    'adjusted',
    async (ctx) => {
      const year = queryInt(ctx, 'year', { min: 1900, max: 9999 });
      return reports.adjustedProjects(db, await getScope(ctx), { department: department(ctx), ...(year !== undefined ? { year } : {}), ...budgetType(ctx) });
    },
    (v) => [reports.adjustedTable(v)],
    (v) => `已调整项目-${v.department.name}`,
  );

  report(
    router,
    'trend',
    async (ctx) => reports.trend(db, await getScope(ctx), { department: department(ctx), year: requiredYear(ctx), ...budgetType(ctx) }),
    (v) => [reports.trendTable(v)],
    (v) => `趋势图-${v.department.name}-${v.year}`,
  );

  report(
    router,
    'details',
    async (ctx) => {
      const m = month(ctx);
      return reports.details(db, await getScope(ctx), { department: department(ctx), year: requiredYear(ctx), ...(m !== undefined ? { month: m } : {}), ...budgetType(ctx) });
    },
    (v) => [reports.detailsTable(v)],
    (v) => `数据明细-${v.department.name}-${v.year}`,
  );

  // the self-evaluation report of a submission (in scope, else 404), printable HTML
  router.get('/api/submissions/:id/report.html', async (ctx) => {
    const name = queryParam(ctx, 'name');
    const r = await renderSubmissionReport(db, await getScope(ctx), idParam(ctx), name);
    ctx.type = 'text/html; charset=utf-8';
    ctx.set('Content-Security-Policy', "default-src 'none'; style-src 'unsafe-inline'; img-src data:; base-uri 'none'; form-action 'none'");
    ctx.set('Cache-Control', 'no-store');
    if (queryParam(ctx, 'download') === '1') ctx.set('Content-Disposition', attachment(r.fileName));
    ctx.body = r.html;
  });
}
