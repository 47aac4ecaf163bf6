/**
 * The project's money as of the monitoring month, as the server computes it: 申报金额, 调整后预算,
 * 累计支出 (spending entries + payments), 余额 = 调整后预算 − 累计支出, 执行率 against 序时进度 and
 * the warning light; then the month-by-month spending with its running total.
 */
import { Descriptions, Table, Tag } from 'antd';
import type { MonthFigure, ProjectMonitoring } from '../../api/monitoring';

const LIGHT_COLOR: Record<string, string> = {
  green: 'green',
  yellow: 'gold',
  red: 'red',
};

function Money({ text, testId }: { text: string; testId: string }) {
  return (
    <span>
      <span className="jx-money-text" data-testid={testId}>
        {text}
      </span>{' '}
      元
    </span>
  );
}

function ruleText(m: ProjectMonitoring): string {
  const r = m.warning.rule;
  return r.rule === 'gap' ? `落后序时进度 ${r.yellow} / ${r.red} 个百分点为黄灯 / 红灯` : `执行率 / 序时进度低于 ${r.yellow}% / ${r.red}% 为黄灯 / 红灯`;
}

export function SummaryPanel({ m }: { m: ProjectMonitoring }) {
  return (
    <div data-testid="spending-summary">
      <Descriptions size="small" column={3} bordered>
        <Descriptions.Item label="申报金额">
          <Money text={m.display.requested} testId="summary-requested" />
        </Descriptions.Item>
        <Descriptions.Item label="调整后预算">
          <Money text={m.display.adjusted} testId="summary-adjusted" />
        </Descriptions.Item>
        <Descriptions.Item label={`累计支出（截至 ${m.month} 月）`}>
          <Money text={m.display.spent} testId="summary-spent" />
        </Descriptions.Item>
        <Descriptions.Item label="余额">
          <Money text={m.display.balance} testId="summary-balance" />
        </Descriptions.Item>
        <Descriptions.Item label="执行率">
          <span data-testid="summary-rate">{m.display.executionRate}</span>
          <span style={{ color: 'rgba(0,0,0,0.45)' }}>（序时进度 {m.display.timeProgress}）</span>
        </Descriptions.Item>
        <Descriptions.Item label="预警">
          <Tag color={LIGHT_COLOR[m.warning.light] ?? 'default'} data-testid="summary-light" title={ruleText(m)}>
            {m.warning.lightText}
          </Tag>
          {m.warning.status}
        </Descriptions.Item>
      </Descriptions>
    </div>
  );
}

/** Spending per month 1–12 of the fiscal year (entries + payments) and the running total. */
export function MonthTable({ months }: { months: MonthFigure[] }) {
  const used = months.filter((x) => x.amount !== '0.00');
  return (
    <div data-testid="month-table">
      <Table<MonthFigure>
        rowKey="month"
        size="small"
        dataSource={used}
        pagination={false}
        locale={{ emptyText: '本年度尚无支出' }}
        columns={[
          {
            title: '月份',
            dataIndex: 'month',
            render: (v: number) => `${v} 月`,
            width: 90,
          },
          {
            title: '当月支出（元）',
            key: 'amount',
            align: 'right',
            className: 'jx-money-text',
            render: (_: unknown, r) => r.display.amount,
          },
          {
            title: '累计支出（元）',
            key: 'cumulative',
            align: 'right',
            className: 'jx-money-text',
            render: (_: unknown, r) => r.display.cumulative,
          },
        ]}
      />
    </div>
  );
}
