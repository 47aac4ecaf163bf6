/**
 * 可视化设计: 模板信息 on top; the palette and the field tree on the left; the selected field's
 * property panel next to them. It holds no template state of its own: every edit is handed up
 * as a new template, so the JSON tab and the preview always show the same document.
 */
import type { Template } from '@jixiao/engine';
import { Card, Empty, message } from 'antd';
import { useMemo } from 'react';
import { addField, FieldEditError, updateMeta } from '../model/edits';
import type { FieldKindId } from '../model/field-kinds';
import type { TemplateProblems } from '../model/problems';
import { containerFor, fieldAt, fieldTree, ROOT_POINTER } from '../model/tree';
import { FieldTree } from './FieldTree';
import { Palette } from './Palette';
import { PropertyPanel } from './PropertyPanel';
import { TemplateMeta } from './TemplateMeta';

export interface VisualDesignerProps {
  template: Template;
  problems: TemplateProblems;
  selected: string | null;
  onSelect: (pointer: string | null) => void;
  onChange: (template: Template) => void;
}

export function VisualDesigner({ template, problems, selected, onSelect, onChange }: VisualDesignerProps) {
  const tree = useMemo(() => fieldTree(template), [template]);
  const errorCounts = useMemo(
    () => new Map([...problems.byField].map(([p, ds]) => [p, ds.filter((d) => d.severity === 'error').length] as const).filter(([, n]) => n > 0)),
    [problems],
  );
  const target = containerFor(template, selected);
  const targetField = fieldAt(template, target);
  const targetLabel = target === ROOT_POINTER ? '表单根部' : `${targetField?.type === 'array' ? '表格' : '分组'}“${targetField?.title ?? ''}”`;

  const add = (kind: FieldKindId): void => {
    try {
      const r = addField(template, target, kind);
      onChange(r.template);
      onSelect(r.pointer);
    } catch (e) {
      if (!(e instanceof FieldEditError)) throw e;
      void message.error(e.message);
    }
  };

  return (
    <div style={{ display: 'flex', flexDirection: 'column', gap: 8 }}>
      <TemplateMeta template={template} onChange={(patch) => onChange(updateMeta(template, patch))} />
      <div style={{ display: 'flex', gap: 8, alignItems: 'flex-start' }}>
        <Card size="small" title="字段" style={{ flex: '1 1 50%', minWidth: 0 }}>
          <Palette targetLabel={targetLabel} onAdd={add} />
          <div style={{ marginTop: 8 }}>
            <FieldTree tree={tree} selected={selected} onSelect={onSelect} errorCounts={errorCounts} />
          </div>
        </Card>
        <Card size="small" title="属性" style={{ flex: '1 1 50%', minWidth: 0 }}>
          {selected === null ? (
            <Empty description="在左侧选择一个字段" image={Empty.PRESENTED_IMAGE_SIMPLE} />
          ) : (
            <PropertyPanel
              key={selected}
              template={template}
              pointer={selected}
              problems={problems.byField.get(selected) ?? []}
              onEdit={(next, select) => {
                onChange(next);
                if (select !== undefined) onSelect(select);
              }}
            />
          )}
        </Card>
      </div>
    </div>
  );
}
