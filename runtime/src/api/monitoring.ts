/**
 * Typed client of one project's monitoring money side (server/src/modules/monitoring): spending
 * entries (填写本月费用), payment records (支付记录) and the figures they add up to. Amounts travel
 * as decimal text in 元 ("1234567.89"); the server answers each twice, exact and display text.
 */
import { api } from './client';
import type { AmountsView } from './endpoints';

export interface ProjectRef {
  id: number;
  code: string;
  name: string;
  department: string;
  fiscalYear: number;
}

export interface WarningRuleView {
  rule: 'ratio' | 'gap';
  red: number;
  yellow: number;
}

export interface ProjectWarning {
  light: 'green' | 'yellow' | 'red';
  /** 红灯 / 黄灯 / 绿灯. */
  lightText: string;
  /** 警告 / 正常. */
  status: string;
  value: string;
  rule: WarningRuleView;
}

export interface MonthFigure {
  month: number;
  amount: string;
  cumulative: string;
  display: { amount: string; cumulative: string };
}

/** GET /api/projects/:id/monitoring: figures as of `month` (the latest month with spending by default). */
export interface ProjectMonitoring extends Omit<AmountsView, 'display'> {
  project: ProjectRef;
  month: number;
  /** 执行率 = spent / adjusted, % truncated to 2 dp; null when the budget is 0. */
  executionRate: string | null;
  /** 序时进度 = month / 12, %. */
  timeProgress: string;
  warning: ProjectWarning;
  months: MonthFigure[];
  display: AmountsView['display'] & {
    executionRate: string;
    timeProgress: string;
  };
}

export interface SpendingEntry {
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

export interface PaymentEntry {
  id: number;
  projectId: number;
  /** YYYY-MM-DD. */
  date: string;
  month: number;
  amount: string;
  amountText: string;
  payee: string | null;
  memo: string | null;
  createdBy: string | null;
  createdAt: string;
}

export interface EntryList<T> {
  items: T[];
  total: string;
  totalText: string;
}

/** Body of POST /spending: `amount` in 元, text or number (> 0, at most 2 decimals). */
export interface SpendingInput {
  month?: number;
  amount?: string;
  memo?: string;
}

/** Body of POST /payments: `date` YYYY-MM-DD inside the project's fiscal year. */
export interface PaymentInput {
  date?: string;
  amount?: string;
  payee?: string;
  memo?: string;
}

const base = (projectId: number): string => `/api/projects/${projectId}`;

export const getProjectMonitoring = (projectId: number, month?: number) => api.get<ProjectMonitoring>(`${base(projectId)}/monitoring`, { month });

export const listSpending = (projectId: number) => api.get<EntryList<SpendingEntry>>(`${base(projectId)}/spending`);
export const recordSpending = (projectId: number, input: SpendingInput) => api.post<SpendingEntry>(`${base(projectId)}/spending`, input);
export const deleteSpending = (projectId: number, entryId: number) => api.delete<void>(`${base(projectId)}/spending/${entryId}`);

export const listPayments = (projectId: number) => api.get<EntryList<PaymentEntry>>(`${base(projectId)}/payments`);
export const recordPayment = (projectId: number, input: PaymentInput) => api.post<PaymentEntry>(`${base(projectId)}/payments`, input);
export const deletePayment = (projectId: number, entryId: number) => api.delete<void>(`${base(projectId)}/payments/${entryId}`);
