/**
 * 我的任务 of the selected department and year (tasks-model.ts): returned forms, forms to review,
 * drafts to finish, and forms not started yet (申报 of a project without one, 自评 after an
 * approved declaration) where a template is bound.
 */
import { Button, List, Tag } from 'antd';
import { resolveBindingOrNull } from '../api/bindings';
import { formatTime } from '../api/time';
import { listProjects, listSubmissions } from '../api/endpoints';
import { href } from '../app/router';
import { departmentName, useSession } from '../app/session';
import { Guard, KIND_LABELS, newSubmissionPath, PageCard, StatusTag, useLoad } from './common';
import { formsToStart, tasksOf, type StartKind, type Task, type TaskRights } from './tasks-model';

async function loadTasks(year: number, department: string, rights: TaskRights): Promise<{ tasks: Task[]; names: Map<number, string> }> {
  const [subs, projects] = await Promise.all([listSubmissions({ year, department, pageSize: 500 }), listProjects({ year, department, pageSize: 500 })]);
  const key = (d: string, k: StartKind): string => `${d}\u0000${k}`;
  const pairs = rights.fill ? new Map(formsToStart(projects.items, subs.items).map(({ project, kind }) => [key(project.department, kind), { department: project.department, kind }])) : new Map();
  const bound = new Set<string>();
  await Promise.all([...pairs].map(async ([k, p]) => (await resolveBindingOrNull(p.department, p.kind, year)) !== null && bound.add(k)));
  return {
    tasks: tasksOf(projects.items, subs.items, rights, (d, k) => bound.has(key(d, k))),
    names: new Map(projects.items.map((p) => [p.id, p.name])),
  };
}

const TYPE_TAGS: Record<Task['type'], { text: string; color: string }> = {
  returned: { text: '已退回', color: 'red' },
  review: { text: '待审核', color: 'purple' },
  draft: { text: '未提交', color: 'blue' },
  start: { text: '未填报', color: 'default' },
};

const ACTIONS: Record<Task['type'], string> = { returned: '继续填报', review: '去审核', draft: '继续填报', start: '开始填报' };

/** What a task's list item shows and where its button goes. */
function itemOf(t: Task, names: ReadonlyMap<number, string>, year: number) {
  if (t.type === 'start') {
    return { kind: t.kind, project: t.project.name, department: t.project.department, submission: undefined, path: newSubmissionPath(t.project.id, t.kind, year), testId: `task-start-${t.project.id}-${t.kind}` };
  }
  const s = t.submission;
  return { kind: s.kind, project: names.get(s.projectId) ?? `项目 #${s.projectId}`, department: s.department, submission: s, path: `/submissions/${s.id}`, testId: `task-${s.id}` };
}

export function TasksPage() {
  const session = useSession();
  const rights: TaskRights = {
    fill: session.can('submission.fill'),
    review: session.can('submission.review'),
    ...(session.me.scope.all || session.me.department === null ? {} : { ownDepartment: session.me.department.code }),
  };
  const loaded = useLoad(() => loadTasks(session.year, session.department, rights), [session.year, session.department, rights.fill, rights.review, rights.ownDepartment]);
  return (
    <PageCard title="我的任务">
      <Guard loaded={loaded}>
        {({ tasks, names }) => (
          <List
            dataSource={tasks}
            locale={{ emptyText: '暂无待办任务' }}
            renderItem={(t) => {
              const item = itemOf(t, names, session.year);
              const s = item.submission;
              return (
                <List.Item
                  data-testid={`${item.testId}-item`}
                  actions={[
                    <Button type="link" key="go" data-testid={item.testId} href={href(item.path)}>
                      {ACTIONS[t.type]}
                    </Button>,
                  ]}
                >
                  <List.Item.Meta
                    title={
                      <span>
                        <Tag color={TYPE_TAGS[t.type].color}>{TYPE_TAGS[t.type].text}</Tag>
                        {KIND_LABELS[item.kind] ?? item.kind} · {item.project}
                        {s?.period ? `（${s.period}）` : ''}
                      </span>
                    }
                    description={
                      s === undefined ? (
                        `${departmentName(session, item.department)} · 尚未填报`
                      ) : (
                        <span>
                          {departmentName(session, item.department)} · <StatusTag status={s.status} /> 更新于 {formatTime(s.updatedAt)}
                        </span>
                      )
                    }
                  />
                </List.Item>
              );
            }}
          />
        )}
      </Guard>
    </PageCard>
  );
}
