import { buildBundle, bundleFiles, bundleHash } from './bundle';
import { diffPacks, diffValues } from './diff';
import { jsonPointerOffsets, jsonStringOffsets, locateInString, locatePointer, parseJsonText } from './json-text';
import { loadPack } from './load';
import { ENGINE_VERSION, satisfies } from './semver';
import INDICATOR_ROWS_SCHEMA from './indicator-schema.json';
import type { Pack } from './types';
import { checkPack, pointerToDataPath, readDataPath, sameValue } from './validate';

const manifest = {
  name: 'tiny',
  version: '1.0.0',
  region: '测试',
  title: '最小模板包',
  engine: '>=0.1.0',
  grades: [
    { min: 60, label: '合格' },
    { min: 0, label: '不合格' },
  ],
  scoring: { reverse: 'B' },
};

const template = {
  id: 'tiny',
  kind: 'self-evaluation',
  version: '1.0.0',
  title: '最小自评表',
  schema: {
    type: 'object',
    properties: {
      budget: { type: 'number', title: '预算' },
      spent: { type: 'number', title: '支出' },
      score: { type: 'number', title: '得分', 'x-score': { preset: 'execution', budget: 'budget', spent: 'spent', weight: 100 } },
      grade: { type: 'string', title: '等级', 'x-formula': 'GRADE(score)' },
    },
  },
  scoring: { total: 'score', grade: 'grade', weightTotal: 100 },
};

const files = (over: Record<string, unknown> = {}): Map<string, string> => {
  const m = new Map<string, string>([
    ['pack.json', JSON.stringify(manifest, null, 2)],
    ['indicators.csv', '指标编码,一级指标,二级指标,三级指标,指标性质,计量单位\nT1,产出指标,数量指标,户数,≥,户\n'],
    ['templates/tiny.json', JSON.stringify(template, null, 2)],
    ['cases/half.json', JSON.stringify({ template: 'tiny', data: { budget: 100, spent: 50 }, expect: { total: 50, grade: '不合格' } })],
  ]);
  for (const [k, v] of Object.entries(over)) {
    if (v === undefined) m.delete(k);
    else m.set(k, typeof v === 'string' ? v : JSON.stringify(v, null, 2));
  }
  return m;
};

describe('loadPack', () => {
  test('merges the pack grades and scoring defaults into templates, leaving the source as written', () => {
    const { pack, diagnostics } = loadPack(files());
    expect(diagnostics).toEqual([]);
    const t = pack!.templates[0]!;
    expect(t.source.scoring).toEqual(template.scoring);
    expect(t.template.scoring).toEqual({ ...template.scoring, grades: manifest.grades, reverse: 'B' });
    // a template's own grades win
    const own = loadPack(files({ 'templates/tiny.json': { ...template, scoring: { ...template.scoring, grades: [{ min: 0, label: '全部' }] } } }));
    expect(own.pack!.templates[0]!.template.scoring?.grades).toEqual([{ min: 0, label: '全部' }]);
  });

  test('manifest problems are reported by JSON pointer; no manifest → no pack', () => {
    const bad = loadPack(files({ 'pack.json': { ...manifest, name: 'Bad Name', colour: 'red', grades: undefined } }));
    expect(bad.pack).toBeNull();
    expect(bad.diagnostics.map((d) => [d.file, d.path, d.code])).toEqual(
      expect.arrayContaining([
        ['pack.json', '', 'MANIFEST_SCHEMA'],
        ['pack.json', '/colour', 'MANIFEST_SCHEMA'],
        ['pack.json', '/name', 'MANIFEST_SCHEMA'],
      ]),
    );
    expect(loadPack(files({ 'pack.json': undefined })).diagnostics).toEqual([expect.objectContaining({ code: 'PACK_FILE_MISSING', file: 'pack.json' })]);
  });

  test('duplicate template ids, malformed cases and departments are reported', () => {
    const { diagnostics } = loadPack(
      files({
        'templates/copy.json': template,
        'cases/bad.json': { template: 'tiny', expect: { total: 1, colour: 1 } },
        'departments.json': [
          { code: 'A', name: '甲', parent: 'B' },
          { code: 'B', name: '乙', parent: 'A' },
          { code: 'C', name: '丙', parent: 'Z' },
        ],
      }),
    );
    expect(diagnostics.map((d) => [d.file, d.path, d.code])).toEqual([
      ['templates/tiny.json', '/id', 'TEMPLATE_DUPLICATE_ID'],
      ['departments.json', '/2/parent', 'DEPARTMENT_UNKNOWN_PARENT'],
      ['departments.json', '/0/parent', 'DEPARTMENT_CYCLE'],
      ['departments.json', '/1/parent', 'DEPARTMENT_CYCLE'],
      ['cases/bad.json', '/data', 'CASE_DATA'],
      ['cases/bad.json', '/expect/colour', 'CASE_UNKNOWN_KEY'],
    ]);
  });
});

