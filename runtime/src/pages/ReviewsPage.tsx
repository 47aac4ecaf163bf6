/** 审核: submitted forms in the user's scope waiting for review. */
import { Table } from 'antd';
import { listReviews, type SubmissionKind, type SubmissionSummary } from '../api/endpoints';
import { href } from '../app/router';
import { departmentName, useSession } from '../app/session';
import { formatScalar } from '../form/engine-adapter';
import { Guard, KIND_LABELS, PageCard, StatusTag, useLoad, useProjectNames } from './common';

export function ReviewsPage() {
  const session = useSession();
  const reviews = useLoad(() => listReviews(session.year), [session.year]);
  const names = useProjectNames(session.year);
  return (
    <PageCard title="待审核">
      <Guard loaded={reviews}>
        {(d) => (
          <Table<SubmissionSummary>
            rowKey="id"
            dataSource={d.items}
            locale={{ emptyText: '没有待审核的表单' }}
            columns={[
              { title: '项目', dataIndex: 'projectId', render: (id: number, s) => <a href={href(`/submissions/${s.id}`)}>{names.get(id) ?? `项目 #${id}`}</a> },
              { title: '单位', dataIndex: 'department', render: (v: string) => departmentName(session, v) },
              { title: '类型', dataIndex: 'kind', render: (k: SubmissionKind) => KIND_LABELS[k] ?? k },
              { title: '期间', dataIndex: 'period' },
              { title: '得分', dataIndex: 'total', render: (v: number | null, s) => (v !== null ? `${formatScalar(v, { decimals: 2 })} ${s.grade ?? ''}` : '') },
              { title: '状态', dataIndex: 'status', render: (_: unknown, s) => <StatusTag status={s.status} /> },
              { title: '提交时间', dataIndex: 'submittedAt', render: (v: string | null) => (v ?? '').slice(0, 16).replace('T', ' ') },
            ]}
          />
        )}
      </Guard>
    </PageCard>
  );
}
