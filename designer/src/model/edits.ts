/**
 * Edit operations of the visual designer. Each takes a template and returns a new one (the input
 * is never changed), so React state, the JSON tab and an undo history can all hold plain values.
 * Fields are addressed by JSON pointer (see ./tree). Mistakes an admin can make (a bad or taken
 * key) throw FieldEditError with a zh-CN message the UI shows as is.
 */
import { escapePointer, type FieldSchema, type Template } from '@jixiao/engine';
import { fieldKind, isContainer, type FieldKindId } from './field-kinds';
import { childHolderPointer, fieldAt, nodeAt, orderedEntries, splitFieldPointer } from './tree';

export type FieldEditCode = 'KEY_INVALID' | 'KEY_TAKEN' | 'FIELD_NOT_FOUND' | 'NOT_A_CONTAINER';

/** An edit the admin asked for that cannot be made; `message` is zh-CN and names the field. */
export class FieldEditError extends Error {
  override name = 'FieldEditError';
  constructor(
    readonly code: FieldEditCode,
    message: string,
  ) {
    super(message);
  }
}

/** Keys the designer lets admins type: plain identifiers, so formulas can name them (v1 is ASCII only). */
export const KEY_PATTERN = /^[A-Za-z_][A-Za-z0-9_]*$/;

const isRecord = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v);

/** Templates are JSON documents: a JSON round trip is a complete deep copy. */
function clone(template: Template): Template {
  return JSON.parse(JSON.stringify(template)) as Template;
}

function mustField(template: Template, pointer: string): FieldSchema {
  const field = fieldAt(template, pointer);
  if (field === undefined) throw new FieldEditError('FIELD_NOT_FOUND', `找不到字段 ${pointer}`);
  return field;
}

/** The node holding a field's `properties` and `required`, and the field's key. */
function holderOf(template: Template, pointer: string): { holder: FieldSchema; key: string } {
  const split = splitFieldPointer(pointer);
  const holder = split === null ? undefined : nodeAt(template, split.holder);
  if (split === null || !isRecord(holder) || !isRecord(holder['properties']) || !(split.key in holder['properties'])) {
    throw new FieldEditError('FIELD_NOT_FOUND', `找不到字段 ${pointer}`);
  }
  return { holder: holder as FieldSchema, key: split.key };
}

/** Every property key used anywhere in the schema (new keys avoid all of them, so a formula's bare key stays unambiguous). */
function allKeys(schema: unknown, out = new Set<string>()): Set<string> {
  if (!isRecord(schema)) return out;
  if (isRecord(schema['properties'])) {
    for (const [k, v] of Object.entries(schema['properties'])) {
      out.add(k);
      allKeys(v, out);
    }
  }
  allKeys(schema['items'], out);
  return out;
}

/** The first of field1, field2 … that no field of the template uses. */
export function nextFieldKey(template: Template): string {
  const used = allKeys(template.schema);
  for (let i = 1; ; i++) if (!used.has(`field${i}`)) return `field${i}`;
}

/**
 * Adds a new field of the palette kind `kindId` at the end of the container at `parentPointer`
 * (`/schema` for the root, a group, or a table: then it is a new column). Returns the new template
 * and the new field's pointer (the designer selects it).
 */
export function addField(template: Template, parentPointer: string, kindId: FieldKindId): { template: Template; pointer: string } {
  const next = clone(template);
  const parent = mustField(next, parentPointer);
  if (!isContainer(parent) && parentPointer !== '/schema') {
    throw new FieldEditError('NOT_A_CONTAINER', `字段“${parent.title ?? parentPointer}”不是分组或表格，不能在其中添加字段`);
  }
  let holder: FieldSchema = parent;
  if (parent.type === 'array') {
    parent.items ??= { type: 'object', properties: {} };
    holder = parent.items;
  }
  holder.properties ??= {};
  const key = nextFieldKey(next);
  const kind = fieldKind(kindId);
  const field: FieldSchema = { title: kind.label, ...kind.create() };
  // keep an explicit order explicit: a new field goes after the last indexed sibling
  const indexes = Object.values(holder.properties).map((f) => f['x-index']).filter((x): x is number => typeof x === 'number');
  if (indexes.length > 0) field['x-index'] = Math.max(...indexes) + 1;
  holder.properties[key] = field;
  return { template: next, pointer: `${childHolderPointer(parentPointer, parent)}/properties/${escapePointer(key)}` };
}

