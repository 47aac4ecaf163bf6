/**
 * 新建模板: a kind, an id, a title and a version — the smallest valid template
 * (model/new-template.ts), opened in the designer. Mistakes are said next to the box, in zh-CN.
 */
import type { Template, TemplateKind } from '@jixiao/engine';
import { Form, Input, Modal, Radio } from 'antd';
import { useState } from 'react';
import { blankTemplate, suggestedNew, TEMPLATE_ID_PATTERN, TEMPLATE_KIND_LABELS, VERSION_PATTERN, type NewTemplateInput } from '../model/new-template';

export interface NewTemplateDialogProps {
  open: boolean;
  onCancel: () => void;
  onCreate: (template: Template) => void;
}

function problemsOf(v: NewTemplateInput): Partial<Record<'id' | 'title' | 'version', string>> {
  return {
    ...(TEMPLATE_ID_PATTERN.test(v.id) ? {} : { id: '模板 id 只能由小写英文字母、数字和连字符组成' }),
    ...(v.title.trim() !== '' ? {} : { title: '请填写标题' }),
    ...(VERSION_PATTERN.test(v.version) ? {} : { version: '版本应形如 1.0.0' }),
  };
}

export function NewTemplateDialog({ open, onCancel, onCreate }: NewTemplateDialogProps) {
  const [value, setValue] = useState<NewTemplateInput>(() => suggestedNew('self-evaluation'));
  const [tried, setTried] = useState(false);
  const problems = tried ? problemsOf(value) : {};
  const setKind = (kind: TemplateKind): void => {
    // the suggested id and title follow the kind until the admin types their own
    const before = suggestedNew(value.kind);
    const after = suggestedNew(kind);
    setValue({ ...value, kind, id: value.id === before.id ? after.id : value.id, title: value.title === before.title ? after.title : value.title });
  };
  const create = (): void => {
    setTried(true);
    if (Object.keys(problemsOf(value)).length > 0) return;
    onCreate(blankTemplate({ ...value, title: value.title.trim() }));
    setTried(false);
  };
  return (
    <Modal visible={open} title="新建模板" okText="创建" cancelText="取消" onOk={create} onCancel={onCancel} className="jx-new-template" destroyOnClose>
      <Form layout="vertical">
        <Form.Item label="类型">
          <Radio.Group value={value.kind} onChange={(e) => setKind(e.target.value as TemplateKind)} optionType="button" data-testid="new-kind">
            {TEMPLATE_KIND_LABELS.map((k) => (
              <Radio.Button key={k.kind} value={k.kind}>
                {k.label}
              </Radio.Button>
            ))}
          </Radio.Group>
        </Form.Item>
        <Form.Item label="模板 id" validateStatus={problems.id ? 'error' : undefined} help={problems.id}>
          <Input value={value.id} onChange={(e) => setValue({ ...value, id: e.target.value })} data-testid="new-id" />
        </Form.Item>
        <Form.Item label="标题" validateStatus={problems.title ? 'error' : undefined} help={problems.title}>
          <Input value={value.title} onChange={(e) => setValue({ ...value, title: e.target.value })} data-testid="new-title" />
        </Form.Item>
        <Form.Item label="版本" validateStatus={problems.version ? 'error' : undefined} help={problems.version}>
          <Input value={value.version} onChange={(e) => setValue({ ...value, version: e.target.value })} data-testid="new-version" />
        </Form.Item>
      </Form>
    </Modal>
  );
}
