/**
 * Stage 2: tokens → AST. A Pratt parser with Excel's operator precedence (see
 * BINARY_PRECEDENCE in ./ast): unary minus binds tighter than `^` (`-2^2` is 4), `^` is
 * left-associative (`2^3^2` is 64), postfix `%` sits between them. An optional leading `=` is
 * ignored. Errors throw FormulaSyntaxError with the line and column.
 */
import { parseDecimalLiteral } from '../number';
import {
  BINARY_PRECEDENCE,
  POSTFIX_PRECEDENCE,
  type BinaryOp,
  type FormulaNode,
  type Span,
} from './ast';
import { FormulaSyntaxError } from './errors';
import { tokenize, tokenText, type Token } from './lexer';

/**
 * Deepest syntax tree accepted (nesting plus operator chains; Excel allows 64 nested functions).
 * Keeps compile and evaluation recursion far from the stack limit.
 */
export const MAX_DEPTH = 1000;

class Parser {
  private pos = 0;
  private nesting = 0;
  /** Offsets of the currently open parentheses. */
  private readonly open: number[] = [];

  constructor(
    private readonly text: string,
    private readonly tokens: Token[],
  ) {}

  private peek(): Token {
    return this.tokens[this.pos] as Token;
  }

  private advance(): Token {
    const t = this.tokens[this.pos] as Token;
    if (t.type !== 'end') this.pos++;
    return t;
  }

  private unexpected(t: Token): FormulaSyntaxError {
    if (t.type === 'end') {
      const last = this.open[this.open.length - 1];
      if (last !== undefined) {
        return new FormulaSyntaxError('FORMULA_UNBALANCED_PAREN', this.text, last, 1, '括号 "(" 没有闭合', 'unclosed "("');
      }
      return new FormulaSyntaxError('FORMULA_UNEXPECTED_END', this.text, t.start, 0, '公式不完整', 'unexpected end of formula');
    }
    if (t.type === ')' && this.open.length === 0) {
      return new FormulaSyntaxError('FORMULA_UNBALANCED_PAREN', this.text, t.start, t.end - t.start, '多余的 ")"', 'unbalanced ")"');
    }
    const s = tokenText(this.text, t);
    return new FormulaSyntaxError('FORMULA_UNEXPECTED_TOKEN', this.text, t.start, t.end - t.start, `意外的 "${s}"`, `unexpected "${s}"`);
  }

  parseFormula(): FormulaNode {
    const first = this.peek();
    if (first.type === 'op' && first.op === '=') this.advance();
    if (this.peek().type === 'end') {
      throw new FormulaSyntaxError('FORMULA_EMPTY', this.text, this.peek().start, 0, '公式为空', 'empty formula');
    }
    const node = this.parseExpr(0);
    const t = this.peek();
    if (t.type !== 'end') throw this.unexpected(t);
    return node;
  }

  private enter(at: Token): void {
    if (++this.nesting > MAX_DEPTH) {
      throw new FormulaSyntaxError('FORMULA_SYNTAX', this.text, at.start, at.end - at.start, '公式嵌套太深', 'formula nested too deeply');
    }
  }

  private parseExpr(minPrec: number): FormulaNode {
    let left = this.parsePrefix();
    const outer = this.nesting;
    for (;;) {
      const t = this.peek();
      if (t.type !== 'op') break;
      if (t.op === '%') {
        if (POSTFIX_PRECEDENCE <= minPrec) break;
        this.advance();
        this.enter(t);
        left = { kind: 'postfix', op: '%', operand: left, span: { start: left.span.start, end: t.end } };
        continue;
      }
      const op: BinaryOp = t.op;
      const prec = BINARY_PRECEDENCE[op];
      if (prec <= minPrec) break;
      this.advance();
      this.enter(t);
      const right = this.parseExpr(prec);
      left = { kind: 'binary', op, left, right, span: { start: left.span.start, end: right.span.end } };
    }
    // each operator of a left-leaning chain adds a level to the tree
    this.nesting = outer;
    return left;
  }

  private parsePrefix(): FormulaNode {
    const t = this.advance();
    const span: Span = { start: t.start, end: t.end };
    switch (t.type) {
      case 'number':
        return { kind: 'number', raw: t.raw, value: parseDecimalLiteral(t.raw), span };
      case 'string':
        return { kind: 'string', value: t.value, span };
      case 'op':
        if (t.op === '-' || t.op === '+') {
          this.enter(t);
          const operand = this.parsePrefix();
          this.nesting--;
          return { kind: 'unary', op: t.op, operand, span: { start: t.start, end: operand.span.end } };
        }
        throw this.unexpected(t);
      case '(': {
        this.enter(t);
        this.open.push(t.start);
        const inner = this.parseExpr(0);
        const close = this.peek();
        if (close.type !== ')') throw this.unexpected(close);
        this.advance();
        this.open.pop();
        this.nesting--;
        return { kind: 'paren', inner, span: { start: t.start, end: close.end } };
      }
      case 'name': {
        const paren = this.peek();
        if (paren.type === '(' && !t.bracketed) return this.parseCall(t.segments.join('.').toUpperCase(), span, paren);
        if (!t.bracketed && t.segments.length === 1) {
          const upper = (t.segments[0] as string).toUpperCase();
          if (upper === 'TRUE' || upper === 'FALSE') return { kind: 'boolean', value: upper === 'TRUE', span };
        }
        return { kind: 'ref', path: t.segments, span };
      }
      default:
        throw this.unexpected(t);
    }
  }

  private parseCall(name: string, nameSpan: Span, paren: Token): FormulaNode {
    this.advance(); // (
    this.enter(paren);
    this.open.push(paren.start);
    const args: FormulaNode[] = [];
    let t = this.peek();
    if (t.type === ')') {
      this.advance();
    } else {
      for (;;) {
        args.push(this.parseExpr(0));
        t = this.advance();
        if (t.type === ',') continue;
        if (t.type === ')') break;
        throw this.unexpected(t);
      }
    }
    this.open.pop();
    this.nesting--;
    return { kind: 'call', name, args, nameSpan, span: { start: nameSpan.start, end: t.end } };
  }
}

/**
 * Parses one formula (an optional leading `=` is ignored). Throws FormulaSyntaxError.
 * The AST's spans are offsets into `text`.
 */
export function parse(text: string): FormulaNode {
  return new Parser(text, tokenize(text)).parseFormula();
}

export type ParseResult = { ok: true; ast: FormulaNode } | { ok: false; error: FormulaSyntaxError };

/** parse() without the exception: for callers that collect problems. */
export function tryParse(text: string): ParseResult {
  try {
    return { ok: true, ast: parse(text) };
  } catch (err) {
    if (err instanceof FormulaSyntaxError) return { ok: false, error: err };
    throw err;
  }
}
