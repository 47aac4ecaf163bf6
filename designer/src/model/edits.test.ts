import { describe, expect, test } from '@jest/globals';
import { validateTemplate, type Template } from '@jixiao/engine';
import { addField, FieldEditError, isRequired, moveField, removeField, renameKey, renamedPointer, setRequired, updateField, updateMeta } from './edits';
import { blankTemplate } from './new-template';
import { fieldTree, ROOT_POINTER } from './tree';

const base = (): Template => ({
  id: 't',
  kind: 'self-evaluation',
  version: '1.0.0',
  title: 'T',
  schema: {
    type: 'object',
    required: ['a', 'b'],
    properties: {
      a: { type: 'number', title: 'A' },
      b: { type: 'number', title: 'B' },
      c: { type: 'number', title: 'C', 'x-formula': 'a + b' },
    },
  },
});

const keys = (t: Template): string[] => fieldTree(t).map((n) => n.key);

describe('addField', () => {
  test('new keys are field1, field2 … never used anywhere in the template; the input is unchanged', () => {
    const t0 = blankTemplate({ kind: 'declaration', id: 'x', title: 'X', version: '1.0.0' });
    const r1 = addField(t0, ROOT_POINTER, 'group');
    const r2 = addField(r1.template, r1.pointer, 'money');
    const r3 = addField(r2.template, ROOT_POINTER, 'text');
    expect(r2.pointer).toBe('/schema/properties/field1/properties/field2');
    expect(r3.pointer).toBe('/schema/properties/field3');
    expect(t0.schema.properties).toEqual({});
    expect(r3.template.schema.properties?.['field1']?.properties?.['field2']).toEqual({ title: '金额（元）', type: 'number', 'x-money': true });
  });

  test('adding to a table adds a column', () => {
    const t = addField(base(), ROOT_POINTER, 'table');
    const col = addField(t.template, t.pointer, 'number');
    expect(col.pointer).toBe('/schema/properties/field1/items/properties/field2');
    expect(Object.keys(col.template.schema.properties?.['field1']?.items?.properties ?? {})).toEqual(['field2']);
  });

  test('siblings with x-index: the new field is indexed after the last one', () => {
    const t = updateField(base(), '/schema/properties/a', { 'x-index': 5 });
    const r = addField(t, ROOT_POINTER, 'text');
    expect(r.template.schema.properties?.['field1']?.['x-index']).toBe(6);
  });

  test('a scalar field cannot hold fields', () => {
    expect(() => addField(base(), '/schema/properties/a', 'text')).toThrow(FieldEditError);
  });
});

describe('removeField', () => {
  test('removes the field and its key from required', () => {
    const t = removeField(base(), '/schema/properties/a');
    expect(keys(t)).toEqual(['b', 'c']);
    expect(t.schema.required).toEqual(['b']);
  });
  test('the last required key gone: no empty required list', () => {
    const t = removeField(removeField(base(), '/schema/properties/a'), '/schema/properties/b');
    expect(t.schema.required).toBeUndefined();
  });
  test('an unknown pointer is a FieldEditError', () => {
    expect(() => removeField(base(), '/schema/properties/zz')).toThrow(expect.objectContaining({ code: 'FIELD_NOT_FOUND' }));
  });
});

describe('moveField', () => {
  test('reorders properties; at the ends nothing changes', () => {
    expect(keys(moveField(base(), '/schema/properties/c', -1))).toEqual(['a', 'c', 'b']);
    expect(keys(moveField(base(), '/schema/properties/a', 1))).toEqual(['b', 'a', 'c']);
    expect(keys(moveField(base(), '/schema/properties/a', -1))).toEqual(['a', 'b', 'c']);
    expect(keys(moveField(base(), '/schema/properties/c', 1))).toEqual(['a', 'b', 'c']);
  });
  test('with x-index, every sibling gets its new position', () => {
    let t = updateField(base(), '/schema/properties/c', { 'x-index': 0 });
    expect(keys(t)).toEqual(['c', 'a', 'b']);
    t = moveField(t, '/schema/properties/b', -1);
    expect(keys(t)).toEqual(['c', 'b', 'a']);
    const p = t.schema.properties!;
    expect([p['c']?.['x-index'], p['b']?.['x-index'], p['a']?.['x-index']]).toEqual([0, 1, 2]);
  });
});

describe('renameKey', () => {
  test('keeps the place and the required entry', () => {
    const t = renameKey(base(), '/schema/properties/a', 'amount');
    expect(keys(t)).toEqual(['amount', 'b', 'c']);
    expect(t.schema.required).toEqual(['amount', 'b']);
    expect(renamedPointer('/schema/properties/a', 'amount')).toBe('/schema/properties/amount');
  });
  test('formulas naming the old key are not rewritten: validateTemplate reports them', () => {
    const t = renameKey(base(), '/schema/properties/a', 'amount');
    expect(t.schema.properties?.['c']?.['x-formula']).toBe('a + b');
    expect(validateTemplate(t).map((d) => [d.code, d.path])).toContainEqual(['FORMULA_UNKNOWN_FIELD', '/schema/properties/c/x-formula']);
  });
  test('a bad or taken key is refused with a zh-CN message naming it', () => {
    expect(() => renameKey(base(), '/schema/properties/a', '1x')).toThrow(new FieldEditError('KEY_INVALID', '字段键名“1x”无效：应以英文字母或下划线开头，只含英文字母、数字和下划线'));
    expect(() => renameKey(base(), '/schema/properties/a', 'b')).toThrow(expect.objectContaining({ code: 'KEY_TAKEN', message: expect.stringContaining('“b”') }));
  });
});

describe('setRequired / updateField / updateMeta', () => {
  test('setRequired adds and removes the key', () => {
    let t = setRequired(base(), '/schema/properties/c', true);
    expect(t.schema.required).toEqual(['a', 'b', 'c']);
    expect(isRequired(t, '/schema/properties/c')).toBe(true);
    t = setRequired(t, '/schema/properties/a', false);
    expect(t.schema.required).toEqual(['b', 'c']);
    expect(isRequired(t, '/schema/properties/a')).toBe(false);
  });
  test('updateField sets keys, undefined deletes them', () => {
    const t = updateField(base(), '/schema/properties/c', { 'x-formula': undefined, 'x-unit': '%', title: '合计' });
    expect(t.schema.properties?.['c']).toEqual({ type: 'number', title: '合计', 'x-unit': '%' });
    expect(base().schema.properties?.['c']?.['x-formula']).toBe('a + b');
  });
  test('updateMeta edits the document keys', () => {
    const t = updateMeta({ ...base(), description: 'd' }, { title: '新标题', description: undefined });
    expect(t.title).toBe('新标题');
    expect('description' in t).toBe(false);
  });
});
