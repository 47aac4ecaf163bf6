/** 报告: self-evaluations of the year with score and grade, and their printable reports. */
import { Button, Table } from 'antd';
import { listSubmissions, reportUrl, type SubmissionSummary } from '../api/endpoints';
import { href } from '../app/router';
import { departmentName, useSession } from '../app/session';
import { formatScalar } from '../form/engine-adapter';
import { Guard, PageCard, StatusTag, useLoad, useProjectNames } from './common';

export function ReportsPage() {
  const session = useSession();
  const subs = useLoad(() => listSubmissions({ kind: 'self-evaluation', year: session.year, pageSize: 500 }), [session.year]);
  const names = useProjectNames(session.year);
  return (
    <PageCard title="绩效自评结果">
      <Guard loaded={subs}>
        {(d) => (
          <Table<SubmissionSummary>
            rowKey="id"
            dataSource={d.items}
            locale={{ emptyText: '本年度没有自评表' }}
            columns={[
              { title: '项目', dataIndex: 'projectId', render: (id: number, s) => <a href={href(`/submissions/${s.id}`)}>{names.get(id) ?? `项目 #${id}`}</a> },
              { title: '单位', dataIndex: 'department', render: (v: string) => departmentName(session, v) },
              { title: '得分', dataIndex: 'total', align: 'right', render: (v: number | null) => (v !== null ? formatScalar(v, { decimals: 2 }) : '') },
              { title: '等级', dataIndex: 'grade' },
              { title: '状态', dataIndex: 'status', render: (_: unknown, s) => <StatusTag status={s.status} /> },
              {
                title: '报告',
                key: 'r',
                render: (_: unknown, s) => (
                  <Button size="small" href={reportUrl(s.id)} target="_blank">
                    打印自评报告
                  </Button>
                ),
              },
            ]}
          />
        )}
      </Guard>
    </PageCard>
  );
}
