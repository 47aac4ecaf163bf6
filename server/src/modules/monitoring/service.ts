/**
 * Monitoring (双监控, money side): spending entries (填写本月费用) and payment records (支付记录)
 * per project, and what they add up to — spent to date, balance, execution rate, time progress and
 * the warning light by the pack's rule (DOMAIN §6.1), per project and per department.
 *
 * Spent through month m = Σ spending entries of months ≤ m + Σ payments dated in months ≤ m of
 * the project's fiscal year (both tables count: a spending entry is an expense recorded without a
 * payment record). The rule comes from the monitoring template bound to the department for the
 * year (its `scoring.warning`, with the pack's defaults merged in at import), else the ratio rule
 * 60/80; a request may select the gap rule (`rule=gap`) and thresholds.
 */
import type { Knex } from 'knex';
import { DEFAULT_WARNING, type WarningRule } from '@jixiao/engine';
import { now } from '../../db/time';
import { ForbiddenError, NotFoundError, ValidationError } from '../../http/errors';
import { inScope } from '../../http/scope';
import type { Scope } from '../../http/types';
import { recordAudit, type Actor } from '../audit/service';
import * as orgRepo from '../org/repo';
import { getVersion } from '../templates/service';
import * as templatesRepo from '../templates/repo';
import { ancestorChain } from '../org/tree';
import * as repo from './repo';
import * as summary from './summary';
import { addAmounts, amountsView, moneyText, moneyValue, percentText, timeProgress, warningOf, ZERO_AMOUNTS, type Amounts, type AmountsView, type WarningView } from './figures';

const isRecord = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v);

// ---- the warning rule

/** What a request asks for: a rule kind and/or thresholds (all optional). */
export interface RuleRequest {
  rule?: 'ratio' | 'gap';
  red?: number;
  yellow?: number;
}

function ruleFromTemplate(template: unknown): WarningRule | undefined {
  if (!isRecord(template) || !isRecord(template.scoring) || !isRecord(template.scoring.warning)) return undefined;
  const w = template.scoring.warning;
  const num = (v: unknown): number | undefined => (typeof v === 'number' && Number.isFinite(v) ? v : undefined);
  if (w.rule !== 'ratio' && w.rule !== 'gap') return undefined;
  const red = num(w.red);
  const yellow = num(w.yellow);
  return { rule: w.rule, ...(red !== undefined ? { red } : {}), ...(yellow !== undefined ? { yellow } : {}) };
}

/**
 * Resolves the rule of the monitoring template bound to a department for `year` (nearest binding
 * up the tree), for many departments at once: one read of the tree and the year's bindings, one
 * read per distinct template version.
 */
export async function ruleResolver(db: Knex, year: number, req: RuleRequest = {}): Promise<(department: string) => Promise<WarningRule>> {
  const nodes = await orgRepo.listDepartmentNodes(db);
  const bindings = new Map((await templatesRepo.bindingsFor(db, nodes.map((n) => n.code), 'monitoring', year)).map((b) => [b.department, b]));
  const byVersion = new Map<string, WarningRule>();
  const byDepartment = new Map<string, WarningRule>();
  return async (department: string): Promise<WarningRule> => {
    const known = byDepartment.get(department);
    if (known) return known;
    let base: WarningRule = DEFAULT_WARNING;
    const b = ancestorChain(nodes, department)
      .map((c) => bindings.get(c))
      .find((x) => x !== undefined);
    if (b) {
      const key = `${b.templateId}@${b.version}`;
      let r = byVersion.get(key);
      if (!r) {
        try {
          r = ruleFromTemplate((await getVersion(db, b.templateId, b.version)).template) ?? DEFAULT_WARNING;
        } catch (err) {
          if (!(err instanceof NotFoundError)) throw err;
          r = DEFAULT_WARNING;
        }
        byVersion.set(key, r);
      }
      base = r;
    }
    const rule = applyRuleRequest(base, req);
    byDepartment.set(department, rule);
    return rule;
  };
}