/** Removes the field (and its key from the parent's `required`). */
export function removeField(template: Template, pointer: string): Template {
  const next = clone(template);
  const { holder, key } = holderOf(next, pointer);
  delete holder.properties?.[key];
  if (Array.isArray(holder.required)) {
    holder.required = holder.required.filter((k) => k !== key);
    if (holder.required.length === 0) delete holder.required;
  }
  return next;
}

/**
 * Moves the field one place up (-1) or down (+1) among its siblings, in display order. The
 * properties are rewritten in the new order; when the siblings use `x-index`, every sibling gets
 * its new position as `x-index`, so the order stays the same whichever one a reader trusts.
 * At either end nothing changes.
 */
export function moveField(template: Template, pointer: string, direction: -1 | 1): Template {
  const next = clone(template);
  const { holder, key } = holderOf(next, pointer);
  const entries = orderedEntries(holder.properties ?? {});
  const from = entries.findIndex(([k]) => k === key);
  const to = from + direction;
  if (to < 0 || to >= entries.length) return next;
  const moved = entries[from];
  const other = entries[to];
  if (moved === undefined || other === undefined) return next;
  entries[from] = other;
  entries[to] = moved;
  const indexed = entries.some(([, f]) => typeof f['x-index'] === 'number');
  holder.properties = Object.fromEntries(entries.map(([k, f], i) => [k, indexed ? { ...f, 'x-index': i } : f]));
  return next;
}

/** The pointer a field gets when renamed to `newKey`. */
export function renamedPointer(pointer: string, newKey: string): string {
  return `${pointer.slice(0, pointer.lastIndexOf('/'))}/${escapePointer(newKey)}`;
}

/**
 * Renames the field's key, keeping its place among its siblings and in `required`. Formulas that
 * name the old key are not rewritten (v1): validateTemplate then reports them, and the problems
 * list shows where.
 */
export function renameKey(template: Template, pointer: string, newKey: string): Template {
  const next = clone(template);
  const { holder, key } = holderOf(next, pointer);
  if (newKey === key) return next;
  if (!KEY_PATTERN.test(newKey)) {
    throw new FieldEditError('KEY_INVALID', `字段键名“${newKey}”无效：应以英文字母或下划线开头，只含英文字母、数字和下划线`);
  }
  const properties = holder.properties ?? {};
  if (Object.prototype.hasOwnProperty.call(properties, newKey)) {
    throw new FieldEditError('KEY_TAKEN', `字段键名“${newKey}”已被同级的另一字段使用`);
  }
  holder.properties = Object.fromEntries(Object.entries(properties).map(([k, f]) => [k === key ? newKey : k, f]));
  if (Array.isArray(holder.required)) holder.required = holder.required.map((k) => (k === key ? newKey : k));
  return next;
}

/** Makes the field required or optional (its key in the parent's `required`; an empty list is dropped). */
export function setRequired(template: Template, pointer: string, required: boolean): Template {
  const next = clone(template);
  const { holder, key } = holderOf(next, pointer);
  const list = (holder.required ?? []).filter((k) => k !== key);
  if (required) list.push(key);
  if (list.length > 0) holder.required = list;
  else delete holder.required;
  return next;
}

/** Whether the field's key is in its parent's `required`. */
export function isRequired(template: Template, pointer: string): boolean {
  const split = splitFieldPointer(pointer);
  const holder = split === null ? undefined : nodeAt(template, split.holder);
  return split !== null && isRecord(holder) && Array.isArray(holder['required']) && holder['required'].includes(split.key);
}

/** A change of a field's keys: a value sets the key, `undefined` deletes it. */
export type FieldPatch = { [K in keyof FieldSchema]?: FieldSchema[K] | undefined };

/** Sets or deletes keys of the field at `pointer`. */
export function updateField(template: Template, pointer: string, patch: FieldPatch): Template {
  const next = clone(template);
  const field = mustField(next, pointer) as Record<string, unknown>;
  for (const [k, v] of Object.entries(patch)) {
    if (v === undefined) delete field[k];
    else field[k] = v;
  }
  return next;
}

/** What the 模板信息 form edits: the document's own keys (`description` undefined deletes it). */
export type MetaPatch = Partial<Pick<Template, 'id' | 'kind' | 'version' | 'title'>> & { description?: string | undefined };

export function updateMeta(template: Template, patch: MetaPatch): Template {
  const next = clone(template) as unknown as Record<string, unknown>;
  for (const [k, v] of Object.entries(patch)) {
    if (v === undefined) delete next[k];
    else next[k] = v;
  }
  return next as unknown as Template;
}
