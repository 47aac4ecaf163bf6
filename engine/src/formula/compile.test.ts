import { Ratio } from '../number';
import { compileFormula, evaluateFormula, formulaCache, FORMULA_CACHE_LIMIT, type EvalContext } from './compile';
import type { FunctionLookup } from './check';
import type { CallContext, FunctionDecl, Thunk } from './functions/types';
import { BINARY } from './operators';
import { parse } from './parser';
import { ERRORS, ErrorValue, RangeValue, type Value } from './values';

/** A small registry of test functions, independent of the engine's library. */
const calls: string[] = [];
const decls: FunctionDecl[] = [
  {
    name: 'ARGS',
    category: 'info',
    params: [{ name: 'value', kind: 'any', optional: true, repeat: true, doc: '' }],
    returns: 'text',
    description: '',
    examples: [],
    impl: (args: Value[]) => args.map((a) => (a === null ? 'blank' : a instanceof ErrorValue ? a.code : String(a))).join(','),
  },
  {
    name: 'NOTE',
    category: 'info',
    params: [{ name: 'value', kind: 'any', doc: '' }],
    returns: 'any',
    description: '',
    examples: [],
    impl: (args: Value[]) => {
      calls.push(String(args[0]));
      return args[0] ?? null;
    },
  },
  {
    name: 'TODAYISH',
    category: 'date',
    params: [],
    returns: 'number',
    description: '',
    examples: [],
    impl: (_args: Value[], ctx: CallContext) => ctx.today ?? ERRORS['#N/A'],
  },
  {
    name: 'IF',
    category: 'logical',
    lazy: true,
    params: [
      { name: 'test', kind: 'any', doc: '' },
      { name: 'then', kind: 'any', doc: '' },
      { name: 'else', kind: 'any', optional: true, doc: '' },
    ],
    returns: 'any',
    description: '',
    examples: [],
    impl: (args: Thunk[]) => {
      const t = (args[0] as Thunk)();
      if (t === true) return (args[1] as Thunk)();
      return args[2] ? args[2]() : false;
    },
  },
  {
    name: 'COUNTITEMS',
    category: 'statistical',
    params: [{ name: 'range', kind: 'range', doc: '' }],
    returns: 'number',
    description: '',
    examples: [],
    impl: (args: Value[]) => (args[0] instanceof RangeValue ? args[0].items.length : ERRORS['#VALUE!']),
  },
];
const registry: FunctionLookup = { get: (name) => decls.find((d) => d.name === name) };

const ev = (text: string, data: Record<string, unknown> = {}, extra: Omit<EvalContext, 'data'> = {}): Value =>
  compileFormula(text, { registry }).evaluate({ data, ...extra });

const code = (v: Value): string | undefined => (v instanceof ErrorValue ? v.code : undefined);

describe('operators through closures', () => {
  test.each<[string, Value]>([
    ['0.1+0.2', 0.3],
    ['-2^2', 4],
    ['2^-1', 0.5],
    ['2^3^2', 64],
    ['1+2&3', '33'],
    ['"a"&"b"', 'ab'],
    ['"a""b"', 'a"b'],
    ['1=1', true],
    ['1<>1', false],
    ['50%', 0.5],
    ['(1+2)*3', 9],
    ['=10/4', 2.5],
    ['TRUE', true],
  ])('%s = %p', (text, want) => {
    expect(ev(text)).toEqual(want);
  });

  test('exact quotients stay exact', () => {
    expect(ev('1/3')).toEqual(new Ratio(1, 3));
    expect(ev('1/3*3')).toBe(1);
  });

  test('the number fast paths agree with the operators, for refs and literals on either side', () => {
    const nums = [0, -0, 1, -1, 2.5, 0.1, 0.2, 3, 1e15, 123456789.123, -7.25, 1e-7];
    const ops = ['+', '-', '*', '/', '^', '=', '<>', '<', '<=', '>', '>='] as const;
    for (const op of ops) {
      const both = compileFormula(`a ${op} b`, { registry });
      for (const a of nums) {
        for (const b of nums) {
          const want = BINARY[op](a, b);
          expect(both.evaluate({ data: { a, b } })).toEqual(want);
          const lit = (x: number): string => (x < 0 || Object.is(x, -0) ? `(${x === 0 ? '-0' : String(x)})` : String(x));
          expect(compileFormula(`a ${op} ${lit(b)}`, { registry }).evaluate({ data: { a } })).toEqual(want);
          expect(compileFormula(`${lit(a)} ${op} b`, { registry }).evaluate({ data: { b } })).toEqual(want);
        }
      }
    }
    expect(ev('-a', { a: 2.5 })).toBe(-2.5);
    expect(ev('-a', { a: '3' })).toBe(-3);
    expect(ev('a + b', { a: '1', b: 2 })).toBe(3);
    expect(ev('a < b', { a: 1, b: 'x' })).toBe(true);
  });

  test('errors are values', () => {
    expect(code(ev('1/0'))).toBe('#DIV/0!');
    expect(code(ev('1/0 + x', { x: 1 }))).toBe('#DIV/0!');
  });
});

