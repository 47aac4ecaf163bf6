/**
 * Compile-time specialisations of the built-ins that dominate real templates (IF, ROUND and the
 * conditional sums over an indicator table). Each one computes exactly what the declared
 * implementation computes, skipping the generic calling convention: IF without thunks, ROUND
 * with its digits decided at compile time, SUMIF/COUNTIF over columns of one table in a single
 * pass over the rows without materialising the columns. Anything outside the fast case (an
 * unusual row, a nested column) runs the generic call, so results never depend on the path.
 *
 * A specialisation applies only to the engine's own declaration object (by identity), so a
 * registry that redefines SUMIF gets its own implementation, never this one.
 */
import { ExactSum, Ratio, isNum, round, type RoundMode } from '../number';
import type { FormulaNode } from './ast';
import { toInteger, toNumber } from './coerce';
import type { EvalContext } from './compile';
import { condition } from './functions/logical';
import { BUILTIN_FUNCTIONS } from './functions/registry';
import { parseCriterion, type Criterion } from './functions/statistical';
import type { FunctionDecl } from './functions/types';
import { baseOf, hasOwn, inheritsNothing, isPlainObject, readValue, type RefSource } from './read-data';
import { ErrorValue, RangeValue, isError, type Scalar, type Value } from './values';

type Evaluator = (ctx: EvalContext) => Value;

/** A compiled argument: its evaluator, and its value when it is a compile-time constant. */
export interface CompiledArg {
  fn: Evaluator;
  constant: boolean;
  value: Value;
}

/** One call site as the compiler sees it. */
export interface CallSite {
  argNodes: readonly FormulaNode[];
  args: readonly CompiledArg[];
  /** The declared implementation behind the generic calling convention. */
  generic: Evaluator;
  /** Where a reference path reads from (the compiler's decision). */
  sourceOf: (path: readonly string[]) => RefSource;
}

type Specialise = (site: CallSite) => Evaluator | undefined;

const ifWithoutThunks: Specialise = ({ args }) => {
  const [test, then, otherwise] = args.map((a) => a.fn);
  if (test === undefined || then === undefined) return undefined;
  return (ctx) => {
    const v = test(ctx);
    const c = v === true || v === false ? v : condition(v);
    if (isError(c)) return c;
    if (c) return then(ctx);
    return otherwise !== undefined ? otherwise(ctx) : false;
  };
};

/** ROUND(x, n) with n a constant: the digits are converted once, x rounded directly. */
function roundWithConstantDigits(mode: RoundMode): Specialise {
  return ({ args }) => {
    const [x, digits] = args;
    if (x === undefined || digits === undefined || !digits.constant) return undefined;
    const d = toInteger(digits.value);
    if (isError(d)) return undefined; // the generic call reports it (after x's own error)
    const n = Math.max(-400, Math.min(400, d));
    const xf = x.fn;
    return (ctx) => {
      const v = xf(ctx);
      const num = typeof v === 'number' || v instanceof Ratio ? v : toNumber(v);
      return isError(num) ? num : round(num, n, mode);
    };
  };
}

/** Two or more column references of the same table: `t.a`, `t.b` → table path `t`, keys a, b. */
function sameTableColumns(nodes: readonly FormulaNode[], sourceOf: CallSite['sourceOf']): { table: string[]; keys: string[]; source: RefSource } | undefined {
  let table: string[] | undefined;
  let source: RefSource | undefined;
  const keys: string[] = [];
  for (const node of nodes) {
    if (node.kind !== 'ref' || node.path.length < 2) return undefined;
    const prefix = node.path.slice(0, -1);
    const s = sourceOf(node.path);
    if (table === undefined) {
      table = prefix;
      source = s;
    } else if (s !== source || prefix.length !== table.length || prefix.some((seg, i) => seg !== table?.[i])) {
      return undefined;
    }
    keys.push(node.path[node.path.length - 1] as string);
  }
  return table !== undefined && source !== undefined ? { table, keys, source } : undefined;
}

/** The rows at `table` below the reference's base, or undefined when the path is not a plain walk to an array. */
function rowsAt(ctx: EvalContext, table: readonly string[], source: RefSource): readonly unknown[] | undefined {
  let cur: unknown = baseOf(source, table[0] as string, ctx);
  for (const key of table) {
    if (cur === null || typeof cur !== 'object' || Array.isArray(cur) || !isPlainObject(cur) || !hasOwn.call(cur, key)) return undefined;
    cur = (cur as Record<string, unknown>)[key];
  }
  return Array.isArray(cur) ? cur : undefined;
}

