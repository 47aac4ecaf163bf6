/**
 * 关联模板 of the selected department and year: for each kind of form, the template version the
 * department's units fill (its own binding, or the one inherited from the nearest department
 * above), set, changed or removed here with `template.bind`; below, every binding of the year in
 * the user's scope.
 */
import { Button, Card, Modal, Popconfirm, Select, Space, Table, Tag, message } from 'antd';
import { useState } from 'react';
import { deleteBinding, listBindings, putBinding, resolveBindingOrNull, type Binding } from '../api/bindings';
import { errorMessage } from '../api/client';
import { listTemplates, type ResolvedBinding, type SubmissionKind, type TemplateSummary } from '../api/endpoints';
import { formatTime } from '../api/time';
import { departmentName, useSession, type Session } from '../app/session';
import { Guard, KIND_LABELS, PageCard, useLoad } from './common';

const KINDS: SubmissionKind[] = ['declaration', 'monitoring', 'self-evaluation'];

interface KindRow {
  kind: SubmissionKind;
  resolved: ResolvedBinding | null;
  own: Binding | undefined;
}

async function loadBindings(department: string, year: number): Promise<{ rows: KindRow[]; all: Binding[]; templates: TemplateSummary[] }> {
  const [own, all, templates, resolved] = await Promise.all([
    listBindings({ department, year }),
    listBindings({ year }),
    listTemplates(),
    Promise.all(KINDS.map((k) => resolveBindingOrNull(department, k, year))),
  ]);
  return {
    rows: KINDS.map((kind, i) => ({ kind, resolved: resolved[i] ?? null, own: own.items.find((b) => b.department === department && b.kind === kind) })),
    all: all.items,
    templates: templates.items,
  };
}


function templateTitle(templates: readonly TemplateSummary[], id: string): string {
  return templates.find((t) => t.id === id)?.title ?? id;
}

function source(session: Session, r: KindRow) {
  if (r.resolved === null) return <Tag color="red">未关联</Tag>;
  return r.resolved.inherited ? <Tag>继承自 {departmentName(session, r.resolved.inheritedFrom)}</Tag> : <Tag color="blue">本级</Tag>;
}

/** 设置 / 更改: a published template of the kind and one of its versions (the latest by default). */
function BindingEditor({ row, templates, onSave, onClose }: { row: KindRow; templates: TemplateSummary[]; onSave: (templateId: string, version: string) => Promise<void>; onClose: () => void }) {
  const choices = templates.filter((t) => t.kind === row.kind);
  const [templateId, setTemplateId] = useState<string | undefined>(row.resolved?.templateId ?? choices[0]?.id);
  const chosen = choices.find((t) => t.id === templateId);
  const [version, setVersion] = useState<string | undefined>(row.resolved?.templateId === templateId ? row.resolved?.version : chosen?.latestVersion);
  const [saving, setSaving] = useState(false);
  const pick = (id: string): void => {
    setTemplateId(id);
    setVersion(choices.find((t) => t.id === id)?.latestVersion);
  };
  return (
    <Modal
      visible
      className="jx-binding-editor"
      title={`关联${KIND_LABELS[row.kind] ?? row.kind}模板`}
      okText="保存"
      cancelText="取消"
      okButtonProps={{ disabled: templateId === undefined || version === undefined, loading: saving }}
      onCancel={onClose}
      onOk={() => {
        if (templateId === undefined || version === undefined) return;
        setSaving(true);
        onSave(templateId, version).finally(() => setSaving(false));
      }}
    >
      <Space direction="vertical" style={{ width: '100%' }}>
        <span>模板</span>
        <Select
          value={templateId}
          onChange={pick}
          style={{ width: '100%' }}
          options={choices.map((t) => ({ value: t.id, label: `${t.title}（${t.id}）` }))}
          notFoundContent="没有已发布的此类模板"
          data-testid="binding-template"
        />
        <span>版本</span>
        <Select value={version} onChange={setVersion} style={{ width: 200 }} options={(chosen?.versions ?? []).map((v) => ({ value: v, label: v }))} data-testid="binding-version" />
      </Space>
    </Modal>
  );
}

