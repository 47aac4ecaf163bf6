/**
 * Template schema → Formily schema. The template's JSON Schema is the data contract; this turns
 * it into what @formily/react renders. Validation keywords are deliberately NOT passed to Formily:
 * the engine's ajv validator is the single source of truth for errors (same as the server), and
 * TemplateForm puts its messages on the fields. `required` only shows the asterisk here.
 */
import type { ISchema } from '@formily/react';
import { displayDecimals, enumOptions, isComputedNode, isRecord, type SchemaNode } from './template-types';

/** Components a template may name in `x-component` (anything else falls back by type). */
const KNOWN_COMPONENTS = new Set([
  'Input',
  'Input.TextArea',
  'NumberPicker',
  'Select',
  'DatePicker',
  'Switch',
  'Radio.Group',
  'Checkbox.Group',
  'MoneyInput',
]);

export interface TableColumnInfo {
  key: string;
  title: string;
  /** Decimals for the column total, or null when the column gets no total. */
  total: number | null;
  money: boolean;
  /** Fixed column width in px. */
  width: number;
}

/** Widths of the sort, index and operation columns (the table's min width adds the data columns). */
export const FIXED_COLUMN_WIDTHS = { sort: 48, index: 56, ops: 110 } as const;

/** Property entries in display order: `x-index` first, then document order. */
export function orderedProperties(node: SchemaNode): Array<[string, SchemaNode]> {
  const entries = Object.entries(node.properties ?? {});
  return entries
    .map((e, i) => ({ e, i, x: typeof e[1]['x-index'] === 'number' ? e[1]['x-index'] : Number.POSITIVE_INFINITY }))
    .sort((a, b) => (a.x === b.x ? a.i - b.i : a.x - b.x))
    .map((x) => x.e);
}

function scalarComponent(node: SchemaNode): { component: string; props: Record<string, unknown> } {
  const props: Record<string, unknown> = { ...(node['x-component-props'] ?? {}) };
  if (isComputedNode(node)) {
    return {
      component: 'ComputedField',
      props: { decimals: displayDecimals(node), money: node['x-money'] === true, unit: node['x-unit'], formula: formulaLabel(node), labels: computedLabels(node) },
    };
  }
  if (node['x-money'] === true) return { component: 'MoneyInput', props };
  const named = node['x-component'];
  if (typeof named === 'string' && KNOWN_COMPONENTS.has(named)) {
    if (named === 'NumberPicker') decorateNumber(node, props);
    return { component: named, props };
  }
  if (Array.isArray(node.enum)) return { component: 'Select', props: { allowClear: true, ...props } };
  switch (node.type) {
    case 'number':
    case 'integer':
      decorateNumber(node, props);
      return { component: 'NumberPicker', props };
    case 'boolean':
      return { component: 'Switch', props };
    case 'string':
      if (node.format === 'date') return { component: 'DatePicker', props };
      if ((node.maxLength ?? 0) > 100 || (node.minLength ?? 0) > 20) return { component: 'Input.TextArea', props: { autoSize: { minRows: 2, maxRows: 8 }, ...props } };
      return { component: 'Input', props };
    default:
      return { component: 'Input', props };
  }
}

/** A computed enum field's labels by the text of its value ("red" → "红灯"), shown instead of the value. */
function computedLabels(node: SchemaNode): Record<string, string> | undefined {
  const options = enumOptions(node);
  return options === undefined ? undefined : Object.fromEntries(options.map((o) => [String(o.value), o.label]));
}

/** The tooltip text of a computed field: its formula, or its scoring preset. */
function formulaLabel(node: SchemaNode): string | undefined {
  if (typeof node['x-formula'] === 'string') return node['x-formula'];
  const score = node['x-score'];
  if (isRecord(score)) {
    if (typeof score['formula'] === 'string') return score['formula'];
    if (typeof score['preset'] === 'string') return `评分规则 ${score['preset']}`;
  }
  return undefined;
}

function decorateNumber(node: SchemaNode, props: Record<string, unknown>): void {
  if (typeof node['x-unit'] === 'string' && props['addonAfter'] === undefined) props['addonAfter'] = node['x-unit'];
  if (typeof node['x-scale'] === 'number' && props['precision'] === undefined) props['precision'] = node['x-scale'];
  if (node.type === 'integer' && props['precision'] === undefined) props['precision'] = 0;
  if (props['style'] === undefined) props['style'] = { width: '100%' };
}

