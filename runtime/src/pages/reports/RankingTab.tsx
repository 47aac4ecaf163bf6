/** 进度排名: the units of a department by 支出进度 (equal progress, equal rank), as of a month. */
import { reportXlsxUrl, type RankingData, type UnitRow } from '../../api/reports';
import { useSession } from '../../app/session';
import type { EChartsOption } from '../charts';
import { Guard } from '../common';
import { Chart } from './Chart';
import { moneyCol, pctCol, textCol } from './columns';
import { pct } from './format';
import { BudgetTypeFilter, DepartmentFilter, ExportButton, FilterBar, MonthFilter, ReportGrid, useReportBudgetType, useReportDepartment, WarningBadge } from './parts';
import { useReport } from './use-report';
import type { UrlQuery } from '../../app/url-query';

const COLUMNS = [
  textCol<UnitRow>('所属科室', (r) => r.department.name),
  moneyCol<UnitRow>('年初申报', (r) => r.requested),
  moneyCol<UnitRow>('年初预算', (r) => r.initialBudget),
  pctCol<UnitRow>('年初预算占年初总预算比例', (r) => r.initialShare),
  moneyCol<UnitRow>('年中调整', (r) => r.adjusted),
  moneyCol<UnitRow>('预算调整数', (r) => r.adjustment),
  moneyCol<UnitRow>('支出', (r) => r.spent),
  moneyCol<UnitRow>('余额', (r) => r.balance),
  pctCol<UnitRow>('支出进度', (r) => r.progress),
  textCol<UnitRow>('警告', (r) => <WarningBadge w={r.warning} />),
  textCol<UnitRow>('支出进度排名', (r) => r.rank, { align: 'right' }),
];

function rankingChart(d: RankingData): EChartsOption {
  const items = [...d.items].reverse();
  return {
    title: { text: '支出进度排名（%）', left: 'center', textStyle: { fontSize: 14 } },
    tooltip: { trigger: 'axis' },
    grid: { left: 96, right: 48, top: 36, bottom: 24 },
    // wide enough to show the 序时进度 line when every unit is behind it
    xAxis: { type: 'value', max: (v: { max: number }) => Math.ceil(Math.max(v.max, Number(d.timeProgress)) / 10) * 10 },
    yAxis: { type: 'category', data: items.map((u) => u.department.name) },
    series: [
      {
        type: 'bar',
        data: items.map((u) => (u.progress === null ? 0 : Number(u.progress))),
        label: { show: true, position: 'right', formatter: '{c}%' },
        markLine: { symbol: 'none', data: [{ xAxis: Number(d.timeProgress), name: '序时进度' }], label: { formatter: `序时进度 ${d.timeProgress}%` } },
      },
    ],
  };
}

export function RankingTab({ q }: { q: UrlQuery }) {
  const session = useSession();
  const query = { department: useReportDepartment(q), budgetType: useReportBudgetType(q), year: session.year, month: q.int('month') };
  const data = useReport('ranking', query);
  return (
    <>
      <FilterBar extra={<ExportButton href={reportXlsxUrl('ranking', query)} />}>
        <DepartmentFilter q={q} />
        <BudgetTypeFilter q={q} />
        <MonthFilter q={q} />
      </FilterBar>
      <Guard loaded={data}>
        {(d) => (
          <>
            <ReportGrid
              testId="report-table-ranking"
              loading={data.loading}
              caption={`当前部门: ${d.department.name}　${d.year} 年度　截至 ${d.month} 月　序时进度 ${pct(d.timeProgress)}　合计支出进度 ${pct(d.total.progress)}　单位: 元`}
              rows={d.items}
              rowKey={(r) => r.department.code}
              columns={COLUMNS}
            />
            {d.items.length > 0 ? <Chart option={rankingChart(d)} height={Math.max(200, 48 * d.items.length + 60)} /> : null}
          </>
        )}
      </Guard>
    </>
  );
}
