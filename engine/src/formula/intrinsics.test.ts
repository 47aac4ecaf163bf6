import { Dec, Ratio } from '../number';
import type { FunctionLookup } from './check';
import { compileFormula, type CompileOptions, type EvalContext } from './compile';
import { defaultRegistry } from './functions/registry';
import type { FunctionDecl } from './functions/types';
import { ERRORS, ErrorValue, type Value } from './values';

/**
 * The specialised calls (IF, ROUND*, SUMIF, COUNTIF) must give exactly what the declared
 * implementations give. The reference is the same formula compiled against copies of the
 * declarations, which the compiler never specialises (it matches declarations by identity).
 */
const copies = new Map<string, FunctionDecl>();
const genericRegistry: FunctionLookup = {
  get(name) {
    const decl = defaultRegistry.get(name);
    if (decl === undefined) return undefined;
    let copy = copies.get(name);
    if (copy === undefined) {
      copy = { ...decl } as FunctionDecl;
      copies.set(name, copy);
    }
    return copy;
  },
};

function both(formula: string, ctx: EvalContext, options: CompileOptions = {}): [Value, Value] {
  const fast = compileFormula(formula, options).evaluate(ctx);
  const generic = compileFormula(formula, { ...options, registry: genericRegistry }).evaluate(ctx);
  return [fast, generic];
}

class NotPlain {
  category = '产出指标';
  score = 5;
}

const TABLES: Record<string, unknown[]> = {
  plain: [
    { category: '产出指标', score: 1.5 },
    { category: '效益指标', score: 2.25 },
    { category: '产出指标', score: '3' },
    { category: '满意度指标', score: 4 },
    { category: '产出指标' },
    { score: 9 },
  ],
  mixedCase: [
    { category: 'Output', score: 1 },
    { category: 'OUTPUT', score: 2 },
    { category: 'ｏｕｔｐｕｔ', score: 4 },
    { category: 'İ', score: 8 },
    { category: 'out', score: 16 },
  ],
  errors: [
    { category: '产出指标', score: 1 },
    { category: '效益指标', score: ERRORS['#N/A'] },
    { category: '产出指标', score: ERRORS['#DIV/0!'] },
    { category: '产出指标', score: ERRORS['#VALUE!'] },
  ],
  nestedAfterError: [
    { category: '产出指标', score: ERRORS['#DIV/0!'] },
    { category: '产出指标', score: [1, 2] },
    { category: '效益指标', score: 3 },
  ],
  nestedCategory: [
    { category: ['产出指标', '效益指标'], score: 1 },
    { category: '产出指标', score: 2 },
  ],
  notPlainRow: [{ category: '产出指标', score: 1 }, new NotPlain(), null, 7],
  exactValues: [
    { category: 'a', score: new Ratio(1, 3) },
    { category: 'a', score: new Dec('0.1000000000000000000001') },
    { category: 'a', score: 0.1 },
    { category: 'b', score: true },
  ],
  numbersAsCategory: [
    { category: 5, score: 1 },
    { category: '5', score: 2 },
    { category: 6, score: 4 },
    { category: '', score: 8 },
    { category: null, score: 16 },
  ],
};

const FORMULAS = [
  'SUMIF(t.category, "产出指标", t.score)',
  'SUMIF(t.category, "<>产出指标", t.score)',
  'SUMIF(t.category, "output", t.score)',
  'SUMIF(t.category, "i̇", t.score)',
  'SUMIF(t.category, "产出*", t.score)',
  'SUMIF(t.category, 5, t.score)',
  'SUMIF(t.category, ">=5", t.score)',
  'SUMIF(t.category, "", t.score)',
  'SUMIF(t.score, ">2")',
  'SUMIF(t.category, "#N/A", t.score)',
  'COUNTIF(t.category, "产出指标")',
  'COUNTIF(t.category, "OUT*")',
  'COUNTIF(t.score, ">=2")',
  'COUNTIF(t.category, "")',
];

