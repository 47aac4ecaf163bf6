import { evaluate } from '../compute/evaluate';
import { fieldsOf } from './fields';
import type { Template } from './types';
import { resolveTemplate, variantSource, VariantError, type DepartmentTree } from './variants';

/** 财政局 CZJ ← 城管局 CGJ ← 环卫中心 HWZX ← 一所 HWZX01 ; 教育局 JYJ (no overlay anywhere). */
const TREE: DepartmentTree = [
  { code: 'CZJ', parent: null },
  { code: 'CGJ', parent: 'CZJ' },
  { code: 'HWZX', parent: 'CGJ' },
  { code: 'HWZX01', parent: 'HWZX' },
  { code: 'HWZX02', parent: 'HWZX' },
  { code: 'JYJ', parent: 'CZJ' },
];

function template(): Template {
  return {
    id: 'street-self-eval',
    kind: 'self-evaluation',
    version: '1.0.0',
    title: '街道项目自评表',
    schema: {
      type: 'object',
      required: ['name', 'midYear'],
      properties: {
        name: { type: 'string', title: '项目名称' },
        midYear: {
          type: 'object',
          title: '年中问卷',
          required: ['question1', 'question3'],
          properties: {
            question1: { type: 'string', title: '项目支出是否达标' },
            question3: { type: 'string', title: '年度绩效目标能否实现' },
          },
        },
        indicators: {
          type: 'array',
          title: '绩效指标',
          default: [{ level3: '清扫面积', weight: 20 }],
          items: {
            type: 'object',
            required: ['level3', 'reason'],
            properties: {
              level3: { type: 'string', title: '三级指标' },
              actual: { type: 'number' },
              target: { type: 'number' },
              score: { type: 'number', title: '得分', 'x-score': { preset: 'positive', weight: 10 } },
              reason: { type: 'string', title: '偏差原因' },
            },
          },
        },
      },
    },
    scoring: { grades: [{ min: 90, label: '优' }, { min: 0, label: '差' }] },
    variants: {
      CGJ: {
        patch: [{ path: '/properties/indicators/items/properties/score/x-score/weight', value: 25 }],
        add: { properties: { 区域: { type: 'string', title: '清扫区域' } }, required: ['区域'] },
      },
      HWZX: {
        extends: true,
        hide: ['midYear.question3'],
        patch: [{ path: '/properties/indicators/default/0/weight', value: 30 }],
      },
      HWZX02: { hide: ['indicators[].reason'] },
    },
  };
}

const schemaOf = (t: { schema: unknown }): Record<string, unknown> => t.schema as Record<string, unknown>;

