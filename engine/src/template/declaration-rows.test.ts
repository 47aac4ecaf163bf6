import { validateTemplate } from './check';
import { prefillFromDeclaration } from './declaration-rows';
import type { Template } from './types';

function selfEval(): Template {
  return {
    id: 'self',
    kind: 'self-evaluation',
    version: '1.0.0',
    title: '自评',
    schema: {
      type: 'object',
      properties: {
        indicators: {
          type: 'array',
          title: '绩效指标',
          'x-declaration': 'annualIndicators',
          items: {
            type: 'object',
            properties: {
              level3: { type: 'string', title: '三级指标' },
              direction: { type: 'string', title: '指标性质', enum: ['≥', '≤', '定性'] },
              target: { type: 'number', title: '指标值' },
              weight: { type: 'number', title: '分值' },
              actual: { type: 'number', title: '实际完成值' },
              score: { type: 'number', title: '得分', 'x-formula': 'weight' },
            },
          },
        },
        note: { type: 'string', title: '说明' },
      },
    },
  };
}

const declaration = {
  projectName: '党群服务中心运行经费',
  annualIndicators: [
    { level3: '开展党建活动场次', direction: '≥', target: 20, weight: 30, unit: '次', score: 99, remark: '申报备注' },
    { level3: '群众满意度', direction: '≥', target: '九成', weight: 20 },
    { level3: '活动简报', direction: '按时', target: 1, weight: null },
  ],
};

describe('prefillFromDeclaration', () => {
  test('the table starts with the declaration rows, keeping the columns both tables have whose values fit', () => {
    expect(prefillFromDeclaration(selfEval(), declaration)).toEqual({
      indicators: [
        { level3: '开展党建活动场次', direction: '≥', target: 20, weight: 30 }, // unit, remark: not columns here; score: computed here
        { level3: '群众满意度', direction: '≥', weight: 20 }, // target "九成" is not a number
        { level3: '活动简报', target: 1 }, // "按时" is not one of the directions; a null weight is left out
      ],
    });
  });

  test('rows the creator sent stay as sent; without a declaration nothing is added', () => {
    const data = { indicators: [{ level3: '自填' }], note: '说明' };
    expect(prefillFromDeclaration(selfEval(), declaration, data)).toEqual(data);
    expect(prefillFromDeclaration(selfEval(), undefined, { note: '说明' })).toEqual({ note: '说明' });
    expect(prefillFromDeclaration(selfEval(), { annualIndicators: '不是表格' })).toEqual({});
  });

  test('validateTemplate: only a table of rows at the root of the form can take declaration rows', () => {
    expect(validateTemplate(selfEval())).toEqual([]);
    const t = selfEval();
    (t.schema.properties!['note'] as Record<string, unknown>)['x-declaration'] = 'annualIndicators';
    expect(validateTemplate(t).map((d) => `${d.code} ${d.path}`)).toEqual(['DECLARATION_FIELD_KIND /schema/properties/note/x-declaration']);
  });
});
