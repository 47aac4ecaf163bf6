/**
 * The designer: login, the published templates, and the open template edited two ways — 可视化设计
 * (palette, field tree, property panel; no code) and JSON 源码 — over one state, with a live
 * preview rendered by the runtime's own <TemplateForm> (the preview is exactly what units will
 * fill in). The engine's validateTemplate runs locally at every edit: fields with problems are
 * badged, and 发布 is refused while there are errors; the server's 422 details are listed too.
 */
import type { Template } from '@jixiao/engine';
import { ApiError, api, LoginPage, setUnauthorizedHandler, TemplateForm, type TemplateDoc } from '@jixiao/runtime';
import { Alert, Button, Input, Layout, List, Space, Spin, Tabs, Tag, message } from 'antd';
import { useEffect, useMemo, useState } from 'react';
import { templateProblems, fieldOfPath } from './model/problems';
import { fieldPointers } from './model/tree';
import { NewTemplateDialog } from './ui/NewTemplateDialog';
import { PreviewBoundary } from './ui/PreviewBoundary';
import { problemText } from './ui/problem-text';
import { VisualDesigner } from './ui/VisualDesigner';

interface Me {
  user: { displayName: string };
  permissions: string[];
}

interface TemplateSummary {
  id: string;
  kind: string;
  title: string;
  latestVersion: string;
  versions: string[];
}

interface VersionBody {
  template: TemplateDoc;
}

const KIND: Record<string, string> = { declaration: '申报', monitoring: '监控', 'self-evaluation': '自评', other: '其他' };

/** Parse the editor text into a template, or say what is wrong. */
export function parseTemplateText(text: string): { template?: TemplateDoc; error?: string } {
  let v: unknown;
  try {
    v = JSON.parse(text);
  } catch (e) {
    return { error: `JSON 格式错误：${e instanceof Error ? e.message : String(e)}` };
  }
  if (typeof v !== 'object' || v === null || Array.isArray(v)) return { error: '模板应是一个 JSON 对象' };
  const t = v as Record<string, unknown>;
  if (typeof t['schema'] !== 'object' || t['schema'] === null || Array.isArray(t['schema'])) return { error: '模板缺少 schema' };
  return { template: v as TemplateDoc };
}

/** The runtime reads templates structurally (TemplateDoc), the designer's model with the engine's types: same JSON. */
const asTemplate = (doc: TemplateDoc): Template => doc as unknown as Template;
const asDoc = (t: Template): TemplateDoc => t as unknown as TemplateDoc;
const pretty = (t: Template): string => JSON.stringify(t, null, 2);

export function DesignerApp() {
  const [me, setMe] = useState<Me | null | undefined>(undefined);
  useEffect(() => {
    setUnauthorizedHandler(() => setMe(null));
    api.get<Me>('/api/me').then(setMe, () => setMe(null));
  }, []);
  if (me === undefined) return <Spin size="large" style={{ display: 'block', marginTop: 160 }} />;
  if (me === null) return <LoginPage title="模板设计器" onLogin={(m) => setMe(m)} />;
  return <Workbench me={me} onLogout={() => void api.post('/api/auth/logout').finally(() => setMe(null))} />;
}

