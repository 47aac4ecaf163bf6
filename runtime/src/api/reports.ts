/**
 * Typed clients of the reports (server/src/modules/reports, docs/api.md "Reports"): each report is
 * JSON at `/api/reports/<name>` and the same figures as .xlsx at `/api/reports/<name>/export.xlsx`
 * with the same query. Amounts are exact decimal text in 元 ("4074000.00"); percentages are
 * truncated to 2 decimals ("11.04"), null when the base is 0.
 */
import { api, type Query } from './client';
import type { AmountsView, WarningView } from './endpoints';

export interface DepartmentRef {
  code: string;
  name: string;
}

export interface RuleView {
  rule: 'ratio' | 'gap';
  red: number;
  yellow: number;
}

export type ReportWarning = WarningView & { rule?: RuleView };

/** The four budgets (预算类型) a project belongs to; the reports' `budgetType` filter takes one. */
export const BUDGET_TYPES = ['一般公共预算', '政府性基金预算', '国有资本经营预算', '社会保险基金预算'] as const;

export type BudgetType = (typeof BUDGET_TYPES)[number];

export const isBudgetType = (v: string | undefined): v is BudgetType => (BUDGET_TYPES as readonly (string | undefined)[]).includes(v);

/** What every report answers about its 预算类型 filter: null = every budget. */
export interface Filtered {
  budgetType: BudgetType | null;
}

/** One unit (the department itself or a direct child with everything below it). */
export interface UnitRow extends AmountsView {
  department: DepartmentRef;
  projects: number;
  /** 单位预算占部门预算比例 (adjusted / total adjusted). */
  share: string | null;
  /** 年初预算占年初总预算比例. */
  initialShare: string | null;
  warning: ReportWarning;
  /** 预算执行率排名: 1 = highest progress, equal progress equal rank. */
  rank: number;
  display: AmountsView['display'] & { share: string; initialShare: string };
}

export interface UnitTotal extends AmountsView {
  projects: number;
  share: string;
  initialShare: string;
  display: AmountsView['display'] & { share: string; initialShare: string };
}

export interface DashboardData extends Filtered {
  department: DepartmentRef;
  year: number;
  /** The as-of month (the requested one, else the latest with spending). */
  month: number;
  /** 序时进度 at the end of the month ("25.00"). */
  timeProgress: string;
  rule: RuleView;
  units: UnitRow[];
  total: UnitTotal;
}

export interface RankingData extends Filtered {
  department: DepartmentRef;
  year: number;
  month: number;
  timeProgress: string;
  /** By rank. */
  items: UnitRow[];
  total: UnitTotal;
}

export type DeclarationStatus = 'none' | 'draft' | 'submitted' | 'returned' | 'approved';

export const DECLARATION_STATUS_LABELS: Readonly<Record<DeclarationStatus, string>> = {
  none: '未填报',
  draft: '未提交',
  submitted: '已提交',
  returned: '已退回',
  approved: '完成',
};

export interface ProjectRef {
  id: number;
  code: string;
  name: string;
}

export interface ProjectStatusRow extends AmountsView {
  index: number;
  project: ProjectRef;
  department: DepartmentRef;
  year: number;
  month: number;
  status: DeclarationStatus;
  statusText: string;
  warning: ReportWarning;
}

export interface ProjectsData extends Filtered {
  department: DepartmentRef;
  items: ProjectStatusRow[];
}

export interface AdjustedRow {
  project: ProjectRef;
  department: DepartmentRef;
  year: number;
  requested: string;
  adjustment: string;
  adjusted: string;
  display: { requested: string; adjustment: string; adjusted: string };
}

export interface AdjustedData extends Filtered {
  department: DepartmentRef;
  items: AdjustedRow[];
}

export interface TrendSeries {
  department: DepartmentRef;
  adjusted: string;
  /** Cumulative spending at the end of months 1–12. */
  cumulative: string[];
  /** Progress at the end of months 1–12. */
  progress: (string | null)[];
  display: { cumulative: string[]; progress: string[] };
}

export interface TrendData extends Filtered {
  department: DepartmentRef;
  year: number;
  months: number[];
  series: TrendSeries[];
  total: TrendSeries;
}

export interface DetailRow {
  kind: 'payment' | 'spending';
  kindText: string;
  id: number;
  project: ProjectRef;
  department: DepartmentRef;
  year: number;
  month: number;
  date: string | null;
  amount: string;
  payee: string | null;
  memo: string | null;
  display: { amount: string };
}

export interface DetailsData extends Filtered {
  department: DepartmentRef;
  year: number;
  items: DetailRow[];
  total: string;
  totalText: string;
}

export type WarningFilter = 'red' | 'yellow' | 'green' | '警告' | '正常';

/** The query every report takes: its department and, optionally, one budget type (absent = every budget). */
type ReportScope = {
  department: string;
  budgetType?: BudgetType;
};

/** Each report with the query it accepts and the answer it gives. */
export interface Reports {
  dashboard: { query: ReportScope & { year: number; month?: number }; data: DashboardData };
  ranking: { query: ReportScope & { year: number; month?: number }; data: RankingData };
  projects: {
    query: ReportScope & { year?: number; month?: number; name?: string; status?: DeclarationStatus; warning?: WarningFilter };
    data: ProjectsData;
  };
  adjusted: { query: ReportScope & { year?: number }; data: AdjustedData };
  trend: { query: ReportScope & { year: number }; data: TrendData };
  details: { query: ReportScope & { year: number; month?: number }; data: DetailsData };
}

export type ReportName = keyof Reports;

/** GET /api/reports/<name>?… → the report's JSON (404 DEPARTMENT_NOT_FOUND outside the scope). */
export function getReport<N extends ReportName>(name: N, query: Reports[N]['query']): Promise<Reports[N]['data']> {
  return api.get<Reports[N]['data']>(`/api/reports/${name}`, query as Query);
}

/** The .xlsx download of the same report and filters. */
export function reportXlsxUrl<N extends ReportName>(name: N, query: Reports[N]['query']): string {
  const params = new URLSearchParams();
  for (const [k, v] of Object.entries(query as Query)) if (v !== undefined && v !== null && v !== '') params.set(k, String(v));
  const qs = params.toString();
  return `/api/reports/${name}/export.xlsx${qs === '' ? '' : `?${qs}`}`;
}