/** The rule of the monitoring template bound to the department for the year (nearest binding up the tree). */
export async function packRule(db: Knex, department: string, year: number): Promise<WarningRule> {
  return (await ruleResolver(db, year))(department);
}

/** The pack's rule, overridden by the request: another kind drops the pack's thresholds. */
export function applyRuleRequest(base: WarningRule, req: RuleRequest = {}): WarningRule {
  const kind = req.rule ?? base.rule;
  const keep = kind === base.rule;
  const red = req.red ?? (keep ? base.red : undefined);
  const yellow = req.yellow ?? (keep ? base.yellow : undefined);
  const rule: WarningRule = { rule: kind, ...(red !== undefined ? { red } : {}), ...(yellow !== undefined ? { yellow } : {}) };
  return rule;
}

export async function ruleFor(db: Knex, department: string, year: number, req: RuleRequest = {}): Promise<WarningRule> {
  return applyRuleRequest(await packRule(db, department, year), req);
}

// ---- per project

async function projectInScope(db: Knex, scope: Scope, id: number, mode: 'read' | 'write'): Promise<repo.ProjectFigures> {
  const p = await repo.getProject(db, id);
  if (!p) throw new NotFoundError('项目不存在', 'PROJECT_NOT_FOUND');
  if (!inScope(scope, p.department)) {
    if (mode === 'read') throw new NotFoundError('项目不存在', 'PROJECT_NOT_FOUND');
    throw new ForbiddenError('该项目不在您的管理范围内', 'OUT_OF_SCOPE', { department: p.department });
  }
  return p;
}

/** Where a project's entries count in the dashboard summary (only rows of its own fiscal year do). */
const placeOf = (p: repo.ProjectFigures): summary.ProjectPlace => ({ department: p.department, fiscalYear: p.fiscalYear, budgetType: p.budgetType });

export const amountsOf = (p: repo.ProjectFigures, spentFen: bigint): Amounts => ({
  requestedFen: p.requestedFen,
  initialFen: p.initialFen,
  adjustmentFen: p.adjustmentFen,
  adjustedFen: p.adjustedFen,
  spentFen,
});

/** The month figures are "as of": the one asked for, else the latest month with spending, else 12. */
export function asOfMonth<K>(requested: number | undefined, spent: ReadonlyMap<K, ReadonlyMap<number, bigint>>, ids?: Iterable<K>): number {
  return requested ?? repo.latestMonth(spent, ids) ?? 12;
}

export interface ProjectRef {
  id: number;
  code: string;
  name: string;
  department: string;
  fiscalYear: number;
}

export const projectRef = (p: repo.ProjectFigures): ProjectRef => ({ id: p.id, code: p.code, name: p.name, department: p.department, fiscalYear: p.fiscalYear });

export interface MonitoringView extends Omit<AmountsView, 'display'> {
  project: ProjectRef;
  display: AmountsView['display'] & { executionRate: string; timeProgress: string };
  month: number;
  /** 执行率 = spent / adjusted, % truncated to 2 dp (the same as `progress`). */
  executionRate: string | null;
  /** 序时进度 = month / 12, %. */
  timeProgress: string;
  warning: WarningView;
  /** Spending by month 1–12 of the fiscal year (this month's amount and the running total). */
  months: { month: number; amount: string; cumulative: string; display: { amount: string; cumulative: string } }[];
}

export async function projectMonitoring(db: Knex, scope: Scope, id: number, month: number | undefined, req: RuleRequest = {}): Promise<MonitoringView> {
  const p = await projectInScope(db, scope, id, 'read');
  const spent = await repo.spentByProjectMonth(db, [p]);
  const m = asOfMonth(month, spent, [p.id]);
  const rule = await ruleFor(db, p.department, p.fiscalYear, req);
  const spentFen = repo.spentThrough(spent, p.id, m);
  const view = amountsView(amountsOf(p, spentFen));
  const months: MonitoringView['months'] = [];
  let running = 0n;
  for (let i = 1; i <= 12; i++) {
    const amount = spent.get(p.id)?.get(i) ?? 0n;
    running += amount;
    months.push({ month: i, amount: moneyValue(amount), cumulative: moneyValue(running), display: { amount: moneyText(amount), cumulative: moneyText(running) } });
  }
  const tp = timeProgress(m);
  return {
    project: projectRef(p),
    month: m,
    ...view,
    executionRate: view.progress,
    timeProgress: tp,
    display: { ...view.display, executionRate: view.display.progress, timeProgress: percentText(tp) },
    warning: warningOf(spentFen, p.adjustedFen, m, rule),
    months,
  };
}

