/**
 * 看板: budget execution of the departments in scope for the selected year — 调整后预算, 实际支出,
 * 余额, 支出进度 (server, truncated: 11.04%) and each unit's share of the total (computed here
 * with exact engine numbers, truncated: 23.83%), with the monitoring light.
 */
import { Card, Col, Row, Statistic, Table, Tag } from 'antd';
import { useEffect, useRef } from 'react';
import { getDepartmentMonitoring, type DepartmentMonitoring, type DepartmentsView } from '../api/endpoints';
import { useSession } from '../app/session';
import { percentOf } from '../form/engine-adapter';
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

interface Row extends DepartmentMonitoring {
  share: string;
}

function DashboardView({ d }: { d: DepartmentsView }) {
  const rows: Row[] = d.items.map((i) => ({ ...i, share: percentOf(i.adjusted, d.total.adjusted) }));
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
    series: [{ type: 'pie', radius: ['35%', '65%'], data: rows.map((r) => ({ name: `${r.department.name} ${r.share}`, value: Number(r.adjusted) })) }],
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
          { title: '预算占比', dataIndex: 'share', align: 'right', className: 'jx-share' },
          { title: '预警', key: 'warning', render: (_: unknown, r) => <Tag color={LIGHT[r.warning.light] ?? 'default'}>{r.warning.lightText}</Tag> },
        ]}
        summary={() => (
          <Table.Summary.Row className="jx-dashboard-total">
            <Table.Summary.Cell index={0}>合计</Table.Summary.Cell>
            <Table.Summary.Cell index={1} align="right">{d.total.projects}</Table.Summary.Cell>
            <Table.Summary.Cell index={2} align="right">{d.total.display.adjusted}</Table.Summary.Cell>
            <Table.Summary.Cell index={3} align="right">{d.total.display.spent}</Table.Summary.Cell>
            <Table.Summary.Cell index={4} align="right">{d.total.display.balance}</Table.Summary.Cell>
            <Table.Summary.Cell index={5} align="right" className="jx-progress-total">{d.total.display.progress}</Table.Summary.Cell>
            <Table.Summary.Cell index={6} align="right">100%</Table.Summary.Cell>
            <Table.Summary.Cell index={7}>
              <Tag color={LIGHT[d.total.warning.light] ?? 'default'}>{d.total.warning.lightText}</Tag>
            </Table.Summary.Cell>
          </Table.Summary.Row>
        )}
      />
    </>
  );
}

export function DashboardPage() {
  const session = useSession();
  const dash = useLoad(() => getDepartmentMonitoring(session.year), [session.year]);
  return (
    <PageCard title={`预算执行看板（${session.year} 年度）`}>
      <Guard loaded={dash}>{(d) => <DashboardView d={d} />}</Guard>
    </PageCard>
  );
}
