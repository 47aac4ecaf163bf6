/** 我的任务: drafts to finish, returned forms, forms to review. */
import { Button, List, Tag } from 'antd';
import { listTasks, type Task } from '../api/endpoints';
import { href } from '../app/router';
import { Guard, KIND_LABELS, PageCard, StatusTag, useLoad } from './common';

function taskLink(t: Task): string {
  if (t.submissionId !== undefined) return href(`/submissions/${t.submissionId}`);
  return href(`/projects/${t.projectId}/new/${t.kind}`);
}

export function TasksPage() {
  const tasks = useLoad(() => listTasks(), []);
  return (
    <PageCard title="我的任务">
      <Guard loaded={tasks}>
        {(d) => (
          <List
            dataSource={d.items}
            locale={{ emptyText: '暂无待办任务' }}
            renderItem={(t) => (
              <List.Item
                actions={[
                  <Button type="link" href={taskLink(t)} key="go">
                    {t.type === 'review' ? '去审核' : t.type === 'create' ? '去填报' : '继续填报'}
                  </Button>,
                ]}
              >
                <List.Item.Meta
                  title={
                    <span>
                      <Tag color={t.type === 'review' ? 'purple' : 'blue'}>{KIND_LABELS[t.kind]}</Tag>
                      {t.projectName}
                    </span>
                  }
                  description={
                    <span>
                      {t.status !== undefined ? <StatusTag status={t.status} /> : null}
                      {t.deadline ? `截止 ${t.deadline}` : null}
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
