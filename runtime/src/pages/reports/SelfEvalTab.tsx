/** 绩效自评结果: self-evaluations of the year with score and grade, and their printable reports. */
import { Button, Table } from 'antd';
import { listSubmissions, reportUrl, type SubmissionSummary } from '../../api/endpoints';
import { href } from '../../app/router';
import { departmentName, useSession } from '../../app/session';
import { formatScalar } from '../../form/engine-adapter';
import { Guard, StatusTag, useLoad, useProjectNames } from '../common';
import { DepartmentFilter, FilterBar, useReportDepartment } from './parts';
import type { UrlQuery } from '../../app/url-query';

export function SelfEvalTab({ q }: { q: UrlQuery }) {
  const session = useSession();
  const department = useReportDepartment(q);
  const subs = useLoad(() => listSubmissions({ kind: 'self-evaluation', year: session.year, department, pageSize: 500 }), [session.year, department]);
  const names = useProjectNames(session.year, department);
  return (
    <>
      <FilterBar>
        <DepartmentFilter q={q} />
      </FilterBar>
      <Guard loaded={subs}>
        {(d) => (
          <div data-testid="report-table-self-eval">
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
          </div>
        )}
      </Guard>
    </>
  );
}
