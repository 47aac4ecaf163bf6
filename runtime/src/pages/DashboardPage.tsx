/**
 * 首页看板 of a department and year (seed 000): 部门预算情况, 各单位预算占比 (click a slice to
 * look at that unit, 复位 to come back), 各单位支出进度 and 各单位支出明细 with 报警状态 and
 * 预算执行率排名. Figures are the server's (percentages truncated: 11.04%, 23.83%). The department,
 * the budget type (预算类型) and the month live in the URL (`#/dashboard?department=DQZX&month=3`).
 */
import { ReloadOutlined } from '@ant-design/icons';
import { Button, Card, Col, Row, Space, Statistic, Table } from 'antd';
import { reportXlsxUrl, type DashboardData, type UnitRow } from '../api/reports';
import { useSession } from '../app/session';
import type { EChartsOption } from './charts';
import { Guard, PageCard } from './common';
import { Chart } from './reports/Chart';
import { money, pct } from './reports/format';
import { BudgetTypeFilter, DepartmentFilter, MonthFilter, useReportBudgetType, useReportDepartment, WarningBadge } from './reports/parts';
import { useReport } from './reports/use-report';
import { useUrlQuery } from '../app/url-query';

const BUDGET_FIGURES: Array<[string, (t: DashboardData['total']) => string]> = [
  ['本年度申请资金', (t) => t.requested],
  ['年初预算数', (t) => t.initialBudget],
  ['调整数', (t) => t.adjustment],
  ['调整后预算数', (t) => t.adjusted],
  ['实际支出', (t) => t.spent],
  ['余额', (t) => t.balance],
];

function budgetOption(d: DashboardData): EChartsOption {
  return {
    tooltip: { trigger: 'axis' },
    grid: { left: 96, right: 24, top: 16, bottom: 32 },
    xAxis: { type: 'category', data: BUDGET_FIGURES.map(([n]) => n), axisLabel: { interval: 0 } },
    yAxis: { type: 'value' },
    series: [{ type: 'bar', barMaxWidth: 48, data: BUDGET_FIGURES.map(([, get]) => Number(get(d.total))) }],
  };
}

/** Slices sized by 调整后预算数, labelled with the server's share (truncated, as in the table). */
function shareOption(rows: UnitRow[]): EChartsOption {
  const unit = (name: string): UnitRow | undefined => rows.find((r) => r.department.name === name);
  return {
    tooltip: { trigger: 'item', formatter: (p: { name: string }) => `${p.name}: ${money(unit(p.name)?.adjusted)} 元 (${pct(unit(p.name)?.share)})` },
    legend: { bottom: 0 },
    series: [
      {
        type: 'pie',
        radius: ['35%', '65%'],
        label: { formatter: (p: { name: string }) => `${p.name}\n${pct(unit(p.name)?.share)}` },
        data: rows.map((r) => ({ name: r.department.name, value: Number(r.adjusted) })),
      },
    ],
  };
}

function progressOption(d: DashboardData): EChartsOption {
  const rows = d.units;
  return {
    tooltip: { trigger: 'axis' },
    legend: { bottom: 0 },
    grid: { left: 96, right: 16, bottom: 56, top: 24 },
    xAxis: { type: 'category', data: rows.map((r) => r.department.name), axisLabel: { interval: 0 } },
    yAxis: { type: 'value' },
    series: [
      { name: '实际支出数', type: 'bar', stack: 'budget', barMaxWidth: 96, data: rows.map((r) => Number(r.spent)) },
      // the 支出进度 label sits on top of the stack (on the 余额 part)
      { name: '余额', type: 'bar', stack: 'budget', barMaxWidth: 96, data: rows.map((r) => Number(r.balance)), label: { show: true, position: 'top', formatter: (p: { dataIndex: number }) => `支出进度 ${pct(rows[p.dataIndex]?.progress)}` } },
    ],
  };
}

/** The seed's transposed 各单位支出进度 table (a plain table: the page's one antd table is the 明细). */
function ProgressTable({ rows }: { rows: UnitRow[] }) {
  const line = (label: string, cell: (r: UnitRow) => string) => (
    <tr>
      <th style={{ textAlign: 'left', padding: '4px 12px' }}>{label}</th>
      {rows.map((r) => (
        <td key={r.department.code} style={{ textAlign: 'right', padding: '4px 12px' }}>
          {cell(r)}
        </td>
      ))}
    </tr>
  );
  return (
    <table style={{ width: '100%', borderCollapse: 'collapse' }} data-testid="dashboard-progress-table">
      <thead>
        <tr>
          <th />
          {rows.map((r) => (
            <th key={r.department.code} style={{ textAlign: 'right', padding: '4px 12px' }}>
              {r.department.name}
            </th>
          ))}
        </tr>
      </thead>
      <tbody>
        {line('实际支出数', (r) => money(r.spent))}
        {line('余额', (r) => money(r.balance))}
        {line('支出进度', (r) => pct(r.progress))}
      </tbody>
    </table>
  );
}