describe('checkPack', () => {
  test('a good pack is clean; its case runs', () => {
    expect(checkPack(files()).diagnostics).toEqual([]);
  });

  test('grade bands of the manifest must cover 0–100; the engine range must admit this engine', () => {
    const { diagnostics } = checkPack(files({ 'pack.json': { ...manifest, engine: '>=9.0.0', grades: [{ min: 60, label: '合格' }] } }));
    expect(diagnostics.map((d) => [d.path, d.code])).toEqual(
      expect.arrayContaining([
        ['/grades', 'GRADES_GAP'],
        ['/engine', 'MANIFEST_ENGINE_MISMATCH'],
      ]),
    );
    // located: line and column of the pointer in pack.json
    const gap = diagnostics.find((d) => d.code === 'GRADES_GAP')!;
    expect([gap.line, gap.column]).toEqual([7, 3]);
  });

  test('a failing case names the expectation', () => {
    const { diagnostics } = checkPack(files({ 'cases/half.json': { template: 'tiny', data: { budget: 100, spent: 50 }, expect: { total: 60, values: { grade: '合格' } } } }));
    expect(diagnostics.map((d) => [d.file, d.path, d.code, d.message])).toEqual([
      ['cases/half.json', '/expect/values/grade', 'CASE_VALUE', 'grade: 期望 "合格", 实际 "不合格"'],
      ['cases/half.json', '/expect/total', 'CASE_TOTAL', '总分: 期望 60, 实际 50'],
    ]);
  });

  test('department variants: unknown department (warning); the resolved form is validated (by validateTemplate)', () => {
    const withVariants = {
      ...template,
      variants: {
        A: { add: { properties: { extra: { type: 'number', title: '附加', 'x-formula': 'nosuch + 1' } } } },
        Z: { patch: [{ path: '/properties/budget/title', value: '预算数' }] },
      },
    };
    const { diagnostics } = checkPack(files({ 'templates/tiny.json': withVariants, 'departments.json': [{ code: 'A', name: '甲', parent: null }] }));
    expect(diagnostics.map((d) => [d.path, d.code, d.severity])).toEqual([
      ['/variants/A', 'FORMULA_UNKNOWN_FIELD', 'error'],
      ['/variants/Z', 'TEMPLATE_UNKNOWN_DEPARTMENT', 'warning'],
    ]);
    expect(diagnostics[0]!.message).toMatch(/nosuch/);
  });

  test('a case naming an unknown template', () => {
    const { diagnostics } = checkPack(files({ 'cases/half.json': { template: 'nope', data: {}, expect: {} } }));
    expect(diagnostics).toEqual([expect.objectContaining({ code: 'CASE_UNKNOWN_TEMPLATE', path: '/template', file: 'cases/half.json' })]);
  });
});

describe('bundle', () => {
  test('round-trips through bundleFiles with a stable hash', () => {
    const pack = loadPack(files()).pack!;
    const b = buildBundle(pack);
    expect(b.hash).toBe(bundleHash(b));
    const again = loadPack(bundleFiles(b));
    expect(again.diagnostics).toEqual([]);
    expect(buildBundle(again.pack!).hash).toBe(b.hash);
    expect(diffPacks(pack, again.pack!).identical).toBe(true);
  });
});

