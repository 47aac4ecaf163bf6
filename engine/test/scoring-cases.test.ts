import { evaluate } from '../src/compute/evaluate';
import { compileTemplate } from '../src/compute/graph';
import { score } from '../src/scoring/score';
import { validateTemplate } from '../src/template/check';
import type { FieldSchema, ScoreRule, ScoringConfig, Template } from '../src/template/types';

const tpl = (properties: Record<string, FieldSchema>, scoring?: ScoringConfig, kind: Template['kind'] = 'self-evaluation'): Template => ({
  id: 't',
  kind,
  version: '1.0.0',
  title: '测试',
  schema: { type: 'object', properties },
  ...(scoring ? { scoring } : {}),
});

const rowTable = (rule: ScoreRule, extra: Record<string, FieldSchema> = {}): Template =>
  tpl({
    indicators: {
      type: 'array',
      'x-indicator': { levels: 3 },
      items: {
        type: 'object',
        properties: {
          level3: { type: 'string' },
          direction: { type: 'string' },
          target: { type: 'number' },
          weight: { type: 'number' },
          actual: { type: 'number' },
          rating: { type: 'string' },
          entered: { type: 'number' },
          score: { type: 'number', 'x-score': rule },
          ...extra,
        },
      },
    },
    total: { type: 'number', 'x-formula': 'SUM(indicators.score)' },
  });

const scoresOf = (t: Template, rows: Record<string, unknown>[]) => {
  const r = evaluate(t, { indicators: rows });
  return rows.map((_, i) => r.scores[`indicators[${i}].score`]);
};

describe('grade boundaries are exact', () => {
  const t = tpl(
    {
      items: { type: 'array', items: { type: 'object', properties: { s: { type: 'number', 'x-score': { formula: 'ROUND(s0, 1)' } }, s0: { type: 'number' } } } },
    },
    { grades: [{ min: 90, label: '优' }, { min: 80, label: '良' }, { min: 60, label: '中' }, { min: 0, label: '差' }] },
  );
  test.each([
    [90, '优'],
    [80, '良'],
    [60, '中'],
  ])('a total of 0.1-step scores that is exactly %s grades %s', (total, grade) => {
    // 0.1 added total×10 times: with JS floats that sum is not the integer
    const rows = Array.from({ length: total * 10 }, () => ({ s0: 0.1 }));
    let float = 0;
    for (const _ of rows) float += 0.1;
    expect(float).not.toBe(total);
    const r = evaluate(t, { items: rows });
    expect(r.total).toBe(total);
    expect(r.grade).toBe(grade);
  });
  test('59.9 is 差', () => {
    const r = evaluate(t, { items: [{ s0: 59.9 }] });
    expect([r.total, r.grade]).toEqual([59.9, '差']);
  });
});

describe('quantitative presets in a table', () => {
  test('positive: capped over-achievement, proportional below, negative actual → 0', () => {
    const t = rowTable({ preset: 'positive' });
    expect(scoresOf(t, [{ target: 500, actual: 1000, weight: 20 }, { target: 500, actual: 450, weight: 20 }, { target: 500, actual: -1, weight: 20 }])).toEqual([20, 18, 0]);
  });
  test('equal with a zero target', () => {
    const t = rowTable({ preset: 'equal' });
    expect(scoresOf(t, [{ target: 0, actual: 0, weight: 10 }, { target: 0, actual: 1, weight: 10 }, { target: 0, weight: 10 }, { target: 10, actual: 9, weight: 10 }])).toEqual([10, 0, 10, 9]);
  });
  test('reverse at exactly 2× target is 0 (A); B gives t/a × w', () => {
    expect(scoresOf(rowTable({ preset: 'reverse' }), [{ target: 30, actual: 60, weight: 15 }, { target: 30, actual: 45, weight: 15 }])).toEqual([0, 7.5]);
    expect(scoresOf(rowTable({ preset: 'reverse', variant: 'B' }), [{ target: 30, actual: 60, weight: 15 }])).toEqual([7.5]);
  });
  test('by-direction with ASCII directions and numbers given as text', () => {
    const t = rowTable({ preset: 'by-direction' });
    expect(scoresOf(t, [{ direction: '>=', target: '500', actual: '450', weight: '20' }, { direction: '<=', target: 30, actual: 33, weight: 15 }, { direction: '=', target: 0, actual: 0, weight: 5 }])).toEqual([18, 13.5, 5]);
  });
  test('numbers as parameters', () => {
    const t = rowTable({ preset: 'positive', weight: 20, target: 500 });
    expect(scoresOf(t, [{ actual: 450 }])).toEqual([18]);
  });
});