function scalarSchema(node: SchemaNode, required: boolean, inTable: boolean): ISchema {
  const { component, props } = scalarComponent(node);
  const schema: ISchema = {
    type: node.type === 'integer' ? 'number' : (node.type ?? 'string'),
    'x-decorator': 'FormItem',
    'x-decorator-props': { asterisk: required, ...(node['x-decorator-props'] ?? {}) },
    'x-component': component,
    'x-component-props': props,
  };
  if (!inTable) {
    schema.title = node.title;
    if (node.description !== undefined) schema.description = node.description;
  }
  if (node.default !== undefined) schema.default = node.default;
  const options = enumOptions(node);
  if (options !== undefined) schema.enum = options;
  return schema;
}

function tableSchema(node: SchemaNode, required: boolean): ISchema {
  const item = node.items ?? {};
  const columns: Record<string, ISchema> = {};
  const info: TableColumnInfo[] = [];
  columns['__sort'] = {
    type: 'void',
    'x-component': 'ArrayTable.Column',
    'x-component-props': { width: FIXED_COLUMN_WIDTHS.sort, title: '排序', align: 'center' },
    properties: { sort: { type: 'void', 'x-component': 'ArrayTable.SortHandle' } },
  };
  columns['__index'] = {
    type: 'void',
    'x-component': 'ArrayTable.Column',
    'x-component-props': { width: FIXED_COLUMN_WIDTHS.index, title: '序号', align: 'center' },
    properties: { index: { type: 'void', 'x-component': 'ArrayTable.Index' } },
  };
  const rowRequired = new Set(item.required ?? []);
  for (const [key, col] of orderedProperties(item)) {
    const isNumber = col.type === 'number' || col.type === 'integer';
    const decimals = displayDecimals(col);
    const width = columnWidth(key, col);
    info.push({ key, title: col.title ?? key, total: isNumber && isSummable(key, col) ? (decimals ?? 2) : null, money: col['x-money'] === true, width });
    columns[key] = {
      type: 'void',
      'x-component': 'ArrayTable.Column',
      'x-component-props': {
        title: col.title ?? key,
        dataIndex: key,
        width,
        className: `jx-col-${key}${rowRequired.has(key) ? ' jx-col-required' : ''}`,
      },
      properties: { [key]: scalarSchema(col, rowRequired.has(key), true) },
    };
  }
  columns['__ops'] = {
    type: 'void',
    'x-component': 'ArrayTable.Column',
    'x-component-props': { title: '操作', dataIndex: 'operations', width: FIXED_COLUMN_WIDTHS.ops },
    properties: {
      ops: {
        type: 'void',
        'x-component': 'FormItem',
        properties: {
          remove: { type: 'void', 'x-component': 'ArrayTable.Remove' },
          moveUp: { type: 'void', 'x-component': 'ArrayTable.MoveUp' },
          moveDown: { type: 'void', 'x-component': 'ArrayTable.MoveDown' },
        },
      },
    },
  };
  return {
    type: 'array',
    title: node.title,
    description: node.description,
    'x-decorator': 'FormItem',
    'x-decorator-props': { asterisk: required, layout: 'vertical', className: 'jx-table-item' },
    'x-component': 'ArrayTable',
    'x-component-props': {
      pagination: false,
      // Fixed widths and no `scroll`: rc-table then neither measures columns (MeasureCell forces a
      // layout per column) nor keeps a sticky column; IndicatorTable scrolls the wide table itself.
      tableLayout: 'fixed',
      columnsInfo: info,
      indicator: node['x-indicator'] !== undefined,
      ...(node['x-component-props'] ?? {}),
    },
    ...(node.default !== undefined ? { default: node.default } : {}),
    items: { type: 'object', properties: columns },
    properties: { add: { type: 'void', 'x-component': 'ArrayTable.Addition', title: '添加一行' } },
  };
}

/** Which numeric columns get a total: weights, scores and amounts, not targets or actuals. */
function isSummable(key: string, col: SchemaNode): boolean {
  if (col['x-money'] === true || col['x-score'] !== undefined) return true;
  return /weight|score|amount|money|budget|分值|权重|得分|金额/.test(key);
}

