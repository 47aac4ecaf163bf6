/**
 * 指标库: the seed's cascading filters (指标分类名称 / 指标类型名称 / 资金用途名称 / 一级指标 /
 * 二级指标, each listing the values left under the other filters, with counts), a keyword search
 * and the matching rows, paged by the server.
 */
import { Col, Input, Row, Select, Table } from 'antd';
import { useEffect, useState } from 'react';
import { type FacetCount, type IndicatorFilters, type IndicatorSource, type LibraryIndicator, type PickerFacet } from '../../api/indicators';
import { indicatorKey } from './rows';
import { rowSelection, type Picking } from './selection';

const PAGE_SIZE = 10;

export const FACET_LABELS: Record<PickerFacet, string> = {
  category: '指标分类名称',
  type: '指标类型名称',
  fundUse: '资金用途名称',
  level1: '一级指标',
  level2: '二级指标',
};

export const LIBRARY_COLUMNS = [
  { title: '分类', dataIndex: 'category', width: 110 },
  { title: '类型', dataIndex: 'type', width: 110 },
  { title: '资金用途', dataIndex: 'fundUse', width: 90 },
  { title: '一级指标', dataIndex: 'level1', width: 90 },
  { title: '二级指标', dataIndex: 'level2', width: 110 },
  { title: '三级指标', dataIndex: 'level3', className: 'jx-pick-level3' },
  { title: '性质', dataIndex: 'direction', width: 50 },
  { title: '指标值', dataIndex: 'target', width: 70 },
  { title: '单位', dataIndex: 'unit', width: 70 },
];

/** The seed's dialog: 分类 / 类型 / 资金用途 on the left, 一级 / 二级 / 三级 on the right (三级 = keyword search). */
const SEED_LAYOUT = ['category', 'level1', 'type', 'level2', 'fundUse', 'level3'] as const;
const LABEL_WIDTH = 100;

/**
 * The facet's values with their counts. A chosen value the other filters (a keyword searched
 * later) leave without rows is still listed, with （0）, so the user sees why nothing matches.
 */
export function facetOptions(options: readonly FacetCount[], value: string | undefined): FacetCount[] {
  return value === undefined || options.some((o) => o.value === value) ? [...options] : [{ value, count: 0 }, ...options];
}

function FacetSelect({ facet, value, options, onChange }: { facet: PickerFacet; value?: string; options: FacetCount[]; onChange: (v?: string) => void }) {
  return (
    <Select
      allowClear
      showSearch
      placeholder="全部"
      dropdownClassName={`jx-picker-options-${facet}`}
      style={{ width: `calc(100% - ${LABEL_WIDTH}px)` }}
      value={value}
      onChange={onChange}
    >
      {facetOptions(options, value).map((o) => (
        <Select.Option key={o.value} value={o.value} title={o.value}>
          {o.value}（{o.count}）
        </Select.Option>
      ))}
    </Select>
  );
}

const errorText = (e: unknown): string => (e instanceof Error ? e.message : String(e));

interface Props {
  source: IndicatorSource;
  picking: Picking;
}

/** The rows and facets for the current filters and page; both reload when either changes. */
function useLibrary(source: IndicatorSource, filters: IndicatorFilters, page: number) {
  const [data, setData] = useState<{
    items: LibraryIndicator[];
    total: number;
  } | null>(null);
  const [facets, setFacets] = useState<Partial<Record<PickerFacet, FacetCount[]>>>({});
  const [error, setError] = useState<string | null>(null);
  const [loading, setLoading] = useState(true);
  useEffect(() => {
    let current = true;
    setLoading(true);
    Promise.all([source.search(filters, page, PAGE_SIZE), source.facets(filters)])
      .then(([found, f]) => {
        if (!current) return;
        setData({ items: found.items, total: found.total });
        setFacets(f);
        setError(null);
      })
      .catch((e: unknown) => current && setError(errorText(e)))
      .finally(() => current && setLoading(false));
    return () => {
      current = false;
    };
  }, [source, filters, page]);
  return { data, facets, error, loading };
}

export function LibraryTab({ source, picking }: Props) {
  const [filters, setFilters] = useState<IndicatorFilters>({});
  const [keyword, setKeyword] = useState('');
  const [page, setPage] = useState(1);
  const { data, facets, error, loading } = useLibrary(source, filters, page);
  const change = (patch: IndicatorFilters): void => {
    setFilters((prev) => ({ ...prev, ...patch }));
    setPage(1);
  };
  const filtered = Object.values(filters).some((v) => v !== undefined);
  const clearAll = (): void => {
    setFilters({});
    setKeyword('');
    setPage(1);
  };
  return (
    <div data-testid="picker-library">
      <Row gutter={[16, 8]} style={{ marginBottom: 12 }}>
        {SEED_LAYOUT.map((f) => (
          <Col span={12} key={f}>
            <div className="jx-picker-filter" data-testid={f === 'level3' ? 'picker-keyword' : `picker-filter-${f}`}>
              <span style={{ display: 'inline-block', width: LABEL_WIDTH }}>{f === 'level3' ? '三级指标' : FACET_LABELS[f]}</span>
              {f === 'level3' ? (
                <Input.Search
                  placeholder="名称或关键词，如：满意度"
                  value={keyword}
                  onChange={(e) => setKeyword(e.target.value)}
                  allowClear
                  enterButton="搜索"
                  style={{ width: `calc(100% - ${LABEL_WIDTH}px)` }}
                  onSearch={(q) => change({ q: q.trim() === '' ? undefined : q.trim() })}
                />
              ) : (
                <FacetSelect facet={f} value={filters[f]} options={facets[f] ?? []} onChange={(v) => change({ [f]: v })} />
              )}
            </div>
          </Col>
        ))}
      </Row>
      {error !== null ? <div style={{ color: '#cf1322', marginBottom: 8 }}>{error}</div> : null}
      <Table<LibraryIndicator>
        size="small"
        loading={loading}
        rowKey={indicatorKey}
        dataSource={data?.items ?? []}
        columns={LIBRARY_COLUMNS}
        rowSelection={rowSelection<LibraryIndicator>(picking, (r) => r)}
        locale={{
          emptyText: filtered ? (
            <span data-testid="picker-library-empty">
              没有符合条件的指标。<a onClick={clearAll}>清除全部筛选条件</a>
            </span>
          ) : (
            '指标库中没有指标'
          ),
        }}
        pagination={{
          current: page,
          pageSize: PAGE_SIZE,
          total: data?.total ?? 0,
          showSizeChanger: false,
          showTotal: (n) => `共 ${n} 条`,
          onChange: setPage,
        }}
      />
    </div>
  );
}
