/**
 * Stage 5: AST → nested closures, built once per formula; evaluating is calling them. No
 * `eval`/`new Function`. Compile time does all the deciding: the function declaration and the
 * operator implementation are looked up once, constant sub-expressions are folded, references
 * get a reader specialised for their shape (one segment or a path, row or root), so an
 * evaluation allocates nothing but the values it produces (and, for calls, the argument list).
 *
 * References: with `row` in the context, a path whose first segment is an own key of the row
 * reads from the row, any other from `data` (or as `resolveRef` decides, when given). Paths walk
 * own properties of plain objects only; an array met with segments left maps the rest over its
 * items (`indicators.score` is the column, a RangeValue); a missing key is blank; a scalar met
 * with segments left is #REF!; `__proto__`, `constructor`, `prototype` are never read (#REF!).
 */
import { add, div, mul, sub, type Num } from '../number';
import { FORBIDDEN_SEGMENTS, type BinaryOp, type FormulaNode } from './ast';
import type { FunctionLookup } from './check';
import { arity, type CallContext, type FunctionDecl, type Thunk } from './functions/types';
import { specialiseCall } from './intrinsics';
import { defaultRegistry } from './functions/registry';
import { BINARY, negate, percent, unaryPlus } from './operators';
import { parse } from './parser';
import { print } from './print';
import { baseOf, hasOwn, readPath, readValue, type RefSource } from './read-data';
import { collectRefs, type RefOccurrence } from './refs';
import { ERRORS, ErrorValue, type Value } from './values';

/** What an evaluation reads. */
export interface EvalContext {
  /** The submission (root) data. */
  data: Record<string, unknown>;
  /** The current array row, for formulas inside a table: its keys shadow the root's. */
  row?: Record<string, unknown>;
  /** Evaluation date, grade bands … for the functions. */
  call?: CallContext;
}

export interface CompileOptions {
  /** Functions by name (default: the engine's defaultRegistry). */
  registry?: FunctionLookup;
  /**
   * A static decision where each reference reads from (made by the template layer, which knows
   * the schema). Without it the rule is dynamic: the row when it has the first segment as an
   * own key, else the root.
   */
  resolveRef?: (path: readonly string[]) => 'row' | 'root';
}

export interface CompiledFormula {
  /** The formula text (as given, or printed from the AST given). */
  readonly text: string;
  readonly ast: FormulaNode;
  /** Every reference, with its span. */
  readonly refs: readonly RefOccurrence[];
  /** Runs the formula. Never throws for data problems: faults are error values. */
  evaluate(ctx: EvalContext): Value;
}

type Evaluator = (ctx: EvalContext) => Value;

interface Piece {
  fn: Evaluator;
  /** Set when the piece is a constant (literals and operators over them, folded). */
  constant: boolean;
  value: Value;
}

const EMPTY_CALL: CallContext = Object.freeze({});

function constant(value: Value): Piece {
  return { fn: () => value, constant: true, value };
}

function dynamic(fn: Evaluator): Piece {
  return { fn, constant: false, value: null };
}

/** Where references read from, as the options decide (see CompileOptions.resolveRef). */
export function refSource(path: readonly string[], options: CompileOptions): RefSource {
  return options.resolveRef ? options.resolveRef(path) : 'dynamic';
}

function compileRef(path: readonly string[], options: CompileOptions): Piece {
  const bad = path.find((s) => FORBIDDEN_SEGMENTS.has(s));
  if (bad !== undefined) return constant(new ErrorValue('#REF!', `不允许引用 ${bad}`));
  const key = path[0] as string;
  const where = refSource(path, options);
  if (path.length === 1) {
    if (where === 'root') {
      return dynamic((ctx) => {
        const d = ctx.data;
        return hasOwn.call(d, key) ? readValue(d[key]) : null;
      });
    }
    if (where === 'row') {
      return dynamic((ctx) => {
        const r = ctx.row;
        return r !== undefined && hasOwn.call(r, key) ? readValue(r[key]) : null;
      });
    }
    return dynamic((ctx) => {
      const r = ctx.row;
      if (r !== undefined && hasOwn.call(r, key)) return readValue(r[key]);
      const d = ctx.data;
      return hasOwn.call(d, key) ? readValue(d[key]) : null;
    });
  }
  return dynamic((ctx) => {
    const base = baseOf(where, key, ctx);
    return base === undefined ? null : readPath(base, path, 0);
  });
}

function compileCall(name: string, argNodes: readonly FormulaNode[], options: CompileOptions): Piece {
  const registry = options.registry ?? defaultRegistry;
  const decl = registry.get(name);
  if (!decl) return constant(new ErrorValue('#NAME?', `未知函数 ${name}`));
  const { min, max } = arity(decl);
  if (argNodes.length < min || argNodes.length > max) {
    return constant(new ErrorValue('#VALUE!', `函数 ${name} 的参数个数不对`));
  }
  const args = argNodes.map((a) => compileNode(a, options));
  const generic = genericCall(decl, args);
  const special = specialiseCall(decl, { argNodes, args, generic: generic.fn, sourceOf: (path) => refSource(path, options) });
  return special === undefined ? generic : dynamic(special);
}

