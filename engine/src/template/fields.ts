/**
 * A template's schema as a flat list of fields. Paths:
 * - data path: `budget.adjusted`, `indicators[].score` (`[]` marks "each row of the array");
 * - JSON pointer of the schema node inside the template: `/schema/properties/indicators/items/properties/score`.
 * Order: document order, parents before children (deterministic).
 */
import type { FieldSchema, FieldType, IndicatorBinding, ScoreRule, Template } from './types';

export type FieldKind = 'object' | 'array' | 'scalar';

export interface FieldInfo {
  /** Data path: `budget.adjusted`, `indicators[].score`; '' for the root object. */
  path: string;
  /** The keys from the root, array markers left out: ['indicators', 'score']. */
  segments: readonly string[];
  /** The property key (last segment); '' for the root. */
  key: string;
  /** JSON pointer of the schema node in the template (`/schema/properties/…`). */
  pointer: string;
  kind: FieldKind;
  type?: FieldType;
  title?: string;
  schema: FieldSchema;
  /** Data path of the innermost enclosing array (`indicators`), when the field is inside a row. */
  array?: string;
  /** The path inside that row (`score`, `detail.note`). */
  rowPath?: readonly string[];
  /** How many arrays enclose the field (0 at the root). */
  depth: number;
  formula?: string;
  score?: ScoreRule;
  visible?: string;
  requiredWhen?: string;
  money?: boolean;
  scale?: number;
  unit?: string;
  indicator?: IndicatorBinding;
  /** Whether the field is computed (x-formula or x-score): client values are ignored. */
  computed: boolean;
  /** Whether the field is numeric (type number/integer, or x-money / x-scale / x-score). */
  numeric: boolean;
}

/** Escape one JSON-pointer token (RFC 6901). */
export function escapePointer(token: string): string {
  return token.replace(/~/g, '~0').replace(/\//g, '~1');
}

/** Split a JSON pointer into its unescaped tokens ('' → []). */
export function parsePointer(pointer: string): string[] {
  if (pointer === '') return [];
  return pointer
    .slice(1)
    .split('/')
    .map((t) => t.replace(/~1/g, '/').replace(/~0/g, '~'));
}

/** Walk a schema into fields (the root object itself is not listed). */
export function walkSchema(schema: FieldSchema, basePointer = '/schema'): FieldInfo[] {
  const out: FieldInfo[] = [];
  visitProperties(schema, basePointer, '', [], undefined, [], 0, out);
  return out;
}

function visitProperties(
  node: FieldSchema,
  pointer: string,
  path: string,
  segments: readonly string[],
  array: string | undefined,
  rowPath: readonly string[],
  depth: number,
  out: FieldInfo[],
): void {
  const props = node.properties;
  if (!props || typeof props !== 'object') return;
  for (const key of Object.keys(props)) {
    const child = props[key];
    if (!child || typeof child !== 'object') continue;
    const childPointer = `${pointer}/properties/${escapePointer(key)}`;
    const childPath = path === '' ? key : `${path}.${key}`;
    visitField(child, childPointer, childPath, [...segments, key], key, array, [...rowPath, key], depth, out);
  }
}

function visitField(
  node: FieldSchema,
  pointer: string,
  path: string,
  segments: readonly string[],
  key: string,
  array: string | undefined,
  rowPath: readonly string[],
  depth: number,
  out: FieldInfo[],
): void {
  const kind: FieldKind = node.type === 'array' || node.items ? 'array' : node.type === 'object' || node.properties ? 'object' : 'scalar';
  const info: FieldInfo = {
    path,
    segments,
    key,
    pointer,
    kind,
    schema: node,
    depth,
    computed: node['x-formula'] !== undefined || node['x-score'] !== undefined,
    numeric:
      node.type === 'number' || node.type === 'integer' || node['x-money'] === true || node['x-scale'] !== undefined || node['x-score'] !== undefined,
  };
  if (node.type !== undefined) info.type = node.type;
  if (node.title !== undefined) info.title = node.title;
  if (array !== undefined) {
    info.array = array;
    info.rowPath = rowPath;
  }
  if (typeof node['x-formula'] === 'string') info.formula = node['x-formula'];
  if (node['x-score'] !== undefined) info.score = node['x-score'];
  if (typeof node['x-visible'] === 'string') info.visible = node['x-visible'];
  if (typeof node['x-required-when'] === 'string') info.requiredWhen = node['x-required-when'];
  if (node['x-money'] !== undefined) info.money = node['x-money'];
  if (node['x-scale'] !== undefined) info.scale = node['x-scale'];
  if (node['x-unit'] !== undefined) info.unit = node['x-unit'];
  if (node['x-indicator'] !== undefined) info.indicator = node['x-indicator'];
  out.push(info);
  if (kind === 'object') {
    visitProperties(node, pointer, path, segments, array, rowPath, depth, out);
  } else if (kind === 'array' && node.items && typeof node.items === 'object') {
    const rowPathPrefix = `${path}[]`;
    const items = node.items;
    if (items.properties) {
      visitProperties(items, `${pointer}/items`, rowPathPrefix, segments, path, [], depth + 1, out);
    }
  }
}

/** The fields of a template, with lookups by data path. Cached per template object. */
export interface FieldTable {
  readonly list: readonly FieldInfo[];
  readonly byPath: ReadonlyMap<string, FieldInfo>;
  /** Fields of each array's rows, keyed by the array's data path, then by the row path joined with '.'. */
  readonly rows: ReadonlyMap<string, ReadonlyMap<string, FieldInfo>>;
}

const CACHE = new WeakMap<object, FieldTable>();

/** The field table of a template (or of a bare schema). Cached: do not mutate the template afterwards. */
export function fieldsOf(template: Template | FieldSchema): FieldTable {
  const cached = CACHE.get(template);
  if (cached) return cached;
  const schema = 'schema' in template && template.schema && typeof template.schema === 'object' ? (template as Template).schema : (template as FieldSchema);
  const base = schema === template ? '' : '/schema';
  const list = walkSchema(schema, base);
  const byPath = new Map<string, FieldInfo>();
  const rows = new Map<string, Map<string, FieldInfo>>();
  for (const f of list) {
    byPath.set(f.path, f);
    if (f.array !== undefined && f.rowPath) {
      let m = rows.get(f.array);
      if (!m) rows.set(f.array, (m = new Map()));
      m.set(f.rowPath.join('.'), f);
    }
  }
  const table: FieldTable = { list, byPath, rows };
  CACHE.set(template, table);
  return table;
}

/** Field data path (`indicators[].score`) → concrete path of one row (`indicators[2].score`). */
export function rowDataPath(field: FieldInfo, rowIndex: number): string {
  if (field.array === undefined) return field.path;
  return `${field.array}[${rowIndex}]${field.path.slice(field.array.length + 2)}`;
}

/** Read a value at a key path inside a JSON-like object; undefined when any step is missing. */
export function readPath(data: unknown, segments: readonly string[]): unknown {
  let cur: unknown = data;
  for (const s of segments) {
    if (cur === null || typeof cur !== 'object' || Array.isArray(cur)) return undefined;
    if (!Object.prototype.hasOwnProperty.call(cur, s)) return undefined;
    cur = (cur as Record<string, unknown>)[s];
  }
  return cur;
}
