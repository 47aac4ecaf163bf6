/**
 * 项目列表 of the selected department and year. The search text and the page live in the URL
 * (`#/projects?keyword=党建&page=2`), so Back from a project returns to the same list.
 */
import { Button, Input, Space, Table } from 'antd';
import { useState } from 'react';
import { listProjects, listSubmissions, type Project, type SubmissionKind, type SubmissionSummary } from '../api/endpoints';
import { href } from '../app/router';
import { departmentName, useSession } from '../app/session';
import { useDraft, useUrlQuery } from '../app/url-query';
import { moneyText } from '../form/engine-adapter';
import { Guard, KIND_LABELS, newSubmissionPath, PageCard, StatusTag, useLoad } from './common';
import { ProjectForm } from './projects/ProjectForm';
import { ProjectImport } from './projects/ProjectImport';

const KINDS: SubmissionKind[] = ['declaration', 'monitoring', 'self-evaluation'];

export function ProjectsPage() {
  const session = useSession();
  const url = useUrlQuery();
  const keyword = url.get('keyword')?.trim() ?? '';
  const page = url.int('page') ?? 1;
  const [draft, setDraft] = useDraft(keyword, keyword);
  const subs = useLoad(() => listSubmissions({ year: session.year, department: session.department, pageSize: 500 }), [session.year, session.department]);
  // the latest form of each project and kind
  const latest = new Map<string, SubmissionSummary>();
  for (const sub of subs.data?.items ?? []) {
    const key = `${sub.projectId}:${sub.kind}`;
    const old = latest.get(key);
    if (old === undefined || old.updatedAt < sub.updatedAt) latest.set(key, sub);
  }
  const projects = useLoad(() => listProjects({ department: session.department, year: session.year, keyword, pageSize: 500 }), [session.department, session.year, keyword]);
  // searching for what is already shown navigates nowhere; it still re-reads, for projects added since
  const search = (text: string): void => {
    if (!url.update({ keyword: text.trim(), page: undefined })) projects.reload();
  };
  const [dialog, setDialog] = useState<'new' | 'import' | null>(null);
  const manage = session.can('project.manage');
  return (
    <PageCard
      title="项目列表"
      extra={
        <Space>
          <Input.Search
            placeholder="项目名称或编码"
            allowClear
            value={draft}
            onChange={(e) => setDraft(e.target.value)}
            onSearch={search}
            style={{ width: 260 }}
            data-testid="project-search"
          />
          {manage ? (
            <>
              <Button type="primary" onClick={() => setDialog('new')} data-testid="project-new">
                新建项目
              </Button>
              <Button onClick={() => setDialog('import')} data-testid="project-import">
                导入Excel
              </Button>
            </>
          ) : null}
        </Space>
      }
    >
      {dialog === 'new' ? (
        <ProjectForm
          project={null}
          onClose={() => setDialog(null)}
          onDone={() => {
            setDialog(null);
            projects.reload();
          }}
        />
      ) : null}
      {dialog === 'import' ? <ProjectImport onClose={() => setDialog(null)} onImported={projects.reload} /> : null}
      <Guard loaded={projects}>
        {(d) => (
          <Table<Project>
            rowKey="id"
            dataSource={d.items}
            size="middle"
            pagination={{ pageSize: 20, current: page, onChange: (p) => url.update({ page: p === 1 ? undefined : p }) }}
            columns={[
              { title: '项目编码', dataIndex: 'code', width: 160, render: (v: string) => <span data-testid="project-code">{v}</span> },
              { title: '项目名称', dataIndex: 'name', render: (v: string, p) => <a href={href(`/projects/${p.id}`)}>{v}</a> },
              { title: '单位', dataIndex: 'department', width: 120, render: (v: string) => departmentName(session, v) },
              { title: '预算类型', dataIndex: 'budgetType', width: 120 },
              {
                title: '调整后预算数（元）',
                dataIndex: 'adjusted',
                align: 'right',
                width: 170,
                render: (v: string) => moneyText(v),
              },
              ...KINDS.map((kind) => ({
                title: KIND_LABELS[kind],
                key: kind,
                width: 140,
                render: (_: unknown, p: Project) => {
                  const s = latest.get(`${p.id}:${kind}`);
                  return s !== undefined && kind !== 'monitoring' ? (
                    <Space>
                      <a href={href(`/submissions/${s.id}`)}>查看</a>
                      <StatusTag status={s.status} />
                    </Space>
                  ) : (
                    <Button size="small" href={href(newSubmissionPath(p.id, kind, p.fiscalYear))} data-testid={`fill-${kind}`}>
                      填报
                    </Button>
                  );
                },
              })),
            ]}
          />
        )}
      </Guard>
    </PageCard>
  );
}