// ---- per department

export interface DepartmentMonitoring extends AmountsView {
  department: { code: string; name: string };
  projects: number;
  warning: WarningView;
}

export interface DepartmentsView {
  year: number;
  month: number;
  timeProgress: string;
  items: DepartmentMonitoring[];
  total: AmountsView & { projects: number; warning: WarningView };
}

/**
 * Every department in scope with projects in `year`: the sums of its own projects, and the light
 * of those sums by the department's rule. The total uses the rule of the user's top department.
 */
export async function departmentMonitoring(db: Knex, scope: Scope, userDepartment: string, year: number, month: number | undefined, req: RuleRequest = {}): Promise<DepartmentsView> {
  const depts = scope.all ? null : [...scope.codes];
  const budgets = await repo.budgetByDepartment(db, year, depts);
  const spent = await summary.spentByDepartmentMonth(db, year, depts);
  const m = asOfMonth(month, spent);
  const nodes = await orgRepo.listDepartmentNodes(db);
  const names = new Map(nodes.map((n) => [n.code, n.name]));
  const order = new Map(nodes.map((n, i) => [n.code, i]));
  const ruleOf = await ruleResolver(db, year, req);
  budgets.sort((a, b) => (order.get(a.department) ?? 1e9) - (order.get(b.department) ?? 1e9) || a.department.localeCompare(b.department));
  const items: DepartmentMonitoring[] = [];
  let total = ZERO_AMOUNTS;
  let count = 0;
  for (const b of budgets) {
    const a: Amounts = { ...b, spentFen: repo.spentThrough(spent, b.department, m) };
    total = addAmounts(total, a);
    count += b.projects;
    items.push({ department: { code: b.department, name: names.get(b.department) ?? b.department }, projects: b.projects, ...amountsView(a), warning: warningOf(a.spentFen, a.adjustedFen, m, await ruleOf(b.department)) });
  }
  return {
    year,
    month: m,
    timeProgress: timeProgress(m),
    items,
    total: { ...amountsView(total), projects: count, warning: warningOf(total.spentFen, total.adjustedFen, m, await ruleOf(userDepartment)) },
  };
}

// ---- entries

export interface SpendingView {
  id: number;
  projectId: number;
  fiscalYear: number;
  month: number;
  amount: string;
  amountText: string;
  memo: string | null;
  createdBy: string | null;
  createdAt: string;
}

export interface PaymentView {
  id: number;
  projectId: number;
  date: string;
  month: number;
  amount: string;
  amountText: string;
  payee: string | null;
  memo: string | null;
  createdBy: string | null;
  createdAt: string;
}

const spendingView = (e: repo.SpendingEntry): SpendingView => ({
  id: e.id,
  projectId: e.projectId,
  fiscalYear: e.fiscalYear,
  month: e.month,
  amount: moneyValue(e.amountFen),
  amountText: moneyText(e.amountFen),
  memo: e.memo,
  createdBy: e.createdBy,
  createdAt: e.createdAt,
});

const paymentView = (p: repo.Payment): PaymentView => ({
  id: p.id,
  projectId: p.projectId,
  date: p.date,
  month: p.month,
  amount: moneyValue(p.amountFen),
  amountText: moneyText(p.amountFen),
  payee: p.payee,
  memo: p.memo,
  createdBy: p.createdBy,
  createdAt: p.createdAt,
});

export async function listSpending(db: Knex, scope: Scope, projectId: number): Promise<{ items: SpendingView[]; total: string; totalText: string }> {
  await projectInScope(db, scope, projectId, 'read');
  const items = await repo.listSpending(db, projectId);
  const sum = items.reduce((s, e) => s + e.amountFen, 0n);
  return { items: items.map(spendingView), total: moneyValue(sum), totalText: moneyText(sum) };
}

