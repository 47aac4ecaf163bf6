/**
 * The designer (kept small): login, the published templates and drafts, a template's JSON, and a
 * live preview rendered by the runtime's own <TemplateForm> — the preview is exactly what units
 * will fill in. Editing the JSON updates the preview; it can be saved as a draft, or published as
 * a new version (every problem the server finds is listed).
 */
import { ApiError, api, LoginPage, setUnauthorizedHandler, TemplateForm, type TemplateDoc } from '@jixiao/runtime';
import { Alert, Button, Input, Layout, List, Space, Spin, Tag, message } from 'antd';
import { useEffect, useMemo, useState } from 'react';

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
  if (typeof t['schema'] !== 'object' || t['schema'] === null) return { error: '模板缺少 schema' };
  return { template: v as TemplateDoc };
}

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
  const [selected, setSelected] = useState<string | null>(null);
  const [text, setText] = useState('');
  const [previewText, setPreviewText] = useState('');

  const reloadTemplates = (): void => {
    api.get<{ items: TemplateSummary[] }>('/api/templates').then(
      (r) => setTemplates(r.items),
      (e: unknown) => setError(e instanceof ApiError ? e.message : String(e)),
    );
  };
  useEffect(reloadTemplates, []);

  const open = async (t: TemplateSummary): Promise<void> => {
    setSelected(t.id);
    try {
      const v = await api.get<VersionBody>(`/api/templates/${encodeURIComponent(t.id)}/versions/${encodeURIComponent(t.latestVersion)}`);
      const json = JSON.stringify(v.template, null, 2);
      setText(json);
      setPreviewText(json);
    } catch (e) {
      void message.error(e instanceof ApiError ? e.message : String(e));
    }
  };

  // The preview follows the editor after a short pause.
  useEffect(() => {
    const id = setTimeout(() => setPreviewText(text), 400);
    return () => clearTimeout(id);
  }, [text]);
  const parsed = useMemo(() => parseTemplateText(previewText), [previewText]);

  const [problems, setProblems] = useState<string[]>([]);

  /** 发布: the editor's JSON as a new immutable version (its `version` must be new); the server lists every problem. */
  const publish = async (): Promise<void> => {
    const p = parseTemplateText(text);
    if (p.template === undefined) {
      void message.error(p.error ?? '模板无效');
      return;
    }
    try {
      const r = await api.post<{ templateId: string; version: string }>('/api/templates', { template: p.template });
      setProblems([]);
      void message.success(`已发布 ${r.templateId} ${r.version}`);
      reloadTemplates();
    } catch (e) {
      setProblems(e instanceof ApiError && Array.isArray(e.details) ? e.fieldIssues().map((i) => (i.path ? `${i.path}：${i.message}` : i.message)) : []);
      void message.error(e instanceof ApiError ? e.message : String(e));
    }
  };

  const saveDraft = async (): Promise<void> => {
    const p = parseTemplateText(text);
    if (p.template === undefined) {
      void message.error(p.error ?? '模板无效');
      return;
    }
    try {
      await api.post('/api/template-drafts', { template: p.template });
      void message.success('已保存为草稿');
    } catch (e) {
      void message.error(e instanceof ApiError ? e.message : String(e));
    }
  };

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
        <Layout.Sider width={280} theme="light" style={{ padding: 8, overflow: 'auto' }}>
          {error !== null ? <Alert type="error" message={error} /> : null}
          {templates === null && error === null ? <Spin /> : null}
          <List
            size="small"
            dataSource={templates ?? []}
            locale={{ emptyText: '没有已发布的模板' }}
            renderItem={(t) => (
              <List.Item
                onClick={() => void open(t)}
                style={{ cursor: 'pointer', background: selected === t.id ? '#e6f7ff' : undefined }}
                data-testid={`template-${t.id}`}
              >
                <List.Item.Meta title={t.title} description={<Space size={4}><Tag>{KIND[t.kind] ?? t.kind}</Tag>{t.id} {t.latestVersion}</Space>} />
              </List.Item>
            )}
          />
        </Layout.Sider>
        <Layout.Content style={{ padding: 16, display: 'flex', gap: 16 }}>
          {selected === null ? (
            <Alert type="info" message="从左侧选择一个模板" style={{ height: 'fit-content' }} />
          ) : (
            <>
              <div style={{ flex: '0 0 40%', display: 'flex', flexDirection: 'column' }}>
                <Space style={{ marginBottom: 8 }}>
                  <strong>模板 JSON</strong>
                  {me.permissions.includes('template.design') ? (
                    <Button size="small" onClick={() => void saveDraft()}>
                      另存为草稿
                    </Button>
                  ) : null}
                  {me.permissions.includes('template.publish') ? (
                    <Button size="small" type="primary" onClick={() => void publish()} data-testid="template-publish">
                      发布
                    </Button>
                  ) : null}
                </Space>
                {problems.length > 0 ? (
                  <Alert
                    type="error"
                    showIcon
                    style={{ marginBottom: 8 }}
                    message="模板未通过校验，未发布"
                    description={
                      <ul style={{ margin: 0, paddingLeft: 18 }} data-testid="publish-problems">
                        {problems.map((p, i) => (
                          <li key={i}>{p}</li>
                        ))}
                      </ul>
                    }
                  />
                ) : null}
                <Input.TextArea
                  value={text}
                  onChange={(e) => setText(e.target.value)}
                  spellCheck={false}
                  style={{ fontFamily: 'monospace', fontSize: 12, flex: 1, minHeight: 600 }}
                  data-testid="template-json"
                />
              </div>
              <div style={{ flex: 1, background: '#fff', padding: 16, overflow: 'auto' }}>
                <h3>预览</h3>
                {parsed.error !== undefined ? <Alert type="error" showIcon message={parsed.error} /> : null}
                {parsed.template !== undefined ? <TemplateForm key={previewText} template={parsed.template} onSubmit={() => void message.success('预览：校验通过')} submitText="校验" /> : null}
              </div>
            </>
          )}
        </Layout.Content>
      </Layout>
    </Layout>
  );
}
