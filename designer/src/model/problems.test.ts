import { describe, expect, test } from '@jest/globals';
import type { Template } from '@jixiao/engine';
import { fieldOfPath, fieldsWithErrors, formulaProblem, templateProblems } from './problems';

const template = (formula: string): Template => ({
  id: 'p',
  kind: 'self-evaluation',
  version: '1.0.0',
  title: 'P',
  schema: {
    type: 'object',
    properties: {
      budget: { type: 'number', 'x-money': true },
      spent: { type: 'number', 'x-money': true },
      rows: { type: 'array', items: { type: 'object', properties: { r: { type: 'number', 'x-formula': formula } } } },
      rate: { type: 'number', 'x-formula': formula },
    },
  },
});

describe('templateProblems', () => {
  test('a valid template has none', () => {
    const p = templateProblems(template('spent / budget * 100'));
    expect(p.all).toEqual([]);
    expect(p.hasErrors).toBe(false);
  });

  test("a broken formula's problem is attached to its field pointer (also in a table column)", () => {
    const p = templateProblems(template('spent / budget *'));
    expect(p.hasErrors).toBe(true);
    expect(p.byField.get('/schema/properties/rate')?.map((d) => d.path)).toEqual(['/schema/properties/rate/x-formula']);
    expect(p.byField.get('/schema/properties/rows/items/properties/r')).toHaveLength(1);
    expect(p.byField.has('/schema/properties/rows')).toBe(false);
    expect(fieldsWithErrors(p)).toEqual(new Set(['/schema/properties/rate', '/schema/properties/rows/items/properties/r']));
  });

  test('problems of the document itself are general', () => {
    const p = templateProblems({ ...template('1'), id: 'Bad Id' });
    expect(p.general.map((d) => d.path)).toEqual(['/id']);
    expect(p.byField.size).toBe(0);
  });
});

describe('fieldOfPath', () => {
  const pointers = ['/schema/properties/a', '/schema/properties/ab', '/schema/properties/a/properties/x'];
  test('the longest field pointer that prefixes the path at a token boundary', () => {
    expect(fieldOfPath(pointers, '/schema/properties/a/properties/x/x-formula')).toBe('/schema/properties/a/properties/x');
    expect(fieldOfPath(pointers, '/schema/properties/ab/title')).toBe('/schema/properties/ab');
    expect(fieldOfPath(pointers, '/schema/properties/a')).toBe('/schema/properties/a');
    expect(fieldOfPath(pointers, '/scoring/total')).toBeNull();
  });
});

describe('formulaProblem', () => {
  test('null for a formula that parses, else the position and the reason in zh-CN', () => {
    expect(formulaProblem('spent / budget * 100')).toBeNull();
    expect(formulaProblem('spent / budget *')).toMatch(/^第 1 行第 17 列：/);
    expect(formulaProblem('ROUND(a,')).toMatch(/^第 1 行/);
  });
});
