/**
 * 审计日志 (audit.view): every write, newest first — who, when, which entity, what action; a row
 * opens what was recorded before and after. Filters: kind of entity (and its id), user, dates.
 * The applied filters and the page live in the URL (`#/audit?entity=project:12&page=2`), so Back
 * after opening something elsewhere returns to them, and a filtered view can be bookmarked.
 */
import { Button, Input, Select, Space, Table, Tag } from 'antd';
import { ACTION_LABELS, ENTITY_LABELS, listAudit, type AuditEntry, type AuditQuery } from '../api/audit';
import { formatTime } from '../api/time';
import { useDraft, useUrlQuery, type UrlQuery } from '../app/url-query';
import { Guard, PageCard, useLoad } from './common';

const PAGE_SIZE = 50;

interface Filters {
  type?: string;
  id?: string;
  user?: string;
  from?: string;
  to?: string;
}

/** The URL's part of the API query: the same names, so a copied link reads like the request. */
function paramsOf(f: Filters): Pick<AuditQuery, 'entity' | 'user' | 'from' | 'to'> {
  const id = f.id?.trim();
  const user = f.user?.trim();
  return {
    ...(f.type !== undefined ? { entity: id ? `${f.type}:${id}` : f.type } : {}),
    ...(user ? { user } : {}),
    ...(f.from ? { from: f.from } : {}),
    ...(f.to ? { to: f.to } : {}),
  };
}

const DATE = /^\d{4}-\d{2}-\d{2}$/;

/** The filters a URL holds; what the page could not have written (an unknown kind, a bad date) is ignored. */
function filtersOf(q: UrlQuery): Filters {
  const [type = '', ...id] = (q.get('entity') ?? '').split(':');
  const user = q.get('user');
  const from = q.get('from');
  const to = q.get('to');
  return {
    ...(Object.keys(ENTITY_LABELS).includes(type) ? { type, ...(id.length > 0 ? { id: id.join(':') } : {}) } : {}),
    ...(user ? { user } : {}),
    ...(from !== undefined && DATE.test(from) ? { from } : {}),
    ...(to !== undefined && DATE.test(to) ? { to } : {}),
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

interface BarProps {
  draft: Filters;
  onChange(next: Filters): void;
  onApply(): void;
  onReset(): void;
}

function FilterBar({ draft, onChange, onApply, onReset }: BarProps) {
  const set = (patch: Filters): void => onChange({ ...draft, ...patch });
  return (
    <Space wrap style={{ marginBottom: 12 }}>
      <Select
        allowClear
        placeholder="对象类型"
        style={{ width: 140 }}
        value={draft.type}
        onChange={(type?: string) => set({ type })}
        options={Object.entries(ENTITY_LABELS).map(([value, label]) => ({ value, label }))}
        data-testid="audit-type"
      />
      <Input placeholder="对象编号" style={{ width: 140 }} value={draft.id} onChange={(e) => set({ id: e.target.value })} disabled={draft.type === undefined} data-testid="audit-id" />
      <Input placeholder="操作人（用户名）" style={{ width: 160 }} value={draft.user} onChange={(e) => set({ user: e.target.value })} data-testid="audit-user" />
      <Input type="date" style={{ width: 160 }} value={draft.from} onChange={(e) => set({ from: e.target.value })} aria-label="起始日期" data-testid="audit-from" />
      <span>至</span>
      <Input type="date" style={{ width: 160 }} value={draft.to} onChange={(e) => set({ to: e.target.value })} aria-label="截止日期" data-testid="audit-to" />
      <Button type="primary" onClick={onApply} data-testid="audit-search">
        查询
      </Button>
      <Button onClick={onReset} data-testid="audit-reset">
        重置
      </Button>
    </Space>
  );
}

/** Every parameter the page writes, removed: applied filters replace the old ones, from page 1. */
const CLEARED = { entity: undefined, user: undefined, from: undefined, to: undefined, page: undefined };

const COLUMNS = [
  { title: '时间', dataIndex: 'at', width: 150, render: (at: string) => formatTime(at) },
  { title: '操作人', dataIndex: 'username', width: 120, render: (u: string | null) => u ?? '—' },
  { title: '对象', key: 'entity', render: (_: unknown, e: AuditEntry) => `${ENTITY_LABELS[e.entityType] ?? e.entityType}${e.entityId !== null ? ` ${e.entityId}` : ''}` },
  { title: '操作', dataIndex: 'action', width: 110, render: (a: string) => <Tag>{ACTION_LABELS[a] ?? a}</Tag> },
  { title: 'IP', dataIndex: 'ip', width: 130, render: (ip: string | null) => ip ?? '' },
];

export function AuditPage() {
  const url = useUrlQuery();
  const filters = filtersOf(url);
  const page = url.int('page') ?? 1;
  const query: AuditQuery = { ...paramsOf(filters), page, pageSize: PAGE_SIZE };
  const key = JSON.stringify(query);
  const loaded = useLoad(() => listAudit(query), [key]);
  const [draft, setDraft] = useDraft(filters, JSON.stringify(filters));
  // 查询 with the filters already in the URL navigates nowhere; it still re-reads, for entries written since
  const apply = (f: Filters): void => {
    if (!url.update({ ...CLEARED, ...paramsOf(f) })) loaded.reload();
  };
  const reset = (): void => {
    setDraft({});
    apply({});
  };
  return (
    <PageCard title="审计日志">
      <FilterBar draft={draft} onChange={setDraft} onApply={() => apply(draft)} onReset={reset} />
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
            pagination={{ current: d.page, pageSize: d.pageSize, total: d.total, showSizeChanger: false, showTotal: (n) => `共 ${n} 条`, onChange: (p) => url.update({ page: p === 1 ? undefined : p }) }}
            columns={COLUMNS}
          />
        )}
      </Guard>
    </PageCard>
  );
}
