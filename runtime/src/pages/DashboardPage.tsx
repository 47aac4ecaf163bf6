/**
 * 看板 (首页 各单位支出明细) of the selected department and year: its units' 调整后预算, 实际支出,
 * 余额, 支出进度 and share of the total (server figures, truncated: 11.04%, 23.83%), the
 * monitoring light and the execution rank, with charts and an Excel export.
 */
import { Button, Card, Col, Row, Statistic, Table, Tag } from 'antd';
import { useEffect, useRef } from 'react';
import { dashboardXlsxUrl, getDashboard, type DashboardReport, type DashboardUnit } from '../api/endpoints';
import { useSession } from '../app/session';
import { echarts, type EChartsOption } from './charts';
import { Guard, PageCard, useLoad } from './common';

const LIGHT: Record<string, string> = { green: 'green', yellow: 'gold', red: 'red' };

function Chart({ option, height = 320 }: { option: EChartsOption; height?: number }) {
  const el = useRef<HTMLDivElement>(null);
  useEffect(() => {
    if (el.current === null) return undefined;
    const chart = echarts.init(el.current);
    chart.setOption(option);
    const onResize = (): void => chart.resize();
    window.addEventListener('resize', onResize);
    return () => {
      window.removeEventListener('resize', onResize);
      chart.dispose();
    };
  }, [option]);
  return <div ref={el} style={{ height }} />;
}

type Row = DashboardUnit;

function DashboardView({ d }: { d: DashboardReport }) {
  const rows: Row[] = d.units;
  const progressOption: EChartsOption = {
    title: { text: '支出进度（%）', left: 'center', textStyle: { fontSize: 14 } },
    tooltip: { trigger: 'axis' },
    grid: { left: 48, right: 16, bottom: 64, top: 40 },
    xAxis: { type: 'category', data: rows.map((r) => r.department.name), axisLabel: { interval: 0, rotate: 30 } },
    yAxis: { type: 'value' },
    series: [{ type: 'bar', data: rows.map((r) => (r.progress === null ? 0 : Number(r.progress))), label: { show: true, position: 'top' } }],
  };
  const shareOption: EChartsOption = {
    title: { text: '各单位预算占比', left: 'center', textStyle: { fontSize: 14 } },
    tooltip: { trigger: 'item' },
    legend: { bottom: 0 },
    series: [{ type: 'pie', radius: ['35%', '65%'], data: rows.map((r) => ({ name: `${r.department.name} ${r.display.share}`, value: Number(r.adjusted) })) }],
  };
  return (
    <>
      <Row gutter={16} style={{ marginBottom: 16 }}>
        <Col span={6}>
          <Card size="small"><Statistic title="调整后预算数（元）" value={d.total.display.adjusted} /></Card>
        </Col>
        <Col span={6}>
          <Card size="small"><Statistic title="实际支出（元）" value={d.total.display.spent} /></Card>
        </Col>
        <Col span={6}>
          <Card size="small"><Statistic title="余额（元）" value={d.total.display.balance} /></Card>
        </Col>
        <Col span={6}>
          <Card size="small">
            <Statistic title={`支出进度（序时进度 ${d.timeProgress}%，截至 ${d.month} 月）`} value={d.total.display.progress} />
          </Card>
        </Col>
      </Row>
      <Row gutter={16} style={{ marginBottom: 16 }}>
        <Col span={14}>
          <Card size="small"><Chart option={progressOption} /></Card>
        </Col>
        <Col span={10}>
          <Card size="small"><Chart option={shareOption} /></Card>
        </Col>
      </Row>
      <Table<Row>
        rowKey={(r) => r.department.code}
        dataSource={rows}
        pagination={false}
        size="middle"
        data-testid="dashboard-table"
        columns={[
          { title: '单位', key: 'name', render: (_: unknown, r) => r.department.name },
          { title: '项目数', dataIndex: 'projects', align: 'right' },
          { title: '调整后预算数（元）', key: 'adjusted', align: 'right', render: (_: unknown, r) => r.display.adjusted },
          { title: '实际支出（元）', key: 'spent', align: 'right', render: (_: unknown, r) => r.display.spent },
          { title: '余额（元）', key: 'balance', align: 'right', render: (_: unknown, r) => r.display.balance },
          { title: '支出进度', key: 'progress', align: 'right', className: 'jx-progress', render: (_: unknown, r) => r.display.progress },
          { title: '预算占比', key: 'share', align: 'right', className: 'jx-share', render: (_: unknown, r) => r.display.share },
          { title: '预警', key: 'warning', render: (_: unknown, r) => <Tag color={LIGHT[r.warning.light] ?? 'default'}>{r.warning.lightText}</Tag> },
          { title: '执行率排名', dataIndex: 'rank', align: 'right' },
        ]}
        summary={() => (
          <Table.Summary.Row className="jx-dashboard-total">
            <Table.Summary.Cell index={0}>合计</Table.Summary.Cell>
            <Table.Summary.Cell index={1} align="right">{d.total.projects}</Table.Summary.Cell>
            <Table.Summary.Cell index={2} align="right">{d.total.display.adjusted}</Table.Summary.Cell>
            <Table.Summary.Cell index={3} align="right">{d.total.display.spent}</Table.Summary.Cell>
            <Table.Summary.Cell index={4} align="right">{d.total.display.balance}</Table.Summary.Cell>
            <Table.Summary.Cell index={5} align="right" className="jx-progress-total">{d.total.display.progress}</Table.Summary.Cell>
            <Table.Summary.Cell index={6} align="right">{d.total.display.share}</Table.Summary.Cell>
            <Table.Summary.Cell index={7}>
              {d.total.warning !== undefined ? <Tag color={LIGHT[d.total.warning.light] ?? 'default'}>{d.total.warning.lightText}</Tag> : null}
            </Table.Summary.Cell>
            <Table.Summary.Cell index={8} />
          </Table.Summary.Row>
        )}
      />
    </>
  );
}

export function DashboardPage() {
  const session = useSession();
  const dash = useLoad(() => getDashboard(session.department, session.year), [session.department, session.year]);
  return (
    <PageCard
      title={`预算执行看板（${session.year} 年度）`}
      extra={
        <Button href={dashboardXlsxUrl(session.department, session.year)} data-testid="dashboard-xlsx">
          导出 Excel
        </Button>
      }
    >
      <Guard loaded={dash}>{(d) => <DashboardView d={d} />}</Guard>
    </PageCard>
  );
}
