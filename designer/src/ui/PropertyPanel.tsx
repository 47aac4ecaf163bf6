/**
 * The selected field's properties as an antd Form: 键名, 标题, 说明, 必填, then the sections its
 * kind has (model/field-kinds.ts `sections`), then 删除 / 上移 / 下移. Every change is one model
 * edit (model/edits.ts) handed up as a new template; the validator's problems for this field are
 * listed on top. Mount it with `key={pointer}` so local texts (键名, formulas) start afresh.
 */
import type { Diagnostic, FieldSchema, Template } from '@jixiao/engine';
import { Alert, Button, Form, Input, InputNumber, Popconfirm, Select, Space, Switch, Typography } from 'antd';
import { useState } from 'react';
import { FieldEditError, isRequired, moveField, removeField, renameKey, renamedPointer, setRequired, updateField, type FieldPatch } from '../model/edits';
import { classifyField, fieldKind, type PanelSection } from '../model/field-kinds';
import { PROJECT_ATTRIBUTE_OPTIONS } from '../model/project-attributes';
import { fieldAt, splitFieldPointer } from '../model/tree';
import { FormulaInput } from './FormulaInput';
import { OptionsEditor, optionsOf } from './OptionsEditor';

export interface PropertyPanelProps {
  template: Template;
  pointer: string;
  problems: readonly Diagnostic[];
  /** A new template, and the pointer to select afterwards (null: nothing, after a removal). */
  onEdit: (template: Template, select?: string | null) => void;
}

const num = (v: number | null): number | undefined => (v === null ? undefined : v);

/** 键名: edited as text, applied on Enter or leaving the box (a half-typed key is not a rename). */
function KeyInput({ template, pointer, onEdit }: Pick<PropertyPanelProps, 'template' | 'pointer' | 'onEdit'>) {
  const current = splitFieldPointer(pointer)?.key ?? '';
  const [text, setText] = useState(current);
  const [error, setError] = useState<string | null>(null);
  const apply = (): void => {
    if (text === current) return;
    try {
      onEdit(renameKey(template, pointer, text), renamedPointer(pointer, text));
      setError(null);
    } catch (e) {
      if (!(e instanceof FieldEditError)) throw e;
      setError(e.message);
    }
  };
  return (
    <Form.Item label="字段键名" validateStatus={error === null ? undefined : 'error'} help={error ?? '公式用键名引用字段；改名不会改写已有公式'}>
      <Input value={text} onChange={(e) => setText(e.target.value)} onBlur={apply} onPressEnter={apply} data-testid="prop-key" />
    </Form.Item>
  );
}