describe('references', () => {
  test('root fields', () => {
    expect(ev('x*2', { x: 21 })).toBe(42);
    expect(ev('实际支出/预算数', { 实际支出: 50, 预算数: 200 })).toBe(0.25);
    expect(ev('[执行率(%)] + 1', { '执行率(%)': 2 })).toBe(3);
  });

  test('missing, null, undefined and "" are blank', () => {
    expect(ev('x', {})).toBeNull();
    expect(ev('x', { x: null })).toBeNull();
    expect(ev('x', { x: undefined })).toBeNull();
    expect(ev('x', { x: '' })).toBeNull();
    expect(ev('x + 1', {})).toBe(1);
    expect(ev('x & "a"', {})).toBe('a');
    expect(ev('a.b.c', { a: {} })).toBeNull();
    expect(ev('a.b.c', { a: { b: null } })).toBeNull();
  });

  test('dotted paths into objects', () => {
    expect(ev('budget.adjusted - budget.[年初预算数]', { budget: { adjusted: 120, 年初预算数: 100 } })).toBe(20);
  });

  test('a row shadows the root for its own keys; others come from the root', () => {
    const data = { actual: 100, target: 10 };
    expect(ev('actual / target', data, { row: { actual: 5 } })).toBe(0.5);
    expect(ev('actual / target', data)).toBe(10);
    // an own key holding null still shadows (an empty cell of the row)
    expect(ev('actual', data, { row: { actual: null } })).toBeNull();
    expect(ev('budget.x', { budget: { x: 1 } }, { row: { budget: { x: 2 } } })).toBe(2);
  });

  test('resolveRef decides statically', () => {
    const data = { actual: 100, t: { v: 1 } };
    const row = { actual: 5, t: { v: 2 } };
    const root = compileFormula('actual + t.v', { registry, resolveRef: () => 'root' });
    expect(root.evaluate({ data, row })).toBe(101);
    const inRow = compileFormula('actual + t.v', { registry, resolveRef: () => 'row' });
    expect(inRow.evaluate({ data, row })).toBe(7);
    expect(inRow.evaluate({ data })).toBe(0);
    const mixed = compileFormula('actual + t.v', { registry, resolveRef: (p) => (p[0] === 'actual' ? 'row' : 'root') });
    expect(mixed.evaluate({ data, row })).toBe(6);
  });

  test('table.col is the column as a RangeValue', () => {
    const data = { indicators: [{ score: 1 }, { score: 2.5 }, {}, { score: '' }] };
    expect(ev('indicators.score', data)).toEqual(new RangeValue([1, 2.5, null, null]));
    expect(ev('COUNTITEMS(indicators.score)', data)).toBe(4);
    expect(ev('COUNTITEMS(indicators)', { indicators: [1, 2] })).toBe(2);
  });

  test('nested tables flatten into one column', () => {
    const data = { projects: [{ rows: [{ v: 1 }, { v: 2 }] }, { rows: [{ v: 3 }] }, { rows: null }] };
    expect(ev('projects.rows.v', data)).toEqual(new RangeValue([1, 2, 3, null]));
  });

  test('a scalar or a non-plain object met with segments left is #REF!', () => {
    expect(code(ev('a.b', { a: 5 }))).toBe('#REF!');
    expect(code(ev('a.b', { a: 'text' }))).toBe('#REF!');
    expect(code(ev('d.getTime', { d: new Date(0) }))).toBe('#REF!');
    expect(ev('t.v', { t: [{ v: 1 }, 7] })).toEqual(new RangeValue([1, expect.any(ErrorValue) as unknown as ErrorValue]));
  });

  test('only own properties are read', () => {
    const data = Object.create({ x: 5 }) as Record<string, unknown>;
    expect(ev('x', data)).toBeNull();
    expect(ev('toString', {})).toBeNull();
    expect(ev('hasOwnProperty', {})).toBeNull();
    expect(ev('a.valueOf', { a: {} })).toBeNull();
    expect(ev('x', Object.assign(Object.create(null) as Record<string, unknown>, { x: 3 }))).toBe(3);
  });

  test('__proto__, constructor and prototype are never read', () => {
    let touched = false;
    const trap = (): Record<string, unknown> => {
      const o: Record<string, unknown> = {};
      for (const key of ['constructor', 'prototype', '__proto__']) {
        Object.defineProperty(o, key, {
          enumerable: true,
          get() {
            touched = true;
            return 1;
          },
        });
      }
      return o;
    };
    const data = trap();
    data.a = trap();
    data.x = trap();
    for (const text of ['constructor', 'prototype', 'a.__proto__', '[__proto__]', 'x.constructor.name', 'a.prototype']) {
      expect(code(ev(text, data))).toBe('#REF!');
      expect(code(compileFormula(text, { registry }).evaluate({ data, row: data }))).toBe('#REF!');
    }
    expect(touched).toBe(false);
  });

  test('data values convert like fromJs: NaN and infinities are #NUM!, objects #VALUE!, -0 is 0', () => {
    expect(code(ev('x', { x: NaN }))).toBe('#NUM!');
    expect(code(ev('x', { x: Infinity }))).toBe('#NUM!');
    expect(code(ev('x', { x: { a: 1 } }))).toBe('#VALUE!');
    expect(Object.is(ev('x', { x: -0 }), 0)).toBe(true);
    expect(ev('x', { x: true })).toBe(true);
    expect(ev('x', { x: new Ratio(1, 3) })).toEqual(new Ratio(1, 3));
  });
});

