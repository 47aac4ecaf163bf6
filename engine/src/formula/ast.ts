/**
 * The formula syntax tree: a discriminated union on `kind`. Every node carries its `span`
 * (UTF-16 offsets into the formula text, end exclusive). Parentheses are kept as `paren` nodes
 * so the printer gives back the author's grouping.
 */
import type { Num } from '../number';

/** The binary operators (the same union as `BinaryOp` in ./operators, which implements them). */
export type BinaryOp = '+' | '-' | '*' | '/' | '^' | '&' | '=' | '<>' | '<' | '<=' | '>' | '>=';

export interface Span {
  start: number;
  end: number;
}

export interface NumberNode {
  kind: 'number';
  /** The literal as written (`.5`, `1E3`), for printing. */
  raw: string;
  /** Its exact value. */
  value: Num;
  span: Span;
}

export interface StringNode {
  kind: 'string';
  /** The text, with `""` already turned into `"`. */
  value: string;
  span: Span;
}

export interface BooleanNode {
  kind: 'boolean';
  value: boolean;
  span: Span;
}

/** A field reference: `adjusted`, `budget.adjusted`, `indicators.score`, `[执行率(%)]`. */
export interface RefNode {
  kind: 'ref';
  /** The path segments, brackets removed. */
  path: readonly string[];
  span: Span;
}

export interface CallNode {
  kind: 'call';
  /** Upper-case function name (`ROUND`, `LOG10`, `STDEV.S`). */
  name: string;
  args: readonly FormulaNode[];
  /** Where the name is written. */
  nameSpan: Span;
  span: Span;
}

export type UnaryOp = '-' | '+';

export interface UnaryNode {
  kind: 'unary';
  op: UnaryOp;
  operand: FormulaNode;
  span: Span;
}

export interface BinaryNode {
  kind: 'binary';
  op: BinaryOp;
  left: FormulaNode;
  right: FormulaNode;
  span: Span;
}

export interface PostfixNode {
  kind: 'postfix';
  op: '%';
  operand: FormulaNode;
  span: Span;
}

export interface ParenNode {
  kind: 'paren';
  inner: FormulaNode;
  span: Span;
}

export type FormulaNode =
  | NumberNode
  | StringNode
  | BooleanNode
  | RefNode
  | CallNode
  | UnaryNode
  | BinaryNode
  | PostfixNode
  | ParenNode;

export type FormulaNodeKind = FormulaNode['kind'];

/**
 * Binding strength of each operator, Excel order (higher binds tighter):
 * comparisons 1 · `&` 2 · `+ -` 3 · `* /` 4 · `^` 5 · postfix `%` 6 · unary `- +` 7.
 * All binary operators are left-associative (Excel: `2^3^2` is 64).
 */
export const BINARY_PRECEDENCE: Readonly<Record<BinaryOp, number>> = Object.freeze({
  '=': 1,
  '<>': 1,
  '<': 1,
  '<=': 1,
  '>': 1,
  '>=': 1,
  '&': 2,
  '+': 3,
  '-': 3,
  '*': 4,
  '/': 4,
  '^': 5,
});
export const POSTFIX_PRECEDENCE = 6;
export const UNARY_PRECEDENCE = 7;
/** Literals, references, calls and parenthesised groups. */
export const ATOM_PRECEDENCE = 8;

/** How tightly a node binds, as seen from a parent operator. */
export function precedenceOf(node: FormulaNode): number {
  switch (node.kind) {
    case 'binary':
      return BINARY_PRECEDENCE[node.op];
    case 'postfix':
      return POSTFIX_PRECEDENCE;
    case 'unary':
      return UNARY_PRECEDENCE;
    default:
      return ATOM_PRECEDENCE;
  }
}

/** Calls `visit` on every node, parents before children, left to right. */
export function walk(node: FormulaNode, visit: (node: FormulaNode) => void): void {
  visit(node);
  switch (node.kind) {
    case 'call':
      for (const a of node.args) walk(a, visit);
      break;
    case 'unary':
    case 'postfix':
      walk(node.operand, visit);
      break;
    case 'binary':
      walk(node.left, visit);
      walk(node.right, visit);
      break;
    case 'paren':
      walk(node.inner, visit);
      break;
    default:
      break;
  }
}

/** Path segments a reference may never use (prototype pollution / prototype reads). */
export const FORBIDDEN_SEGMENTS: ReadonlySet<string> = new Set(['__proto__', 'constructor', 'prototype']);