export async function listPayments(db: Knex, scope: Scope, projectId: number): Promise<{ items: PaymentView[]; total: string; totalText: string }> {
  await projectInScope(db, scope, projectId, 'read');
  const items = await repo.listPayments(db, projectId);
  const sum = items.reduce((s, e) => s + e.amountFen, 0n);
  return { items: items.map(paymentView), total: moneyValue(sum), totalText: moneyText(sum) };
}

export interface SpendingInput {
  month: number;
  amountFen: bigint;
  memo: string | null;
}

export async function recordSpending(db: Knex, actor: Actor, scope: Scope, projectId: number, input: SpendingInput): Promise<SpendingView> {
  return db.transaction(async (trx) => {
    const p = await projectInScope(trx, scope, projectId, 'write');
    const entry: Omit<repo.SpendingEntry, 'id'> = { projectId, fiscalYear: p.fiscalYear, month: input.month, amountFen: input.amountFen, memo: input.memo, createdBy: actor.username, createdAt: now() };
    const id = await repo.insertSpending(trx, entry);
    await summary.addToSummary(trx, placeOf(p), entry.month, entry.amountFen, 0n);
    const view = spendingView({ id, ...entry });
    await recordAudit(trx, actor, { entityType: 'spending', entityId: id, action: 'create', after: view });
    return view;
  });
}

export interface PaymentInput {
  date: string;
  amountFen: bigint;
  payee: string | null;
  memo: string | null;
}

export async function recordPayment(db: Knex, actor: Actor, scope: Scope, projectId: number, input: PaymentInput): Promise<PaymentView> {
  return db.transaction(async (trx) => {
    const p = await projectInScope(trx, scope, projectId, 'write');
    const [y, mo] = input.date.split('-').map(Number) as [number, number];
    if (y !== p.fiscalYear) throw ValidationError.single('date', `支付日期应在项目年度 ${p.fiscalYear} 年内`, 'DATE_OUTSIDE_YEAR');
    const payment: Omit<repo.Payment, 'id'> = { projectId, date: input.date, fiscalYear: y, month: mo, amountFen: input.amountFen, payee: input.payee, memo: input.memo, createdBy: actor.username, createdAt: now() };
    const id = await repo.insertPayment(trx, payment);
    await summary.addToSummary(trx, placeOf(p), payment.month, 0n, payment.amountFen);
    const view = paymentView({ id, ...payment });
    await recordAudit(trx, actor, { entityType: 'payment', entityId: id, action: 'create', after: view });
    return view;
  });
}

export async function deleteSpending(db: Knex, actor: Actor, scope: Scope, projectId: number, id: number): Promise<void> {
  await db.transaction(async (trx) => {
    const p = await projectInScope(trx, scope, projectId, 'write');
    const before = await repo.getSpending(trx, id);
    if (!before || before.projectId !== projectId) throw new NotFoundError('支出记录不存在', 'SPENDING_NOT_FOUND');
    await repo.deleteSpending(trx, id);
    if (before.fiscalYear === p.fiscalYear) await summary.addToSummary(trx, placeOf(p), before.month, -before.amountFen, 0n);
    await recordAudit(trx, actor, { entityType: 'spending', entityId: id, action: 'delete', before: spendingView(before) });
  });
}

export async function deletePayment(db: Knex, actor: Actor, scope: Scope, projectId: number, id: number): Promise<void> {
  await db.transaction(async (trx) => {
    const p = await projectInScope(trx, scope, projectId, 'write');
    const before = await repo.getPayment(trx, id);
    if (!before || before.projectId !== projectId) throw new NotFoundError('支付记录不存在', 'PAYMENT_NOT_FOUND');
    await repo.deletePayment(trx, id);
    if (before.fiscalYear === p.fiscalYear) await summary.addToSummary(trx, placeOf(p), before.month, 0n, -before.amountFen);
    await recordAudit(trx, actor, { entityType: 'payment', entityId: id, action: 'delete', before: paymentView(before) });
  });
}
