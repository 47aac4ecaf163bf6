/**
 * 审核: forms in the user's scope by review state — waiting for review (submitted), returned to
 * the unit, approved. Each opens the form (review, history, version comparison) or its print view.
 */
import { Space, Table, Tabs } from 'antd';
import { useState } from 'react';
import { listReviews, listSubmissions, type SubmissionKind, type SubmissionStatus, type SubmissionSummary } from '../api/endpoints';
import { href } from '../app/router';
import { departmentName, useSession } from '../app/session';
import { formatScalar } from '../form/engine-adapter';
import { Guard, KIND_LABELS, PageCard, StatusTag, useLoad, useProjectNames } from './common';
import { formatTime } from '../api/time';

type QueueTab = Extract<SubmissionStatus, 'submitted' | 'returned' | 'approved'>;

const TABS: Array<{ key: QueueTab; label: string; empty: string }> = [
  { key: 'submitted', label: '待审核', empty: '没有待审核的表单' },
  { key: 'returned', label: '已退回', empty: '没有已退回的表单' },
  { key: 'approved', label: '已审核', empty: '没有已审核的表单' },
];

export function ReviewsPage() {
  const [tab, setTab] = useState<QueueTab>('submitted');
  return (
    <PageCard title="审核">
      <Tabs activeKey={tab} onChange={(k) => setTab(k as QueueTab)} destroyInactiveTabPane>
        {TABS.map((t) => (
          <Tabs.TabPane key={t.key} tab={t.label}>
            <Queue status={t.key} empty={t.empty} />
          </Tabs.TabPane>
        ))}
      </Tabs>
    </PageCard>
  );
}

function Queue({ status, empty }: { status: QueueTab; empty: string }) {
  const session = useSession();
  const loaded = useLoad(
    () => (status === 'submitted' ? listReviews(session.year) : listSubmissions({ status, year: session.year, pageSize: 500 })),
    [status, session.year],
  );
  const names = useProjectNames(session.year);
  // The reviewer's own department is reviewed by the department above (REVIEW_OWN_DEPARTMENT).
  const own = session.me.scope.all ? undefined : session.me.department?.code;
  const rows = (items: SubmissionSummary[]) => (status === 'submitted' ? items.filter((s) => s.department !== own) : items);
  const timeOf = (s: SubmissionSummary) => (status === 'approved' ? s.approvedAt : status === 'returned' ? s.updatedAt : s.submittedAt);
  return (
    <Guard loaded={loaded}>
      {(d) => (
        <Table<SubmissionSummary>
          rowKey="id"
          dataSource={rows(d.items)}
          locale={{ emptyText: empty }}
          data-testid={`queue-${status}`}
          columns={[
            { title: '项目', dataIndex: 'projectId', render: (id: number, s) => <a href={href(`/submissions/${s.id}`)}>{names.get(id) ?? `项目 #${id}`}</a> },
            { title: '单位', dataIndex: 'department', render: (v: string) => departmentName(session, v) },
            { title: '类型', dataIndex: 'kind', render: (k: SubmissionKind) => KIND_LABELS[k] ?? k },
            { title: '期间', dataIndex: 'period' },
            { title: '得分', dataIndex: 'total', render: (v: number | null, s) => (v !== null ? `${formatScalar(v, { decimals: 2 })} ${s.grade ?? ''}` : '') },
            { title: '状态', dataIndex: 'status', render: (_: unknown, s) => <StatusTag status={s.status} /> },
            { title: status === 'approved' ? '审核时间' : status === 'returned' ? '退回时间' : '提交时间', key: 'time', render: (_: unknown, s) => formatTime(timeOf(s) ?? '') },
            {
              title: '操作',
              key: 'ops',
              render: (_: unknown, s) => (
                <Space>
                  <a href={href(`/submissions/${s.id}`)}>{status === 'submitted' ? '审核' : '查看'}</a>
                  <a href={href(`/submissions/${s.id}?print=1`)}>打印</a>
                </Space>
              ),
            },
          ]}
        />
      )}
    </Guard>
  );
}