/** A call through the declared implementation: thunks for lazy functions, an argument array otherwise. */
function genericCall(decl: FunctionDecl, args: readonly Piece[]): Piece {
  const fns = args.map((a) => a.fn);
  if (decl.lazy === true) {
    const impl = decl.impl;
    // The thunks are made once per call site and read the context from a register set just
    // before the call: no closure allocation per evaluation. Formulas cannot recurse, so a call
    // site is never re-entered while its thunks run; the previous context is restored anyway.
    let current: EvalContext | undefined;
    const thunks: Thunk[] = args.map((a) => {
      if (a.constant) {
        const v = a.value;
        return () => v;
      }
      const f = a.fn;
      return () => f(current as EvalContext);
    });
    return dynamic((ctx) => {
      const saved = current;
      current = ctx;
      const result = impl(thunks, ctx.call ?? EMPTY_CALL);
      current = saved;
      return result;
    });
  }
  const impl = decl.impl;
  // One argument array per call site, refilled on each evaluation (impls must not keep it; see
  // EagerFunctionDecl). Formulas cannot recurse, so a call site is never re-entered mid-call.
  const n = fns.length;
  const argv: Value[] = new Array<Value>(n).fill(null);
  switch (n) {
    case 0:
      return dynamic((ctx) => impl(argv, ctx.call ?? EMPTY_CALL));
    case 1: {
      const a = fns[0] as Evaluator;
      return dynamic((ctx) => {
        argv[0] = a(ctx);
        return impl(argv, ctx.call ?? EMPTY_CALL);
      });
    }
    case 2: {
      const a = fns[0] as Evaluator;
      const b = fns[1] as Evaluator;
      return dynamic((ctx) => {
        argv[0] = a(ctx);
        argv[1] = b(ctx);
        return impl(argv, ctx.call ?? EMPTY_CALL);
      });
    }
    case 3: {
      const a = fns[0] as Evaluator;
      const b = fns[1] as Evaluator;
      const c = fns[2] as Evaluator;
      return dynamic((ctx) => {
        argv[0] = a(ctx);
        argv[1] = b(ctx);
        argv[2] = c(ctx);
        return impl(argv, ctx.call ?? EMPTY_CALL);
      });
    }
    default:
      return dynamic((ctx) => {
        for (let i = 0; i < n; i++) argv[i] = (fns[i] as Evaluator)(ctx);
        return impl(argv, ctx.call ?? EMPTY_CALL);
      });
  }
}

function compileUnary(f: (a: Value) => Value, operand: Piece): Piece {
  if (operand.constant) return constant(f(operand.value));
  const g = operand.fn;
  if (f === negate) {
    return dynamic((ctx) => {
      const x = g(ctx);
      return typeof x === 'number' ? 0 - x : negate(x);
    });
  }
  return dynamic((ctx) => f(g(ctx)));
}

/**
 * The operators on two JS numbers, exactly as BINARY computes them, without its coercion
 * steps (the overwhelmingly common case). A JS number stands for its shortest decimal, so
 * comparing doubles compares the decimals exactly.
 */
const NUMERIC: Partial<Record<BinaryOp, (x: number, y: number) => Value>> = {
  '+': add,
  '-': sub,
  '*': mul,
  '/': (x, y) => (y === 0 ? ERRORS['#DIV/0!'] : (div(x, y) as Num)),
  '=': (x, y) => x === y,
  '<>': (x, y) => x !== y,
  '<': (x, y) => x < y,
  '<=': (x, y) => x <= y,
  '>': (x, y) => x > y,
  '>=': (x, y) => x >= y,
};

type Binary = (a: Value, b: Value) => Value;

/**
 * Comparisons of two computed operands, each with the operator written out: one closure
 * source per operator gives each its own inline caches and saves the call through NUMERIC,
 * which a comparison in every indicator row's IF pays on every evaluation.
 */
const COMPARE: Partial<Record<BinaryOp, (lf: Evaluator, rf: Evaluator, f: Binary) => Evaluator>> = {
  '=': (lf, rf, f) => (ctx) => { const x = lf(ctx); const y = rf(ctx); return typeof x === 'number' && typeof y === 'number' ? x === y : f(x, y); },
  '<>': (lf, rf, f) => (ctx) => { const x = lf(ctx); const y = rf(ctx); return typeof x === 'number' && typeof y === 'number' ? x !== y : f(x, y); },
  '<': (lf, rf, f) => (ctx) => { const x = lf(ctx); const y = rf(ctx); return typeof x === 'number' && typeof y === 'number' ? x < y : f(x, y); },
  '<=': (lf, rf, f) => (ctx) => { const x = lf(ctx); const y = rf(ctx); return typeof x === 'number' && typeof y === 'number' ? x <= y : f(x, y); },
  '>': (lf, rf, f) => (ctx) => { const x = lf(ctx); const y = rf(ctx); return typeof x === 'number' && typeof y === 'number' ? x > y : f(x, y); },
  '>=': (lf, rf, f) => (ctx) => { const x = lf(ctx); const y = rf(ctx); return typeof x === 'number' && typeof y === 'number' ? x >= y : f(x, y); },
};

