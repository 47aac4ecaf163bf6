import template1 from '../../test/fixtures/example1-self-eval.json';
import { validateTemplate, hasErrors } from './check';

type Json = Record<string, unknown>;
const base = (properties: Json, extra: Json = {}): Json => ({
  id: 't',
  kind: 'self-evaluation',
  version: '1.0.0',
  title: '测试表',
  schema: { type: 'object', properties },
  ...extra,
});
const codes = (t: unknown) => validateTemplate(t).map((d) => [d.code, d.path]);

test('the example template is valid', () => {
  expect(validateTemplate(template1)).toEqual([]);
});

test('meta-schema: missing keys, bad id, unknown kind, x-reactions, bad keys, typos', () => {
  const t = base(
    {
      a: { type: 'number', 'x-reactions': { dependencies: ['b'] } },
      'b-c': { type: 'string' },
      c: { type: 'number', 'x-fomula': '1+1' },
    },
    { id: 'Bad Id', kind: 'budget' },
  );
  delete t.title;
  expect(codes(t)).toEqual(
    expect.arrayContaining([
      ['TEMPLATE_SCHEMA', '/title'],
      ['TEMPLATE_SCHEMA', '/id'],
      ['TEMPLATE_SCHEMA', '/kind'],
      ['TEMPLATE_X_REACTIONS', '/schema/properties/a/x-reactions'],
      ['TEMPLATE_BAD_KEY', '/schema/properties/b-c'],
      ['TEMPLATE_SCHEMA', '/schema/properties/c/x-fomula'],
    ]),
  );
});

test('{{ }} anywhere is rejected', () => {
  const t = base({ a: { type: 'string', 'x-component-props': { placeholder: '{{ alert(1) }}' } } });
  expect(codes(t)).toEqual([['TEMPLATE_EXPRESSION', '/schema/properties/a/x-component-props/placeholder']]);
});

test('unknown preset and malformed preset parameters', () => {
  const t = base({
    s: { type: 'number', 'x-score': { preset: 'bonus' } },
    u: { type: 'number', 'x-score': { preset: 'positive', actual: 'a', extra: 1 } },
    v: { type: 'number', 'x-score': { preset: 'positive', formula: 'a' } },
    a: { type: 'number' },
    target: { type: 'number' },
    weight: { type: 'number' },
  });
  const c = codes(t);
  expect(c).toContainEqual(['TEMPLATE_UNKNOWN_PRESET', '/schema/properties/s/x-score/preset']);
  expect(c).toContainEqual(['TEMPLATE_SCHEMA', '/schema/properties/u/x-score/extra']);
  expect(c.some(([code, p]) => code === 'TEMPLATE_SCHEMA' && p === '/schema/properties/v/x-score')).toBe(true);
});

test('formula problems carry the formula path, position and field', () => {
  const t = base({
    a: { type: 'number' },
    b: { type: 'number', 'x-formula': 'a +* 2' },
    c: { type: 'number', 'x-formula': 'SUMM(a) + ROUND(a)' },
    d: { type: 'number', 'x-formula': 'a + nope' },
  });
  const ds = validateTemplate(t);
  const syntax = ds.find((d) => d.path === '/schema/properties/b/x-formula');
  expect(syntax).toMatchObject({ severity: 'error', params: { line: 1, column: 4, field: 'b' }, span: { start: 3 } });
  expect(ds.filter((d) => d.path === '/schema/properties/c/x-formula').map((d) => d.code)).toEqual(['FORMULA_UNKNOWN_FUNCTION', 'FORMULA_ARITY']);
  const unknown = ds.find((d) => d.code === 'FORMULA_UNKNOWN_FIELD');
  expect(unknown).toMatchObject({ path: '/schema/properties/d/x-formula', span: { start: 4, end: 8 }, params: { ref: 'nope', field: 'd' } });
});

