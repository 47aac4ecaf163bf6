import { fieldsOf } from '../template/fields';
import type { FieldSchema, Template } from '../template/types';
import { compileTemplate, resolveRef } from './graph';
import { evaluate } from './evaluate';

const tpl = (properties: Record<string, FieldSchema>): Template => ({ id: 't', kind: 'other', version: '1.0.0', title: 't', schema: { type: 'object', properties } });

const t = tpl({
  rate: { type: 'number' },
  budget: { type: 'object', properties: { adjusted: { type: 'number' }, spent: { type: 'number' } } },
  rows: {
    type: 'array',
    items: {
      type: 'object',
      properties: {
        x: { type: 'number' },
        rate: { type: 'number' },
        detail: { type: 'object', properties: { note: { type: 'string' } } },
        y: { type: 'number', 'x-formula': 'x * rate + budget.adjusted' },
        show: { type: 'boolean', 'x-visible': 'x > 0' },
        z: { type: 'number', 'x-formula': 'IF(show, y, 0)', 'x-required-when': 'y > 1' },
      },
    },
  },
  total: { type: 'number', 'x-formula': 'SUM(rows.z) + budget.spent' },
});

test('references resolve row-first inside a row, root otherwise, columns through arrays', () => {
  const table = fieldsOf(t);
  const y = table.byPath.get('rows[].y');
  expect(resolveRef(table, y, ['rate'])).toMatchObject({ where: 'row', field: { path: 'rows[].rate' } });
  expect(resolveRef(table, y, ['budget', 'adjusted'])).toMatchObject({ where: 'root', field: { path: 'budget.adjusted' }, column: false });
  expect(resolveRef(table, y, ['detail', 'note'])).toMatchObject({ where: 'row', field: { path: 'rows[].detail.note' } });
  expect(resolveRef(table, undefined, ['rate'])).toMatchObject({ where: 'root', field: { path: 'rate' } });
  expect(resolveRef(table, undefined, ['rows', 'z'])).toMatchObject({ where: 'root', field: { path: 'rows[].z' }, column: true });
  expect(resolveRef(table, undefined, ['rows', 'detail', 'note'])).toMatchObject({ field: { path: 'rows[].detail.note' }, column: true });
  expect(resolveRef(table, undefined, ['rows'])).toBeUndefined(); // an array is not a value
  expect(resolveRef(table, undefined, ['budget'])).toBeUndefined(); // nor an object
  expect(resolveRef(table, undefined, ['x'])).toBeUndefined(); // a row key from outside the row
  expect(resolveRef(table, y, ['detail'])).toBeUndefined();
});

test('sites, their dependencies (visibility included) and the order', () => {
  const c = compileTemplate(t);
  expect(c.diagnostics).toEqual([]);
  const deps = Object.fromEntries(c.sites.map((s) => [s.id, s.deps]));
  expect(deps).toEqual({
    'rows[].y': ['budget.adjusted', 'rows[].rate', 'rows[].x'],
    'rows[].show?visible': ['rows[].x'],
    'rows[].z': ['rows[].show', 'rows[].show?visible', 'rows[].y'],
    'rows[].z?required': ['rows[].y'],
    total: ['budget.spent', 'rows[].z'],
  });
  expect(c.order.map((s) => s.id)).toEqual(['rows[].y', 'rows[].show?visible', 'rows[].z', 'rows[].z?required', 'total']);
  expect(c.sites.find((s) => s.id === 'total')?.pointer).toBe('/schema/properties/total/x-formula');
});

test('hidden fields read as blank downstream', async () => {
  const r = evaluate(t, { budget: { adjusted: 1, spent: 0 }, rows: [{ x: 1, rate: 2, show: true }, { x: -1, rate: 2, show: true }] });
  expect(r.hidden).toEqual(['rows[1].show']);
  expect(r.values.rows).toEqual([
    { x: 1, rate: 2, show: true, y: 3, z: 3 },
    { x: -1, rate: 2, show: null, y: -1, z: 0 },
  ]);
  expect(r.required).toEqual(['rows[0].z']);
  expect(r.total).toBe(3);
});

test('a syntax error leaves the site uncompiled; it evaluates to #NAME?', async () => {
  const bad = tpl({ a: { type: 'number', 'x-formula': '1 +' }, b: { type: 'number', 'x-formula': 'a + 1' } });
  const c = compileTemplate(bad);
  expect(c.diagnostics.map((d) => [d.code, d.path])).toEqual([['FORMULA_UNEXPECTED_END', '/schema/properties/a/x-formula']]);
  expect(evaluate(bad, {}).values).toEqual({ a: { error: '#NAME?' }, b: { error: '#NAME?' } });
});

test('a hidden field is never required, whatever the order of its conditions', async () => {
  const t2 = tpl({
    kind: { type: 'string' },
    note: { type: 'string', 'x-required-when': 'TRUE', 'x-visible': 'kind = "定性"' },
  });
  expect(evaluate(t2, { kind: '定量' })).toMatchObject({ hidden: ['note'], required: [] });
  expect(evaluate(t2, { kind: '定性' })).toMatchObject({ hidden: [], required: ['note'] });
});
