/** One project: its facts and its forms (declaration, monitoring, self-evaluation). */
import { Button, Descriptions, Space, Table } from 'antd';
import { getProject, listSubmissions, type SubmissionKind, type SubmissionSummary } from '../api/endpoints';
import { href } from '../app/router';
import { formatMoney, formatScalar } from '../form/engine-adapter';
import { Guard, KIND_LABELS, PageCard, StatusTag, useLoad } from './common';

const KINDS: SubmissionKind[] = ['declaration', 'monitoring', 'self-evaluation'];

export function ProjectPage({ id }: { id: number }) {
  const project = useLoad(() => getProject(id), [id]);
  const subs = useLoad(() => listSubmissions({ project: id }), [id]);
  return (
    <>
      <Guard loaded={project}>
        {(p) => (
          <PageCard
            title={p.name}
            extra={
              <Space>
                {KINDS.map((k) => (
                  <Button key={k} href={href(`/projects/${p.id}/new/${k}`)} data-testid={`new-${k}`}>
                    新建{KIND_LABELS[k]}
                  </Button>
                ))}
              </Space>
            }
          >
            <Descriptions size="small" column={3} bordered>
              <Descriptions.Item label="项目编码">{p.code}</Descriptions.Item>
              <Descriptions.Item label="单位">{p.departmentName ?? p.department}</Descriptions.Item>
              <Descriptions.Item label="年度">{p.year}</Descriptions.Item>
              <Descriptions.Item label="预算数（元）">{typeof p.budget === 'number' ? formatMoney(p.budget) : ''}</Descriptions.Item>
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
                { title: '类型', dataIndex: 'kind', render: (k: SubmissionKind) => <a>{KIND_LABELS[k]}</a> },
                { title: '模板', key: 't', render: (_: unknown, s) => `${s.templateId} ${s.version}` },
                { title: '状态', dataIndex: 'status', render: (_: unknown, s) => <StatusTag status={s.status} /> },
                { title: '得分', dataIndex: 'total', render: (v: number | null | undefined, s) => (typeof v === 'number' ? `${formatScalar(v, { decimals: 2 })} ${s.grade ?? ''}` : '') },
                { title: '更新时间', dataIndex: 'updatedAt' },
                { title: '', key: 'go', render: (_: unknown, s) => <a href={href(`/submissions/${s.id}`)}>打开</a> },
              ]}
            />
          )}
        </Guard>
      </PageCard>
    </>
  );
}