export function PropertyPanel({ template, pointer, problems, onEdit }: PropertyPanelProps) {
  const field = fieldAt(template, pointer);
  if (field === undefined) return <Alert type="warning" message="所选字段已不存在" />;
  const kindId = classifyField(field);
  const sections = new Set<PanelSection>(kindId === null ? [] : fieldKind(kindId).sections);
  const patch = (p: FieldPatch): void => onEdit(updateField(template, pointer, p));
  const inTable = /\/items\/properties\/[^/]+$/.test(pointer);

  return (
    <Form layout="vertical" size="small" data-testid="property-panel">
      {problems.length > 0 ? (
        <Alert
          type={problems.some((d) => d.severity === 'error') ? 'error' : 'warning'}
          style={{ marginBottom: 8 }}
          message={
            <ul style={{ margin: 0, paddingLeft: 18 }} data-testid="field-problems">
              {problems.map((d, i) => (
                <li key={i}>{d.message}</li>
              ))}
            </ul>
          }
        />
      ) : null}
      <KeyInput template={template} pointer={pointer} onEdit={onEdit} />
      <Form.Item label="标题">
        <Input value={field.title ?? ''} onChange={(e) => patch({ title: e.target.value === '' ? undefined : e.target.value })} data-testid="prop-title" />
      </Form.Item>
      <Form.Item label="说明">
        <Input.TextArea
          value={field.description ?? ''}
          autoSize={{ minRows: 1, maxRows: 4 }}
          onChange={(e) => patch({ description: e.target.value === '' ? undefined : e.target.value })}
        />
      </Form.Item>
      <Form.Item label="必填">
        <Switch checked={isRequired(template, pointer)} onChange={(on) => onEdit(setRequired(template, pointer, on))} data-testid="prop-required" />
      </Form.Item>

      {field['x-score'] !== undefined ? (
        <Alert type="info" style={{ marginBottom: 8 }} message="该字段由计分规则（x-score）计算：v1 请在“JSON 源码”中编辑计分规则" />
      ) : null}
      {sections.has('formula') && field['x-score'] === undefined ? (
        <Form.Item label="计算公式" extra="例：spent / budget * 100；表格内的列直接写列键名">
          <FormulaInput
            initial={field['x-formula'] ?? ''}
            // an emptied box keeps the last formula: deleting it would silently turn the field into an input
            onChange={(text) => (text === undefined ? undefined : patch({ 'x-formula': text }))}
            emptyMessage="计算公式不能为空"
            testId="prop-formula"
          />
        </Form.Item>
      ) : null}
      {sections.has('money') ? (
        <Form.Item label="金额（元，两位小数）">
          <Switch checked={field['x-money'] === true} onChange={(on) => patch({ 'x-money': on ? true : undefined })} data-testid="prop-money" />
        </Form.Item>
      ) : null}
      {sections.has('unit') && field['x-money'] !== true ? (
        <Form.Item label="单位">
          <Input value={field['x-unit'] ?? ''} placeholder="如 %、人次" onChange={(e) => patch({ 'x-unit': e.target.value === '' ? undefined : e.target.value })} data-testid="prop-unit" />
        </Form.Item>
      ) : null}
      {sections.has('scale') && field['x-money'] !== true ? (
        <Form.Item label="小数位">
          <InputNumber min={0} max={10} precision={0} value={field['x-scale'] ?? null} onChange={(v) => patch({ 'x-scale': num(v) })} data-testid="prop-scale" />
        </Form.Item>
      ) : null}
      {sections.has('range') ? (
        <Space>
          <Form.Item label="最小值">
            <InputNumber value={field.minimum ?? null} onChange={(v) => patch({ minimum: num(v) })} data-testid="prop-minimum" />
          </Form.Item>
          <Form.Item label="最大值">
            <InputNumber value={field.maximum ?? null} onChange={(v) => patch({ maximum: num(v) })} data-testid="prop-maximum" />
          </Form.Item>
        </Space>
      ) : null}
      {sections.has('maxLength') ? (
        <Form.Item label="最大长度">
          <InputNumber min={0} precision={0} value={field.maxLength ?? null} onChange={(v) => patch({ maxLength: num(v) })} data-testid="prop-max-length" />
        </Form.Item>
      ) : null}
      {sections.has('options') ? (
        <Form.Item label="选项">
          <OptionsEditor options={optionsOf(field.enum)} numeric={field.type === 'number' || field.type === 'integer'} onChange={(options) => patch({ enum: options })} />
        </Form.Item>
      ) : null}
      <Form.Item label="显示条件" extra="公式为假时隐藏该字段，例：attribute = &quot;延续&quot;；留空则总是显示">
        <FormulaInput initial={field['x-visible'] ?? ''} onChange={(text) => patch({ 'x-visible': text })} testId="prop-visible" />
      </Form.Item>
      {sections.has('project') && !inTable ? (
        <Form.Item label="从项目带入">
          <Select
            allowClear
            placeholder="不带入"
            value={field['x-project']}
            options={PROJECT_ATTRIBUTE_OPTIONS.map((o) => ({ value: o.value, label: o.label }))}
            onChange={(v: FieldSchema['x-project'] | undefined) => patch({ 'x-project': v })}
            data-testid="prop-project"
          />
        </Form.Item>
      ) : null}
      <Space>
        <Button onClick={() => onEdit(moveField(template, pointer, -1), pointer)} data-testid="prop-move-up">
          上移
        </Button>
        <Button onClick={() => onEdit(moveField(template, pointer, 1), pointer)} data-testid="prop-move-down">
          下移
        </Button>
        <Popconfirm title={`删除字段“${field.title ?? ''}”？`} okText="删除" cancelText="取消" onConfirm={() => onEdit(removeField(template, pointer), null)}>
          <Button danger data-testid="prop-remove">
            删除字段
          </Button>
        </Popconfirm>
      </Space>
      <Typography.Paragraph type="secondary" style={{ marginTop: 8, fontSize: 12 }}>
        {pointer}
      </Typography.Paragraph>
    </Form>
  );
}
