/** 项目列表 of the selected department and year. */
import { Button, Input, Space, Table } from 'antd';
import { useState } from 'react';
import { listProjects, type Project, type SubmissionKind } from '../api/endpoints';
import { href } from '../app/router';
import { useSession } from '../app/session';
import { formatMoney } from '../form/engine-adapter';
import { Guard, KIND_LABELS, PageCard, StatusTag, useLoad } from './common';

const KINDS: SubmissionKind[] = ['declaration', 'monitoring', 'self-evaluation'];

export function ProjectsPage() {
  const session = useSession();
  const [q, setQ] = useState('');
  const projects = useLoad(() => listProjects({ department: session.department, year: session.year, q }), [session.department, session.year, q]);
  return (
    <PageCard title="项目列表" extra={<Input.Search placeholder="项目名称或编码" allowClear onSearch={setQ} style={{ width: 260 }} />}>
      <Guard loaded={projects}>
        {(d) => (
          <Table<Project>
            rowKey="id"
            dataSource={d.items}
            size="middle"
            pagination={{ pageSize: 20 }}
            columns={[
              { title: '项目编码', dataIndex: 'code', width: 160 },
              { title: '项目名称', dataIndex: 'name', render: (v: string, p) => <a href={href(`/projects/${p.id}`)}>{v}</a> },
              { title: '单位', dataIndex: 'departmentName', width: 160, render: (v: string | undefined, p) => v ?? p.department },
              {
                title: '预算数（元）',
                dataIndex: 'budget',
                align: 'right',
                width: 160,
                render: (v: number | null | undefined) => (typeof v === 'number' ? formatMoney(v) : ''),
              },
              ...KINDS.map((kind) => ({
                title: KIND_LABELS[kind],
                key: kind,
                width: 140,
                render: (_: unknown, p: Project) => {
                  const s = p.submissions?.[kind];
                  return s !== undefined ? (
                    <Space>
                      <a href={href(`/submissions/${s.id}`)}>查看</a>
                      <StatusTag status={s.status} />
                    </Space>
                  ) : (
                    <Button size="small" href={href(`/projects/${p.id}/new/${kind}`)}>
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
