/**
 * The template's fields as a tree for the designer: one node per field, addressed by its JSON
 * pointer into the template (`/schema/properties/basics/properties/name`; a table's columns under
 * `…/items/properties/…`). Pointers are the designer's only field identity, so the tree, the edit
 * operations and the engine's diagnostics (whose `path` is a pointer too) all speak the same way.
 */
import { escapePointer, parsePointer, type FieldSchema, type Template } from '@jixiao/engine';
import { isContainer, kindLabel } from './field-kinds';

/** The pointer of the root object: fields added "to the root" go into its properties. */
export const ROOT_POINTER = '/schema';

export interface FieldNode {
  key: string;
  title: string;
  /** zh-CN kind (金额（元）, 表格 …). */
  kindLabel: string;
  pointer: string;
  /** A group's properties or a table's columns; [] for scalar fields. */
  children: FieldNode[];
  container: boolean;
}

const isRecord = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v);

/** Property entries in display order: `x-index` first, then document order (as the runtime renders them). */
export function orderedEntries(properties: Record<string, FieldSchema>): Array<[string, FieldSchema]> {
  return Object.entries(properties)
    .map((e, i) => ({ e, i, x: typeof e[1]['x-index'] === 'number' ? e[1]['x-index'] : Number.POSITIVE_INFINITY }))
    .sort((a, b) => (a.x === b.x ? a.i - b.i : a.x - b.x))
    .map((x) => x.e);
}

/** Where a container keeps its child fields: a group's own properties, a table's row properties. */
export function childHolderPointer(pointer: string, field: FieldSchema): string {
  return field.type === 'array' ? `${pointer}/items` : pointer;
}

/** The node at a JSON pointer of the template (any node, not only fields), or undefined. */
export function nodeAt(template: unknown, pointer: string): unknown {
  let node: unknown = template;
  for (const token of parsePointer(pointer)) {
    if (!isRecord(node)) return undefined;
    node = Object.prototype.hasOwnProperty.call(node, token) ? node[token] : undefined;
  }
  return node;
}

/** The field schema at `pointer`, or undefined when there is none. */
export function fieldAt(template: Template, pointer: string): FieldSchema | undefined {
  const node = nodeAt(template, pointer);
  return isRecord(node) ? (node as FieldSchema) : undefined;
}

function nodesOf(holder: FieldSchema, holderPointer: string): FieldNode[] {
  const properties = holder.properties;
  if (!isRecord(properties)) return [];
  return orderedEntries(properties)
    .filter(([, f]) => isRecord(f))
    .map(([key, field]) => {
      const pointer = `${holderPointer}/properties/${escapePointer(key)}`;
      const container = isContainer(field);
      const inner = field.type === 'array' ? field.items : field;
      return {
        key,
        title: typeof field.title === 'string' && field.title !== '' ? field.title : key,
        kindLabel: kindLabel(field),
        pointer,
        container,
        children: container && inner !== undefined ? nodesOf(inner, childHolderPointer(pointer, field)) : [],
      };
    });
}

/** Every field of the template as a tree, in display order. */
export function fieldTree(template: Template): FieldNode[] {
  return isRecord(template.schema) ? nodesOf(template.schema, ROOT_POINTER) : [];
}

/** Every field pointer of the template (depth-first), for mapping diagnostics to fields. */
export function fieldPointers(template: Template): string[] {
  const out: string[] = [];
  const visit = (nodes: FieldNode[]): void => {
    for (const n of nodes) {
      out.push(n.pointer);
      visit(n.children);
    }
  };
  visit(fieldTree(template));
  return out;
}

/** The key a field pointer ends with, and the pointer of the node whose `properties` hold it. */
export function splitFieldPointer(pointer: string): { holder: string; key: string } | null {
  const tokens = parsePointer(pointer);
  const key = tokens[tokens.length - 1];
  if (tokens.length < 3 || tokens[tokens.length - 2] !== 'properties' || key === undefined) return null;
  return { holder: tokens.slice(0, -2).map((t) => `/${escapePointer(t)}`).join(''), key };
}

/**
 * Where the palette adds a field when `selected` is the selected field: into it when it is a group
 * or a table, else next to it (its parent), else (nothing selected) at the root.
 */
export function containerFor(template: Template, selected: string | null): string {
  if (selected === null) return ROOT_POINTER;
  const field = fieldAt(template, selected);
  if (field !== undefined && isContainer(field)) return selected;
  const split = splitFieldPointer(selected);
  if (split === null) return ROOT_POINTER;
  // a table column's holder is the table's `items`: the table itself is one level up
  return split.holder.endsWith('/items') ? split.holder.slice(0, -'/items'.length) : split.holder;
}