test('row formulas see row siblings and root fields; columns from outside', () => {
  const t = base({
    factor: { type: 'number' },
    rows: {
      type: 'array',
      items: { type: 'object', properties: { x: { type: 'number' }, y: { type: 'number', 'x-formula': 'x * factor' }, z: { type: 'number', 'x-formula': 'missing + 1' } } },
    },
    sum: { type: 'number', 'x-formula': 'SUM(rows.y) + COUNT(rows.x)' },
    bad: { type: 'number', 'x-formula': 'y + rows.w' },
  });
  const ds = validateTemplate(t);
  expect(ds.map((d) => [d.code, d.path, d.params.ref])).toEqual([
    ['FORMULA_UNKNOWN_FIELD', '/schema/properties/rows/items/properties/z/x-formula', 'missing'],
    ['FORMULA_UNKNOWN_FIELD', '/schema/properties/bad/x-formula', 'y'],
    ['FORMULA_UNKNOWN_FIELD', '/schema/properties/bad/x-formula', 'rows.w'],
  ]);
});

test('a cycle a = b + 1, b = a * 2 is one diagnostic naming both fields', () => {
  const t = base({ a: { type: 'number', 'x-formula': 'b + 1' }, b: { type: 'number', 'x-formula': 'a * 2' }, c: { type: 'number', 'x-formula': 'a + 1' } });
  const ds = validateTemplate(t);
  expect(ds).toHaveLength(1);
  expect(ds[0]).toMatchObject({ code: 'FORMULA_CYCLE', path: '/schema/properties/a/x-formula', params: { cycle: ['a', 'b'] } });
  expect(ds[0]?.message).toContain('a → b → a');
});

test('a self-reference and a three-field cycle', () => {
  const self = validateTemplate(base({ a: { type: 'number', 'x-formula': 'a + 1' } }));
  expect(self.map((d) => d.params.cycle)).toEqual([['a']]);
  const three = validateTemplate(base({ a: { type: 'number', 'x-formula': 'c' }, b: { type: 'number', 'x-formula': 'a' }, c: { type: 'number', 'x-formula': 'b' } }));
  expect(three.map((d) => d.params.cycle)).toEqual([['a', 'c', 'b']]);
});

test('grade bands must cover 0–100 without overlap', () => {
  const gap = base({}, { scoring: { grades: [{ min: 90, label: '优' }, { min: 60, label: '中' }] } });
  expect(codes(gap)).toEqual([['GRADES_GAP', '/scoring/grades']]);
  const overlap = base({}, { scoring: { grades: [{ min: 90, label: '优' }, { min: 90, label: '良' }, { min: 0, label: '差' }] } });
  expect(codes(overlap)).toEqual([['GRADES_OVERLAP', '/scoring/grades/1/min']]);
});

test('qualitative bands malformed', () => {
  const t = base({}, {
    scoring: {
      qualitative: [
        { label: '达成', min: 0.8, max: 1, default: 1 },
        { label: '部分达成', min: 0.5, max: 0.9, default: 0.95 },
        { label: '未达成', min: 0.3, max: 0.2, default: 0.2 },
      ],
    },
  });
  expect(codes(t)).toEqual([
    ['QUALITATIVE_BAND_DEFAULT', '/scoring/qualitative/1/default'],
    ['QUALITATIVE_BAND_RANGE', '/scoring/qualitative/2'],
    ['QUALITATIVE_BAND_OVERLAP', '/scoring/qualitative/0'],
  ]);
});

test('weights of scored items must add up to weightTotal', () => {
  const t = JSON.parse(JSON.stringify(template1)) as { schema: { properties: { indicators: { default: { weight: number }[] } } } };
  (t.schema.properties.indicators.default[0] as { weight: number }).weight = 25;
  const ds = validateTemplate(t);
  expect(ds.map((d) => [d.code, d.path, d.params.actual, d.params.expected])).toEqual([['WEIGHT_TOTAL', '/scoring/weightTotal', 105, 100]]);
  expect(hasErrors(ds)).toBe(true);
});

