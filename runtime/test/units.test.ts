/** Pure pieces of the runtime (no browser): schema mapping, paths, router, money and percent text. */
import { div, mul } from '@jixiao/engine';
import { ApiError, toFormilyPath } from '../src/api/client';
import { matchPath, parseLocation } from '../src/app/router';
import { dataPathToPath, formatPercentTruncated, formatScalar, parseMoneyText, pointerToPath, sumColumn } from '../src/form/engine-adapter';


import { toFormilySchema, toPattern, walkFields } from '../src/form/to-formily';
import type { SchemaNode } from '../src/form/template-types';
import { formatScalarValue } from '../src/pages/submission/field-labels';
import sample from './harness/sample-self-eval.json';

const schema = sample.schema as SchemaNode;

describe('toFormilySchema', () => {
  const f = toFormilySchema(schema);
  const props = f.properties as Record<string, Record<string, unknown>>;

  test('computed fields render as ComputedField with their formula, inputs by type', () => {
    expect(props['total']?.['x-component']).toBe('ComputedField');
    expect((props['total']?.['x-component-props'] as Record<string, unknown>)['formula']).toBe('execScore + SUM(indicators.score)');
    expect(props['budget']?.['x-component']).toBe('MoneyInput');
    expect(props['总体目标']?.['x-component']).toBe('Input.TextArea');
  });

  test('validation keywords stay with the engine: no Formily validators, required only as the asterisk', () => {
    const goal = props['总体目标'] as Record<string, unknown>;
    expect(goal['minLength']).toBeUndefined();
    expect(goal['required']).toBeUndefined();
    expect((goal['x-decorator-props'] as Record<string, unknown>)['asterisk']).toBe(true);
    expect((props['execRate']?.['x-decorator-props'] as Record<string, unknown>)['asterisk']).toBe(false);
  });

  test('an object array becomes an ArrayTable with sort, index, data and operation columns and totals info', () => {
    const table = props['indicators'] as Record<string, unknown>;
    expect(table['x-component']).toBe('ArrayTable');
    const cols = Object.keys((table['items'] as { properties: Record<string, unknown> }).properties);
    expect(cols[0]).toBe('__sort');
    expect(cols[1]).toBe('__index');
    expect(cols.at(-1)).toBe('__ops');
    expect(cols).toContain('score');
    const info = (table['x-component-props'] as { columnsInfo: Array<{ key: string; total: number | null }> }).columnsInfo;
    expect(info.filter((c) => c.total !== null).map((c) => c.key)).toEqual(['weight', 'score']);
  });

  test('x-index orders fields', () => {
    const s: SchemaNode = { type: 'object', properties: { b: { type: 'string' }, a: { type: 'string', 'x-index': 1 } } };
    expect(Object.keys(toFormilySchema(s).properties as object)).toEqual(['a', 'b']);
  });

  test('a Formily-style enum shows its labels and stores its values; a computed one shows the label of its value', () => {
    const lights = [{ label: '红灯', value: 'red' }, { label: '绿灯', value: 'green' }];
    const s: SchemaNode = {
      type: 'object',
      properties: {
        plain: { type: 'string', enum: ['是', '否'] },
        chosen: { type: 'string', enum: lights },
        light: { type: 'string', 'x-formula': 'IF(a, "red", "green")', enum: lights },
      },
    };
    const props = toFormilySchema(s).properties as Record<string, { enum?: unknown; 'x-component-props'?: Record<string, unknown> }>;
    expect(props['plain']?.enum).toEqual([{ label: '是', value: '是' }, { label: '否', value: '否' }]);
    expect(props['chosen']?.enum).toEqual(lights);
    expect(props['light']?.['x-component-props']?.['labels']).toEqual({ red: '红灯', green: '绿灯' });
    expect(formatScalarValue(s.properties!['light'], 'red')).toBe('红灯');
    expect(formatScalarValue(s.properties!['plain'], '是')).toBe('是');
  });
});

test('walkFields lists row fields with * patterns', () => {
  const patterns = walkFields(schema).map((f) => f.pattern);
  expect(patterns).toContain('indicators.*.score');
  expect(patterns).toContain('total');
  expect(toPattern('indicators.12.score')).toBe('indicators.*.score');
});

test('paths from the engine and the server become Formily paths', () => {
  expect(dataPathToPath('indicators[2].score')).toBe('indicators.2.score');
  expect(pointerToPath('/indicators/2/reason')).toBe('indicators.2.reason');
  expect(pointerToPath('/a~1b/c~0d')).toBe('a/b.c~d');
  expect(toFormilyPath('rows[2].amount')).toBe('rows.2.amount');
  expect(toFormilyPath('/rows/2/amount')).toBe('rows.2.amount');
});

test('ApiError.fieldIssues reads 422 details', () => {
  const e = new ApiError(422, 'VALIDATION_FAILED', '数据有误', [{ path: 'indicators[0].actual', message: '“实际完成值”不能小于 0', code: 'minimum' }, 'junk']);
  expect(e.fieldIssues()).toEqual([{ path: 'indicators.0.actual', message: '“实际完成值”不能小于 0', code: 'minimum' }]);
});

test('hash router matches patterns and parses queries', () => {
  expect(matchPath('/projects/:id', '/projects/12')).toEqual({ id: '12' });
  expect(matchPath('/projects/:id', '/projects/12/new/x')).toBeNull();
  expect(matchPath('/projects/:id/new/:kind', '/projects/3/new/self-evaluation')).toEqual({ id: '3', kind: 'self-evaluation' });
  const loc = parseLocation('/dashboard?year=2025');
  expect(loc.path).toBe('/dashboard');
  expect(loc.query.get('year')).toBe('2025');
});

test('money text: grouped with 2 decimals; parsing strips separators and 元', () => {
  expect(formatScalar(1234567.891, { decimals: 2, money: true })).toBe('1,234,567.89');
  expect(parseMoneyText('1,234,567.89 元')).toBe('1234567.89');
  expect(formatScalar(2.675, { decimals: 2 })).toBe('2.68');
});

test('dashboard percentages are truncated, not rounded (DOMAIN §7.6)', () => {
  const pct = (a: number, b: number) => {
    const q = div(a, b);
    if (typeof q === 'symbol') throw new Error('div by zero');
    return formatPercentTruncated(mul(q, 100));
  };
  expect(pct(450000, 4074000)).toBe('11.04%');
  expect(formatPercentTruncated(3.0376)).toBe('3.03%');
  expect(formatPercentTruncated(4.938)).toBe('4.93%');
  expect(formatPercentTruncated(60.4786)).toBe('60.47%');
});

test('column totals are exact', () => {
  expect(sumColumn([{ w: 0.1 }, { w: 0.2 }, { w: 'x' }, null], 'w')).toBe(0.3);
  expect(formatScalar(sumColumn([{ s: 9.44 }, { s: 13.5 }, { s: 11.25 }], 's'), { decimals: 2 })).toBe('34.19');
});
