import { parse } from './parser';
import { collectCalls, collectRefs, refKeys, renameRef, startsWithPath } from './refs';

describe('collectRefs', () => {
  test('every reference with its path and span, in text order', () => {
    const text = 'ROUND(MIN(spent/adjusted,1)*100,2) + SUM(indicators.score) + spent';
    const refs = collectRefs(parse(text));
    expect(refs.map((r) => [r.path.join('.'), text.slice(r.span.start, r.span.end)])).toEqual([
      ['spent', 'spent'],
      ['adjusted', 'adjusted'],
      ['indicators.score', 'indicators.score'],
      ['spent', 'spent'],
    ]);
    expect(refKeys(parse(text))).toEqual(['spent', 'adjusted', 'indicators.score']);
  });

  test('bracketed segments come without brackets; literals and function names are not refs', () => {
    expect(collectRefs(parse('[执行率(%)] + budget.[年初预算数] + TRUE + "x" + LEN(y)')).map((r) => r.path)).toEqual([
      ['执行率(%)'],
      ['budget', '年初预算数'],
      ['y'],
    ]);
  });

  test('collectCalls lists each function once', () => {
    expect(collectCalls(parse('IF(a, SUM(b), SUM(c, ROUND(d, 1)))'))).toEqual(['IF', 'SUM', 'ROUND']);
  });
});

describe('renameRef', () => {
  test('renames whole segments only', () => {
    expect(renameRef('a.b + a.bc + x.a.b + a.b.c + a', 'a.b', 'a.z')).toBe('a.z + a.bc + x.a.b + a.z.c + a');
  });

  test('renaming a prefix renames the paths below it', () => {
    expect(renameRef('SUM(budget.adjusted) / budget', ['budget'], ['funds'])).toBe('SUM(funds.adjusted) / funds');
  });

  test('keeps the rest of the author text untouched', () => {
    expect(renameRef('=round( spent/adjusted ,2)  &"spent"', 'spent', '实际支出')).toBe('=round( 实际支出/adjusted ,2)  &"spent"');
  });

  test('brackets the new name when needed, handles bracketed old names', () => {
    expect(renameRef('[执行率(%)] * 2', ['执行率(%)'], ['rate'])).toBe('rate * 2');
    expect(renameRef('rate * 2', 'rate', ['执行率(%)'])).toBe('[执行率(%)] * 2');
    expect(renameRef('x + 1', 'x', 'TRUE')).toBe('[TRUE] + 1');
  });

  test('does not rename function names or strings', () => {
    expect(renameRef('SUM(sum) & "sum"', 'sum', 'total')).toBe('SUM(total) & "sum"');
  });

  test('moving a column between tables', () => {
    expect(renameRef('SUM(indicators.score)', 'indicators.score', 'indicators.points')).toBe('SUM(indicators.points)');
  });

  test('throws on text that does not parse and on empty paths', () => {
    expect(() => renameRef('1 +* 2', 'a', 'b')).toThrow('第 1 行第 4 列');
    expect(() => renameRef('a', [], 'b')).toThrow(RangeError);
  });

  test('startsWithPath', () => {
    expect(startsWithPath(['a', 'b'], ['a'])).toBe(true);
    expect(startsWithPath(['a'], ['a', 'b'])).toBe(false);
    expect(startsWithPath(['ab'], ['a'])).toBe(false);
  });
});