describe('qualitative', () => {
  const t = rowTable({ preset: 'qualitative', score: 'entered' });
  test('band defaults, and entered scores at the band edges', () => {
    expect(
      scoresOf(t, [
        { rating: '达成年度指标', weight: 10 },
        { rating: '部分达成', weight: 10 },
        { rating: '未达成', weight: 10 },
        { rating: '达成', weight: 10, entered: 8 },
        { rating: '达成', weight: 10, entered: 10 },
        { rating: '部分达成', weight: 10, entered: 6 },
        { rating: '部分达成', weight: 10, entered: 7.99 },
        { rating: '未达成', weight: 10, entered: 0 },
      ]),
    ).toEqual([10, 7, 4, 8, 10, 6, 7.99, 0]);
  });
  test('an entered score outside its band is rejected with SCORE_OUT_OF_BAND at the row', () => {
    const r = evaluate(t, { indicators: [{ rating: '达成', weight: 10, entered: 9 }, { rating: '部分达成', weight: 10, entered: 8 }] });
    expect(r.scores['indicators[1].score']).toEqual({ error: '#NUM!' });
    expect(r.scores['indicators[0].score']).toBe(9);
    expect(r.total).toEqual({ error: '#NUM!' });
    expect(r.diagnostics).toEqual([
      expect.objectContaining({ code: 'SCORE_OUT_OF_BAND', severity: 'error', path: '/indicators/1/entered', params: expect.objectContaining({ row: 1, rating: '部分达成年度指标并具有一定效果', score: 8, min: 6, max: 8, field: 'indicators[1].score' }) }),
    ]);
    expect(r.diagnostics[0]?.message).toContain('6 到 8');
  });
  test('template bands override the defaults', () => {
    const custom: Template = { ...t, scoring: { qualitative: [{ label: '好', min: 0.5, max: 1, default: 0.9 }, { label: '差', min: 0, max: 0.5, default: 0.2 }] } };
    expect(scoresOf(custom, [{ rating: '好', weight: 10 }, { rating: '差', weight: 10 }])).toEqual([9, 2]);
  });
});

describe('department-overall rules (DOMAIN §3.3)', () => {
  const t = tpl({
    staff: { type: 'number', title: '在职人数' },
    quota: { type: 'number', title: '编制数' },
    staffRate: { type: 'number', title: '在职人员控制率', 'x-formula': 'staff / quota * 100' },
    staffScore: { type: 'number', 'x-score': { preset: 'deduction', value: 'staffRate', threshold: 100, weight: 5, direction: 'above', ratio: 0.1 } },
    completion: { type: 'number', title: '预算完成率' },
    completionScore: { type: 'number', 'x-score': { preset: 'deduction', value: 'completion', threshold: 100, weight: 5, direction: 'below', step: 5, points: 2, partial: 'floor' } },
    initial: { type: 'number', title: '年初预算' },
    added: { type: 'number', title: '本年追加预算' },
    controlRate: { type: 'number', 'x-formula': 'added / initial * 100' },
    controlScore: {
      type: 'number',
      'x-score': { preset: 'tiered', value: 'controlRate', tiers: [{ max: 0, score: 5 }, { max: 10, score: 4 }, { max: 20, score: 3 }, { max: 30, score: 2 }, { score: 0 }] },
    },
  });
  test('the template is valid', () => expect(validateTemplate(t)).toEqual([]));
  test('在职人员控制率: each point above 100 costs 0.1 of full marks', () => {
    const s = (staff: number) => evaluate(t, { staff, quota: 100 }).scores.staffScore;
    expect([s(95), s(100), s(103), s(110), s(130)]).toEqual([5, 5, 3.5, 0, 0]);
  });
  test('预算完成率: each 5% below costs 2', () => {
    const s = (completion: number) => evaluate(t, { completion }).scores.completionScore;
    expect([s(100), s(96), s(95), s(90), s(80)]).toEqual([5, 5, 3, 1, 0]);
  });
  test('预算控制率 tiers, upper bound inclusive', () => {
    const s = (added: number) => evaluate(t, { initial: 1000, added }).scores.controlScore;
    expect([s(0), s(50), s(100), s(101), s(200), s(300), s(301)]).toEqual([5, 4, 4, 3, 3, 2, 0]);
  });
  test('the trace shows the compiled preset formulas', () => {
    const r = score(t, { staff: 103, quota: 100, completion: 90, initial: 1000, added: 150 });
    const byPath = Object.fromEntries(r.trace.map((e) => [e.path, e]));
    expect(byPath.staffScore).toMatchObject({ rule: 'deduction', formula: 'SCORE_DEDUCT(staffRate, 100, 5, "above", 1, 0.5)', inputs: { value: 103, weight: 5 }, result: 3.5 });
    expect(byPath.controlScore).toMatchObject({ rule: 'tiered', formula: 'IFS(controlRate <= 0, 5, controlRate <= 10, 4, controlRate <= 20, 3, controlRate <= 30, 2, TRUE, 0)', inputs: { value: 15 }, result: 3 });
    // no total field: the total is the exact sum of the scores
    expect(r.total).toBe(3.5 + 1 + 3);
  });
});

