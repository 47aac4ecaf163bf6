import type { FormulaNode } from './ast';
import { FormulaSyntaxError, lineColumn } from './errors';
import { MAX_DEPTH, parse, tryParse } from './parser';
import { printStructure } from './print';

const s = (text: string): string => printStructure(parse(text));

function parseError(text: string): FormulaSyntaxError {
  const r = tryParse(text);
  if (r.ok) throw new Error(`parsed: ${text}`);
  return r.error;
}

describe('precedence and associativity (Excel)', () => {
  test.each([
    ['-2^2', '(^ (u- 2) 2)'],
    ['2^-1', '(^ 2 (u- 1))'],
    ['2^3^2', '(^ (^ 2 3) 2)'],
    ['1+2&3', '(& (+ 1 2) 3)'],
    ['1&2=12', '(= (& 1 2) 12)'],
    ['1+2*3', '(+ 1 (* 2 3))'],
    ['1-2-3', '(- (- 1 2) 3)'],
    ['8/4/2', '(/ (/ 8 4) 2)'],
    ['2*3^2', '(* 2 (^ 3 2))'],
    ['50%', '(% 50)'],
    ['2^50%', '(^ 2 (% 50))'],
    ['-50%', '(% (u- 50))'],
    ['1+2%', '(+ 1 (% 2))'],
    ['a%%', '(% (% @a))'],
    ['--1', '(u- (u- 1))'],
    ['+-1', '(u+ (u- 1))'],
    ['1 - -1', '(- 1 (u- 1))'],
    ['a<b=c', '(= (< @a @b) @c)'],
    ['a<>b', '(<> @a @b)'],
    ['a<=b', '(<= @a @b)'],
    ['a>=b&c', '(>= @a (& @b @c))'],
    ['(1+2)*3', '(* {(+ 1 2)} 3)'],
    ['-(2^2)', '(u- {(^ 2 2)})'],
    ['-a.b^2', '(^ (u- @a|b) 2)'],
  ])('%s → %s', (text, want) => {
    expect(s(text)).toBe(want);
  });
});

describe('literals, names and calls', () => {
  test('a leading = is ignored, whitespace and newlines anywhere', () => {
    expect(s('=1+2')).toBe('(+ 1 2)');
    expect(s('  =\n 1\n+\t2 ')).toBe('(+ 1 2)');
  });

  test('numbers keep their literal and hold the exact value', () => {
    const n = parse('.5');
    expect(n).toMatchObject({ kind: 'number', raw: '.5', value: 0.5 });
    expect(parse('1.5E-2')).toMatchObject({ raw: '1.5E-2', value: 0.015 });
  });

  test('strings unescape doubled quotes', () => {
    expect(parse('"a""b"')).toMatchObject({ kind: 'string', value: 'a"b' });
  });

  test('TRUE/FALSE are literals in any case; as a path segment they are names', () => {
    expect(parse('true')).toMatchObject({ kind: 'boolean', value: true });
    expect(parse('False')).toMatchObject({ kind: 'boolean', value: false });
    expect(s('true.x')).toBe('@true|x');
    expect(s('[TRUE]')).toBe('@TRUE');
  });

  test('references: Chinese keys, dotted paths, brackets', () => {
    expect(s('实际支出/预算数')).toBe('(/ @实际支出 @预算数)');
    expect(s('budget.adjusted')).toBe('@budget|adjusted');
    expect(s('[执行率(%)] * 2')).toBe('(* @执行率(%) 2)');
    expect(s('budget.[年初预算数]')).toBe('@budget|年初预算数');
  });

  test('calls: names upper-cased, dotted and digit names, nested, empty', () => {
    expect(s('round(a, 2)')).toBe('(ROUND @a 2)');
    expect(s('LOG10(100)')).toBe('(LOG10 100)');
    expect(s('stdev.s(t.v)')).toBe('(STDEV.S @t|v)');
    expect(s('IF(a>1, SUM(t.v), "否")')).toBe('(IF (> @a 1) (SUM @t|v) "否")');
    expect(s('TODAY()')).toBe('(TODAY)');
    expect(s('TRUE()')).toBe('(TRUE)');
  });

  test('a formula typed with full-width punctuation parses like its ASCII form', () => {
    expect(s('IF（实际支出＞＝预算数，"超支"，ROUND（a／b＊100，2））')).toBe(s('IF(实际支出>=预算数,"超支",ROUND(a/b*100,2))'));
  });

  test('a bracketed name followed by ( is not a call', () => {
    expect(parseError('[a](1)').code).toBe('FORMULA_UNEXPECTED_TOKEN');
  });
});