function columnWidth(key: string, col: SchemaNode): number {
  if (/^level[123]$/.test(key)) return 140;
  if (key === 'reason' || (col.maxLength ?? 0) > 100) return 220;
  if (key === 'direction') return 110;
  if (col['x-money'] === true) return 160;
  return 120;
}

function objectSchema(node: SchemaNode, nested: boolean): ISchema {
  const required = new Set(node.required ?? []);
  const properties: Record<string, ISchema> = {};
  for (const [key, child] of orderedProperties(node)) properties[key] = toFormilyNode(child, required.has(key));
  if (!nested) return { type: 'object', properties };
  return {
    type: 'object',
    'x-component': 'Section',
    'x-component-props': { title: node.title, description: node.description },
    properties,
  };
}

function toFormilyNode(node: SchemaNode, required: boolean): ISchema {
  if (node.type === 'object' || (node.type === undefined && node.properties !== undefined)) return objectSchema(node, true);
  if (node.type === 'array' && node.items !== undefined && (node.items.type === 'object' || node.items.properties !== undefined)) {
    return tableSchema(node, required);
  }
  if (node.type === 'array') {
    // Array of scalars: a multi-select over the item enum, or tags.
    const items = node.items ?? {};
    return {
      type: 'array',
      title: node.title,
      'x-decorator': 'FormItem',
      'x-decorator-props': { asterisk: required },
      'x-component': 'Select',
      'x-component-props': { mode: Array.isArray(items.enum) ? 'multiple' : 'tags' },
      enum: enumOptions(items),
    };
  }
  return scalarSchema(node, required, false);
}

/** The root Formily schema for a template's `schema`. */
export function toFormilySchema(root: SchemaNode): ISchema {
  return objectSchema(root, false);
}

/**
 * Every field path pattern of a schema, with `*` for array rows ("indicators.*.score"), paired
 * with its node. Used to find computed, money and conditional fields.
 */
export function walkFields(root: SchemaNode): Array<{ pattern: string; node: SchemaNode; inRow: boolean }> {
  const out: Array<{ pattern: string; node: SchemaNode; inRow: boolean }> = [];
  const visit = (node: SchemaNode, prefix: string, inRow: boolean): void => {
    for (const [key, child] of orderedProperties(node)) {
      const p = prefix === '' ? key : `${prefix}.${key}`;
      out.push({ pattern: p, node: child, inRow });
      if (child.type === 'object' || child.properties !== undefined) visit(child, p, inRow);
      else if (child.type === 'array' && child.items !== undefined) visit(child.items, `${p}.*`, true);
    }
  };
  visit(root, '', false);
  return out;
}

/** "indicators.3.score" → "indicators.*.score". */
export function toPattern(path: string): string {
  return path
    .split('.')
    .map((s) => (/^\d+$/.test(s) ? '*' : s))
    .join('.');
}

/**
 * Where a field path comes in the rendered form, as a key to sort by: per segment its position
 * among its parent's properties (display order), or the row number. Unknown keys sort last.
 */
export function documentOrder(root: SchemaNode, path: string): number[] {
  const key: number[] = [];
  let node: SchemaNode | undefined = root;
  for (const seg of path.split('.')) {
    if (/^\d+$/.test(seg)) {
      key.push(Number(seg));
      node = node?.items;
      continue;
    }
    const props: Array<[string, SchemaNode]> = node === undefined ? [] : orderedProperties(node);
    const at = props.findIndex(([k]) => k === seg);
    key.push(at < 0 ? Number.MAX_SAFE_INTEGER : at);
    node = props[at]?.[1];
  }
  return key;
}

/** Order of two documentOrder keys (lexicographic). */
export function compareOrder(a: readonly number[], b: readonly number[]): number {
  for (let i = 0; i < Math.min(a.length, b.length); i++) {
    const d = (a[i] ?? 0) - (b[i] ?? 0);
    if (d !== 0) return d;
  }
  return a.length - b.length;
}

/** The table row a field path is in ("indicators.12.actual" → indicators, 12), or null. */
export function rowOfPath(path: string): { array: string; index: number } | null {
  const m = /^(.+)\.(\d+)\.[^.]+$/.exec(path);
  return m === null ? null : { array: m[1] ?? '', index: Number(m[2]) };
}
