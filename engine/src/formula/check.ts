/**
 * Stage 3: static checks of a parsed formula — function names, argument counts, references
 * (when the caller can tell which exist) and forbidden path segments. Problems are returned as
 * FormulaDiagnostic values with the span of the offending text; nothing throws.
 */
import { FORBIDDEN_SEGMENTS, walk, type FormulaNode } from './ast';
import { syntaxDiagnostic, type FormulaDiagnostic } from './errors';
import { arity, type FunctionDecl } from './functions/types';
import { tryParse } from './parser';

/** The part of a FunctionRegistry the checker and the compiler need. */
export interface FunctionLookup {
  get(name: string): FunctionDecl | undefined;
}

export interface CheckOptions {
  registry: FunctionLookup;
  /** When given, every reference must satisfy it (else FORMULA_UNKNOWN_FIELD). */
  knownRef?: (path: readonly string[]) => boolean;
  /** Template path of the field that holds the formula, copied into each diagnostic. */
  path?: string;
}

function countText(n: number): string {
  return n === Infinity ? '任意多' : String(n);
}

/** All static problems of `ast`, in text order. */
export function checkFormula(ast: FormulaNode, options: CheckOptions): FormulaDiagnostic[] {
  const out: FormulaDiagnostic[] = [];
  const path = options.path ?? '';
  walk(ast, (node) => {
    if (node.kind === 'call') {
      const decl = options.registry.get(node.name);
      if (!decl) {
        out.push({
          code: 'FORMULA_UNKNOWN_FUNCTION',
          severity: 'error',
          path,
          span: node.nameSpan,
          params: { name: node.name },
          message: `未知函数 ${node.name}`,
        });
        return;
      }
      const { min, max } = arity(decl);
      const given = node.args.length;
      if (given < min || given > max) {
        const expected = min === max ? `${min} 个` : max === Infinity ? `至少 ${min} 个` : `${min} 到 ${countText(max)} 个`;
        out.push({
          code: 'FORMULA_ARITY',
          severity: 'error',
          path,
          span: node.span,
          params: { name: node.name, min, max: max === Infinity ? -1 : max, given },
          message: `函数 ${node.name} 需要 ${expected}参数，实际给了 ${given} 个`,
        });
      }
    } else if (node.kind === 'ref') {
      const bad = node.path.find((s) => FORBIDDEN_SEGMENTS.has(s));
      const dotted = node.path.join('.');
      if (bad !== undefined) {
        out.push({
          code: 'FORMULA_FORBIDDEN_SEGMENT',
          severity: 'error',
          path,
          span: node.span,
          params: { segment: bad, ref: dotted },
          message: `引用 ${dotted} 中不允许使用名称 ${bad}`,
        });
      } else if (options.knownRef && !options.knownRef(node.path)) {
        out.push({
          code: 'FORMULA_UNKNOWN_FIELD',
          severity: 'error',
          path,
          span: node.span,
          params: { ref: dotted },
          message: `未知字段 ${dotted}`,
        });
      }
    }
  });
  return out;
}

/** Parses and checks `text`: a syntax error becomes the single diagnostic. */
export function checkFormulaText(text: string, options: CheckOptions): FormulaDiagnostic[] {
  const parsed = tryParse(text);
  if (!parsed.ok) return [syntaxDiagnostic(parsed.error, options.path)];
  return checkFormula(parsed.ast, options);
}
