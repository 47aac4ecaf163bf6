import { describe, expect, test } from '@jest/globals';
import type { Template } from '@jixiao/engine';
import { containerFor, fieldPointers, fieldTree, splitFieldPointer } from './tree';

const template: Template = {
  id: 't',
  kind: 'declaration',
  version: '1.0.0',
  title: 'T',
  schema: {
    type: 'object',
    properties: {
      later: { type: 'string', title: '后', 'x-index': 2 },
      basics: { type: 'object', title: '基本信息', 'x-index': 1, properties: { name: { type: 'string', title: '名称' }, budget: { type: 'number', 'x-money': true } } },
      rows: { type: 'array', title: '明细', items: { type: 'object', properties: { amount: { type: 'number', title: '金额' } } } },
    },
  },
};

describe('fieldTree', () => {
  test('lists fields in x-index then document order, with pointers, kinds and children', () => {
    const tree = fieldTree(template);
    expect(tree.map((n) => n.key)).toEqual(['basics', 'later', 'rows']);
    const basics = tree[0]!;
    expect(basics).toMatchObject({ title: '基本信息', kindLabel: '分组', pointer: '/schema/properties/basics', container: true });
    expect(basics.children.map((c) => [c.pointer, c.title, c.kindLabel])).toEqual([
      ['/schema/properties/basics/properties/name', '名称', '单行文本'],
      ['/schema/properties/basics/properties/budget', 'budget', '金额（元）'],
    ]);
    expect(tree[2]!.children.map((c) => c.pointer)).toEqual(['/schema/properties/rows/items/properties/amount']);
  });

  test('fieldPointers flattens the tree depth-first', () => {
    expect(fieldPointers(template)).toEqual([
      '/schema/properties/basics',
      '/schema/properties/basics/properties/name',
      '/schema/properties/basics/properties/budget',
      '/schema/properties/later',
      '/schema/properties/rows',
      '/schema/properties/rows/items/properties/amount',
    ]);
  });

  test('containerFor: into a group or table, next to a scalar, else the root', () => {
    expect(containerFor(template, null)).toBe('/schema');
    expect(containerFor(template, '/schema/properties/basics')).toBe('/schema/properties/basics');
    expect(containerFor(template, '/schema/properties/basics/properties/name')).toBe('/schema/properties/basics');
    expect(containerFor(template, '/schema/properties/rows/items/properties/amount')).toBe('/schema/properties/rows');
    expect(containerFor(template, '/schema/properties/later')).toBe('/schema');
  });

  test('splitFieldPointer: the holder and the key', () => {
    expect(splitFieldPointer('/schema/properties/rows/items/properties/amount')).toEqual({ holder: '/schema/properties/rows/items', key: 'amount' });
    expect(splitFieldPointer('/schema')).toBeNull();
  });
});
