/**
 * The server's recomputation of a submission with the engine: resolve the pinned template
 * version for the department (variants), evaluate + score (trace), validate. Whatever the client
 * sent for computed fields is dropped from the stored inputs and recomputed.
 *
 * Resolved templates are cached by `id@version#department` (+ the department's ancestor chain),
 * and the same object is handed to the engine each time, so the engine's own caches
 * (compileTemplate per template object, ValidatorCache per id@version#dept) hit as well.
 */
import type { Knex } from 'knex';
import { Dec, fieldsOf, resolveTemplate, score, validateSubmission, type EvaluationResult, type ResolvedTemplate, type Template } from '@jixiao/engine';
import type { FieldProblem } from '../../http/errors';
import * as orgRepo from '../org/repo';
import { ancestorChain, type TreeNode } from '../org/tree';
import * as templates from '../templates/service';
import type { Computed } from './repo';

const MAX_CACHE = 100;
const cache = new Map<string, ResolvedTemplate>();

/**
 * The template version `templateId@version` as department `department` sees it. `tree`: the
 * department list when the caller has it already (the request's scope), else it is read.
 */
export async function loadResolvedTemplate(db: Knex, templateId: string, version: string, department: string, tree?: readonly TreeNode[]): Promise<ResolvedTemplate> {
  const nodes = tree ?? (await orgRepo.listDepartmentNodes(db));
  const chain = ancestorChain(nodes, department).join('>');
  const key = `${templateId}@${version}#${department}|${chain}`;
  const hit = cache.get(key);
  if (hit) {
    cache.delete(key);
    cache.set(key, hit);
    return hit;
  }
  const body = (await templates.getVersion(db, templateId, version)).template as Template;
  const resolved = resolveTemplate(body, department, nodes.map((n) => ({ code: n.code, parent: n.parentCode })));
  cache.set(key, resolved);
  while (cache.size > MAX_CACHE) {
    const oldest = cache.keys().next();
    if (oldest.done === true) break;
    cache.delete(oldest.value);
  }
  return resolved;
}

const isRecord = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v);

/** The value at `segments` of a JSON document (own properties only), or undefined. */
export function getIn(data: unknown, segments: readonly string[]): unknown {
  let cur = data;
  for (const s of segments) {
    if (!isRecord(cur) || !Object.prototype.hasOwnProperty.call(cur, s)) return undefined;
    cur = cur[s];
  }
  return cur;
}

function deleteIn(holder: unknown, segments: readonly string[]): void {
  const parent = segments.length > 1 ? getIn(holder, segments.slice(0, -1)) : holder;
  const last = segments[segments.length - 1];
  if (isRecord(parent) && last !== undefined && Object.prototype.hasOwnProperty.call(parent, last)) delete parent[last];
}

/**
 * A deep copy with the result of a JSON round trip (`undefined` and functions dropped, `toJSON`
 * applied, non-finite numbers null) — without serialising: this runs on every save.
 */
export function copyJson(v: unknown): unknown {
  switch (typeof v) {
    case 'string':
    case 'boolean':
      return v;
    case 'number':
      return Number.isFinite(v) ? v : null;
    case 'bigint':
      throw new TypeError('Do not know how to serialize a BigInt');
    case 'object': {
      if (v === null) return null;
      if (Array.isArray(v)) return v.map((x) => (x === undefined || typeof x === 'function' || typeof x === 'symbol' ? null : copyJson(x)));
      const withJson = v as { toJSON?: unknown };
      if (typeof withJson.toJSON === 'function') return copyJson((withJson.toJSON as () => unknown).call(v));
      const out: Record<string, unknown> = {};
      for (const k of Object.keys(v)) {
        const x = (v as Record<string, unknown>)[k];
        if (x === undefined || typeof x === 'function' || typeof x === 'symbol') continue;
        // a "__proto__" key from JSON.parse is an own property: keep it one (assignment would set the prototype)
        if (k === '__proto__') Object.defineProperty(out, k, { value: copyJson(x), enumerable: true, writable: true, configurable: true });
        else out[k] = copyJson(x);
      }
      return out;
    }
    default:
      return undefined;
  }
}

/** A deep copy of the client's data without the computed fields (x-formula, x-score): the inputs we store. */
export function inputsOnly(template: Template, data: unknown): Record<string, unknown> {
  const copy = (isRecord(data) ? copyJson(data) : {}) as Record<string, unknown>;
  const table = fieldsOf(template);
  for (const f of table.list) {
    if (!f.computed) continue;
    if (f.array === undefined) deleteIn(copy, f.segments);
    else {
      const arrayField = table.byPath.get(f.array);
      if (!arrayField || arrayField.array !== undefined) continue; // formulas live one array deep
      const rows = getIn(copy, arrayField.segments);
      if (Array.isArray(rows)) for (const row of rows) deleteIn(row, f.rowPath ?? []);
    }
  }
  return copy;
}

export interface EvaluationInput {
  department: string;
  /** 'YYYY-MM-DD' for TODAY(). */
  today: string;
  month?: number;
}

export interface Recomputed {
  inputs: Record<string, unknown>;
  result: EvaluationResult;
  computed: Computed;
}

/** total × 10⁴ as an integer, half away from zero. */
export function totalToE4(total: unknown): bigint | null {
  if (typeof total !== 'number' || !Number.isFinite(total)) return null;
  return BigInt(new Dec(String(total)).mul(10000).toDecimalPlaces(0, Dec.ROUND_HALF_UP).toFixed(0));
}

/** The stored fixed-scale total back as a JS number (for the API). */
export function totalFromE4(e4: bigint | null): number | null {
  return e4 === null ? null : new Dec(e4.toString()).div(10000).toNumber();
}

export function recompute(template: ResolvedTemplate, data: unknown, ctx: EvaluationInput): Recomputed {
  const inputs = inputsOnly(template, data);
  const result = score(template, inputs, { department: ctx.department, today: ctx.today, ...(ctx.month !== undefined ? { month: ctx.month } : {}) });
  return {
    inputs,
    result,
    computed: {
      values: result.values,
      scores: result.scores,
      totalE4: totalToE4(result.total),
      grade: typeof result.grade === 'string' ? result.grade : null,
      trace: result.trace,
    },
  };
}

/** What a draft save checks: the shape of what is there (types, scales, money), not completeness. */
const DRAFT_CODES: ReadonlySet<string> = new Set(['type', 'scale', 'moneyRange', 'format', 'additionalProperties']);

/** JSON pointer → dotted data path (`/indicators/2/entered` → `indicators[2].entered`). */
function pointerToPath(pointer: string): string {
  let out = '';
  for (const raw of pointer.split('/').slice(1)) {
    const t = raw.replace(/~1/g, '/').replace(/~0/g, '~');
    out += /^\d+$/.test(t) ? `[${t}]` : out === '' ? t : `.${t}`;
  }
  return out;
}

/** Validation problems of the inputs, as 422 details `{path, code, message, pointer}`. */
export function problemsOf(template: ResolvedTemplate, r: Recomputed, mode: 'draft' | 'submit'): FieldProblem[] {
  const errors = validateSubmission(template, r.inputs, mode === 'draft' ? { computed: r.result, codes: DRAFT_CODES } : { computed: r.result });
  const out: FieldProblem[] = [];
  for (const e of errors) {
    out.push({ path: e.path, code: e.code, message: e.message, pointer: e.pointer });
  }
  if (mode === 'submit') {
    for (const d of r.result.diagnostics) {
      if (d.severity !== 'error') continue;
      out.push({ path: pointerToPath(d.path), code: d.code, message: d.message, pointer: d.path });
    }
  }
  return out;
}
