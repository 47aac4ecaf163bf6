/**
 * Department variants (docs/template-format.md, "Department variants"): a template's `variants`
 * maps department codes to overlays. `resolveTemplate` walks from a department up its ancestors,
 * takes the nearest overlay (a department without one inherits its parent's) and applies it to
 * the template — or, for `extends: true`, on top of the parent's resolved template.
 *
 * Pure: the input template is never mutated; the schema is deep-cloned before an overlay touches
 * it, untouched parts (scoring, reports) are shared with the input.
 *
 * Within one overlay the operations apply in this order: `add` (merge fragments), then `patch`
 * (JSON-pointer sets, so a patch may target an added field), then `hide` (so a hidden field stays
 * hidden whatever was added).
 */
import { parsePointer } from './fields';
import type { FieldSchema, Template, VariantOverlay } from './types';

/** The department tree: a list of `{code, parent}` or a function giving a code's parent. */
export type DepartmentTree =
  | readonly { code: string; parent?: string | null }[]
  | ((code: string) => string | null | undefined);

/** A template resolved for one department: same id and version, no `variants`, plus `resolvedFor`. */
export type ResolvedTemplate = Omit<Template, 'variants'> & { resolvedFor: string };

export type VariantErrorReason =
  | 'UNKNOWN_POINTER'
  | 'UNKNOWN_FIELD'
  | 'UNSAFE_KEY'
  | 'BAD_OVERLAY'
  | 'TREE_CYCLE'
  | 'ALREADY_RESOLVED';

/** An overlay that cannot be applied (thrown: a template that passed its checks should never raise it). */
export class VariantError extends Error {
  override readonly name = 'VariantError';
  constructor(
    readonly reason: VariantErrorReason,
    /** The department whose overlay failed (or the one being resolved). */
    readonly department: string,
    /** The JSON pointer (patch), field path (hide) or key at fault. */
    readonly target: string,
    message: string,
  ) {
    super(message);
  }
}

const UNSAFE = new Set(['__proto__', 'constructor', 'prototype']);

type Json = Record<string, unknown>;

function isRecord(v: unknown): v is Json {
  return v !== null && typeof v === 'object' && !Array.isArray(v);
}

function clone<T>(v: T): T {
  return v === undefined ? v : (JSON.parse(JSON.stringify(v)) as T);
}

function setOwn(obj: Json, key: string, value: unknown): void {
  Object.defineProperty(obj, key, { value, enumerable: true, writable: true, configurable: true });
}

function has(obj: Json, key: string): boolean {
  return Object.prototype.hasOwnProperty.call(obj, key);
}

function parentFunction(tree: DepartmentTree): (code: string) => string | null | undefined {
  if (typeof tree === 'function') return tree;
  const parents = new Map<string, string | null | undefined>();
  for (const d of tree) parents.set(d.code, d.parent);
  return (code) => parents.get(code);
}

/** The department and its ancestors, nearest first. */
function ancestry(code: string, tree: DepartmentTree): string[] {
  const parentOf = parentFunction(tree);
  const chain = [code];
  const seen = new Set(chain);
  for (let p = parentOf(code); p !== null && p !== undefined && p !== ''; p = parentOf(p)) {
    if (seen.has(p)) {
      throw new VariantError('TREE_CYCLE', code, p, `部门树存在循环：${[...chain, p].join(' → ')}`);
    }
    seen.add(p);
    chain.push(p);
  }
  return chain;
}

// ---------------------------------------------------------------------------------------------
// Overlay operations (on an already cloned schema).

function mergeInto(target: Json, source: Json, department: string, at: string): void {
  for (const key of Object.keys(source)) {
    if (UNSAFE.has(key)) {
      throw new VariantError('UNSAFE_KEY', department, `${at}/${key}`, `部门“${department}”的变体 add 含有不允许的键“${key}”`);
    }
    const value = source[key];
    const current = has(target, key) ? target[key] : undefined;
    if (key === 'required' && Array.isArray(current) && Array.isArray(value)) {
      setOwn(target, key, [...current, ...value.filter((v) => !current.includes(v))]);
    } else if (isRecord(current) && isRecord(value)) {
      mergeInto(current, value, department, `${at}/${key}`);
    } else {
      setOwn(target, key, clone(value));
    }
  }
}

