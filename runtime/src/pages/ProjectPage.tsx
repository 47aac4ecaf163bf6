/** One project: its facts and its forms (declaration, monitoring, self-evaluation). */
import { Button, Descriptions, Space, Table } from 'antd';
import { getProject, listSubmissions, type SubmissionKind, type SubmissionSummary } from '../api/endpoints';
import { href } from '../app/router';
import { formatScalar, moneyText } from '../form/engine-adapter';
import { useState } from 'react';
import { useSession } from '../app/session';
import { Guard, KIND_LABELS, newSubmissionPath, PageCard, StatusTag, useLoad } from './common';
import { MonitoringStart } from './projects/MonitoringStart';
import { ProjectForm } from './projects/ProjectForm';

const KINDS: SubmissionKind[] = ['declaration', 'monitoring', 'self-evaluation'];

export function ProjectPage({ id }: { id: number }) {
  const session = useSession();
  const project = useLoad(() => getProject(id), [id]);
  const subs = useLoad(() => listSubmissions({ projectId: id }), [id]);
  const [editing, setEditing] = useState(false);
  return (
    <>
      <Guard loaded={project}>
        {(p) => (
          <PageCard
            title={p.name}
            extra={
              <Space>
                {KINDS.map((k) =>
                  k === 'monitoring' ? (
                    <MonitoringStart key={k} projectId={p.id} fiscalYear={p.fiscalYear} forms={subs.data?.items ?? []} />
                  ) : (
                    <Button key={k} href={href(newSubmissionPath(p.id, k, p.fiscalYear))} data-testid={`new-${k}`}>
                      新建{KIND_LABELS[k]}
                    </Button>
                  ),
                )}
                <Button type="primary" href={href(`/projects/${p.id}/spending`)} data-testid="open-spending">
                  填写本月费用
                </Button>
                {session.can('project.manage') ? (
                  <Button onClick={() => setEditing(true)} data-testid="project-edit">
                    编辑项目
                  </Button>
                ) : null}
              </Space>
            }
          >
            {editing ? (
              <ProjectForm
                project={p}
                onClose={() => setEditing(false)}
                onDone={() => {
                  setEditing(false);
                  project.reload();
                }}
              />
            ) : null}
            <Descriptions size="small" column={3} bordered>
              <Descriptions.Item label="项目编码">{p.code}</Descriptions.Item>
              <Descriptions.Item label="单位">{p.department}</Descriptions.Item>
              <Descriptions.Item label="年度">{p.fiscalYear}</Descriptions.Item>
              <Descriptions.Item label="预算类型">{p.budgetType}</Descriptions.Item>
              <Descriptions.Item label="项目属性">{p.attribute ?? ''}</Descriptions.Item>
              <Descriptions.Item label="申请资金（元）">{moneyText(p.requested)}</Descriptions.Item>
              <Descriptions.Item label="年初预算数（元）">{moneyText(p.initialBudget)}</Descriptions.Item>
              <Descriptions.Item label="调整数（元）">{moneyText(p.adjustment)}</Descriptions.Item>
              <Descriptions.Item label="调整后预算数（元）">{moneyText(p.adjusted)}</Descriptions.Item>
            </Descriptions>
          </PageCard>
        )}
      </Guard>
      <PageCard title="表单">
        <Guard loaded={subs}>
          {(d) => (
            <Table<SubmissionSummary>
              rowKey="id"
              dataSource={d.items}
              pagination={false}
              columns={[
                { title: '类型', dataIndex: 'kind', render: (k: SubmissionKind) => KIND_LABELS[k] ?? k },
                { title: '期间', dataIndex: 'period' },
                { title: '模板', key: 't', render: (_: unknown, s) => `${s.templateId} ${s.templateVersion}` },
                { title: '状态', dataIndex: 'status', render: (_: unknown, s) => <StatusTag status={s.status} /> },
                { title: '得分', dataIndex: 'total', render: (v: number | null | undefined, s) => (typeof v === 'number' ? `${formatScalar(v, { decimals: 2 })} ${s.grade ?? ''}` : '') },
                { title: '更新时间', dataIndex: 'updatedAt', render: (v: string) => v.slice(0, 16).replace('T', ' ') },
                { title: '', key: 'go', render: (_: unknown, s) => <a href={href(`/submissions/${s.id}`)}>打开</a> },
              ]}
            />
          )}
        </Guard>
      </PageCard>
    </>
  );
}
