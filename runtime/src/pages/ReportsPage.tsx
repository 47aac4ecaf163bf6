/** 报告: approved self-evaluations and their printable reports. */
import { Button, Space, Table } from 'antd';
import { listSubmissions, reportUrl, type SubmissionKind, type SubmissionSummary } from '../api/endpoints';
import { href } from '../app/router';
import { formatScalar } from '../form/engine-adapter';
import { Guard, KIND_LABELS, PageCard, StatusTag, useLoad } from './common';

export function ReportsPage() {
  const subs = useLoad(() => listSubmissions({ kind: 'self-evaluation' }), []);
  return (
    <PageCard title="绩效报告">
      <Guard loaded={subs}>
        {(d) => (
          <Table<SubmissionSummary>
            rowKey="id"
            dataSource={d.items}
            columns={[
              { title: '项目', dataIndex: 'projectName', render: (v: string | undefined, s) => <a href={href(`/submissions/${s.id}`)}>{v ?? `#${s.projectId}`}</a> },
              { title: '类型', dataIndex: 'kind', render: (k: SubmissionKind) => KIND_LABELS[k] },
              { title: '年度', dataIndex: 'year' },
              { title: '得分', dataIndex: 'total', render: (v: number | null | undefined) => (typeof v === 'number' ? formatScalar(v, { decimals: 2 }) : '') },
              { title: '等级', dataIndex: 'grade' },
              { title: '状态', dataIndex: 'status', render: (_: unknown, s) => <StatusTag status={s.status} /> },
              {
                title: '报告',
                key: 'r',
                render: (_: unknown, s) => (
                  <Space>
                    <Button size="small" href={reportUrl(s.id, 'self-eval')} target="_blank">
                      打印自评报告
                    </Button>
                  </Space>
                ),
              },
            ]}
          />
        )}
      </Guard>
    </PageCard>
  );
}
