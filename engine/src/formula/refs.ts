/**
 * Reference extraction (what a formula reads, for the dependency graph and checks) and
 * reference renaming (for the designer, when a field key changes).
 */
import { walk, type FormulaNode, type Span } from './ast';
import { parse } from './parser';
import { printPath } from './print';

export interface RefOccurrence {
  path: readonly string[];
  span: Span;
}

/** Every reference in the tree, in text order (duplicates kept: each occurrence has its span). */
export function collectRefs(ast: FormulaNode): RefOccurrence[] {
  const out: RefOccurrence[] = [];
  walk(ast, (n) => {
    if (n.kind === 'ref') out.push({ path: n.path, span: n.span });
  });
  return out;
}

/** The distinct referenced paths, as dotted keys (`budget.adjusted`), in first-use order. */
export function refKeys(ast: FormulaNode): string[] {
  const seen = new Set<string>();
  for (const r of collectRefs(ast)) seen.add(r.path.join('.'));
  return [...seen];
}

/** The names of the functions a formula calls (upper-case, distinct, first-use order). */
export function collectCalls(ast: FormulaNode): string[] {
  const seen = new Set<string>();
  walk(ast, (n) => {
    if (n.kind === 'call') seen.add(n.name);
  });
  return [...seen];
}

function toPath(p: readonly string[] | string): readonly string[] {
  return typeof p === 'string' ? p.split('.') : p;
}

/** Whether `prefix` is `path` or a leading part of it, segment by segment. */
export function startsWithPath(path: readonly string[], prefix: readonly string[]): boolean {
  if (prefix.length > path.length) return false;
  for (let i = 0; i < prefix.length; i++) if (path[i] !== prefix[i]) return false;
  return true;
}

/**
 * `text` with every reference to `fromPath` (or below it) pointing at `toPath` instead:
 * renaming `budget` turns `budget.adjusted` into `budget2.adjusted`. Segments match whole:
 * renaming `a.b` leaves `a.bc` and `x.a.b` alone. Only the references are rewritten; the rest
 * of the author's text (spacing, case, parentheses) is kept. A string path is split on dots.
 * Throws FormulaSyntaxError when `text` does not parse.
 */
export function renameRef(text: string, fromPath: readonly string[] | string, toPath_: readonly string[] | string): string {
  const from = toPath(fromPath);
  const to = toPath(toPath_);
  if (from.length === 0 || to.length === 0) throw new RangeError('renameRef: empty path');
  const hits = collectRefs(parse(text)).filter((r) => startsWithPath(r.path, from));
  let out = text;
  // right to left so that earlier spans stay valid
  for (let i = hits.length - 1; i >= 0; i--) {
    const r = hits[i] as RefOccurrence;
    const renamed = printPath([...to, ...r.path.slice(from.length)]);
    out = out.slice(0, r.span.start) + renamed + out.slice(r.span.end);
  }
  return out;
}