function compileBinary(op: BinaryOp, l: Piece, r: Piece): Piece {
  const f = BINARY[op];
  if (l.constant && r.constant) return constant(f(l.value, r.value));
  const lf = l.fn;
  const rf = r.fn;
  const nf = NUMERIC[op];
  if (r.constant) {
    const rv = r.value;
    if (nf !== undefined && typeof rv === 'number') {
      return dynamic((ctx) => {
        const x = lf(ctx);
        return typeof x === 'number' ? nf(x, rv) : f(x, rv);
      });
    }
    return dynamic((ctx) => f(lf(ctx), rv));
  }
  if (l.constant) {
    const lv = l.value;
    if (nf !== undefined && typeof lv === 'number') {
      return dynamic((ctx) => {
        const y = rf(ctx);
        return typeof y === 'number' ? nf(lv, y) : f(lv, y);
      });
    }
    return dynamic((ctx) => f(lv, rf(ctx)));
  }
  const compare = COMPARE[op];
  if (compare !== undefined) return dynamic(compare(lf, rf, f));
  if (nf !== undefined) {
    return dynamic((ctx) => {
      const x = lf(ctx);
      const y = rf(ctx);
      return typeof x === 'number' && typeof y === 'number' ? nf(x, y) : f(x, y);
    });
  }
  return dynamic((ctx) => f(lf(ctx), rf(ctx)));
}

function compileNode(node: FormulaNode, options: CompileOptions): Piece {
  switch (node.kind) {
    case 'number':
    case 'string':
    case 'boolean':
      return constant(node.value);
    case 'ref':
      return compileRef(node.path, options);
    case 'paren':
      return compileNode(node.inner, options);
    case 'unary':
      return compileUnary(node.op === '-' ? negate : unaryPlus, compileNode(node.operand, options));
    case 'postfix':
      return compileUnary(percent, compileNode(node.operand, options));
    case 'binary':
      return compileBinary(node.op, compileNode(node.left, options), compileNode(node.right, options));
    case 'call':
      return compileCall(node.name, node.args, options);
  }
}

/**
 * Compiles a formula once (text is parsed; throws FormulaSyntaxError when it does not parse;
 * a tree is printed first, see below).
 * Unknown functions evaluate to #NAME?, a wrong argument count to #VALUE! (checkFormula reports
 * both before that).
 */
export function compileFormula(source: string | FormulaNode, options: CompileOptions = {}): CompiledFormula {
  // a tree given directly (possibly built by hand) is printed and re-parsed, so that `text`,
  // the spans in `ast` and `refs` always describe the same text
  const text = typeof source === 'string' ? source : print(source);
  const ast = parse(text);
  const root = compileNode(ast, options);
  return { text, ast, refs: collectRefs(ast), evaluate: root.fn };
}

/** Most formulas kept compiled by evaluateFormula. */
export const FORMULA_CACHE_LIMIT = 500;
const cache = new Map<string, CompiledFormula>();

/**
 * The cache behind evaluateFormula: formula text → compiled formula (default registry, dynamic
 * row/root rule), least recently used dropped beyond FORMULA_CACHE_LIMIT entries. Syntax errors
 * are not cached. Clearing it only costs recompilation.
 */
export const formulaCache = {
  get size(): number {
    return cache.size;
  },
  get limit(): number {
    return FORMULA_CACHE_LIMIT;
  },
  clear(): void {
    cache.clear();
  },
  has(text: string): boolean {
    return cache.has(text);
  },
};

/** Compiled from the cache (LRU by text), compiling on a miss. */
export function cachedFormula(text: string): CompiledFormula {
  let compiled = cache.get(text);
  if (compiled !== undefined) {
    // refresh: a Map iterates in insertion order, so the first key is the least recent
    cache.delete(text);
    cache.set(text, compiled);
    return compiled;
  }
  compiled = compileFormula(text);
  cache.set(text, compiled);
  if (cache.size > FORMULA_CACHE_LIMIT) {
    const oldest = cache.keys().next();
    if (oldest.done !== true) cache.delete(oldest.value);
  }
  return compiled;
}

/**
 * One-off evaluation with the default registry: `evaluateFormula('x*2', {x: 21})` is 42.
 * Throws FormulaSyntaxError when the text does not parse.
 */
export function evaluateFormula(text: string, data: Record<string, unknown> = {}, call?: CallContext): Value {
  const ctx: EvalContext = call === undefined ? { data } : { data, call };
  return cachedFormula(text).evaluate(ctx);
}