/** A row the fast path can read: a plain object (anything else takes the generic column read). */
function plainRow(row: unknown): Record<string, unknown> | undefined {
  return row !== null && typeof row === 'object' && !Array.isArray(row) && isPlainObject(row) ? (row as Record<string, unknown>) : undefined;
}

/**
 * A cell as a scalar; undefined when it holds a nested list (the generic read flattens those).
 * `direct`: no prototype defines the key (see inheritsNothing), so a defined value is own.
 */
function cellOf(row: Record<string, unknown>, key: string, direct: boolean): Scalar | undefined {
  const v = direct || hasOwn.call(row, key) ? readValue(row[key]) : null;
  return v instanceof RangeValue ? undefined : v;
}

/**
 * SUMIF(t.a, criterion, t.b) / SUMIF(t.a, criterion) with a constant criterion: one pass over
 * the rows. Like the generic call, every row is read before an error in a matching row is
 * returned, so a nested column anywhere still takes the generic (flattening) path.
 */
const sumIfOverRows: Specialise = ({ argNodes, args, generic, sourceOf }) => {
  const criterion = args[1];
  if (criterion === undefined || !criterion.constant) return undefined;
  const test = parseCriterion(criterion.value);
  if (isError(test)) return undefined;
  const columns = sameTableColumns(args.length > 2 ? [argNodes[0] as FormulaNode, argNodes[2] as FormulaNode] : [argNodes[0] as FormulaNode], sourceOf);
  if (columns === undefined) return undefined;
  const { table, source } = columns;
  const testKey = columns.keys[0] as string;
  const sumKey = columns.keys[1] ?? testKey;
  return (ctx) => {
    const rows = rowsAt(ctx, table, source);
    if (rows === undefined) return generic(ctx);
    const direct = inheritsNothing(testKey) && inheritsNothing(sumKey);
    const sum = new ExactSum();
    let error: ErrorValue | undefined;
    for (let i = 0; i < rows.length; i++) {
      const row = plainRow(rows[i]);
      if (row === undefined) return generic(ctx);
      const c = cellOf(row, testKey, direct);
      const v = sumKey === testKey ? c : cellOf(row, sumKey, direct);
      if (c === undefined || v === undefined) return generic(ctx);
      if (error !== undefined || !test(c)) continue;
      if (isError(v)) error = v;
      else if (isNum(v)) sum.add(v);
    }
    return error ?? sum.value();
  };
};

const countIfOverRows: Specialise = ({ argNodes, args, generic, sourceOf }) => {
  const criterion = args[1];
  if (criterion === undefined || !criterion.constant) return undefined;
  const test: Criterion | ErrorValue = parseCriterion(criterion.value);
  if (isError(test)) return undefined;
  const columns = sameTableColumns([argNodes[0] as FormulaNode], sourceOf);
  if (columns === undefined) return undefined;
  const { table, source } = columns;
  const key = columns.keys[0] as string;
  return (ctx) => {
    const rows = rowsAt(ctx, table, source);
    if (rows === undefined) return generic(ctx);
    const direct = inheritsNothing(key);
    let count = 0;
    for (let i = 0; i < rows.length; i++) {
      const row = plainRow(rows[i]);
      const c = row === undefined ? undefined : cellOf(row, key, direct);
      if (c === undefined) return generic(ctx);
      if (test(c)) count++;
    }
    return count;
  };
};

const BY_NAME: Readonly<Record<string, Specialise>> = {
  IF: ifWithoutThunks,
  ROUND: roundWithConstantDigits('half-up'),
  ROUNDUP: roundWithConstantDigits('up'),
  ROUNDDOWN: roundWithConstantDigits('down'),
  SUMIF: sumIfOverRows,
  COUNTIF: countIfOverRows,
};

const BY_DECL = new Map<FunctionDecl, Specialise>();
for (const decl of BUILTIN_FUNCTIONS) {
  const s = BY_NAME[decl.name];
  if (s !== undefined) BY_DECL.set(decl, s);
}

/** The specialised evaluator for a call of `decl`, or undefined when the generic call is all there is. */
export function specialiseCall(decl: FunctionDecl, site: CallSite): Evaluator | undefined {
  const s = BY_DECL.get(decl);
  return s === undefined ? undefined : s(site);
}
