import { validateTemplate } from './check';
import { prefillFromProject, type ProjectFacts } from './project-prefill';
import type { Template } from './types';

function template(): Template {
  return {
    id: 'decl',
    kind: 'declaration',
    version: '1.0.0',
    title: '申报',
    schema: {
      type: 'object',
      properties: {
        projectName: { type: 'string', title: '项目名称', 'x-project': 'name' },
        projectCode: { type: 'string', title: '项目编码', 'x-project': 'code' },
        unit: { type: 'string', title: '预算单位', 'x-project': 'department' },
        fiscalYear: { type: 'integer', title: '申报年份', 'x-project': 'fiscalYear' },
        budgetType: { type: 'string', title: '预算类型', enum: ['一般公共预算', '政府性基金预算'], 'x-project': 'budgetType' },
        projectType: { type: 'string', title: '项目类型', enum: [{ label: '公共服务', value: '公共服务' }], 'x-project': 'projectType' },
        basics: {
          type: 'object',
          title: '基本信息',
          properties: { requested: { type: 'number', title: '本年度申请资金', 'x-money': true, 'x-project': 'requested' } },
        },
        note: { type: 'string', title: '说明' },
      },
    },
  };
}

const facts: ProjectFacts = {
  name: '党群服务中心运行经费',
  code: 'DQZX-2021-001',
  department: '党群中心',
  fiscalYear: 2021,
  budgetType: '一般公共预算',
  projectType: '专项业务',
  requested: '2574000.00',
};

describe('prefillFromProject', () => {
  test('fills the x-project fields that are absent, in nested sections too, as the field types want', () => {
    expect(prefillFromProject(template(), facts)).toEqual({
      projectName: '党群服务中心运行经费',
      projectCode: 'DQZX-2021-001',
      unit: '党群中心',
      fiscalYear: 2021,
      budgetType: '一般公共预算',
      basics: { requested: 2574000 },
    });
  });

  test('what the creator sent wins, and the data given is not changed', () => {
    const data = { projectName: '另一个名称', basics: { requested: 100 }, note: '备注' };
    const out = prefillFromProject(template(), facts, data);
    expect(out).toMatchObject({ projectName: '另一个名称', basics: { requested: 100 }, note: '备注', projectCode: 'DQZX-2021-001' });
    expect(data).toEqual({ projectName: '另一个名称', basics: { requested: 100 }, note: '备注' });
  });

  test('a value that does not fit the field is left out: not in the enum, not a number, unknown', () => {
    const out = prefillFromProject(template(), { ...facts, budgetType: '国有资本经营预算', fiscalYear: '二〇二一', requested: null, code: undefined });
    expect(out).not.toHaveProperty('budgetType');
    expect(out).not.toHaveProperty('fiscalYear');
    expect(out).not.toHaveProperty('basics');
    expect(out).not.toHaveProperty('projectCode');
    expect(out).not.toHaveProperty('projectType'); // 专项业务 is not one of the template's types
  });

  test('a monthly form takes its month as an integer and 以前月份累计支出 as money', () => {
    const t = template();
    t.schema.properties!['month'] = { type: 'integer', title: '月份', minimum: 1, maximum: 12, 'x-project': 'periodMonth' };
    t.schema.properties!['priorSpent'] = { type: 'number', title: '以前月份累计支出', 'x-money': true, 'x-project': 'spentBefore' };
    expect(validateTemplate(t)).toEqual([]);
    expect(prefillFromProject(t, { periodMonth: 6, spentBefore: '1234.56' })).toEqual({ month: 6, priorSpent: 1234.56 });
    expect(prefillFromProject(t, { periodMonth: 13 })).toEqual({}); // above the field's maximum
  });

  test('a value outside the field’s length or pattern is left out, so the new form still passes its shape check', () => {
    const t = template();
    Object.assign(t.schema.properties!['projectName']!, { maxLength: 4 });
    Object.assign(t.schema.properties!['projectCode']!, { pattern: '^[A-Z]+-\\d{4}-\\d{3}$' });
    expect(prefillFromProject(t, { name: '党群服务中心运行经费', code: 'DQZX-2021-001' })).toEqual({ projectCode: 'DQZX-2021-001' });
    expect(prefillFromProject(t, { name: '党群中心', code: 'dqzx-21' })).toEqual({ projectName: '党群中心' });
  });
});

describe('validateTemplate: x-project', () => {
  const codes = (t: Template): string[] => validateTemplate(t).map((d) => `${d.code} ${d.path}`);

  test('the template above is valid', () => {
    expect(validateTemplate(template())).toEqual([]);
  });

  test('an unknown attribute is a meta-schema error at the key', () => {
    const t = template();
    (t.schema.properties!['note'] as Record<string, unknown>)['x-project'] = 'owner';
    expect(codes(t).join('\n')).toContain('/schema/properties/note/x-project');
  });

  test('not on tables, rows, computed fields, or text attributes on number fields', () => {
    const t = template();
    const props = t.schema.properties!;
    props['rows'] = { type: 'array', title: '行', items: { type: 'object', properties: { name: { type: 'string', 'x-project': 'name' } } }, 'x-project': 'name' };
    props['total'] = { type: 'number', title: '合计', 'x-formula': 'basics.requested', 'x-project': 'requested' };
    props['count'] = { type: 'integer', title: '编号', 'x-project': 'code' };
    expect(codes(t)).toEqual([
      'PROJECT_FIELD_KIND /schema/properties/rows/x-project',
      'PROJECT_FIELD_IN_ROW /schema/properties/rows/items/properties/name/x-project',
      'PROJECT_FIELD_COMPUTED /schema/properties/total/x-project',
      'PROJECT_FIELD_TYPE /schema/properties/count/x-project',
    ]);
  });
});
