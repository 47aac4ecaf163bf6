/** 审核: submitted forms in the user's scope waiting for review. */
import { Table } from 'antd';
import { listReviews, type SubmissionKind, type SubmissionSummary } from '../api/endpoints';
import { href } from '../app/router';
import { formatScalar } from '../form/engine-adapter';
import { Guard, KIND_LABELS, PageCard, StatusTag, useLoad } from './common';

export function ReviewsPage() {
  const reviews = useLoad(() => listReviews(), []);
  return (
    <PageCard title="待审核">
      <Guard loaded={reviews}>
        {(d) => (
          <Table<SubmissionSummary>
            rowKey="id"
            dataSource={d.items}
            locale={{ emptyText: '没有待审核的表单' }}
            columns={[
              { title: '项目', dataIndex: 'projectName', render: (v: string | undefined, s) => <a href={href(`/submissions/${s.id}`)}>{v ?? `#${s.projectId}`}</a> },
              { title: '单位', dataIndex: 'departmentName', render: (v: string | undefined, s) => v ?? s.department },
              { title: '类型', dataIndex: 'kind', render: (k: SubmissionKind) => KIND_LABELS[k] },
              { title: '年度', dataIndex: 'year', width: 80 },
              { title: '得分', dataIndex: 'total', render: (v: number | null | undefined, s) => (typeof v === 'number' ? `${formatScalar(v, { decimals: 2 })} ${s.grade ?? ''}` : '') },
              { title: '状态', dataIndex: 'status', render: (_: unknown, s) => <StatusTag status={s.status} /> },
              { title: '提交时间', dataIndex: 'updatedAt' },
            ]}
          />
        )}
      </Guard>
    </PageCard>
  );
}
