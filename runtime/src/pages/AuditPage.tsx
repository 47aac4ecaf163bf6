/**
 * 审计日志 (audit.view): every write, newest first — who, when, which entity, what action; a row
 * opens what was recorded before and after. Filters: kind of entity (and its id), user, dates.
 */
import { Button, Input, Select, Space, Table, Tag } from 'antd';
import { useState } from 'react';
import { ACTION_LABELS, ENTITY_LABELS, listAudit, type AuditEntry, type AuditQuery } from '../api/audit';
import { formatTime } from '../api/time';
import { Guard, PageCard, useLoad } from './common';

const PAGE_SIZE = 50;

interface Filters {
  type?: string;
  id?: string;
  user?: string;
  from?: string;
  to?: string;
}

function queryOf(f: Filters, page: number): AuditQuery {
  const entity = f.type === undefined ? undefined : f.id ? `${f.type}:${f.id.trim()}` : f.type;
  return {
    ...(entity !== undefined ? { entity } : {}),
    ...(f.user ? { user: f.user.trim() } : {}),
    ...(f.from ? { from: f.from } : {}),
    ...(f.to ? { to: f.to } : {}),
    page,
    pageSize: PAGE_SIZE,
  };
}

const json = (v: unknown): string => (v === null || v === undefined ? '（无）' : JSON.stringify(v, null, 2));

function Detail({ e }: { e: AuditEntry }) {
  return (
    <div style={{ display: 'flex', gap: 16 }} data-testid={`audit-detail-${e.id}`}>
      {(['before', 'after'] as const).map((k) => (
        <div key={k} style={{ flex: 1, minWidth: 0 }}>
          <strong>{k === 'before' ? '修改前' : '修改后'}</strong>
          <pre style={{ fontSize: 12, maxHeight: 360, overflow: 'auto', background: '#fafafa', padding: 8 }}>{json(e[k])}</pre>
        </div>
      ))}
    </div>
  );
}

export function AuditPage() {
  const [draft, setDraft] = useState<Filters>({});
  const [filters, setFilters] = useState<Filters>({});
  const [page, setPage] = useState(1);
  const loaded = useLoad(() => listAudit(queryOf(filters, page)), [filters, page]);
  const apply = (): void => {
    setFilters(draft);
    setPage(1);
  };
  return (
    <PageCard title="审计日志">
      <Space wrap style={{ marginBottom: 12 }}>
        <Select
          allowClear
          placeholder="对象类型"
          style={{ width: 140 }}
          value={draft.type}
          onChange={(type?: string) => setDraft({ ...draft, type })}
          options={Object.entries(ENTITY_LABELS).map(([value, label]) => ({ value, label }))}
          data-testid="audit-type"
        />
        <Input placeholder="对象编号" style={{ width: 140 }} value={draft.id} onChange={(e) => setDraft({ ...draft, id: e.target.value })} disabled={draft.type === undefined} data-testid="audit-id" />
        <Input placeholder="操作人（用户名）" style={{ width: 160 }} value={draft.user} onChange={(e) => setDraft({ ...draft, user: e.target.value })} data-testid="audit-user" />
        <Input type="date" style={{ width: 160 }} value={draft.from} onChange={(e) => setDraft({ ...draft, from: e.target.value })} aria-label="起始日期" data-testid="audit-from" />
        <span>至</span>
        <Input type="date" style={{ width: 160 }} value={draft.to} onChange={(e) => setDraft({ ...draft, to: e.target.value })} aria-label="截止日期" data-testid="audit-to" />
        <Button type="primary" onClick={apply} data-testid="audit-search">
          查询
        </Button>
      </Space>
      <Guard loaded={loaded}>
        {(d) => (
          <Table<AuditEntry>
            rowKey="id"
            size="small"
            dataSource={d.items}
            data-testid="audit-table"
            loading={loaded.loading}
            locale={{ emptyText: '没有符合条件的记录' }}
            expandable={{ expandedRowRender: (e) => <Detail e={e} /> }}
            pagination={{ current: d.page, pageSize: d.pageSize, total: d.total, showSizeChanger: false, showTotal: (n) => `共 ${n} 条`, onChange: setPage }}
            columns={[
              { title: '时间', dataIndex: 'at', width: 150, render: (at: string) => formatTime(at) },
              { title: '操作人', dataIndex: 'username', width: 120, render: (u: string | null) => u ?? '—' },
              { title: '对象', key: 'entity', render: (_: unknown, e) => `${ENTITY_LABELS[e.entityType] ?? e.entityType}${e.entityId !== null ? ` ${e.entityId}` : ''}` },
              { title: '操作', dataIndex: 'action', width: 110, render: (a: string) => <Tag>{ACTION_LABELS[a] ?? a}</Tag> },
              { title: 'IP', dataIndex: 'ip', width: 130, render: (ip: string | null) => ip ?? '' },
            ]}
          />
        )}
      </Guard>
    </PageCard>
  );
}