describe('errors are values', () => {
  test('MIN(done/0, 1) * w is #DIV/0!, not the full weight', () => {
    const t = tpl({ done: { type: 'number' }, plan: { type: 'number' }, s: { type: 'number', 'x-score': { formula: 'MIN(done / plan, 1) * 10' } } });
    const r = evaluate(t, { done: 5, plan: 0 });
    expect(r.scores.s).toEqual({ error: '#DIV/0!' });
    expect(r.total).toEqual({ error: '#DIV/0!' });
    expect(evaluate(t, { done: 5, plan: 10 }).scores.s).toBe(5);
  });
  test('a cycle evaluates to an error value, never to the client value', () => {
    const t = tpl({ a: { type: 'number', 'x-formula': 'b + 1' }, b: { type: 'number', 'x-formula': 'a * 2' }, c: { type: 'number', 'x-formula': 'a + 1' }, d: { type: 'number', 'x-formula': '1 + 1' } });
    const r = evaluate(t, { a: 1, b: 2, c: 3 });
    expect(r.values).toEqual({ a: { error: '#REF!' }, b: { error: '#REF!' }, c: { error: '#REF!' }, d: 2 });
    expect(compileTemplate(t).cycles).toEqual([['a', 'b']]);
  });
});

describe('exactness and context', () => {
  test('exact values flow between formulas; JSON numbers only in the output', () => {
    const t = tpl({ a: { type: 'number' }, third: { type: 'number', 'x-formula': 'a / 3' }, back: { type: 'number', 'x-formula': 'third * 3' }, sum: { type: 'number', 'x-formula': '0.1 + 0.2' } });
    expect(evaluate(t, { a: 1 }).values).toEqual({ a: 1, third: 1 / 3, back: 1, sum: 0.3 });
  });
  test('text never concatenates in number fields', () => {
    const t = tpl({ a: { type: 'number' }, b: { type: 'number' }, s: { type: 'number', 'x-formula': 'a + b' }, j: { type: 'string', 'x-formula': 'a & b' } });
    expect(evaluate(t, { a: '1,000.5', b: ' 2 ' }).values).toEqual({ a: 1000.5, b: 2, s: 1002.5, j: '1000.52' });
  });
  test('TODAY() and GRADE() read the context', () => {
    const t = tpl({ d: { type: 'number', 'x-formula': 'TODAY()' }, y: { type: 'number', 'x-formula': 'YEAR(TODAY())' }, g: { type: 'string', 'x-formula': 'GRADE(75)' } }, { grades: [{ min: 70, label: '良' }, { min: 0, label: '差' }] });
    expect(evaluate(t, {}, { today: '2025-12-31' }).values).toMatchObject({ y: 2025, g: '良' });
  });
  test('compiled once per template object', () => {
    const t = tpl({ a: { type: 'number' }, b: { type: 'number', 'x-formula': 'a * 2' } });
    const c = compileTemplate(t);
    for (let i = 0; i < 100; i++) evaluate(t, { a: i });
    expect(compileTemplate(t)).toBe(c);
    expect(c.order.map((s) => s.id)).toEqual(['b']);
  });
  test('topological order: dependencies first, document order otherwise', () => {
    const t = tpl({
      total: { type: 'number', 'x-formula': 'x + y' },
      y: { type: 'number', 'x-formula': 'x * 2' },
      x: { type: 'number', 'x-formula': 'base + 1' },
      base: { type: 'number' },
      z: { type: 'number', 'x-formula': 'base' },
    });
    expect(compileTemplate(t).order.map((s) => s.id)).toEqual(['x', 'y', 'total', 'z']);
    expect(evaluate(t, { base: 1 }).values).toEqual({ base: 1, x: 2, y: 4, total: 6, z: 1 });
  });
});

describe('monitoring lights (DOMAIN §9 example 4)', () => {
  const t = tpl(
    {
      budget: { type: 'number', title: '调整后预算数', 'x-money': true },
      spent: { type: 'number', title: '累计执行数', 'x-money': true },
      light: { type: 'string', title: '预警', 'x-formula': 'WARNING_LIGHT(spent, budget)' },
      progress: { type: 'number', title: '支出进度(%)', 'x-formula': 'TRUNCPCT(spent / budget)' },
    },
    undefined,
    'monitoring',
  );
  test.each([
    [200000, 1000000, 'red'],
    [350000, 1000000, 'yellow'],
    [450000, 1000000, 'green'],
    [100, 0, 'red'],
  ])('spent %s of %s at month 6 → %s', (spent, budget, light) => {
    expect(evaluate(t, { spent, budget }, { month: 6 }).values.light).toBe(light);
  });
  test('the gap rule from the template', () => {
    const g: Template = { ...t, scoring: { warning: { rule: 'gap', yellow: 10, red: 20 } } };
    expect([450000, 350000, 250000].map((spent) => evaluate(g, { spent, budget: 1000000 }, { month: 6 }).values.light)).toEqual(['green', 'yellow', 'red']);
  });
  test('truncated percentages (DOMAIN §7.6)', () => {
    expect(evaluate(t, { spent: 450000, budget: 4074000 }, { month: 6 }).values.progress).toBe(11.04);
  });
});
