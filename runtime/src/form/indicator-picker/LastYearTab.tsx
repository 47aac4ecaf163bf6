/**
 * 上年指标: the indicators the project's predecessor (same code, else same name and department,
 * previous fiscal year) used — those of the table with this table's path, else of all its tables —
 * to pick from or import all at once.
 */
import { Button, Table } from 'antd';
import { useCallback } from 'react';
import type { LastYearView } from '../../api/indicators';
import { indicatorKey, type IndicatorOption } from './rows';
import { rowSelection, type Picking } from './selection';
import { useAsync } from './useAsync';

const KIND_NAMES: Record<string, string> = {
  declaration: '申报',
  monitoring: '监控',
  'self-evaluation': '自评',
};

interface Props {
  lastYear: () => Promise<LastYearView>;
  /** Data path of the table being filled (`annualIndicators`). */
  field: string;
  picking: Picking;
  onImportAll: (rows: IndicatorOption[]) => void;
}

/** The rows of the same table last year, else every table's rows. */
export function lastYearRows(view: LastYearView, field: string): IndicatorOption[] {
  const same = view.tables.find((t) => t.field === field);
  return same !== undefined ? same.rows : view.tables.flatMap((t) => t.rows);
}

export function LastYearTab({ lastYear, field, picking, onImportAll }: Props) {
  const load = useCallback(() => lastYear(), [lastYear]);
  const { data, error, loading } = useAsync(load);
  const rows = data !== undefined ? lastYearRows(data, field) : [];
  const source = data?.source ?? null;
  return (
    <div data-testid="picker-last-year">
      <div
        style={{
          display: 'flex',
          justifyContent: 'space-between',
          alignItems: 'center',
          marginBottom: 8,
        }}
      >
        <span style={{ color: '#888' }} data-testid="picker-last-year-source">
          {source !== null
            ? `来源：${source.fiscalYear} 年「${source.name}」（${source.code}）的${KIND_NAMES[source.kind] ?? source.kind}表`
            : data !== undefined
              ? `上一年度（${data.project.fiscalYear - 1} 年）没有同编码或同名项目的指标`
              : ''}
        </span>
        <Button type="primary" ghost disabled={rows.length === 0} onClick={() => onImportAll(rows)} data-testid="picker-import-all">
          全部导入（{rows.length}）
        </Button>
      </div>
      {error !== null ? <div style={{ color: '#cf1322', marginBottom: 8 }}>{error}</div> : null}
      <Table<IndicatorOption>
        size="small"
        loading={loading}
        rowKey={indicatorKey}
        dataSource={rows}
        pagination={{ pageSize: 10, showSizeChanger: false }}
        locale={{ emptyText: '没有上年指标' }}
        rowSelection={rowSelection<IndicatorOption>(picking, (r) => r)}
        columns={[
          { title: '一级指标', dataIndex: 'level1', width: 90 },
          { title: '二级指标', dataIndex: 'level2', width: 110 },
          {
            title: '三级指标',
            dataIndex: 'level3',
            className: 'jx-pick-level3',
          },
          { title: '性质', dataIndex: 'direction', width: 50 },
          { title: '指标值', dataIndex: 'target', width: 70 },
          { title: '单位', dataIndex: 'unit', width: 70 },
        ]}
      />
    </div>
  );
}
