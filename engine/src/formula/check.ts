/**
 * Stage 3: static checks of a parsed formula — function names, argument counts, references
 * (when the caller can tell which exist) and forbidden path segments. Problems are returned as
 * FormulaDiagnostic values with the span of the offending text; nothing throws.
 */
import { FORBIDDEN_SEGMENTS, type FormulaNode } from './ast';
import { syntaxDiagnostic, type FormulaDiagnostic } from './errors';
import { arity, type FunctionDecl, type ParamSpec } from './functions/types';
import { tryParse } from './parser';

/** The part of a FunctionRegistry the checker and the compiler need. */
export interface FunctionLookup {
  get(name: string): FunctionDecl | undefined;
}

export interface CheckOptions {
  registry: FunctionLookup;
  /** When given, every reference must satisfy it (else FORMULA_UNKNOWN_FIELD). */
  knownRef?: (path: readonly string[]) => boolean;
  /**
   * When given, tells which references are columns (`indicators.score` from outside the
   * table): a column used where one value is needed — an operand, or a number/text/logical
   * parameter — is FORMULA_COLUMN_MISUSE (it would evaluate to #VALUE!).
   */
  isColumn?: (path: readonly string[]) => boolean;
  /** Template path of the field that holds the formula, copied into each diagnostic. */
  path?: string;
}

/** The parameter an argument at `index` binds to (the repeating last one beyond the list). */
export function paramAt(decl: FunctionDecl, index: number): ParamSpec | undefined {
  const p = decl.params[index];
  if (p !== undefined) return p;
  const last = decl.params[decl.params.length - 1];
  return last?.repeat === true ? last : undefined;
}

/** Where a value goes: 'scalar' needs one value, 'any' accepts a column too. */
type Slot = 'scalar' | 'any';

function countText(n: number): string {
  return n === Infinity ? '任意多' : String(n);
}

/** All static problems of `ast`, in text order. */
export function checkFormula(ast: FormulaNode, options: CheckOptions): FormulaDiagnostic[] {
  const out: FormulaDiagnostic[] = [];
  const path = options.path ?? '';
  const visit = (node: FormulaNode, slot: Slot): void => {
    switch (node.kind) {
      case 'call': {
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
          for (const a of node.args) visit(a, 'any');
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
        node.args.forEach((a, i) => {
          const kind = paramAt(decl, i)?.kind;
          visit(a, kind === 'number' || kind === 'text' || kind === 'logical' ? 'scalar' : 'any');
        });
        return;
      }
      case 'ref': {
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
        } else if (slot === 'scalar' && options.isColumn?.(node.path) === true) {
          out.push({
            code: 'FORMULA_COLUMN_MISUSE',
            severity: 'error',
            path,
            span: node.span,
            params: { ref: dotted },
            message: `${dotted} 是表格的一列，只能用在 SUM、COUNTIF 等接受列的函数中`,
          });
        }
        return;
      }
      case 'paren':
        visit(node.inner, slot);
        return;
      case 'unary':
      case 'postfix':
        visit(node.operand, 'scalar');
        return;
      case 'binary':
        visit(node.left, 'scalar');
        visit(node.right, 'scalar');
        return;
      default:
        return;
    }
  };
  visit(ast, 'any');
  return out;
}

/** Parses and checks `text`: a syntax error becomes the single diagnostic. */
export function checkFormulaText(text: string, options: CheckOptions): FormulaDiagnostic[] {
  const parsed = tryParse(text);
  if (!parsed.ok) return [syntaxDiagnostic(parsed.error, options.path)];
  return checkFormula(parsed.ast, options);
}
