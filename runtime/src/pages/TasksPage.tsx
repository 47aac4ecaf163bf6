/**
 * 我的任务, derived from the submissions in scope: drafts and returned forms to finish (with
 * submission.fill) and submitted forms to review (with submission.review).
 */
import { Button, List, Tag } from 'antd';
import { listSubmissions, type SubmissionSummary } from '../api/endpoints';
import { href } from '../app/router';
import { useSession } from '../app/session';
import { Guard, KIND_LABELS, PageCard, StatusTag, useLoad, useProjectNames } from './common';

export function TasksPage() {
  const session = useSession();
  const subs = useLoad(() => listSubmissions({ year: session.year, department: session.department, pageSize: 500 }), [session.year, session.department]);
  const names = useProjectNames(session.year, session.department);
  const canFill = session.can('submission.fill');
  const canReview = session.can('submission.review');
  const isTask = (s: SubmissionSummary): boolean =>
    (canFill && (s.status === 'draft' || s.status === 'returned')) || (canReview && s.status === 'submitted');
  return (
    <PageCard title="我的任务">
      <Guard loaded={subs}>
        {(d) => (
          <List
            dataSource={d.items.filter(isTask)}
            locale={{ emptyText: '暂无待办任务' }}
            renderItem={(s) => (
              <List.Item
                actions={[
                  <Button type="link" href={href(`/submissions/${s.id}`)} key="go" data-testid={`task-${s.id}`}>
                    {s.status === 'submitted' ? '去审核' : '继续填报'}
                  </Button>,
                ]}
              >
                <List.Item.Meta
                  title={
                    <span>
                      <Tag color={s.status === 'submitted' ? 'purple' : 'blue'}>{KIND_LABELS[s.kind] ?? s.kind}</Tag>
                      {names.get(s.projectId) ?? `项目 #${s.projectId}`}
                      {s.period !== null ? `（${s.period}）` : ''}
                    </span>
                  }
                  description={
                    <span>
                      <StatusTag status={s.status} /> 更新于 {s.updatedAt.slice(0, 16).replace('T', ' ')}
                    </span>
                  }
                />
              </List.Item>
            )}
          />
        )}
      </Guard>
    </PageCard>
  );
}
