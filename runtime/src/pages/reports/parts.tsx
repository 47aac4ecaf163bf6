/**
 * Pieces every report tab shares: the filter controls (bound to the URL query), the export
 * button, the warning badge and the table frame the browser test reads.
 */
import { DownloadOutlined } from '@ant-design/icons';
import { Badge, Button, Checkbox, Input, Select, Space, Table } from 'antd';
import type { ColumnsType } from 'antd/lib/table';
import type { ReactNode } from 'react';
import { BUDGET_TYPES, DECLARATION_STATUS_LABELS, isBudgetType, type BudgetType, type ReportWarning } from '../../api/reports';
import { useSession } from '../../app/session';
import { MONTHS } from './format';
import type { UrlQuery } from '../../app/url-query';

const LIGHT_COLORS: Record<string, string> = { red: '#f5222d', yellow: '#faad14', green: '#52c41a' };

/** 报警状态 as the seed shows it: a coloured dot and 警告 / 正常 (title: 红灯 / 黄灯 / 绿灯). */
export function WarningBadge({ w }: { w: ReportWarning }) {
  return (
    <span title={w.lightText}>
      <Badge color={LIGHT_COLORS[w.light] ?? '#d9d9d9'} text={w.status} />
    </span>
  );
}

/** The department the report is for: `?department=`, else the one picked in the top bar. */
export function useReportDepartment(q: UrlQuery): string {
  const session = useSession();
  const d = q.get('department');
  return d !== undefined && session.departments.some((x) => x.code === d) ? d : session.department;
}

export function DepartmentFilter({ q }: { q: UrlQuery }) {
  const session = useSession();
  const value = useReportDepartment(q);
  if (session.departments.length < 2) return <span>部门：{session.departments[0]?.name ?? value}</span>;
  return (
    <Select
      value={value}
      onChange={(v: string) => q.update({ department: v === session.department ? undefined : v })}
      style={{ minWidth: 180 }}
      showSearch
      optionFilterProp="label"
      options={session.departments.map((d) => ({ value: d.code, label: d.name }))}
      data-testid="filter-department"
    />
  );
}

/** The budget type the report is for: `?budgetType=` when it names one of the four, else every budget. */
export function useReportBudgetType(q: UrlQuery): BudgetType | undefined {
  const v = q.get('budgetType');
  return isBudgetType(v) ? v : undefined;
}

/** 预算类型: 全部 (the default, no parameter) or one of the four budgets. */
export function BudgetTypeFilter({ q }: { q: UrlQuery }) {
  return (
    <span>
      预算类型：
      <Select<string>
        value={useReportBudgetType(q) ?? ''}
        onChange={(v) => q.update({ budgetType: v })}
        style={{ width: 160 }}
        options={[{ value: '', label: '全部' }, ...BUDGET_TYPES.map((t) => ({ value: t, label: t }))]}
        data-testid="filter-budget-type"
      />
    </span>
  );
}

/** 截至月份 (or 月份 for details): empty = the latest month with spending. */
export function MonthFilter({ q, placeholder = '最新月份' }: { q: UrlQuery; placeholder?: string }) {
  return (
    <Select<number>
      value={q.int('month')}
      allowClear
      placeholder={placeholder}
      onChange={(v) => q.update({ month: v })}
      style={{ width: 130 }}
      options={MONTHS.map((m) => ({ value: m, label: `截至 ${m} 月` }))}
      data-testid="filter-month"
    />
  );
}

export function StatusFilter({ q }: { q: UrlQuery }) {
  return (
    <Select<string>
      value={q.get('status')}
      allowClear
      placeholder="填报状态"
      onChange={(v) => q.update({ status: v })}
      style={{ width: 120 }}
      options={Object.entries(DECLARATION_STATUS_LABELS).map(([value, label]) => ({ value, label }))}
      data-testid="filter-status"
    />
  );
}

export function WarningFilter({ q }: { q: UrlQuery }) {
  return (
    <Select<string>
      value={q.get('warning')}
      allowClear
      placeholder="预警"
      onChange={(v) => q.update({ warning: v })}
      style={{ width: 110 }}
      options={[
        { value: '警告', label: '警告' },
        { value: '正常', label: '正常' },
        { value: 'red', label: '红灯' },
        { value: 'yellow', label: '黄灯' },
        { value: 'green', label: '绿灯' },
      ]}
      data-testid="filter-warning"
    />
  );
}

/** Project-name keyword, applied on Enter / the search button (one history entry per search). */
export function NameFilter({ q }: { q: UrlQuery }) {
  const current = q.get('name') ?? '';
  return (
    <span data-testid="filter-name">
      <Input.Search key={current} defaultValue={current} placeholder="项目名称关键字" allowClear onSearch={(v) => q.update({ name: v.trim() })} style={{ width: 220 }} />
    </span>
  );
}

/** 全部年度 instead of the fiscal year picked in the top bar. */
export function AllYearsFilter({ q }: { q: UrlQuery }) {
  return (
    <span data-testid="filter-all-years">
      <Checkbox checked={q.get('years') === 'all'} onChange={(e) => q.update({ years: e.target.checked ? 'all' : undefined })}>
        全部年度
      </Checkbox>
    </span>
  );
}

/** The line above a project list: department, year (or 全部年度), count and unit. */
export function projectListCaption(department: string, year: number | undefined, count: number): string {
  return `当前部门: ${department}　${year === undefined ? '全部年度' : `${year} 年度`}　共 ${count} 个项目　单位: 元`;
}

export function ExportButton({ href }: { href: string }) {
  return (
    <Button icon={<DownloadOutlined />} href={href} data-testid="report-export">
      导出Excel
    </Button>
  );
}

export function FilterBar({ children, extra }: { children: ReactNode; extra?: ReactNode }) {
  return (
    <div style={{ display: 'flex', justifyContent: 'space-between', alignItems: 'center', marginBottom: 12, gap: 12, flexWrap: 'wrap' }}>
      <Space wrap>{children}</Space>
      <Space>{extra}</Space>
    </div>
  );
}

/** A report table: Chinese headers as in the .xlsx, no paging below 100 rows. */
export function ReportGrid<T extends object>({ testId, rows, columns, rowKey, caption, total, loading }: {
  testId: string;
  rows: T[];
  columns: ColumnsType<T>;
  rowKey: (r: T) => string;
  caption?: ReactNode;
  /** Rows shown as totals (bold), e.g. 总计 / 合计. */
  total?: (r: T) => boolean;
  loading?: boolean;
}) {
  return (
    <div data-testid={testId}>
      {caption !== undefined ? <div style={{ margin: '4px 0 8px', color: 'rgba(0,0,0,0.65)' }}>{caption}</div> : null}
      <Table<T>
        rowKey={rowKey}
        dataSource={rows}
        columns={columns}
        size="middle"
        bordered
        scroll={{ x: 'max-content' }}
        pagination={rows.length > 100 ? { pageSize: 100, showSizeChanger: false } : false}
        loading={loading === true}
        onRow={(r) => (total?.(r) === true ? { className: 'jx-report-total', style: { fontWeight: 600 } } : {})}
        locale={{ emptyText: '没有符合条件的数据' }}
      />
    </div>
  );
}
