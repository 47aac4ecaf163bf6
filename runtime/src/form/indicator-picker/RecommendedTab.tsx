/** 推荐: the project's recommended indicators, best first, each with the reasons for its score. */
import { Table, Tag } from 'antd';
import { useCallback } from 'react';
import type { IndicatorRecommendation, RecommendationView } from '../../api/indicators';
import { indicatorKey } from './rows';
import { rowSelection, type Picking } from './selection';
import { useAsync } from './useAsync';

interface Props {
  recommended: () => Promise<RecommendationView>;
  picking: Picking;
}

export function RecommendedTab({ recommended, picking }: Props) {
  const load = useCallback(() => recommended(), [recommended]);
  const { data, error, loading } = useAsync(load);
  return (
    <div data-testid="picker-recommended">
      {data !== undefined ? (
        <div style={{ color: '#888', marginBottom: 8 }}>
          按项目「{data.project.name}」的分类、类型、资金用途、名称及同类项目（
          {data.similarBy}，{data.similarProjects} 个）的用法推荐
        </div>
      ) : null}
      {error !== null ? <div style={{ color: '#cf1322', marginBottom: 8 }}>{error}</div> : null}
      <Table<IndicatorRecommendation>
        size="small"
        loading={loading}
        rowKey={(r) => indicatorKey(r.indicator)}
        dataSource={data?.items ?? []}
        pagination={{ pageSize: 10, showSizeChanger: false }}
        locale={{ emptyText: '没有推荐的指标' }}
        rowSelection={rowSelection<IndicatorRecommendation>(picking, (r) => r.indicator)}
        columns={[
          {
            title: '一级指标',
            width: 90,
            render: (_, r) => r.indicator.level1,
          },
          {
            title: '二级指标',
            width: 110,
            render: (_, r) => r.indicator.level2,
          },
          {
            title: '三级指标',
            className: 'jx-pick-level3',
            render: (_, r) => r.indicator.level3,
          },
          {
            title: '推荐分',
            dataIndex: 'score',
            width: 70,
            className: 'jx-pick-score',
          },
          {
            title: '推荐理由',
            className: 'jx-pick-reasons',
            render: (_, r) =>
              r.reasons.map((x) => (
                <Tag key={x.text} style={{ marginBottom: 2 }}>
                  {x.text}
                </Tag>
              )),
          },
        ]}
      />
    </div>
  );
}