function Workbench({ me, onLogout }: { me: Me; onLogout: () => void }) {
  const [templates, setTemplates] = useState<TemplateSummary[] | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [listSelected, setListSelected] = useState<string | null>(null);
  const [creating, setCreating] = useState(false);

  // The one state both tabs edit: the template, and the JSON text (which may not parse).
  const [template, setTemplate] = useState<Template | null>(null);
  const [jsonText, setJsonText] = useState('');
  const [jsonError, setJsonError] = useState<string | null>(null);
  /** Bumped when the JSON tab changes the template, so the property panel re-reads its texts. */
  const [jsonRevision, setJsonRevision] = useState(0);
  const [selectedField, setSelectedField] = useState<string | null>(null);
  const [tab, setTab] = useState('visual');
  const [publishProblems, setPublishProblems] = useState<string[]>([]);
  /** The template changed since the last 发布 attempt: its problem list may be out of date (kept, so a long list can be worked through). */
  const [publishStale, setPublishStale] = useState(false);

  const reloadTemplates = (): void => {
    api.get<{ items: TemplateSummary[] }>('/api/templates').then(
      (r) => setTemplates(r.items),
      (e: unknown) => setError(e instanceof ApiError ? e.message : String(e)),
    );
  };
  useEffect(reloadTemplates, []);

  const load = (t: Template): void => {
    setTemplate(t);
    setJsonText(pretty(t));
    setJsonError(null);
    setJsonRevision((r) => r + 1);
    setSelectedField(null);
    setPublishProblems([]);
  };

  const open = async (t: TemplateSummary): Promise<void> => {
    setListSelected(t.id);
    try {
      const v = await api.get<VersionBody>(`/api/templates/${encodeURIComponent(t.id)}/versions/${encodeURIComponent(t.latestVersion)}`);
      load(asTemplate(v.template));
    } catch (e) {
      void message.error(e instanceof ApiError ? e.message : String(e));
    }
  };

  /** A visual edit: the JSON text follows (pretty-printed), and any JSON parse error is gone. */
  const editVisually = (t: Template): void => {
    setPublishStale(true);
    setTemplate(t);
    setJsonText(pretty(t));
    setJsonError(null);
  };

  /** A JSON edit: a text that parses becomes the template; one that does not keeps the last good template. */
  const editJson = (text: string): void => {
    setPublishStale(true);
    setJsonText(text);
    const p = parseTemplateText(text);
    if (p.template === undefined) {
      setJsonError(p.error ?? '模板无效');
      return;
    }
    setJsonError(null);
    setTemplate(asTemplate(p.template));
    setJsonRevision((r) => r + 1);
  };

  // The preview follows the template after a short pause (it remounts the form on every change).
  const [preview, setPreview] = useState<Template | null>(null);
  useEffect(() => {
    const id = setTimeout(() => setPreview(template), 400);
    return () => clearTimeout(id);
  }, [template]);
  const previewKey = useMemo(() => (preview === null ? '' : JSON.stringify(preview)), [preview]);

  const problems = useMemo(() => (template === null ? null : templateProblems(template)), [template]);
  const problemLines = (): string[] => {
    if (template === null || problems === null) return [];
    const pointers = fieldPointers(template);
    return problems.all.filter((d) => d.severity === 'error').map((d) => problemText(template, d, fieldOfPath(pointers, d.path)));
  };

  /** The template to send, or null (with the reason shown) when it cannot be sent. */
  const current = (): Template | null => {
    if (jsonError !== null) {
      void message.error(`JSON 源码有错误，未发送：${jsonError}`);
      return null;
    }
    return template;
  };

  /** 发布: a new immutable version (its `version` must be new). Local errors stop it before the server is asked. */
  const publish = async (): Promise<void> => {
    const t = current();
    if (t === null) return;
    setPublishStale(false);
    if (problems?.hasErrors === true) {
      setPublishProblems(problemLines());
      void message.error('模板有错误，未发布');
      return;
    }
    try {
      const r = await api.post<{ templateId: string; version: string }>('/api/templates', { template: t });
      setPublishProblems([]);
      void message.success(`已发布 ${r.templateId} ${r.version}`);
      setListSelected(r.templateId);
      reloadTemplates();
    } catch (e) {
      setPublishProblems(e instanceof ApiError && Array.isArray(e.details) ? e.fieldIssues().map((i) => (i.path ? `${i.path}：${i.message}` : i.message)) : []);
      void message.error(e instanceof ApiError ? e.message : String(e));
    }
  };

  const saveDraft = async (): Promise<void> => {
    const t = current();
    if (t === null) return;
    try {
      await api.post('/api/template-drafts', { template: t });
      void message.success('已保存为草稿');
    } catch (e) {
      void message.error(e instanceof ApiError ? e.message : String(e));
    }
  };

  const localErrors = problems === null ? [] : problemLines();

  return (
    <Layout style={{ minHeight: '100vh' }}>
      <Layout.Header style={{ display: 'flex', justifyContent: 'space-between', alignItems: 'center', color: '#fff' }}>
        <span style={{ fontSize: 18, fontWeight: 600 }}>模板设计器</span>
        <Space>
          <span>{me.user.displayName}</span>
          <Button size="small" onClick={onLogout}>
            退出
          </Button>
        </Space>
      </Layout.Header>
      <Layout>
        <Layout.Sider width={240} theme="light" style={{ padding: 8, overflow: 'auto' }}>
          {me.permissions.includes('template.design') || me.permissions.includes('template.publish') ? (
            <Button type="primary" block style={{ marginBottom: 8 }} onClick={() => setCreating(true)} data-testid="template-new">
              新建模板
            </Button>
          ) : null}
          {error !== null ? <Alert type="error" message={error} /> : null}
          {templates === null && error === null ? <Spin /> : null}
          <List
            size="small"
            dataSource={templates ?? []}
            locale={{ emptyText: '没有已发布的模板' }}
            renderItem={(t) => (
              <List.Item
                onClick={() => void open(t)}
                style={{ cursor: 'pointer', background: listSelected === t.id ? '#e6f7ff' : undefined }}
                data-testid={`template-${t.id}`}
              >
                <List.Item.Meta title={t.title} description={<Space size={4}><Tag>{KIND[t.kind] ?? t.kind}</Tag>{t.id} {t.latestVersion}</Space>} />
              </List.Item>
            )}
          />
        </Layout.Sider>
        <Layout.Content style={{ padding: 16, display: 'flex', gap: 16 }}>
          {template === null || problems === null ? (
            <Alert type="info" message="从左侧选择一个模板，或新建模板" style={{ height: 'fit-content' }} />
          ) : (
            <>
              <div style={{ flex: '0 0 58%', minWidth: 0, display: 'flex', flexDirection: 'column' }}>
                <Space style={{ marginBottom: 8 }}>
                  <strong>{template.title}</strong>
                  {me.permissions.includes('template.design') ? (
                    <Button size="small" onClick={() => void saveDraft()} data-testid="template-save-draft">
                      另存为草稿
                    </Button>
                  ) : null}
                  {me.permissions.includes('template.publish') ? (
                    <Button size="small" type="primary" onClick={() => void publish()} data-testid="template-publish">
                      发布
                    </Button>
                  ) : null}
                  {localErrors.length === 0 ? <Tag color="green">校验通过</Tag> : <Tag color="red" data-testid="template-error-count">{localErrors.length} 个错误</Tag>}
                </Space>
                {publishProblems.length > 0 ? (
                  <Alert
                    type={publishStale ? 'warning' : 'error'}
                    showIcon
                    style={{ marginBottom: 8 }}
                    message={publishStale ? '上次发布时的问题（模板已修改，请重新发布）' : '模板未通过校验，未发布'}
                    description={
                      <ul style={{ margin: 0, paddingLeft: 18 }} data-testid="publish-problems">
                        {publishProblems.map((p, i) => (
                          <li key={i}>{p}</li>
                        ))}
                      </ul>
                    }
                  />
                ) : null}
                <Tabs activeKey={tab} onChange={setTab}>
                  <Tabs.TabPane tab="可视化设计" key="visual">
                    {jsonError !== null ? (
                      <Alert type="warning" showIcon style={{ marginBottom: 8 }} message="JSON 源码有错误：这里显示的是最后一次有效的内容，在这里修改会覆盖源码中的错误文本" />
                    ) : null}
                    <VisualDesigner
                      key={jsonRevision}
                      template={template}
                      problems={problems}
                      selected={selectedField}
                      onSelect={setSelectedField}
                      onChange={editVisually}
                    />
                    {localErrors.length > 0 ? (
                      <Alert
                        type="error"
                        style={{ marginTop: 8 }}
                        message="模板问题"
                        description={
                          <ul style={{ margin: 0, paddingLeft: 18 }} data-testid="template-problems">
                            {localErrors.map((p, i) => (
                              <li key={i}>{p}</li>
                            ))}
                          </ul>
                        }
                      />
                    ) : null}
                  </Tabs.TabPane>
                  <Tabs.TabPane tab="JSON 源码" key="json">
                    {jsonError !== null ? <Alert type="error" showIcon style={{ marginBottom: 8 }} message={jsonError} data-testid="json-error" /> : null}
                    <Input.TextArea
                      value={jsonText}
                      onChange={(e) => editJson(e.target.value)}
                      spellCheck={false}
                      style={{ fontFamily: 'monospace', fontSize: 12, minHeight: 600 }}
                      data-testid="template-json"
                    />
                  </Tabs.TabPane>
                </Tabs>
              </div>
              <div style={{ flex: 1, minWidth: 0, background: '#fff', padding: 16, overflow: 'auto' }} data-testid="preview" data-fresh={String(preview === template)}>
                <h3>预览</h3>
                {preview !== null ? (
                  <PreviewBoundary key={previewKey}>
                    <TemplateForm key={previewKey} template={asDoc(preview)} onSubmit={() => void message.success('预览：校验通过')} submitText="校验" />
                  </PreviewBoundary>
                ) : null}
              </div>
            </>
          )}
        </Layout.Content>
      </Layout>
      <NewTemplateDialog
        open={creating}
        onCancel={() => setCreating(false)}
        onCreate={(t) => {
          setCreating(false);
          setListSelected(null);
          setTab('visual');
          load(t);
        }}
      />
    </Layout>
  );
}