test('tiers in order, deduction needs points or ratio, scoring.total must exist', () => {
  const t = base(
    {
      v: { type: 'number' },
      s: { type: 'number', 'x-score': { preset: 'tiered', value: 'v', tiers: [{ max: 10, score: 4 }, { max: 0, score: 5 }, { score: 0 }] } },
      d: { type: 'number', 'x-score': { preset: 'deduction', value: 'v', threshold: 100, weight: 5, direction: 'above' } },
    },
    { scoring: { total: 'sum' } },
  );
  expect(codes(t)).toEqual([
    ['TEMPLATE_UNKNOWN_FIELD', '/scoring/total'],
    ['TIERS_ORDER', '/schema/properties/s/x-score/tiers/1/max'],
    ['DEDUCTION_POINTS', '/schema/properties/d/x-score'],
  ]);
});

test('not an object', () => {
  expect(codes(null)).toEqual([['TEMPLATE_NOT_OBJECT', '']]);
  expect(codes([])).toEqual([['TEMPLATE_NOT_OBJECT', '']]);
});

test('preset parameters naming unknown fields; by-direction without a rating column is fine', () => {
  const t = base({
    rows: {
      type: 'array',
      items: {
        type: 'object',
        properties: {
          direction: { type: 'string' },
          target: { type: 'number' },
          actual: { type: 'number' },
          weight: { type: 'number' },
          score: { type: 'number', 'x-score': { preset: 'by-direction' } },
          s2: { type: 'number', 'x-score': { preset: 'positive', actual: 'done' } },
        },
      },
    },
  });
  const ds = validateTemplate(t);
  expect(ds.map((d) => [d.code, d.path, d.params.ref, d.params.preset, d.span])).toEqual([
    ['FORMULA_UNKNOWN_FIELD', '/schema/properties/rows/items/properties/s2/x-score', 'done', 'positive', undefined],
  ]);
});

test('malformed documents never throw: every problem is a diagnostic', () => {
  const bad: unknown[] = [
    {},
    { id: 't', kind: 'other', version: '1.0.0', title: 't', schema: 'x' },
    { id: 't', kind: 'other', version: '1.0.0', title: 't', schema: { type: 'object', properties: { a: 'x', b: { items: [] }, c: { properties: 5 } } } },
    base({ s: { type: 'number', 'x-score': 'positive' }, t: { type: 'number', 'x-score': { preset: 'tiered', value: 'v', tiers: 'x' } }, u: { 'x-formula': 5 }, v: { 'x-score': { formula: 7 } } }),
    base({}, { scoring: { grades: [{ min: 'a' }, null], qualitative: [{}], warning: { rule: 'x' }, weightTotal: 'x', total: 5 } }),
    base({}, { scoring: 'x' }),
  ];
  for (const t of bad) {
    const ds = validateTemplate(t);
    expect(ds.length).toBeGreaterThan(0);
    for (const d of ds) expect(typeof d.path).toBe('string');
  }
});

test('department variants must give valid templates too', () => {
  const t = JSON.parse(JSON.stringify(template1)) as Record<string, unknown>;
  t.variants = {
    OK: { patch: [{ path: '/properties/indicators/default/0/weight', value: 15 }, { path: '/properties/indicators/default/1/weight', value: 20 }] },
    HWZX: { patch: [{ path: '/properties/indicators/default/0/weight', value: 25 }] },
    ADD: { add: { properties: { extra: { type: 'number', 'x-formula': 'nope * 2' } } } },
    BAD: { patch: [{ path: '/properties/nothing/title', value: 'x' }] },
  };
  const ds = validateTemplate(t);
  expect(ds.map((d) => [d.code, d.path, d.params.department])).toEqual([
    ['WEIGHT_TOTAL', '/variants/HWZX', 'HWZX'],
    ['FORMULA_UNKNOWN_FIELD', '/variants/ADD', 'ADD'],
    ['VARIANT_INVALID', '/variants/BAD', 'BAD'],
  ]);
  expect(ds[0]?.params).toMatchObject({ at: '/scoring/weightTotal', actual: 105 });
  expect(ds[1]?.params).toMatchObject({ at: '/schema/properties/extra/x-formula', ref: 'nope' });
  expect(ds[0]?.message).toContain('部门“HWZX”的变体');
});