describe('specialised SUMIF / COUNTIF give what the declared implementations give', () => {
  for (const [name, rows] of Object.entries(TABLES)) {
    test.each(FORMULAS)(`%s over the "${name}" table`, (formula) => {
      const [fast, generic] = both(formula, { data: { t: rows } });
      expect(fast).toEqual(generic);
    });
  }

  test('the table under a row, in a nested object, missing, or not a table', () => {
    const formula = 'SUMIF(g.t.category, "产出指标", g.t.score)';
    for (const data of [{ g: { t: TABLES['plain'] } }, { g: {} }, {}, { g: { t: 5 } }, { g: { t: { category: '产出指标', score: 3 } } }, { g: [{ t: TABLES['plain'] }] }]) {
      const [fast, generic] = both(formula, { data });
      expect(fast).toEqual(generic);
    }
    const rowCtx = { data: { t: [{ category: 'x', score: 1 }] }, row: { t: [{ category: 'x', score: 2 }] } };
    for (const resolve of [() => 'row' as const, () => 'root' as const, undefined]) {
      const [fast, generic] = both('SUMIF(t.category, "x", t.score)', rowCtx, resolve ? { resolveRef: resolve } : {});
      expect(fast).toEqual(generic);
    }
    const [fast, generic] = both('SUMIF(t.category, "x", t.score)', { data: {} }, { resolveRef: () => 'row' });
    expect(fast).toEqual(generic);
  });

  test('known figures: the category subtotal and the count', () => {
    const data = { t: TABLES['plain'] };
    // '3' is text: SUMIF adds numbers only, as Excel does
    expect(compileFormula('SUMIF(t.category, "产出指标", t.score)').evaluate({ data })).toBe(1.5);
    expect(compileFormula('COUNTIF(t.category, "产出指标")').evaluate({ data })).toBe(3);
    expect(compileFormula('SUMIF(t.category, "output", t.score)').evaluate({ data: { t: TABLES['mixedCase'] } })).toBe(3);
    expect(compileFormula('SUMIF(t.category, "产出指标", t.score)').evaluate({ data: { t: TABLES['errors'] } })).toBe(ERRORS['#DIV/0!']);
  });

  test('a redefined SUMIF is never replaced by the specialisation', () => {
    const mine: FunctionDecl = { ...(defaultRegistry.get('SUMIF') as FunctionDecl), impl: () => 'mine' } as FunctionDecl;
    const registry: FunctionLookup = { get: (name) => (name === 'SUMIF' ? mine : defaultRegistry.get(name)) };
    expect(compileFormula('SUMIF(t.category, "产出指标", t.score)', { registry }).evaluate({ data: { t: TABLES['plain'] } })).toBe('mine');
  });
});

describe('specialised IF and ROUND give what the declared implementations give', () => {
  const values: unknown[] = [true, false, 0, 1, -2.5, 2.675, '', 'TRUE', 'false', 'abc', '3.14159', null, undefined, ERRORS['#N/A'], [1, 2], new Ratio(85, 90), new Dec('1.23456789012345678901234567')];
  const formulas = [
    'IF(x, "yes", "no")',
    'IF(x, "yes")',
    'IF(x>=1, x*2, x/0)',
    'ROUND(x, 2)',
    'ROUND(x, -1)',
    'ROUND(x, "1")',
    'ROUND(x, 2.9)',
    'ROUND(x, "a")',
    'ROUND(x, 1/0)',
    'ROUNDUP(x, 1)',
    'ROUNDDOWN(x, 0)',
    'ROUND(x*1.8, 2)',
  ];
  for (const formula of formulas) {
    test.each(values.map((v) => [String(v instanceof ErrorValue ? v.code : JSON.stringify(v) ?? 'undefined'), v]))(`${formula} with x = %s`, (_label, x) => {
      const [fast, generic] = both(formula, { data: { x } });
      expect(fast).toEqual(generic);
    });
  }

  test('known figures', () => {
    expect(compileFormula('ROUND(x, 2)').evaluate({ data: { x: 2.675 } })).toBe(2.68);
    expect(compileFormula('ROUND(a/t*w, 2)').evaluate({ data: { a: 85, t: 90, w: 10 } })).toBe(9.44);
    expect(compileFormula('IF(x>=60, "合格", "不合格")').evaluate({ data: { x: 60 } })).toBe('合格');
  });
});