function applyPatch(schema: Json, pointer: string, value: unknown, department: string): void {
  const unknown = (): VariantError =>
    new VariantError('UNKNOWN_POINTER', department, pointer, `部门“${department}”的变体 patch 路径“${pointer}”在模板中不存在`);
  if (typeof pointer !== 'string' || !pointer.startsWith('/')) throw unknown();
  const tokens = parsePointer(pointer);
  for (const t of tokens) {
    if (UNSAFE.has(t)) {
      throw new VariantError('UNSAFE_KEY', department, pointer, `部门“${department}”的变体 patch 路径“${pointer}”含有不允许的键“${t}”`);
    }
  }
  let cur: unknown = schema;
  for (let i = 0; i < tokens.length - 1; i++) {
    const t = tokens[i] as string;
    if (Array.isArray(cur)) {
      if (!/^(0|[1-9]\d*)$/.test(t) || Number(t) >= cur.length) throw unknown();
      cur = cur[Number(t)];
    } else if (isRecord(cur) && has(cur, t)) {
      cur = cur[t];
    } else {
      throw unknown();
    }
  }
  const last = tokens[tokens.length - 1] as string;
  if (Array.isArray(cur)) {
    if (last === '-') cur.push(clone(value));
    else if (/^(0|[1-9]\d*)$/.test(last) && Number(last) <= cur.length) cur[Number(last)] = clone(value);
    else throw unknown();
  } else if (isRecord(cur)) {
    setOwn(cur, last, clone(value));
  } else {
    throw unknown();
  }
}

/** `budget.adjusted`, `indicators[].reason` (also `indicators[*].reason`, `indicators.reason`) → keys. */
function fieldSegments(path: string): string[] {
  return path
    .replace(/\[\*?\]/g, '')
    .split('.')
    .filter((s) => s !== '');
}

function hideField(schema: Json, path: string, department: string): void {
  const unknown = (): VariantError =>
    new VariantError('UNKNOWN_FIELD', department, path, `部门“${department}”的变体 hide 字段“${path}”在模板中不存在`);
  const segments = typeof path === 'string' ? fieldSegments(path) : [];
  if (segments.length === 0) throw unknown();
  let node: Json = schema;
  for (let i = 0; i < segments.length; i++) {
    const key = segments[i] as string;
    // a dotted path goes through an array into its rows, as formulas do (`table.col`)
    while (!isRecord(node['properties']) && isRecord(node['items'])) node = node['items'];
    const props = node['properties'];
    if (!isRecord(props) || !has(props, key) || !isRecord(props[key])) throw unknown();
    if (i === segments.length - 1) {
      delete props[key];
      const req = node['required'];
      if (Array.isArray(req)) {
        const left = req.filter((r) => r !== key);
        if (left.length > 0) node['required'] = left;
        else delete node['required'];
      }
      return;
    }
    node = props[key];
  }
}

function applyOverlay(base: FieldSchema, overlay: VariantOverlay, department: string): FieldSchema {
  const bad = (what: string): VariantError =>
    new VariantError('BAD_OVERLAY', department, what, `部门“${department}”的变体 ${what} 格式不正确`);
  const schema = clone(base) as unknown as Json;
  if (overlay.add !== undefined) {
    if (!isRecord(overlay.add)) throw bad('add');
    mergeInto(schema, overlay.add as unknown as Json, department, '');
  }
  if (overlay.patch !== undefined) {
    if (!Array.isArray(overlay.patch)) throw bad('patch');
    for (const p of overlay.patch) {
      if (!isRecord(p) || typeof p.path !== 'string' || !('value' in p)) throw bad('patch');
      applyPatch(schema, p.path, p.value, department);
    }
  }
  if (overlay.hide !== undefined) {
    if (!Array.isArray(overlay.hide) || !overlay.hide.every((h) => typeof h === 'string')) throw bad('hide');
    for (const h of overlay.hide) hideField(schema, h, department);
  }
  return schema as unknown as FieldSchema;
}

// ---------------------------------------------------------------------------------------------

/**
 * The template as department `departmentCode` sees it. Departments without an overlay of their
 * own inherit the nearest ancestor's; with no overlay on the way up, the schema is the template's.
 */
export function resolveTemplate(template: Template, departmentCode: string, tree: DepartmentTree): ResolvedTemplate {
  if ('resolvedFor' in template) {
    throw new VariantError('ALREADY_RESOLVED', departmentCode, '', `模板“${template.id}”已按部门解析过，不能再次解析`);
  }
  const variants = template.variants ?? {};
  const chain = ancestry(departmentCode, tree);

  const schemaFrom = (start: number): FieldSchema => {
    for (let i = start; i < chain.length; i++) {
      const code = chain[i] as string;
      if (!has(variants, code)) continue;
      const overlay = variants[code] as VariantOverlay;
      if (!isRecord(overlay)) throw new VariantError('BAD_OVERLAY', code, '', `部门“${code}”的变体格式不正确`);
      const base = overlay.extends === true ? schemaFrom(i + 1) : template.schema;
      return applyOverlay(base, overlay, code);
    }
    return template.schema;
  };

  const { variants: _dropped, ...rest } = template;
  void _dropped;
  return { ...rest, schema: schemaFrom(0), resolvedFor: departmentCode };
}

/** Which department's overlay applies to `departmentCode` (itself or the nearest ancestor), if any. */
export function variantSource(template: Template, departmentCode: string, tree: DepartmentTree): string | undefined {
  const variants = template.variants ?? {};
  return ancestry(departmentCode, tree).find((c) => has(variants, c));
}