describe('calls', () => {
  test('eager functions get evaluated arguments, any count', () => {
    expect(ev('ARGS()')).toBe('');
    expect(ev('ARGS(1)')).toBe('1');
    expect(ev('ARGS(1, x)', { x: 2 })).toBe('1,2');
    expect(ev('ARGS(1, x, y)', { x: 2 })).toBe('1,2,blank');
    expect(ev('args(1, 2, 3, 4, 1/0)')).toBe('1,2,3,4,#DIV/0!');
  });

  test('the call context reaches the functions', () => {
    expect(ev('TODAYISH()', {}, { call: { today: 45000 } })).toBe(45000);
    expect(code(ev('TODAYISH()'))).toBe('#N/A');
  });

  test('lazy functions get thunks: the branch not taken is never evaluated', () => {
    calls.length = 0;
    expect(ev('IF(x > 1, NOTE("then"), NOTE("else"))', { x: 2 })).toBe('then');
    expect(ev('IF(x > 1, NOTE("then"), NOTE("else"))', { x: 0 })).toBe('else');
    expect(ev('IF(x > 1, 1)', { x: 0 })).toBe(false);
    expect(calls).toEqual(['then', 'else']);
  });

  test('a lazy function evaluates its thunks against the current row', () => {
    const f = compileFormula('IF(actual > 1, actual, 0)', { registry });
    expect(f.evaluate({ data: { actual: 100 }, row: { actual: 5 } })).toBe(5);
    expect(f.evaluate({ data: { actual: 100 }, row: { actual: 0 } })).toBe(0);
  });

  test('unknown function is #NAME?, wrong argument count #VALUE!', () => {
    expect(code(ev('NOPE(1)'))).toBe('#NAME?');
    expect(code(ev('NOTE()'))).toBe('#VALUE!');
    expect(code(ev('NOTE(1, 2)'))).toBe('#VALUE!');
    expect(code(ev('IF(1)'))).toBe('#VALUE!');
  });
});

