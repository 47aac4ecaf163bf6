/** 数据明细: the spending entries and payment records of the year (through a month), with their sum. */
import { reportXlsxUrl, type DetailRow, type DetailsData } from '../../api/reports';
import { useSession } from '../../app/session';
import { Guard } from '../common';
import { moneyCol, textCol } from './columns';
import { BudgetTypeFilter, DepartmentFilter, ExportButton, FilterBar, MonthFilter, ReportGrid, useReportBudgetType, useReportDepartment } from './parts';
import { useReport } from './use-report';
import type { UrlQuery } from '../../app/url-query';

interface Line {
  key: string;
  month: number | null;
  date: string | null;
  code: string;
  name: string;
  unit: string;
  kind: string;
  amount: string;
  payee: string | null;
  memo: string | null;
  total: boolean;
}

const line = (r: DetailRow): Line => ({
  key: `${r.kind}-${r.id}`,
  month: r.month,
  date: r.date,
  code: r.project.code,
  name: r.project.name,
  unit: r.department.name,
  kind: r.kindText,
  amount: r.amount,
  payee: r.payee,
  memo: r.memo,
  total: false,
});

/** The entries, then 合计 (as the export prints it). */
const lines = (d: DetailsData): Line[] => [
  ...d.items.map(line),
  { key: '__total', month: null, date: null, code: '', name: '合计', unit: '', kind: '', amount: d.total, payee: null, memo: null, total: true },
];

const COLUMNS = [
  textCol<Line>('月份', (r) => r.month, { align: 'right' }),
  textCol<Line>('日期', (r) => r.date),
  textCol<Line>('项目编码', (r) => r.code),
  textCol<Line>('项目名称', (r) => r.name),
  textCol<Line>('所属科室', (r) => r.unit),
  textCol<Line>('类型', (r) => r.kind),
  moneyCol<Line>('金额', (r) => r.amount),
  textCol<Line>('收款方', (r) => r.payee),
  textCol<Line>('备注', (r) => r.memo),
];

export function DetailsTab({ q }: { q: UrlQuery }) {
  const session = useSession();
  const query = { department: useReportDepartment(q), budgetType: useReportBudgetType(q), year: session.year, month: q.int('month') };
  const data = useReport('details', query);
  return (
    <>
      <FilterBar extra={<ExportButton href={reportXlsxUrl('details', query)} />}>
        <DepartmentFilter q={q} />
        <BudgetTypeFilter q={q} />
        <MonthFilter q={q} placeholder="全年" />
      </FilterBar>
      <Guard loaded={data}>
        {(d) => (
          <ReportGrid
            testId="report-table-details"
            loading={data.loading}
            caption={`当前部门: ${d.department.name}　${d.year} 年度${query.month !== undefined ? `　1–${query.month} 月` : ''}　共 ${d.items.length} 笔，合计 ${d.totalText} 元`}
            rows={lines(d)}
            rowKey={(r) => r.key}
            columns={COLUMNS}
            total={(r) => r.total}
          />
        )}
      </Guard>
    </>
  );
}
