/**
 * 项目看板: the home page's 各单位支出明细 (部门 … 预算执行率排名, with the 总计 row) and
 * 各单位支出进度 tables of a department, as the two sheets of its export.
 */
import { reportXlsxUrl, type DashboardData, type ReportWarning } from '../../api/reports';
import { useSession } from '../../app/session';
import { Guard } from '../common';
import { moneyCol, pctCol, textCol } from './columns';
import { pct } from './format';
import { BudgetTypeFilter, DepartmentFilter, ExportButton, FilterBar, MonthFilter, ReportGrid, useReportBudgetType, useReportDepartment, WarningBadge } from './parts';
import { useReport } from './use-report';
import type { UrlQuery } from '../../app/url-query';

export interface BoardRow {
  key: string;
  dept: string;
  unit: string;
  requested: string;
  initialBudget: string;
  adjustment: string;
  adjusted: string;
  share: string | null;
  spent: string;
  balance: string;
  progress: string | null;
  warning: ReportWarning | null;
  rank: number | null;
  total: boolean;
}

/** The units, then 总计; the department's name on the first line only (as the seed prints it). */
export function boardRows(d: DashboardData): BoardRow[] {
  const rows: BoardRow[] = d.units.map((u, i) => ({ key: u.department.code, dept: i === 0 ? d.department.name : '', unit: u.department.name, ...u, total: false }));
  rows.push({ key: '__total', dept: d.units.length === 0 ? d.department.name : '', unit: '总计', ...d.total, warning: null, rank: null, total: true });
  return rows;
}

export const BOARD_COLUMNS = [
  textCol<BoardRow>('部门', (r) => r.dept),
  textCol<BoardRow>('预算单位', (r) => r.unit),
  moneyCol<BoardRow>('本年度申请资金', (r) => r.requested),
  moneyCol<BoardRow>('年初预算数', (r) => r.initialBudget),
  moneyCol<BoardRow>('调整数', (r) => r.adjustment),
  moneyCol<BoardRow>('调整后预算数', (r) => r.adjusted),
  pctCol<BoardRow>('单位预算占部门预算比例', (r) => r.share),
  moneyCol<BoardRow>('实际支出', (r) => r.spent),
  pctCol<BoardRow>('支出占年度预算比例(%)', (r) => r.progress),
  textCol<BoardRow>('报警状态', (r) => (r.warning === null ? '--' : <WarningBadge w={r.warning} />)),
  textCol<BoardRow>('预算执行率排名', (r) => r.rank, { align: 'right' }),
];

type Unit = DashboardData['units'][number];

const PROGRESS_COLUMNS = [
  textCol<Unit>('预算单位', (r) => r.department.name),
  moneyCol<Unit>('实际支出数', (r) => r.spent),
  moneyCol<Unit>('余额', (r) => r.balance),
  pctCol<Unit>('支出进度', (r) => r.progress),
];

export function BoardTab({ q }: { q: UrlQuery }) {
  const session = useSession();
  const query = { department: useReportDepartment(q), budgetType: useReportBudgetType(q), year: session.year, month: q.int('month') };
  const data = useReport('dashboard', query);
  return (
    <>
      <FilterBar extra={<ExportButton href={reportXlsxUrl('dashboard', query)} />}>
        <DepartmentFilter q={q} />
        <BudgetTypeFilter q={q} />
        <MonthFilter q={q} />
      </FilterBar>
      <Guard loaded={data}>
        {(d) => (
          <>
            <h3>各单位支出明细 (单位: 元)</h3>
            <ReportGrid
              testId="report-table-board"
              loading={data.loading}
              caption={`当前部门: ${d.department.name}　${d.year} 年度　截至 ${d.month} 月　序时进度 ${pct(d.timeProgress)}`}
              rows={boardRows(d)}
              rowKey={(r) => r.key}
              columns={BOARD_COLUMNS}
              total={(r) => r.total}
            />
            <h3 style={{ marginTop: 16 }}>各单位支出进度 (单位: 元)</h3>
            <ReportGrid testId="report-table-board-progress" rows={d.units} rowKey={(r) => r.department.code} columns={PROGRESS_COLUMNS} />
          </>
        )}
      </Guard>
    </>
  );
}