describe('spans', () => {
  test('every node has the offsets of its text', () => {
    const text = 'ROUND(a.b * 2, 1) & "x"';
    const ast = parse(text);
    const seen: string[] = [];
    const visit = (n: FormulaNode): void => {
      seen.push(`${n.kind}:${text.slice(n.span.start, n.span.end)}`);
      if (n.kind === 'binary') {
        visit(n.left);
        visit(n.right);
      } else if (n.kind === 'call') n.args.forEach(visit);
    };
    visit(ast);
    expect(seen).toEqual([
      'binary:ROUND(a.b * 2, 1) & "x"',
      'call:ROUND(a.b * 2, 1)',
      'binary:a.b * 2',
      'ref:a.b',
      'number:2',
      'number:1',
      'string:"x"',
    ]);
    if (ast.kind !== 'binary' || ast.left.kind !== 'call') throw new Error('shape');
    expect(text.slice(ast.left.nameSpan.start, ast.left.nameSpan.end)).toBe('ROUND');
  });

  test('unary, postfix and paren spans include the operator and parentheses', () => {
    const text = '-(x)%';
    const ast = parse(text);
    expect(ast.kind).toBe('postfix');
    expect(ast.span).toEqual({ start: 0, end: 5 });
    if (ast.kind !== 'postfix' || ast.operand.kind !== 'unary') throw new Error('shape');
    expect(ast.operand.span).toEqual({ start: 0, end: 4 });
    expect(ast.operand.operand.span).toEqual({ start: 1, end: 4 });
  });

  test('spans count from the original text, including a leading =', () => {
    expect(parse('= a').span).toEqual({ start: 2, end: 3 });
  });
});

describe('syntax errors', () => {
  test('1 +* 2 reports column 4 in zh-CN and English', () => {
    const e = parseError('1 +* 2');
    expect(e).toBeInstanceOf(FormulaSyntaxError);
    expect(e).toBeInstanceOf(Error);
    expect(e.code).toBe('FORMULA_UNEXPECTED_TOKEN');
    expect(e.line).toBe(1);
    expect(e.column).toBe(4);
    expect(e.offset).toBe(3);
    expect(e.message).toBe('第 1 行第 4 列: 意外的 "*" (unexpected "*" at line 1, column 4)');
  });

  test('line and column on multi-line input', () => {
    const e = parseError('IF(a > 1,\n  b *,\n  c)');
    expect(e.line).toBe(2);
    expect(e.column).toBe(6);
    expect(e.message).toContain('第 2 行第 6 列');
    expect(e.message).toContain('line 2, column 6');
  });

  test('columns count Chinese characters as one each', () => {
    const e = parseError('实际支出 ** 2');
    expect(e.column).toBe(7);
  });

  test('unclosed parenthesis points at the "("', () => {
    const e = parseError('1 + (2 * 3');
    expect(e.code).toBe('FORMULA_UNBALANCED_PAREN');
    expect(e.column).toBe(5);
    const c = parseError('SUM(1, 2');
    expect(c.code).toBe('FORMULA_UNBALANCED_PAREN');
    expect(c.column).toBe(4);
  });

  test('a stray ")"', () => {
    const e = parseError('1 + 2)');
    expect(e.code).toBe('FORMULA_UNBALANCED_PAREN');
    expect(e.column).toBe(6);
  });

  test('incomplete formula', () => {
    const e = parseError('1 +');
    expect(e.code).toBe('FORMULA_UNEXPECTED_END');
    expect(e.column).toBe(4);
  });

  test('empty formula', () => {
    expect(parseError('').code).toBe('FORMULA_EMPTY');
    expect(parseError(' = ').code).toBe('FORMULA_EMPTY');
  });

  test.each([
    ['SUM(1,)', 7],
    ['SUM(,1)', 5],
    ['1 2', 3],
    ['a b', 3],
    ['(1 2)', 4],
    ['1.2.3', 4],
    ['==1', 2],
    ['2x', 2],
    ['*1', 1],
  ])('%s fails at column %d', (text, column) => {
    expect(parseError(text).column).toBe(column);
  });

  test('too deep nesting is a syntax error, not a stack overflow', () => {
    const deep = '('.repeat(MAX_DEPTH + 5) + '1' + ')'.repeat(MAX_DEPTH + 5);
    expect(parseError(deep).code).toBe('FORMULA_SYNTAX');
    const chain = Array.from({ length: MAX_DEPTH + 5 }, () => 'a').join('+');
    expect(parseError(chain).code).toBe('FORMULA_SYNTAX');
    expect(tryParse(Array.from({ length: 300 }, () => 'a').join('+')).ok).toBe(true);
  });

  test('tryParse rethrows only non-syntax errors', () => {
    expect(tryParse('1+1').ok).toBe(true);
  });
});

describe('lineColumn', () => {
  test('1-based', () => {
    expect(lineColumn('ab\ncd', 0)).toEqual({ line: 1, column: 1 });
    expect(lineColumn('ab\ncd', 4)).toEqual({ line: 2, column: 2 });
    expect(lineColumn('ab', 2)).toEqual({ line: 1, column: 3 });
  });
});
