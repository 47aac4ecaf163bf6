/**
 * AST → formula text. `print(parse(x))` re-parses to an equal AST and printing again gives the
 * same text. Spacing is normalised (one space around binary operators, `, ` between
 * arguments), function names are upper-case, the author's parentheses are kept, and
 * parentheses are added where a hand-built tree needs them to keep its structure.
 */
import {
  BINARY_PRECEDENCE,
  POSTFIX_PRECEDENCE,
  UNARY_PRECEDENCE,
  precedenceOf,
  type FormulaNode,
} from './ast';
import { IDENTIFIER } from './lexer';

/** One path segment as written in a formula: bare when it is an identifier, else `[...]`. */
export function printSegment(segment: string, onlySegment = false): string {
  if (IDENTIFIER.test(segment)) {
    const upper = segment.toUpperCase();
    if (!(onlySegment && (upper === 'TRUE' || upper === 'FALSE'))) return segment;
  }
  return `[${segment.replace(/]/g, ']]')}]`;
}

/** A reference path as written in a formula (`budget.[年初预算数]`). */
export function printPath(path: readonly string[]): string {
  return path.map((s) => printSegment(s, path.length === 1)).join('.');
}

/** A string literal with `"` doubled. */
export function printString(value: string): string {
  return `"${value.replace(/"/g, '""')}"`;
}

function wrap(node: FormulaNode, minPrec: number): string {
  const text = print(node);
  return precedenceOf(node) < minPrec ? `(${text})` : text;
}

/** The formula text of a tree (without a leading `=`). */
export function print(node: FormulaNode): string {
  switch (node.kind) {
    case 'number':
      return node.raw;
    case 'string':
      return printString(node.value);
    case 'boolean':
      return node.value ? 'TRUE' : 'FALSE';
    case 'ref':
      return printPath(node.path);
    case 'call':
      return `${node.name}(${node.args.map(print).join(', ')})`;
    case 'paren':
      return `(${print(node.inner)})`;
    case 'unary': {
      // the operand of a unary operator is an atom or another unary operator
      return `${node.op}${wrap(node.operand, UNARY_PRECEDENCE)}`;
    }
    case 'postfix':
      return `${wrap(node.operand, POSTFIX_PRECEDENCE)}%`;
    case 'binary': {
      const prec = BINARY_PRECEDENCE[node.op];
      // left-associative: the right operand must bind strictly tighter
      return `${wrap(node.left, prec)} ${node.op} ${wrap(node.right, prec + 1)}`;
    }
  }
}

/**
 * The tree's structure as a compact S-expression, for tests and debugging:
 * `-2^2` → `(^ (u- 2) 2)`, `(a)` → `{@a}`, `budget.adjusted` → `@budget|adjusted`.
 */
export function printStructure(node: FormulaNode): string {
  switch (node.kind) {
    case 'number':
      return node.raw;
    case 'string':
      return JSON.stringify(node.value);
    case 'boolean':
      return node.value ? 'TRUE' : 'FALSE';
    case 'ref':
      return `@${node.path.join('|')}`;
    case 'call':
      return `(${[node.name, ...node.args.map(printStructure)].join(' ')})`;
    case 'unary':
      return `(u${node.op} ${printStructure(node.operand)})`;
    case 'postfix':
      return `(% ${printStructure(node.operand)})`;
    case 'binary':
      return `(${node.op} ${printStructure(node.left)} ${printStructure(node.right)})`;
    case 'paren':
      return `{${printStructure(node.inner)}}`;
  }
}