function DetailTable({ d }: { d: DashboardData }) {
  return (
    <Table<UnitRow>
      rowKey={(r) => r.department.code}
      dataSource={d.units}
      pagination={false}
      size="middle"
      bordered
      scroll={{ x: 'max-content' }}
      data-testid="dashboard-table"
      columns={[
        { title: '预算单位', key: 'name', render: (_: unknown, r) => r.department.name },
        { title: '本年度申请资金', key: 'requested', align: 'right', render: (_: unknown, r) => money(r.requested) },
        { title: '年初预算数', key: 'initialBudget', align: 'right', render: (_: unknown, r) => money(r.initialBudget) },
        { title: '调整数', key: 'adjustment', align: 'right', render: (_: unknown, r) => money(r.adjustment) },
        { title: '调整后预算数', key: 'adjusted', align: 'right', render: (_: unknown, r) => money(r.adjusted) },
        { title: '单位预算占部门预算比例', key: 'share', align: 'right', className: 'jx-share', render: (_: unknown, r) => pct(r.share) },
        { title: '实际支出', key: 'spent', align: 'right', render: (_: unknown, r) => money(r.spent) },
        { title: '支出占年度预算比例(%)', key: 'progress', align: 'right', className: 'jx-progress', render: (_: unknown, r) => pct(r.progress) },
        { title: '报警状态', key: 'warning', render: (_: unknown, r) => <WarningBadge w={r.warning} /> },
        { title: '预算执行率排名', dataIndex: 'rank', align: 'right' },
      ]}
      summary={() => (
        <Table.Summary.Row className="jx-dashboard-total" style={{ fontWeight: 600 }}>
          <Table.Summary.Cell index={0}>总计</Table.Summary.Cell>
          <Table.Summary.Cell index={1} align="right">{money(d.total.requested)}</Table.Summary.Cell>
          <Table.Summary.Cell index={2} align="right">{money(d.total.initialBudget)}</Table.Summary.Cell>
          <Table.Summary.Cell index={3} align="right">{money(d.total.adjustment)}</Table.Summary.Cell>
          <Table.Summary.Cell index={4} align="right">{money(d.total.adjusted)}</Table.Summary.Cell>
          <Table.Summary.Cell index={5} align="right">{pct(d.total.share)}</Table.Summary.Cell>
          <Table.Summary.Cell index={6} align="right">{money(d.total.spent)}</Table.Summary.Cell>
          <Table.Summary.Cell index={7} align="right" className="jx-progress-total">{pct(d.total.progress)}</Table.Summary.Cell>
          <Table.Summary.Cell index={8}>--</Table.Summary.Cell>
          <Table.Summary.Cell index={9} />
        </Table.Summary.Row>
      )}
    />
  );
}

function DashboardView({ d, onDrill, onReset, drilled }: { d: DashboardData; onDrill: (code: string) => void; onReset: () => void; drilled: boolean }) {
  const current = `当前部门: ${d.department.name}`;
  const drill = (name: string): void => {
    const unit = d.units.find((u) => u.department.name === name);
    if (unit !== undefined && unit.department.code !== d.department.code) onDrill(unit.department.code);
  };
  return (
    <>
      <Row gutter={16} style={{ marginBottom: 16 }}>
        <Col span={14}>
          <Card size="small" title="部门预算情况 (单位: 元)" extra={`截至 ${d.month} 月　序时进度 ${pct(d.timeProgress)}`}>
            <Row gutter={8} style={{ marginBottom: 8 }}>
              <Col span={8}><Statistic title="调整后预算数" value={money(d.total.adjusted)} /></Col>
              <Col span={8}><Statistic title="实际支出" value={money(d.total.spent)} /></Col>
              <Col span={8}><Statistic title="支出进度" value={pct(d.total.progress)} /></Col>
            </Row>
            <Chart option={budgetOption(d)} height={240} testId="dashboard-budget-chart" />
          </Card>
        </Col>
        <Col span={10}>
          <Card
            size="small"
            title="各单位预算占比 (单位: 元)"
            extra={
              <Space>
                <span data-testid="dashboard-current">{current}</span>
                <Button size="small" icon={<ReloadOutlined />} onClick={onReset} disabled={!drilled} data-testid="dashboard-reset">
                  复位
                </Button>
              </Space>
            }
          >
            <Chart option={shareOption(d.units)} height={324} onItemClick={drill} testId="dashboard-share-chart" />
          </Card>
        </Col>
      </Row>
      <Card size="small" title="各单位支出进度 (单位: 元)" extra={current} style={{ marginBottom: 16 }}>
        <Chart option={progressOption(d)} height={280} onItemClick={drill} />
        <ProgressTable rows={d.units} />
      </Card>
      <Card size="small" title="各单位支出明细 (单位: 元)" extra={current}>
        <DetailTable d={d} />
      </Card>
    </>
  );
}

export function DashboardPage() {
  const session = useSession();
  const q = useUrlQuery();
  const query = { department: useReportDepartment(q), budgetType: useReportBudgetType(q), year: session.year, month: q.int('month') };
  const dash = useReport('dashboard', query);
  return (
    <PageCard
      title={`预算执行看板（${session.year} 年度）`}
      extra={
        <Space wrap>
          <DepartmentFilter q={q} />
          <BudgetTypeFilter q={q} />
          <MonthFilter q={q} />
          <Button href={reportXlsxUrl('dashboard', query)} data-testid="dashboard-xlsx">
            导出Excel
          </Button>
        </Space>
      }
    >
      <Guard loaded={dash}>
        {(d) => (
          <DashboardView d={d} drilled={q.get('department') !== undefined} onDrill={(code) => q.update({ department: code })} onReset={() => q.update({ department: undefined, month: undefined })} />
        )}
      </Guard>
    </PageCard>
  );
}
