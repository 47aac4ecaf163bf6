import type { FormulaNode } from './ast';
import { parse } from './parser';
import { print, printPath, printSegment, printString } from './print';

/** Drops spans so trees from different texts compare. */
function strip(node: FormulaNode): unknown {
  return JSON.parse(JSON.stringify(node, (k, v: unknown) => (k === 'span' || k === 'nameSpan' ? undefined : v)));
}

const samples = [
  '1+2*3',
  '(1+2)*3',
  '-2^2',
  '-(2^2)',
  '2^3^2',
  '2^(3^2)',
  '1+2&3',
  '1&2=12',
  '=ROUND(MIN(spent/adjusted,1)*100,2)',
  'ROUND(execRate/100*10,2)',
  'execScore + SUM(indicators.score)',
  'IF(a>=1, "优", IF(a>0.8,"良","差"))',
  '"a""b" & [执行率(%)]',
  'budget.[年初预算数] - budget.adjusted',
  '50%*x%%',
  '--a',
  '+-a',
  'a - -b',
  '.5 + 1E3 + 1.5e-2',
  'TRUE<>FALSE',
  'round(x , 2)',
  '[TRUE] + [a]]b]',
  'TODAY()',
  'a<b=c',
  'a-(b-c)',
  '((a))',
  '实际支出/预算数',
  'COUNTIF(indicators.direction, "定性")',
  'a\n+\tb',
];

describe('print', () => {
  test.each(samples)('round-trips %s', (text) => {
    const ast = parse(text);
    const printed = print(ast);
    expect(strip(parse(printed))).toEqual(strip(ast));
    expect(print(parse(printed))).toBe(printed);
  });

  test('normalises spacing and name case, keeps the parentheses', () => {
    expect(print(parse('=round( (a+b) ,2 )'))).toBe('ROUND((a + b), 2)');
    expect(print(parse('a*-b%'))).toBe('a * -b%');
  });

  test('adds the parentheses a hand-built tree needs', () => {
    const span = { start: 0, end: 0 };
    const n = (raw: string): FormulaNode => ({ kind: 'number', raw, value: Number(raw), span });
    const bin = (op: '+' | '-' | '*' | '^', left: FormulaNode, right: FormulaNode): FormulaNode => ({ kind: 'binary', op, left, right, span });
    expect(print(bin('*', bin('+', n('1'), n('2')), n('3')))).toBe('(1 + 2) * 3');
    expect(print(bin('-', n('1'), bin('-', n('2'), n('3'))))).toBe('1 - (2 - 3)');
    expect(print(bin('-', bin('-', n('1'), n('2')), n('3')))).toBe('1 - 2 - 3');
    expect(print(bin('^', n('2'), bin('^', n('3'), n('2'))))).toBe('2 ^ (3 ^ 2)');
    expect(print({ kind: 'unary', op: '-', operand: bin('^', n('2'), n('2')), span })).toBe('-(2 ^ 2)');
    expect(print({ kind: 'postfix', op: '%', operand: bin('+', n('1'), n('2')), span })).toBe('(1 + 2)%');
  });

  test('segments: bare when identifiers, brackets otherwise', () => {
    expect(printSegment('实际支出')).toBe('实际支出');
    expect(printSegment('执行率(%)')).toBe('[执行率(%)]');
    expect(printSegment('a]b')).toBe('[a]]b]');
    expect(printSegment('2024')).toBe('[2024]');
    expect(printPath(['true'])).toBe('[true]');
    expect(printPath(['true', 'x'])).toBe('true.x');
    expect(printString('say "hi"')).toBe('"say ""hi"""');
  });
});
