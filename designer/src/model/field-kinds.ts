/**
 * The palette: every kind of field an admin can add without code, as data. Each kind says what
 * schema it creates (only keys the template meta-schema accepts and components the runtime's
 * renderer knows, so a new field never makes a template invalid) and how to recognise an existing
 * field as that kind (so the tree and the property panel can label fields of imported templates).
 */
import type { FieldSchema } from '@jixiao/engine';

export type FieldKindId = 'text' | 'textarea' | 'number' | 'money' | 'percent' | 'date' | 'select' | 'boolean' | 'formula' | 'group' | 'table';

export interface FieldKind {
  id: FieldKindId;
  /** zh-CN name in the palette and the tree. */
  label: string;
  /** A fresh schema for a new field of this kind (a new object on every call). */
  create(): FieldSchema;
  /** Which property-panel sections apply. */
  sections: readonly PanelSection[];
}

/** Parts of the property panel beyond 键名/标题/说明/必填, shown by kind. */
export type PanelSection = 'money' | 'unit' | 'scale' | 'range' | 'maxLength' | 'options' | 'formula' | 'project';

const NUMBER_SECTIONS: readonly PanelSection[] = ['money', 'unit', 'scale', 'range', 'project'];

export const FIELD_KINDS: readonly FieldKind[] = [
  { id: 'text', label: '单行文本', create: () => ({ type: 'string', 'x-component': 'Input' }), sections: ['maxLength', 'project'] },
  {
    id: 'textarea',
    label: '多行文本',
    create: () => ({ type: 'string', 'x-component': 'Input.TextArea', maxLength: 500 }),
    sections: ['maxLength', 'project'],
  },
  { id: 'number', label: '数字', create: () => ({ type: 'number', 'x-component': 'NumberPicker' }), sections: NUMBER_SECTIONS },
  { id: 'money', label: '金额（元）', create: () => ({ type: 'number', 'x-money': true }), sections: NUMBER_SECTIONS },
  { id: 'percent', label: '百分比', create: () => ({ type: 'number', 'x-unit': '%', 'x-scale': 2 }), sections: NUMBER_SECTIONS },
  { id: 'date', label: '日期', create: () => ({ type: 'string', format: 'date' }), sections: ['project'] },
  {
    id: 'select',
    label: '下拉选择',
    create: () => ({ type: 'string', enum: [{ label: '选项一', value: '选项一' }, { label: '选项二', value: '选项二' }] }),
    sections: ['options', 'project'],
  },
  { id: 'boolean', label: '是/否', create: () => ({ type: 'boolean' }), sections: [] },
  // "0" is the smallest formula that parses: the admin replaces it in the property panel.
  { id: 'formula', label: '计算字段', create: () => ({ type: 'number', 'x-formula': '0' }), sections: ['formula', 'money', 'unit', 'scale'] },
  { id: 'group', label: '分组', create: () => ({ type: 'object', properties: {} }), sections: [] },
  {
    id: 'table',
    label: '表格',
    create: () => ({ type: 'array', 'x-component': 'ArrayTable', items: { type: 'object', properties: {} } }),
    sections: [],
  },
];

const BY_ID = new Map<FieldKindId, FieldKind>(FIELD_KINDS.map((k) => [k.id, k]));

/** The kind with this id; throws on an id the palette does not have (a programming error). */
export function fieldKind(id: FieldKindId): FieldKind {
  const k = BY_ID.get(id);
  if (k === undefined) throw new Error(`unknown field kind ${id}`);
  return k;
}

/** True when the field holds other fields (a group's properties, a table's columns). */
export function isContainer(field: FieldSchema): boolean {
  return field.type === 'object' || (field.type === 'array' && (field.items?.type === 'object' || field.items?.properties !== undefined));
}

/**
 * The kind an existing field reads as (fields written by hand may combine keys; the first match
 * wins, computed fields before their value type). An array of scalars has no palette kind: null.
 */
export function classifyField(field: FieldSchema): FieldKindId | null {
  if (field.type === 'array') return isContainer(field) ? 'table' : null;
  if (field.type === 'object') return 'group';
  if (typeof field['x-formula'] === 'string' || field['x-score'] !== undefined) return 'formula';
  if (field.type === 'boolean') return 'boolean';
  if (Array.isArray(field.enum)) return 'select';
  if (field.type === 'number' || field.type === 'integer') {
    if (field['x-money'] === true) return 'money';
    if (field['x-unit'] === '%') return 'percent';
    return 'number';
  }
  if (field.format === 'date') return 'date';
  if (field['x-component'] === 'Input.TextArea' || (field.maxLength ?? 0) > 100) return 'textarea';
  return 'text';
}

/** The zh-CN label of a field's kind (计分 fields and scalar lists get their own words). */
export function kindLabel(field: FieldSchema): string {
  if (field['x-score'] !== undefined) return '计分';
  const id = classifyField(field);
  return id === null ? '列表' : fieldKind(id).label;
}
