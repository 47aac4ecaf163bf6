import { checkFormula, checkFormulaText, type FunctionLookup } from './check';
import type { FunctionDecl } from './functions/types';
import { parse } from './parser';

const decl = (name: string, params: FunctionDecl['params']): FunctionDecl => ({
  name,
  category: 'math',
  params,
  returns: 'number',
  description: '',
  examples: [],
  impl: () => 0,
});
const registry: FunctionLookup = {
  get: (name) =>
    ({
      ROUND: decl('ROUND', [
        { name: 'number', kind: 'number', doc: '' },
        { name: 'digits', kind: 'number', doc: '' },
      ]),
      SUM: decl('SUM', [{ name: 'number', kind: 'range', repeat: true, doc: '' }]),
      LEFT: decl('LEFT', [
        { name: 'text', kind: 'text', doc: '' },
        { name: 'n', kind: 'number', optional: true, doc: '' },
      ]),
    })[name],
};

describe('checkFormula', () => {
  test('a correct formula has no diagnostics', () => {
    expect(checkFormula(parse('ROUND(SUM(t.v, 1, 2), 2) & LEFT("a")'), { registry })).toEqual([]);
  });

  test('unknown function, with the span of its name', () => {
    const text = '1 + FOO(1)';
    const [d, ...rest] = checkFormula(parse(text), { registry, path: 'total' });
    expect(rest).toEqual([]);
    expect(d).toMatchObject({ code: 'FORMULA_UNKNOWN_FUNCTION', severity: 'error', path: 'total', params: { name: 'FOO' } });
    expect(text.slice(d?.span?.start, d?.span?.end)).toBe('FOO');
    expect(d?.message).toContain('FOO');
  });

  test('arguments of an unknown function are still checked', () => {
    expect(checkFormula(parse('FOO(BAR())'), { registry }).map((d) => d.params.name)).toEqual(['FOO', 'BAR']);
  });

  test('wrong argument counts', () => {
    const ds = checkFormula(parse('ROUND(1) + ROUND(1,2,3) + SUM() + LEFT("a",1,2)'), { registry });
    expect(ds.map((d) => [d.code, d.params.name, d.params.given])).toEqual([
      ['FORMULA_ARITY', 'ROUND', 1],
      ['FORMULA_ARITY', 'ROUND', 3],
      ['FORMULA_ARITY', 'SUM', 0],
      ['FORMULA_ARITY', 'LEFT', 3],
    ]);
    expect(ds[0]?.message).toBe('函数 ROUND 需要 2 个参数，实际给了 1 个');
    expect(ds[2]?.message).toBe('函数 SUM 需要 至少 1 个参数，实际给了 0 个');
    expect(ds[2]?.params.max).toBe(-1);
    expect(ds[3]?.message).toBe('函数 LEFT 需要 1 到 2 个参数，实际给了 3 个');
  });

  test('unknown references only when a resolver is given', () => {
    const ast = parse('a + b.c + SUM(t.v)');
    expect(checkFormula(ast, { registry })).toEqual([]);
    const known = new Set(['a', 't.v']);
    const ds = checkFormula(ast, { registry, knownRef: (p) => known.has(p.join('.')) });
    expect(ds).toHaveLength(1);
    expect(ds[0]).toMatchObject({ code: 'FORMULA_UNKNOWN_FIELD', params: { ref: 'b.c' }, span: { start: 4, end: 7 }, message: '未知字段 b.c' });
  });

  test('forbidden segments', () => {
    const ds = checkFormula(parse('a.__proto__ + constructor + x.[prototype].y'), { registry, knownRef: () => false });
    expect(ds.map((d) => [d.code, d.params.segment])).toEqual([
      ['FORMULA_FORBIDDEN_SEGMENT', '__proto__'],
      ['FORMULA_FORBIDDEN_SEGMENT', 'constructor'],
      ['FORMULA_FORBIDDEN_SEGMENT', 'prototype'],
    ]);
  });
});

describe('checkFormulaText', () => {
  test('a syntax error becomes one diagnostic with its position', () => {
    const ds = checkFormulaText('1 +* 2', { registry, path: 'x' });
    expect(ds).toHaveLength(1);
    expect(ds[0]).toMatchObject({ code: 'FORMULA_UNEXPECTED_TOKEN', path: 'x', span: { start: 3, end: 4 }, params: { line: 1, column: 4 } });
    expect(ds[0]?.message).toContain('第 1 行第 4 列');
  });

  test('otherwise the checks run', () => {
    expect(checkFormulaText('NOPE()', { registry }).map((d) => d.code)).toEqual(['FORMULA_UNKNOWN_FUNCTION']);
  });
});

describe('columns where one value is needed', () => {
  const isColumn = (p: readonly string[]): boolean => p[0] === 'indicators';
  const misuse = (text: string): string[] =>
    checkFormula(parse(text), { registry, isColumn }).filter((d) => d.code === 'FORMULA_COLUMN_MISUSE').map((d) => String(d.params.ref));

  test('fine in range parameters and unknown positions', () => {
    expect(misuse('SUM(indicators.score) + SUM(1, indicators.weight)')).toEqual([]);
    expect(misuse('indicators.score')).toEqual([]);
    expect(misuse('(indicators.score)')).toEqual([]);
  });

  test('flagged as operands and in scalar parameters', () => {
    expect(misuse('indicators.score + 1')).toEqual(['indicators.score']);
    expect(misuse('-(indicators.score)')).toEqual(['indicators.score']);
    expect(misuse('indicators.score%')).toEqual(['indicators.score']);
    expect(misuse('ROUND(indicators.score, 2)')).toEqual(['indicators.score']);
    expect(misuse('LEFT("a", indicators.n)')).toEqual(['indicators.n']);
    const [d] = checkFormula(parse('1 + indicators.score'), { registry, isColumn });
    expect(d).toMatchObject({ severity: 'error', span: { start: 4, end: 20 } });
    expect(d?.message).toContain('indicators.score');
  });
});
