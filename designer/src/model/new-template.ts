/**
 * 新建模板: the smallest valid template of a kind, so the designer opens on something the engine
 * accepts and every later problem is one the admin made (and sees listed).
 */
import type { Template, TemplateKind } from '@jixiao/engine';

/** zh-CN names of the template kinds, in the order the designer offers them. */
export const TEMPLATE_KIND_LABELS: ReadonlyArray<{ kind: TemplateKind; label: string }> = [
  { kind: 'declaration', label: '申报' },
  { kind: 'monitoring', label: '监控' },
  { kind: 'self-evaluation', label: '自评' },
  { kind: 'other', label: '其他' },
];

export const TEMPLATE_ID_PATTERN = /^[a-z0-9-]+$/;
export const VERSION_PATTERN = /^\d+\.\d+\.\d+(-[0-9A-Za-z.-]+)?$/;

export interface NewTemplateInput {
  kind: TemplateKind;
  id: string;
  title: string;
  version: string;
}

export function blankTemplate(input: NewTemplateInput): Template {
  return { id: input.id, kind: input.kind, version: input.version, title: input.title, schema: { type: 'object', properties: {} } };
}

/** A default id/title for the 新建模板 dialog (the admin may change them). */
export function suggestedNew(kind: TemplateKind): NewTemplateInput {
  const label = TEMPLATE_KIND_LABELS.find((k) => k.kind === kind)?.label ?? '';
  return { kind, id: `new-${kind}`, title: `新建${label}模板`, version: '1.0.0' };
}
