/**
 * 看板: budget execution of the selected department and its units — 调整后预算, 实际支出, 余额,
 * 支出进度 and each unit's share, percentages truncated to 2 decimals (11.0457 → 11.04%).
 */
import { Card, Col, Row, Statistic, Table, Tag } from 'antd';
import { useEffect, useRef } from 'react';
import { getDashboard, type Dashboard, type DashboardRow } from '../api/endpoints';
import { useSession } from '../app/session';
import { formatMoney, formatPercentTruncated } from '../form/engine-adapter';
import { echarts, type EChartsOption } from './charts';
import { Guard, PageCard, useLoad } from './common';

/** A percentage from the server: a number is a percentage value to truncate; text is shown as is. */
export function percentText(v: number | string | null | undefined): string {
  if (typeof v === 'number') return formatPercentTruncated(v);
  return v ?? '';
}

function percentNumber(v: number | string): number {
  return typeof v === 'number' ? v : Number.parseFloat(v);
}

const LIGHT: Record<string, { color: string; text: string }> = {
  green: { color: 'green', text: '正常' },
  yellow: { color: 'gold', text: '黄色预警' },
  red: { color: 'red', text: '红色预警' },
};

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

function DashboardView({ d }: { d: Dashboard }) {
  const names = d.rows.map((r) => r.name);
  const progress: EChartsOption = {
    title: { text: '支出进度', left: 'center', textStyle: { fontSize: 14 } },
    tooltip: { trigger: 'axis' },
    grid: { left: 48, right: 16, bottom: 64, top: 40 },
    xAxis: { type: 'category', data: names, axisLabel: { interval: 0, rotate: 30 } },
    yAxis: { type: 'value', axisLabel: { formatter: '{value}%' } },
    series: [{ type: 'bar', data: d.rows.map((r) => percentNumber(r.progress)), label: { show: true, position: 'top', formatter: (p: { dataIndex: number }) => percentText(d.rows[p.dataIndex]?.progress) } }],
  };
  const shares: EChartsOption = {
    title: { text: '各单位预算占比', left: 'center', textStyle: { fontSize: 14 } },
    tooltip: { trigger: 'item' },
    legend: { bottom: 0 },
    series: [
      {
        type: 'pie',
        radius: ['35%', '65%'],
        data: d.rows.map((r) => ({ name: r.name, value: r.adjusted })),
        label: { formatter: (p: { dataIndex: number; name: string }) => `${p.name} ${percentText(d.rows[p.dataIndex]?.share)}` },
      },
    ],
  };
  return (
    <>
      <Row gutter={16} style={{ marginBottom: 16 }}>
        <Col span={6}>
          <Card size="small"><Statistic title="调整后预算数（元）" value={formatMoney(d.totals.adjusted)} /></Card>
        </Col>
        <Col span={6}>
          <Card size="small"><Statistic title="实际支出（元）" value={formatMoney(d.totals.spent)} /></Card>
        </Col>
        <Col span={6}>
          <Card size="small"><Statistic title="余额（元）" value={formatMoney(d.totals.balance)} /></Card>
        </Col>
        <Col span={6}>
          <Card size="small"><Statistic title="支出进度" value={percentText(d.totals.progress)} /></Card>
        </Col>
      </Row>
      <Row gutter={16} style={{ marginBottom: 16 }}>
        <Col span={14}>
          <Card size="small"><Chart option={progress} /></Card>
        </Col>
        <Col span={10}>
          <Card size="small"><Chart option={shares} /></Card>
        </Col>
      </Row>
      <Table<DashboardRow>
        rowKey="department"
        dataSource={d.rows}
        pagination={false}
        size="middle"
        data-testid="dashboard-table"
        columns={[
          { title: '单位', dataIndex: 'name' },
          { title: '调整后预算数（元）', dataIndex: 'adjusted', align: 'right', render: (v: number) => formatMoney(v) },
          { title: '实际支出（元）', dataIndex: 'spent', align: 'right', render: (v: number) => formatMoney(v) },
          { title: '余额（元）', dataIndex: 'balance', align: 'right', render: (v: number) => formatMoney(v) },
          { title: '支出进度', dataIndex: 'progress', align: 'right', className: 'jx-progress', render: (v: number | string) => percentText(v) },
          { title: '预算占比', dataIndex: 'share', align: 'right', className: 'jx-share', render: (v: number | string) => percentText(v) },
          {
            title: '预警',
            dataIndex: 'warning',
            render: (w: string | null | undefined) => {
              const l = w ? LIGHT[w] : undefined;
              return l ? <Tag color={l.color}>{l.text}</Tag> : null;
            },
          },
        ]}
      />
    </>
  );
}

export function DashboardPage() {
  const session = useSession();
  const dash = useLoad(() => getDashboard(session.department, session.year), [session.department, session.year]);
  return (
    <PageCard title={`预算执行看板（${session.year} 年度）`}>
      <Guard loaded={dash}>{(d) => <DashboardView d={d} />}</Guard>
    </PageCard>
  );
}
