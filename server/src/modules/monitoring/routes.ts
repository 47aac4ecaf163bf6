/**
 * /api/projects/:id/spending, /api/projects/:id/payments (read: report.view or spending.record,
 * 404 outside scope; write: spending.record, 403 outside scope), /api/projects/:id/monitoring and
 * /api/monitoring/departments.
 */
import type { AppDeps, AppRouter, RouteContext } from '../../http/types';
import { currentUser, requirePermission } from '../../http/guard';
import { getScope } from '../../http/scope';
import { Input, queryInt, queryParam } from '../../http/input';
import { BadRequestError, ForbiddenError } from '../../http/errors';
import { MoneyError, yuanToFen } from '../../db/money';
import { actorOf } from '../audit/service';
import * as monitoring from './service';

export function idParam(ctx: RouteContext, key = 'id'): number {
  const raw = ctx.params[key] ?? '';
  if (!/^\d+$/.test(raw)) throw new BadRequestError('编号应为整数', 'BAD_ID');
  return Number(raw);
}

/** Reads need one of report.view / spending.record. */
export function assertCanRead(ctx: RouteContext): void {
  const user = currentUser(ctx);
  if (!user.permissions.has('report.view') && !user.permissions.has('spending.record')) {
    throw new ForbiddenError('没有权限：report.view', 'MISSING_PERMISSION', { missing: ['report.view'] });
  }
}

/** `rule=ratio|gap`, `red=`, `yellow=` (numbers) from the query. */
export function ruleRequest(ctx: RouteContext): monitoring.RuleRequest {
  const rule = queryParam(ctx, 'rule');
  if (rule !== undefined && rule !== 'ratio' && rule !== 'gap') throw new BadRequestError('查询参数 rule 应为 ratio 或 gap', 'BAD_QUERY', { parameter: 'rule' });
  const num = (key: string): number | undefined => {
    const s = queryParam(ctx, key);
    if (s === undefined) return undefined;
    if (!/^\d+(\.\d+)?$/.test(s)) throw new BadRequestError(`查询参数 ${key} 应为数字`, 'BAD_QUERY', { parameter: key });
    return Number(s);
  };
  const red = num('red');
  const yellow = num('yellow');
  return { ...(rule ? { rule } : {}), ...(red !== undefined ? { red } : {}), ...(yellow !== undefined ? { yellow } : {}) };
}

/** An amount in 元 (number or text, at most 2 decimals, > 0) → 分; problems go to `b`. */
function amountOf(b: Input, key: string): bigint {
  const v = b.value[key];
  if (v === undefined || v === null || v === '') {
    b.problem(key, '必填', 'REQUIRED');
    return 0n;
  }
  if (typeof v !== 'number' && typeof v !== 'string') {
    b.problem(key, '应为金额', 'TYPE');
    return 0n;
  }
  const text = typeof v === 'number' ? String(v) : v.trim().replace(/,/g, '');
  if (!/^\d+(\.\d{1,2})?$/.test(text)) {
    b.problem(key, '金额应为正数，最多两位小数', 'AMOUNT');
    return 0n;
  }
  try {
    const fen = yuanToFen(text);
    if (fen <= 0n) b.problem(key, '金额应大于 0', 'AMOUNT');
    return fen;
  } catch (err) {
    if (err instanceof MoneyError) b.problem(key, '应为金额', 'AMOUNT');
    else throw err;
    return 0n;
  }
}

function isValidDate(s: string): boolean {
  const m = /^(\d{4})-(\d{2})-(\d{2})$/.exec(s);
  if (!m) return false;
  const d = new Date(Date.UTC(Number(m[1]), Number(m[2]) - 1, Number(m[3])));
  return d.getUTCFullYear() === Number(m[1]) && d.getUTCMonth() === Number(m[2]) - 1 && d.getUTCDate() === Number(m[3]);
}

export function register(router: AppRouter, deps: AppDeps): void {
  const { db } = deps;

  router.get('/api/projects/:id/spending', async (ctx) => {
    assertCanRead(ctx);
    ctx.body = await monitoring.listSpending(db, await getScope(ctx), idParam(ctx));
  });

  router.post('/api/projects/:id/spending', requirePermission('spending.record'), async (ctx) => {
    const id = idParam(ctx);
    const b = Input.body(ctx);
    const month = b.int('month', { min: 1, max: 12 });
    const amountFen = amountOf(b, 'amount');
    const memo = b.string('memo', { optional: true, max: 500 }) ?? null;
    b.done();
    ctx.status = 201;
    ctx.body = await monitoring.recordSpending(db, actorOf(ctx), await getScope(ctx), id, { month, amountFen, memo });
  });

  router.delete('/api/projects/:id/spending/:entryId', requirePermission('spending.record'), async (ctx) => {
    await monitoring.deleteSpending(db, actorOf(ctx), await getScope(ctx), idParam(ctx), idParam(ctx, 'entryId'));
    ctx.status = 204;
  });

  router.get('/api/projects/:id/payments', async (ctx) => {
    assertCanRead(ctx);
    ctx.body = await monitoring.listPayments(db, await getScope(ctx), idParam(ctx));
  });

  router.post('/api/projects/:id/payments', requirePermission('spending.record'), async (ctx) => {
    const id = idParam(ctx);
    const b = Input.body(ctx);
    const date = b.string('date', { pattern: /^\d{4}-\d{2}-\d{2}$/, patternMessage: '日期格式应为 YYYY-MM-DD' });
    if (/^\d{4}-\d{2}-\d{2}$/.test(date) && !isValidDate(date)) b.problem('date', '日期不存在', 'DATE');
    const amountFen = amountOf(b, 'amount');
    const payee = b.string('payee', { optional: true, max: 200 }) ?? null;
    const memo = b.string('memo', { optional: true, max: 500 }) ?? null;
    b.done();
    ctx.status = 201;
    ctx.body = await monitoring.recordPayment(db, actorOf(ctx), await getScope(ctx), id, { date, amountFen, payee, memo });
  });

  router.delete('/api/projects/:id/payments/:entryId', requirePermission('spending.record'), async (ctx) => {
    await monitoring.deletePayment(db, actorOf(ctx), await getScope(ctx), idParam(ctx), idParam(ctx, 'entryId'));
    ctx.status = 204;
  });

  router.get('/api/projects/:id/monitoring', async (ctx) => {
    assertCanRead(ctx);
    const month = queryInt(ctx, 'month', { min: 1, max: 12 });
    ctx.body = await monitoring.projectMonitoring(db, await getScope(ctx), idParam(ctx), month, ruleRequest(ctx));
  });

  router.get('/api/monitoring/departments', async (ctx) => {
    assertCanRead(ctx);
    const year = queryInt(ctx, 'year', { min: 1900, max: 9999 });
    if (year === undefined) throw new BadRequestError('需要查询参数 year（年度）', 'BAD_QUERY', { parameter: 'year' });
    const month = queryInt(ctx, 'month', { min: 1, max: 12 });
    ctx.body = await monitoring.departmentMonitoring(db, await getScope(ctx), currentUser(ctx).departmentCode, year, month, ruleRequest(ctx));
  });
}
