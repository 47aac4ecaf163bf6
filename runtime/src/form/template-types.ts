/**
 * The template document as the runtime reads it (docs/template-format.md). The runtime receives
 * templates as JSON (from the server or a pack), so it works on this structural view and hands
 * the whole document to the engine through engine-adapter.ts.
 */

export type TemplateKind = 'declaration' | 'monitoring' | 'self-evaluation' | 'other';

export interface SchemaNode {
  type?: 'object' | 'array' | 'string' | 'number' | 'integer' | 'boolean';
  title?: string;
  description?: string;
  properties?: Record<string, SchemaNode>;
  required?: string[];
  items?: SchemaNode;
  enum?: unknown[];
  default?: unknown;
  format?: string;
  minimum?: number;
  maximum?: number;
  minLength?: number;
  maxLength?: number;
  'x-component'?: string;
  'x-component-props'?: Record<string, unknown>;
  'x-decorator'?: string;
  'x-decorator-props'?: Record<string, unknown>;
  'x-index'?: number;
  'x-formula'?: string;
  'x-score'?: unknown;
  'x-visible'?: string;
  'x-required-when'?: string;
  'x-money'?: boolean;
  'x-scale'?: number;
  'x-unit'?: string;
  'x-indicator'?: { levels?: number; yearflag?: number };
  [key: string]: unknown;
}

export interface GradeBand {
  min: number;
  label: string;
}

export interface TemplateScoring {
  grades?: GradeBand[];
  total?: string;
  grade?: string;
  weightTotal?: number;
  [key: string]: unknown;
}

export interface TemplateDoc {
  id: string;
  kind: TemplateKind;
  version: string;
  title: string;
  schema: SchemaNode;
  scoring?: TemplateScoring;
  variants?: Record<string, unknown>;
  reports?: Record<string, string>;
  [key: string]: unknown;
}

export function isRecord(v: unknown): v is Record<string, unknown> {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}

/**
 * A field's choices as Select options: a plain enum `["red", …]` shows its values, a Formily-style
 * one `[{label: "红灯", value: "red"}, …]` its labels (the stored value stays "red").
 */
export function enumOptions(node: SchemaNode): { label: string; value: unknown }[] | undefined {
  if (!Array.isArray(node.enum)) return undefined;
  return node.enum.map((e) => (isRecord(e) && 'value' in e ? { label: typeof e['label'] === 'string' ? e['label'] : String(e['value']), value: e['value'] } : { label: String(e), value: e }));
}

/** The label of a value of an enum field ("red" → "红灯"), or undefined when it has none. */
export function enumLabel(node: SchemaNode | undefined, v: unknown): string | undefined {
  return node === undefined ? undefined : enumOptions(node)?.find((o) => o.value === v)?.label;
}

/** A field is computed (read-only, engine-owned) when it carries x-formula or x-score. */
export function isComputedNode(node: SchemaNode): boolean {
  return typeof node['x-formula'] === 'string' || node['x-score'] !== undefined;
}

/** Decimals used to display a number field: money 2, x-scale, else undefined (general). */
export function displayDecimals(node: SchemaNode): number | undefined {
  if (node['x-money'] === true) return 2;
  if (typeof node['x-scale'] === 'number') return node['x-scale'];
  if (node['x-score'] !== undefined) return 2;
  return undefined;
}