describe('compileFormula', () => {
  test('keeps the text, the AST and the refs', () => {
    const f = compileFormula('a + b.c * a', { registry });
    expect(f.text).toBe('a + b.c * a');
    expect(f.ast.kind).toBe('binary');
    expect(f.refs.map((r) => r.path.join('.'))).toEqual(['a', 'b.c', 'a']);
  });

  test('compiles an AST and prints its text', () => {
    const f = compileFormula(parse('=round( x,2)'), { registry });
    expect(f.text).toBe('ROUND(x, 2)');
    expect(f.refs[0]?.span).toEqual({ start: 6, end: 7 });
    const span = { start: 0, end: 0 };
    const built = compileFormula(
      { kind: 'binary', op: '*', left: { kind: 'binary', op: '+', left: { kind: 'ref', path: ['a'], span }, right: { kind: 'number', raw: '1', value: 1, span }, span }, right: { kind: 'number', raw: '2', value: 2, span }, span },
      { registry },
    );
    expect(built.text).toBe('(a + 1) * 2');
    expect(built.evaluate({ data: { a: 2 } })).toBe(6);
    expect(built.refs[0]?.span).toEqual({ start: 1, end: 2 });
  });

  test('a syntax error throws at compile time', () => {
    expect(() => compileFormula('1 +* 2', { registry })).toThrow('第 1 行第 4 列');
  });

  test('one compiled formula evaluates many contexts', () => {
    const f = compileFormula('ROUND_IS_NOT_NEEDED_HERE + x * 2', { registry });
    expect(f.evaluate({ data: { x: 1 } })).toBe(2);
    expect(f.evaluate({ data: { x: 2, ROUND_IS_NOT_NEEDED_HERE: 1 } })).toBe(5);
  });

  test('a long operator chain evaluates without overflowing the stack', () => {
    const text = Array.from({ length: 900 }, (_, i) => `x${i % 7}`).join(' + ');
    expect(ev(text, { x0: 1, x1: 1, x2: 1, x3: 1, x4: 1, x5: 1, x6: 1 })).toBe(900);
  });
});

describe('evaluateFormula and its cache', () => {
  test('evaluates with the default registry and caches by text', () => {
    formulaCache.clear();
    expect(evaluateFormula('x*2', { x: 21 })).toBe(42);
    expect(evaluateFormula('x*2', { x: 1 })).toBe(2);
    expect(formulaCache.size).toBe(1);
    expect(formulaCache.has('x*2')).toBe(true);
    expect(evaluateFormula('1+1')).toBe(2);
  });

  test('drops the least recently used beyond the limit; syntax errors are not cached', () => {
    formulaCache.clear();
    evaluateFormula('0');
    for (let i = 1; i < FORMULA_CACHE_LIMIT; i++) evaluateFormula(String(i));
    evaluateFormula('0'); // refresh
    evaluateFormula('x');
    expect(formulaCache.size).toBe(FORMULA_CACHE_LIMIT);
    expect(formulaCache.has('0')).toBe(true);
    expect(formulaCache.has('1')).toBe(false);
    expect(() => evaluateFormula('1 +')).toThrow();
    expect(formulaCache.has('1 +')).toBe(false);
    expect(formulaCache.limit).toBe(FORMULA_CACHE_LIMIT);
  });
});

describe('with the default registry', () => {
  test.each<[string, Record<string, unknown>, Value]>([
    ['ROUND(2.675,2)', {}, 2.68],
    ['round(MIN(spent/adjusted,1)*100,2)', { spent: 85, adjusted: 90 }, 94.44],
    ['execScore + SUM(indicators.score)', { execScore: 9.5, indicators: [{ score: 10 }, { score: 8.25 }, {}] }, 27.75],
    ['IF(x>0, 1/x, "无")', { x: 0 }, '无'],
    ['IFERROR(1/x, 0)', { x: 0 }, 0],
    ['COUNTIF(indicators.direction, "定性")', { indicators: [{ direction: '定性' }, { direction: '≥' }, { direction: '定性' }] }, 2],
  ])('%s', (text, data, want) => {
    expect(evaluateFormula(text, data)).toEqual(want);
  });

  test('unknown function is #NAME?', () => {
    expect(code(evaluateFormula('NOSUCHFN(1)'))).toBe('#NAME?');
  });
});
