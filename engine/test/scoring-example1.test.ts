import template1 from './fixtures/example1-self-eval.json';
import data1 from './fixtures/example1-data.json';
import { score } from '../src/scoring/score';
import { evaluate } from '../src/compute/evaluate';
import { validateTemplate } from '../src/template/check';
import type { Template } from '../src/template/types';

const template = template1 as unknown as Template;
const variantB = { ...template, scoring: { ...template.scoring, reverse: 'B' as const } };

describe('DOMAIN.md §9 example 1 as a 项目支出绩效自评表', () => {
  test('the fixture template is valid', () => {
    expect(validateTemplate(template1)).toEqual([]);
  });

  test('variant A: 91.19 → 优', () => {
    const r = score(template, data1);
    expect(r.diagnostics).toEqual([]);
    expect(r.scores).toEqual({
      'funds.score': 9,
      'indicators[0].score': 18,
      'indicators[1].score': 15,
      'indicators[2].score': 13.5,
      'indicators[3].score': 11.25,
      'indicators[4].score': 15,
      'indicators[5].score': 9.44,
    });
    expect(r.total).toBe(91.19);
    expect(r.grade).toBe('优');
    expect(r.values.total).toBe(91.19);
    expect(r.values.grade).toBe('优');
  });

  test('variant B: 91.33 → 优', () => {
    const r = score(variantB, data1);
    expect(r.scores['indicators[2].score']).toBe(13.64);
    expect(r.total).toBe(91.33);
    expect(r.grade).toBe('优');
  });

  test('Guangxi grades: 优秀', () => {
    const gx = { ...template, scoring: { ...template.scoring, grades: [{ min: 90, label: '优秀' }, { min: 80, label: '良好' }, { min: 60, label: '合格' }, { min: 0, label: '不合格' }] } };
    expect(score(gx, data1).grade).toBe('优秀');
  });

  test('client values of computed fields are ignored; numeric text is a number', () => {
    const r = evaluate(template, data1);
    // the data claims funds.rate = 100, funds.score = 10 and indicators[5].score = 10
    expect(r.values.funds).toMatchObject({ rate: 90, score: 9 });
    expect((r.values.indicators as { score: number }[])[5]?.score).toBe(9.44);
    // indicators[2].actual was sent as the text "33"
    expect((r.values.indicators as { actual: unknown }[])[2]?.actual).toBe(33);
  });

  test('the trace shows rule, formula, inputs and result per item, then total and grade', () => {
    const r = score(template, data1);
    expect(r.trace[0]).toEqual({
      path: 'funds.score',
      label: '预算执行率得分',
      rule: 'execution',
      formula: 'ROUND(MIN(MAX(funds.spent, 0) / funds.adjusted, 1) * 10, 2)',
      inputs: { budget: 2000000, spent: 1800000, weight: 10 },
      result: 9,
    });
    expect(r.trace[1]).toMatchObject({
      path: 'indicators[0].score',
      label: '培训人次',
      rule: 'by-direction',
      applied: 'positive',
      inputs: { direction: '≥', actual: 450, target: 500, weight: 20 },
      result: 18,
    });
    expect(r.trace[3]).toMatchObject({ label: '平均办结天数', applied: 'reverse-A', result: 13.5 });
    expect(r.trace[5]).toMatchObject({ label: '长效机制建立', applied: 'qualitative', inputs: { rating: '达成年度指标' }, result: 15 });
    const total = r.trace[r.trace.length - 2];
    expect(total).toMatchObject({ path: 'total', rule: 'total', formula: 'funds.score + SUM(indicators.score)', inputs: { 'funds.score': 9, 'indicators.score': [18, 15, 13.5, 11.25, 15, 9.44] }, result: 91.19 });
    expect(r.trace[r.trace.length - 1]).toMatchObject({ path: 'grade', rule: 'grade', formula: 'GRADE(total)', inputs: { total: 91.19 }, result: '优' });
  });

  test('conditions: 定性-only fields hidden on other rows; reasons required where score < weight', () => {
    const r = evaluate(template, data1);
    expect(r.hidden).toContain('indicators[0].rating');
    expect(r.hidden).not.toContain('indicators[4].rating');
    expect(r.required).toEqual(['indicators[0].reason', 'indicators[2].reason', 'indicators[3].reason', 'indicators[5].reason']);
  });

  test('budget 0: the execution score is #DIV/0!, and so is the total', () => {
    const r = evaluate(template, { ...data1, funds: { adjusted: 0, spent: 100 } });
    expect(r.scores['funds.score']).toEqual({ error: '#DIV/0!' });
    expect(r.total).toEqual({ error: '#DIV/0!' });
    expect(r.grade).toEqual({ error: '#DIV/0!' });
  });
});
