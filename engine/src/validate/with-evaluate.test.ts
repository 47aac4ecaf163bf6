/**
 * The server's sequence: resolve the department variant, evaluate the template once, and pass
 * the evaluation (its hidden / required lists) to validation.
 */
import { evaluate } from '../compute/evaluate';
import { resolveTemplate } from '../template/variants';
import type { Template } from '../template/types';
import { validateSubmission, createSubmissionValidator } from './validator';

function template(): Template {
  return {
    id: 'self-eval',
    kind: 'self-evaluation',
    version: '2.0.0',
    title: '项目支出绩效自评表',
    schema: {
      type: 'object',
      required: ['adjusted', 'spent'],
      properties: {
        adjusted: { type: 'number', title: '全年预算数', 'x-money': true, minimum: 0 },
        spent: { type: 'number', title: '全年执行数', 'x-money': true, minimum: 0 },
        execRate: { type: 'number', title: '执行率', 'x-formula': 'ROUND(MIN(spent/adjusted,1)*100,2)' },
        lowRateReason: { type: 'string', title: '执行率偏低原因', minLength: 10, 'x-visible': 'execRate < 90', 'x-required-when': 'TRUE' },
        indicators: {
          type: 'array',
          title: '绩效指标',
          items: {
            type: 'object',
            required: ['level3', 'weight'],
            properties: {
              level3: { type: 'string', title: '三级指标' },
              direction: { type: 'string', title: '指标性质', enum: ['≥', '≤', '定性'] },
              target: { type: 'number', title: '年度指标值' },
              actual: { type: 'number', title: '实际完成值' },
              weight: { type: 'number', title: '分值' },
              score: { type: 'number', title: '得分', 'x-score': { preset: 'positive' } },
              reason: { type: 'string', title: '偏差原因分析及改进措施', 'x-required-when': 'score < weight' },
            },
          },
        },
      },
    },
    variants: { HWZX: { hide: ['lowRateReason'] } },
  };
}

const data = {
  adjusted: 100000,
  spent: 80000.5,
  execRate: 100, // a client value for a computed field: ignored
  indicators: [
    { level3: '清扫面积', direction: '≥', target: 100, actual: 100, weight: 20, score: 999 },
    { level3: '群众满意度', direction: '≥', target: 90, actual: 80, weight: 10 },
  ],
};

test('conditions come from evaluate(): low execution rate shows and requires the reason; under-target rows need a reason', () => {
  const t = template();
  const result = evaluate(t, data);
  expect(result.hidden).toEqual([]);
  const errors = validateSubmission(t, data, { computed: result });
  expect(errors.map((e) => `${e.path} ${e.code} ${e.message}`)).toEqual([
    'lowRateReason required “执行率偏低原因”不能为空',
    'indicators[1].reason required “绩效指标”第 2 行的“偏差原因分析及改进措施”不能为空',
  ]);
});

test('a full execution rate hides the reason; a filled reason passes', () => {
  const t = template();
  const full = { ...data, spent: 100000, indicators: [data.indicators[0], { ...data.indicators[1], reason: '宣传不足' }] };
  expect(validateSubmission(t, full, { computed: evaluate(t, full) })).toEqual([]);
});

test('a department variant hiding the field: resolve, evaluate and validate the resolved template', () => {
  const resolved = resolveTemplate(template(), 'HWZX01', [{ code: 'HWZX01', parent: 'HWZX' }]) as Template;
  const errors = createSubmissionValidator(resolved)(data, { computed: evaluate(resolved, data) });
  expect(errors.map((e) => e.path)).toEqual(['indicators[1].reason']);
});
