/**
 * Reading formula references out of submission data. A path walks own properties of plain
 * objects only (data is JSON-shaped; the ownership and prototype checks keep a polluted
 * Object.prototype or a class instance from leaking values into formulas); an array met with
 * segments left maps the rest over its items (`indicators.score` is the column, a RangeValue);
 * a missing key is blank; a scalar met with segments left is #REF!.
 */
import type { EvalContext } from './compile';
import { fromJs } from './coerce';
import { ErrorValue, RangeValue, type Scalar, type Value } from './values';

export const hasOwn = Object.prototype.hasOwnProperty;
const OBJECT_PROTOTYPE: object = Object.prototype;

/**
 * Whether no prototype defines `key`: then on a plain object (prototype Object.prototype or
 * null) `obj[key]` is defined only when it is an own property, and the per-row
 * hasOwnProperty (a generic lookup, the main cost of reading a column) can be skipped. Checked
 * on each evaluation, so a polluted Object.prototype is still caught.
 */
export function inheritsNothing(key: string): boolean {
  return !(key in OBJECT_PROTOTYPE);
}

/** Whether x is an object whose prototype is Object.prototype or null (JSON-shaped data). */
export function isPlainObject(x: object): boolean {
  const proto: unknown = Object.getPrototypeOf(x);
  return proto === OBJECT_PROTOTYPE || proto === null;
}

/**
 * Where a reference reads from: the current row, the submission root, or (no static decision
 * given) the row when it has the first segment as an own key, else the root.
 */
export type RefSource = 'row' | 'root' | 'dynamic';

/** The object a reference starting with `key` reads from, or undefined (no row in context). */
export function baseOf(source: RefSource, key: string, ctx: EvalContext): Record<string, unknown> | undefined {
  if (source === 'root') return ctx.data;
  const r = ctx.row;
  if (source === 'row') return r;
  return r !== undefined && hasOwn.call(r, key) ? r : ctx.data;
}

/** A data value read from a path, as a formula value (fast path for the common types). */
export function readValue(raw: unknown): Value {
  if (typeof raw === 'number') {
    // finite numbers are themselves (-0 normalised); NaN/±∞ go through fromJs (#NUM!)
    if (raw - raw === 0) return raw + 0;
    return fromJs(raw);
  }
  if (typeof raw === 'string' && raw !== '') return raw;
  return fromJs(raw);
}


function notAnObject(path: readonly string[], i: number): ErrorValue {
  return new ErrorValue('#REF!', `${path.slice(0, i).join('.')} 不是对象，无法读取 ${path[i] ?? ''}`);
}

/** Reads path[from..] below `base`: own properties of plain objects, arrays mapped to columns. */
export function readPath(base: unknown, path: readonly string[], from: number): Value {
  let cur = base;
  for (let i = from; i < path.length; i++) {
    if (cur === null || cur === undefined) return null;
    if (typeof cur !== 'object') return notAnObject(path, i);
    if (Array.isArray(cur)) return readColumn(cur, path, i);
    if (!isPlainObject(cur)) return notAnObject(path, i);
    const key = path[i] as string;
    if (!hasOwn.call(cur, key)) return null;
    cur = (cur as Record<string, unknown>)[key];
  }
  return readValue(cur);
}

function readColumn(rows: readonly unknown[], path: readonly string[], from: number): RangeValue {
  return from === path.length - 1 ? readLeafColumn(rows, path, from) : readNestedColumn(rows, path, from);
}

/** `table.col` with one segment left, the common case: one read per row, no nesting. */
function readLeafColumn(rows: readonly unknown[], path: readonly string[], from: number): RangeValue {
  const key = path[from] as string;
  const items: Scalar[] = new Array<Scalar>(rows.length);
  let nested = false;
  for (let i = 0; i < rows.length; i++) {
    const row = rows[i];
    let v: Value;
    if (row !== null && typeof row === 'object' && !Array.isArray(row) && isPlainObject(row)) {
      v = hasOwn.call(row, key) ? readValue((row as Record<string, unknown>)[key]) : null;
    } else {
      v = readPath(row, path, from);
    }
    if (v instanceof RangeValue) {
      nested = true;
      break;
    }
    items[i] = v;
  }
  return nested ? readNestedColumn(rows, path, from) : new RangeValue(items);
}

/** The general column read: each row walked by readPath, nested columns flattened. */
function readNestedColumn(rows: readonly unknown[], path: readonly string[], from: number): RangeValue {
  const items: Scalar[] = [];
  for (const row of rows) {
    const v = readPath(row, path, from);
    if (v instanceof RangeValue) {
      for (const item of v.items) items.push(item);
    } else {
      items.push(v);
    }
  }
  return new RangeValue(items);
}