export function BindingsPage() {
  const session = useSession();
  const loaded = useLoad(() => loadBindings(session.department, session.year), [session.department, session.year]);
  const [editing, setEditing] = useState<KindRow | null>(null);
  const canBind = session.can('template.bind');

  const save = async (row: KindRow, templateId: string, version: string): Promise<void> => {
    try {
      await putBinding({ department: session.department, kind: row.kind, year: session.year, templateId, version });
      void message.success('已保存关联');
      setEditing(null);
      loaded.reload();
    } catch (e) {
      void message.error(errorMessage(e));
    }
  };
  const remove = async (b: Binding): Promise<void> => {
    try {
      await deleteBinding(b.id);
      void message.success('已取消本级关联');
      loaded.reload();
    } catch (e) {
      void message.error(errorMessage(e));
    }
  };

  return (
    <PageCard title={`关联模板（${departmentName(session, session.department)} · ${session.year} 年度）`}>
      <Guard loaded={loaded}>
        {({ rows, all, templates }) => (
          <Space direction="vertical" size="large" style={{ width: '100%' }}>
            <Table<KindRow>
              rowKey="kind"
              size="middle"
              pagination={false}
              dataSource={rows}
              data-testid="bindings-current"
              columns={[
                { title: '表单类型', dataIndex: 'kind', width: 140, render: (k: SubmissionKind) => KIND_LABELS[k] ?? k },
                { title: '模板', key: 'template', render: (_: unknown, r) => (r.resolved === null ? '—' : `${templateTitle(templates, r.resolved.templateId)}（${r.resolved.templateId}）`) },
                { title: '版本', key: 'version', width: 100, render: (_: unknown, r) => r.resolved?.version ?? '—' },
                { title: '来源', key: 'source', width: 180, render: (_: unknown, r) => source(session, r) },
                ...(canBind
                  ? [
                      {
                        title: '操作',
                        key: 'actions',
                        width: 220,
                        render: (_: unknown, r: KindRow) => (
                          <Space>
                            <Button size="small" onClick={() => setEditing(r)} data-testid={`binding-edit-${r.kind}`}>
                              {r.own === undefined ? '设置本级模板' : '更改'}
                            </Button>
                            {r.own !== undefined ? (
                              <Popconfirm title="取消后将继承上级部门的关联，确定吗？" okText="确定" cancelText="取消" onConfirm={() => void remove(r.own as Binding)}>
                                <Button size="small" danger data-testid={`binding-remove-${r.kind}`}>
                                  取消本级关联
                                </Button>
                              </Popconfirm>
                            ) : null}
                          </Space>
                        ),
                      },
                    ]
                  : []),
              ]}
            />
            <Card size="small" title="本年度全部关联">
              <Table<Binding>
                rowKey="id"
                size="small"
                pagination={{ pageSize: 20, hideOnSinglePage: true }}
                dataSource={all}
                data-testid="bindings-all"
                locale={{ emptyText: '本年度尚无关联' }}
                columns={[
                  { title: '部门', dataIndex: 'department', render: (d: string) => departmentName(session, d) },
                  { title: '表单类型', dataIndex: 'kind', render: (k: SubmissionKind) => KIND_LABELS[k] ?? k },
                  { title: '模板', dataIndex: 'templateId', render: (id: string) => `${templateTitle(templates, id)}（${id}）` },
                  { title: '版本', dataIndex: 'version' },
                  { title: '更新时间', dataIndex: 'updatedAt', render: (at: string) => formatTime(at) },
                ]}
              />
            </Card>
            {editing !== null ? <BindingEditor row={editing} templates={templates} onSave={(id, v) => save(editing, id, v)} onClose={() => setEditing(null)} /> : null}
          </Space>
        )}
      </Guard>
    </PageCard>
  );
}
