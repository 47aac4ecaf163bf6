/** 趋势图: cumulative spending and 支出进度 month by month, per unit and in total. */
import { Col, Row } from 'antd';
import { reportXlsxUrl, type TrendData, type TrendSeries } from '../../api/reports';
import { useSession } from '../../app/session';
import type { EChartsOption } from '../charts';
import { Guard } from '../common';
import { Chart } from './Chart';
import { moneyCol, textCol } from './columns';
import { BudgetTypeFilter, DepartmentFilter, ExportButton, FilterBar, ReportGrid, useReportBudgetType, useReportDepartment } from './parts';
import { useReport } from './use-report';
import type { UrlQuery } from '../../app/url-query';

function trendColumns(months: number[]) {
  return [
    textCol<TrendSeries>('预算单位', (s) => s.department.name),
    moneyCol<TrendSeries>('调整后预算数', (s) => s.adjusted),
    ...months.map((m, i) => moneyCol<TrendSeries>(`${m}月累计支出`, (s) => s.cumulative[i])),
  ];
}

function spendingChart(d: TrendData): EChartsOption {
  return {
    title: { text: '各月累计支出（元）', left: 'center', textStyle: { fontSize: 14 } },
    tooltip: { trigger: 'axis' },
    legend: { bottom: 0 },
    grid: { left: 80, right: 16, top: 36, bottom: 48 },
    xAxis: { type: 'category', data: d.months.map((m) => `${m}月`) },
    yAxis: { type: 'value' },
    series: d.series.map((s) => ({ name: s.department.name, type: 'bar', stack: 'spent', data: s.cumulative.map(Number) })),
  };
}

function progressChart(d: TrendData): EChartsOption {
  const line = (s: TrendSeries) => ({ name: s.department.name, type: 'line' as const, data: s.progress.map((p) => (p === null ? null : Number(p))) });
  return {
    title: { text: '支出进度趋势（%）', left: 'center', textStyle: { fontSize: 14 } },
    tooltip: { trigger: 'axis' },
    legend: { bottom: 0 },
    grid: { left: 48, right: 16, top: 36, bottom: 48 },
    xAxis: { type: 'category', data: d.months.map((m) => `${m}月`) },
    yAxis: { type: 'value' },
    series: [
      ...d.series.map(line),
      { ...line(d.total), lineStyle: { width: 3 } },
      { name: '序时进度', type: 'line', lineStyle: { type: 'dashed' }, symbol: 'none', data: d.months.map((m) => Math.trunc((m * 10000) / 12) / 100) },
    ],
  };
}

export function TrendTab({ q }: { q: UrlQuery }) {
  const session = useSession();
  const query = { department: useReportDepartment(q), budgetType: useReportBudgetType(q), year: session.year };
  const data = useReport('trend', query);
  return (
    <>
      <FilterBar extra={<ExportButton href={reportXlsxUrl('trend', query)} />}>
        <DepartmentFilter q={q} />
        <BudgetTypeFilter q={q} />
      </FilterBar>
      <Guard loaded={data}>
        {(d) => (
          <>
            <Row gutter={16} style={{ marginBottom: 16 }}>
              <Col span={12}>
                <Chart option={spendingChart(d)} testId="trend-chart-spent" />
              </Col>
              <Col span={12}>
                <Chart option={progressChart(d)} testId="trend-chart-progress" />
              </Col>
            </Row>
            <ReportGrid
              testId="report-table-trend"
              loading={data.loading}
              caption={`当前部门: ${d.department.name}　${d.year} 年度　单位: 元`}
              rows={[...d.series, d.total]}
              rowKey={(s) => s.department.code || '__total'}
              columns={trendColumns(d.months)}
              total={(s) => s === d.total}
            />
          </>
        )}
      </Guard>
    </>
  );
}