describe('diff', () => {
  test('diffValues reports leaf paths', () => {
    expect(diffValues({ a: 1, b: [1, { c: 2 }], d: 'x' }, { a: 1, b: [1, { c: 3 }, 4], e: 'y' })).toEqual([
      { path: 'b[1].c', old: 2, new: 3 },
      { path: 'b[2]', new: 4 },
      { path: 'd', old: 'x' },
      { path: 'e', new: 'y' },
    ]);
  });

  test('field and scoring changes of a template; grades in the manifest', () => {
    const a = loadPack(files()).pack as Pack;
    const t2 = JSON.parse(JSON.stringify(template)) as typeof template & { schema: { properties: Record<string, Record<string, unknown>> } };
    (t2.schema.properties.score as { 'x-score': { weight: number } })['x-score'].weight = 90;
    t2.schema.properties.extra = { type: 'number', title: '附加', default: 10, 'x-score': { formula: 'extra' } };
    const b = loadPack(files({ 'templates/tiny.json': t2, 'pack.json': { ...manifest, grades: [{ min: 50, label: '合格' }, { min: 0, label: '不合格' }] } })).pack as Pack;
    const d = diffPacks(a, b);
    expect(d.manifest).toEqual([{ path: 'grades[0].min', old: 60, new: 50 }]);
    expect(d.templates.changed).toEqual([
      {
        id: 'tiny',
        file: 'templates/tiny.json',
        oldVersion: '1.0.0',
        newVersion: '1.0.0',
        template: [],
        fields: { added: ['extra'], removed: [], changed: [{ field: 'score', title: '得分', changes: [{ path: 'x-score.weight', old: 100, new: 90 }] }] },
      },
    ]);
  });
});

describe('indicator rows schema', () => {
  test('normalised rows validate against it; a row without a unit for ≥ does not', () => {
    const Ajv = require('ajv') as typeof import('ajv').default;
    const validate = new Ajv({ strict: false }).compile(INDICATOR_ROWS_SCHEMA);
    const rows = loadPack(files()).pack!.indicators;
    expect(validate(rows)).toBe(true);
    expect(validate([{ code: 'X', level1: 'a', level2: 'b', level3: 'c', direction: '≥' }])).toBe(false);
    expect(validate([{ code: 'X', level1: 'a', level2: 'b', level3: 'c', direction: '定性', keywords: '甲；乙' }])).toBe(true);
  });
});

describe('helpers', () => {
  test('JSON syntax errors have line and column; pointers locate members', () => {
    const r = parseJsonText('{\n  "a": 1,\n  "b": [1, 2,]\n}');
    expect(r.ok).toBe(false);
    if (!r.ok) expect([r.error.line, r.error.column]).toEqual([3, 14]);
    const text = '{\n  "x": {\n    "y/z": [10, {"w": 1}]\n  }\n}';
    const offsets = jsonPointerOffsets(text);
    expect(locatePointer(offsets, text, '/x/y~1z/1/w')).toEqual({ line: 3, column: 18 });
    expect(locatePointer(offsets, text, '/x/nope')).toEqual({ line: 2, column: 3 });
  });

  test('a position inside a string value counts escapes as one character', () => {
    const text = '{\n  "f": "IF(a=\\"x\\", \\u4e2d, bonus)"\n}';
    const quote = jsonStringOffsets(text).get('/f')!;
    // value: IF(a="x", 中, bonus) — "bonus" starts at index 13
    expect(locateInString(text, quote, 13)).toEqual({ line: 2, column: 29 });
  });

  test('semver ranges', () => {
    expect(['>=0.1.0', '^0.1.0', '~0.1', '0.1.x', '*', '>=0.1 <0.2', '0.0.1 - 0.2.0', '>=1.0.0 || ^0.1.0'].map((r) => satisfies('0.1.0', r))).toEqual([
      true, true, true, true, true, true, true, true,
    ]);
    expect(['>0.1.0', '^0.2.0', '<0.1.0', '1.x', '>=1.0.0'].map((r) => satisfies('0.1.0', r))).toEqual([false, false, false, false, false]);
    expect(satisfies('0.1.0', 'banana')).toBeUndefined();
    expect(satisfies('1.0.0-beta.1', '>=1.0.0')).toBe(false);
    expect(satisfies('1.0.0-beta.2', '>=1.0.0-beta.1')).toBe(true);
  });

  test('data paths and value comparison', () => {
    expect(pointerToDataPath('/indicators/4/score')).toBe('indicators[4].score');
    expect(readDataPath({ a: { b: [{ c: 3 }] } }, 'a.b[0].c')).toBe(3);
    expect(readDataPath({ a: 1 }, 'a.b')).toBeUndefined();
    expect(sameValue(18.89, 18.89)).toBe(true);
    expect(sameValue(18.89, '18.890')).toBe(true);
    expect(sameValue(18.89, 18.9)).toBe(false);
    expect(sameValue({ error: '#DIV/0!' }, '#DIV/0!')).toBe(true);
    expect(sameValue(null, null)).toBe(true);
    expect(sameValue(0, null)).toBe(false);
  });
});

test("ENGINE_VERSION (what packs' `engine` ranges are checked against) is engine/package.json's version", () => {
  const pkg = require('../../package.json') as { version: string };
  expect(ENGINE_VERSION).toBe(pkg.version);
});
