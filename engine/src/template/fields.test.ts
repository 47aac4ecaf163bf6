import { fieldsOf, rowDataPath, walkSchema, escapePointer, parsePointer, readPath } from './fields';
import type { Template } from './types';

const template: Template = {
  id: 't',
  kind: 'self-evaluation',
  version: '1.0.0',
  title: '表',
  schema: {
    type: 'object',
    properties: {
      budget: { type: 'object', properties: { adjusted: { type: 'number', 'x-money': true }, 'a/b': { type: 'string' } } },
      indicators: {
        type: 'array',
        'x-indicator': { levels: 3 },
        items: {
          type: 'object',
          properties: {
            actual: { type: 'number' },
            score: { type: 'number', 'x-score': { preset: 'positive' } },
            reason: { type: 'string', 'x-required-when': 'score < weight' },
          },
        },
      },
      total: { type: 'number', title: '总分', 'x-formula': 'SUM(indicators.score)' },
    },
  },
};

test('walks fields in document order with data paths, pointers and row info', () => {
  const { list, byPath, rows } = fieldsOf(template);
  expect(list.map((f) => f.path)).toEqual([
    'budget',
    'budget.adjusted',
    'budget.a/b',
    'indicators',
    'indicators[].actual',
    'indicators[].score',
    'indicators[].reason',
    'total',
  ]);
  expect(byPath.get('budget.a/b')?.pointer).toBe('/schema/properties/budget/properties/a~1b');
  const score = byPath.get('indicators[].score');
  expect(score).toMatchObject({ array: 'indicators', rowPath: ['score'], computed: true, numeric: true, depth: 1, pointer: '/schema/properties/indicators/items/properties/score' });
  expect(byPath.get('indicators[].reason')?.requiredWhen).toBe('score < weight');
  expect(byPath.get('total')).toMatchObject({ formula: 'SUM(indicators.score)', title: '总分', computed: true, kind: 'scalar' });
  expect(byPath.get('indicators')).toMatchObject({ kind: 'array', indicator: { levels: 3 } });
  expect(rows.get('indicators')?.get('actual')?.path).toBe('indicators[].actual');
  expect(fieldsOf(template)).toBe(fieldsOf(template));
  expect(rowDataPath(score!, 2)).toBe('indicators[2].score');
});

test('pointer helpers and readPath', () => {
  expect(escapePointer('a~b/c')).toBe('a~0b~1c');
  expect(parsePointer('/a~0b~1c/0')).toEqual(['a~b/c', '0']);
  expect(readPath({ a: { b: 1 } }, ['a', 'b'])).toBe(1);
  expect(readPath({ a: { b: 1 } }, ['a', 'constructor'])).toBeUndefined();
  expect(walkSchema({ type: 'object', properties: { x: { type: 'string' } } }, '')[0]?.pointer).toBe('/properties/x');
});