describe('resolveTemplate', () => {
  test('a department with its own overlay gets it applied; keeps id/version, gains resolvedFor, drops variants', () => {
    const r = resolveTemplate(template(), 'CGJ', TREE);
    expect(r.id).toBe('street-self-eval');
    expect(r.version).toBe('1.0.0');
    expect(r.resolvedFor).toBe('CGJ');
    expect('variants' in r).toBe(false);
    expect(r.schema.properties?.['区域']).toEqual({ type: 'string', title: '清扫区域' });
    expect(r.schema.required).toEqual(['name', 'midYear', '区域']);
  });

  test('patch of a weight changes the scoring input', () => {
    const original = template();
    const r = resolveTemplate(original, 'CGJ', TREE);
    expect(fieldsOf(r as Template).byPath.get('indicators[].score')?.score).toEqual({ preset: 'positive', weight: 25 });
    expect(fieldsOf(original).byPath.get('indicators[].score')?.score).toEqual({ preset: 'positive', weight: 10 });
  });

  test('…and the score computed from it', () => {
    const row = { level3: '清扫面积', target: 100, actual: 50 };
    const base = evaluate(template(), { indicators: [row] });
    const patched = evaluate(resolveTemplate(template(), 'CGJ', TREE) as Template, { indicators: [row] });
    expect(base.scores['indicators[0].score']).toBe(5); // 50/100 × 10
    expect(patched.scores['indicators[0].score']).toBe(12.5); // 50/100 × 25
  });

  test('a child without an overlay inherits its parent’s', () => {
    const r = resolveTemplate(template(), 'HWZX01', TREE);
    expect(r.resolvedFor).toBe('HWZX01');
    // HWZX's overlay (extends CGJ's)
    expect(r.schema.properties?.['midYear']?.properties?.['question3']).toBeUndefined();
    expect(variantSource(template(), 'HWZX01', TREE)).toBe('HWZX');
  });

  test('a grandchild of the overlay’s department inherits it too', () => {
    const tree: DepartmentTree = (code) => ({ A1: 'A', A: 'CGJ', CGJ: 'CZJ' })[code] ?? null;
    const r = resolveTemplate(template(), 'A1', tree);
    expect(r.schema.properties?.['区域']).toBeDefined();
    expect(variantSource(template(), 'A1', tree)).toBe('CGJ');
  });

  test('extends: true applies on top of the parent’s resolved template', () => {
    const r = resolveTemplate(template(), 'HWZX', TREE);
    // from CGJ
    expect(r.schema.properties?.['区域']).toBeDefined();
    expect(r.schema.properties?.['indicators']?.items?.properties?.['score']?.['x-score']).toEqual({ preset: 'positive', weight: 25 });
    // its own
    expect(r.schema.properties?.['indicators']?.default).toEqual([{ level3: '清扫面积', weight: 30 }]);
    expect(r.schema.properties?.['midYear']?.properties?.['question3']).toBeUndefined();
  });

  test('without extends an overlay replaces the inherited one (applies to the base template)', () => {
    const r = resolveTemplate(template(), 'HWZX02', TREE);
    expect(r.schema.properties?.['区域']).toBeUndefined();
    expect(r.schema.properties?.['indicators']?.items?.properties?.['score']?.['x-score']).toEqual({ preset: 'positive', weight: 10 });
    expect(r.schema.properties?.['indicators']?.items?.properties?.['reason']).toBeUndefined();
  });

  test('hide removes the field from properties and from required', () => {
    const hwzx = resolveTemplate(template(), 'HWZX', TREE);
    expect(hwzx.schema.properties?.['midYear']?.required).toEqual(['question1']);
    const row = resolveTemplate(template(), 'HWZX02', TREE).schema.properties?.['indicators']?.items;
    expect(row?.required).toEqual(['level3']);
    const t = template();
    t.variants = { X: { hide: ['midYear.question1', 'midYear.question3', 'indicators.reason'] } };
    const x = resolveTemplate(t, 'X', TREE);
    expect(x.schema.properties?.['midYear']?.required).toBeUndefined();
    expect(Object.keys(x.schema.properties?.['midYear']?.properties ?? {})).toEqual([]);
  });

  test('a department with no overlay up its chain gets the template as is', () => {
    const t = template();
    const r = resolveTemplate(t, 'JYJ', TREE);
    expect(r.schema).toEqual(t.schema);
    expect(r.resolvedFor).toBe('JYJ');
    // a code outside the tree is its own root
    expect(resolveTemplate(t, 'NOPE', TREE).schema).toEqual(t.schema);
  });

  test('an unknown patch pointer throws a VariantError naming the department and the pointer', () => {
    const t = template();
    t.variants = { CGJ: { patch: [{ path: '/properties/nope/title', value: 'x' }] } };
    let err: unknown;
    try {
      resolveTemplate(t, 'HWZX01', TREE);
    } catch (e) {
      err = e;
    }
    expect(err).toBeInstanceOf(VariantError);
    expect(err).toMatchObject({ reason: 'UNKNOWN_POINTER', department: 'CGJ', target: '/properties/nope/title' });
    expect((err as Error).message).toBe('部门“CGJ”的变体 patch 路径“/properties/nope/title”在模板中不存在');
    for (const path of ['properties/name/title', '/properties/indicators/default/5/weight', '/properties/name/title/x']) {
      t.variants = { CGJ: { patch: [{ path, value: 1 }] } };
      expect(() => resolveTemplate(t, 'CGJ', TREE)).toThrow(VariantError);
    }
  });

  test('patch may create a key on an existing node; unsafe keys are refused', () => {
    const t = template();
    t.variants = { CGJ: { patch: [{ path: '/properties/name/maxLength', value: 20 }] } };
    expect(resolveTemplate(t, 'CGJ', TREE).schema.properties?.['name']?.maxLength).toBe(20);
    t.variants = { CGJ: { patch: [{ path: '/properties/__proto__/polluted', value: 1 }] } };
    expect(() => resolveTemplate(t, 'CGJ', TREE)).toThrow(expect.objectContaining({ reason: 'UNSAFE_KEY' }));
    t.variants = { CGJ: { add: JSON.parse('{"properties": {"__proto__": {"polluted": 1}}}') as Template['schema'] } };
    expect(() => resolveTemplate(t, 'CGJ', TREE)).toThrow(expect.objectContaining({ reason: 'UNSAFE_KEY' }));
    expect(({} as Record<string, unknown>)['polluted']).toBeUndefined();
  });

  test('an unknown hidden field throws', () => {
    const t = template();
    t.variants = { CGJ: { hide: ['midYear.question9'] } };
    expect(() => resolveTemplate(t, 'CGJ', TREE)).toThrow(expect.objectContaining({ reason: 'UNKNOWN_FIELD', target: 'midYear.question9' }));
  });

  test('the original template is not mutated', () => {
    const t = template();
    const before = JSON.parse(JSON.stringify(t)) as unknown;
    const r1 = resolveTemplate(t, 'HWZX01', TREE);
    resolveTemplate(t, 'HWZX02', TREE);
    expect(t).toEqual(before);
    // and results do not share the parts overlays changed
    (schemaOf(r1)['properties'] as Record<string, unknown>)['name'] = 'changed';
    expect(t).toEqual(before);
  });

  test('a cycle in the department tree throws instead of looping', () => {
    const tree: DepartmentTree = [
      { code: 'A', parent: 'B' },
      { code: 'B', parent: 'A' },
    ];
    expect(() => resolveTemplate(template(), 'A', tree)).toThrow(expect.objectContaining({ reason: 'TREE_CYCLE' }));
  });

  test('resolving a resolved template is refused', () => {
    const r = resolveTemplate(template(), 'CGJ', TREE);
    expect(() => resolveTemplate(r as unknown as Template, 'CGJ', TREE)).toThrow(expect.objectContaining({ reason: 'ALREADY_RESOLVED' }));
  });
});
