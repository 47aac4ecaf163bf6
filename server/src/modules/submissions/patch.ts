/**
 * Structural patches between two JSON documents, so that a history event of an autosave stores
 * what changed instead of another copy of the whole form. `diffPatch(a, b)` lists the operations
 * that turn `a` into `b`; `applyPatch(a, ops)` replays them. Paths are arrays of segments (object
 * keys and array indices), so keys with dots or brackets round-trip.
 *
 * Granularity: objects are compared key by key, arrays index by index when their lengths match;
 * an array whose length changed, or a value whose type changed, is replaced whole (rows added or
 * removed are rare next to edited cells).
 */
export type Segment = string | number;

export type PatchOp = { p: Segment[]; v: unknown } | { p: Segment[]; d: 1 };

export class PatchApplyError extends Error {
  override name = 'PatchApplyError';
}

const isRecord = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v);
const hasOwn = (o: object, k: string): boolean => Object.prototype.hasOwnProperty.call(o, k);

/** The operations turning `a` into `b` (both JSON values: what `JSON.parse` gives). */
export function diffPatch(a: unknown, b: unknown): PatchOp[] {
  const out: PatchOp[] = [];
  walk(a, b, [], out);
  return out;
}

/** `path` is one stack shared by the whole walk (copied only into an op): this runs on every save. */
function walk(a: unknown, b: unknown, path: Segment[], out: PatchOp[]): void {
  if (isRecord(a) && isRecord(b)) {
    for (const k of Object.keys(a)) if (!hasOwn(b, k)) out.push({ p: [...path, k], d: 1 });
    for (const k of Object.keys(b)) {
      path.push(k);
      if (hasOwn(a, k)) walk(a[k], b[k], path, out);
      else out.push({ p: [...path], v: b[k] });
      path.pop();
    }
    return;
  }
  if (Array.isArray(a) && Array.isArray(b) && a.length === b.length) {
    for (let i = 0; i < a.length; i++) {
      path.push(i);
      walk(a[i], b[i], path, out);
      path.pop();
    }
    return;
  }
  if (a === b) return;
  if ((typeof a !== 'object' && typeof b !== 'object') || JSON.stringify(a) !== JSON.stringify(b)) out.push({ p: [...path], v: b });
}

const clone = <T>(v: T): T => (v === undefined ? v : (JSON.parse(JSON.stringify(v)) as T));

function containerAt(doc: unknown, path: readonly Segment[]): Record<string, unknown> | unknown[] {
  let cur = doc;
  for (const s of path) {
    if (Array.isArray(cur) && typeof s === 'number' && s < cur.length) cur = cur[s];
    else if (isRecord(cur) && typeof s === 'string' && hasOwn(cur, s)) cur = cur[s];
    else throw new PatchApplyError(`patch path ${JSON.stringify(path)} does not exist`);
  }
  if (!isRecord(cur) && !Array.isArray(cur)) throw new PatchApplyError(`patch path ${JSON.stringify(path)} is not a container`);
  return cur;
}

/** `doc` with `ops` applied (`doc` itself is left as it was). */
export function applyPatch(doc: unknown, ops: readonly PatchOp[]): unknown {
  let out = clone(doc);
  for (const op of ops) {
    if (op.p.length === 0) {
      if ('d' in op) throw new PatchApplyError('a patch cannot delete the whole document');
      out = clone(op.v);
      continue;
    }
    const parent = containerAt(out, op.p.slice(0, -1));
    const last = op.p[op.p.length - 1] as Segment;
    if (Array.isArray(parent)) {
      if (typeof last !== 'number' || 'd' in op) throw new PatchApplyError(`patch op on array index ${String(last)} is invalid`);
      parent[last] = clone(op.v);
    } else if ('d' in op) delete parent[String(last)];
    else parent[String(last)] = clone(op.v);
  }
  return out;
}

/** Whether `x` has the shape of a patch (a stored column read back). */
export function isPatch(x: unknown): x is PatchOp[] {
  return Array.isArray(x) && x.every((op) => isRecord(op) && Array.isArray(op.p) && ('v' in op || op.d === 1));
}
