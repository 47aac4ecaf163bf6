import { describe, expect, test } from '@jest/globals';
import { validateTemplate } from '@jixiao/engine';
import { classifyField, FIELD_KINDS, kindLabel } from './field-kinds';
import { addField } from './edits';
import { blankTemplate } from './new-template';
import { ROOT_POINTER } from './tree';

const empty = () => blankTemplate({ kind: 'self-evaluation', id: 'kinds', title: '字段种类', version: '1.0.0' });

describe('palette kinds', () => {
  test.each(FIELD_KINDS.map((k) => [k.label, k.id] as const))('a new %s field keeps the template valid and reads back as its kind', (_label, id) => {
    const { template, pointer } = addField(empty(), ROOT_POINTER, id);
    expect(validateTemplate(template)).toEqual([]);
    expect(pointer).toBe('/schema/properties/field1');
    const field = template.schema.properties?.['field1'];
    expect(field).toBeDefined();
    expect(classifyField(field!)).toBe(id);
  });

  test('every kind added to a table is a valid column too', () => {
    let { template, pointer: table } = addField(empty(), ROOT_POINTER, 'table');
    for (const k of FIELD_KINDS.filter((x) => x.id !== 'table' && x.id !== 'group')) template = addField(template, table, k.id).template;
    expect(validateTemplate(template)).toEqual([]);
    expect(Object.keys(template.schema.properties?.['field1']?.items?.properties ?? {})).toHaveLength(FIELD_KINDS.length - 2);
  });

  test('create() returns a fresh object each time (edits of one field never touch another)', () => {
    const k = FIELD_KINDS.find((x) => x.id === 'select')!;
    expect(k.create()).not.toBe(k.create());
    expect(k.create().enum).not.toBe(k.create().enum);
  });

  test('hand-written fields are labelled by what they are', () => {
    expect(kindLabel({ type: 'number', 'x-score': { preset: 'execution' } })).toBe('计分');
    expect(kindLabel({ type: 'number', 'x-formula': 'a+b', 'x-money': true })).toBe('计算字段');
    expect(kindLabel({ type: 'string', maxLength: 1000 })).toBe('多行文本');
    expect(kindLabel({ type: 'array', items: { type: 'string' } })).toBe('列表');
    expect(kindLabel({ type: 'integer' })).toBe('数字');
  });
});
