/** 模板信息: the document's own keys (id, 标题, 类型, 版本, 说明), edited in place. */
import type { Template, TemplateKind } from '@jixiao/engine';
import { Form, Input, Select } from 'antd';
import type { MetaPatch } from '../model/edits';
import { TEMPLATE_KIND_LABELS } from '../model/new-template';

export interface TemplateMetaProps {
  template: Template;
  onChange: (patch: MetaPatch) => void;
}

export function TemplateMeta({ template, onChange }: TemplateMetaProps) {
  return (
    <Form layout="inline" size="small" style={{ rowGap: 6 }} data-testid="template-meta">
      <Form.Item label="模板 id">
        <Input value={template.id} onChange={(e) => onChange({ id: e.target.value })} style={{ width: 160 }} data-testid="meta-id" />
      </Form.Item>
      <Form.Item label="标题">
        <Input value={template.title} onChange={(e) => onChange({ title: e.target.value })} style={{ width: 200 }} data-testid="meta-title" />
      </Form.Item>
      <Form.Item label="类型">
        <Select<TemplateKind>
          value={template.kind}
          onChange={(kind) => onChange({ kind })}
          options={TEMPLATE_KIND_LABELS.map((k) => ({ value: k.kind, label: k.label }))}
          style={{ width: 90 }}
        />
      </Form.Item>
      <Form.Item label="版本">
        <Input value={template.version} onChange={(e) => onChange({ version: e.target.value })} style={{ width: 100 }} data-testid="meta-version" />
      </Form.Item>
      <Form.Item label="说明">
        <Input
          value={template.description ?? ''}
          onChange={(e) => onChange({ description: e.target.value === '' ? undefined : e.target.value })}
          style={{ width: 240 }}
        />
      </Form.Item>
    </Form>
  );
}
