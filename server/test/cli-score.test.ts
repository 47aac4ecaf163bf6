import { execFileSync, spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { runScore } from '../src/cli/commands/score';

const ROOT = join(__dirname, '..', '..');
const FIXTURES = join(ROOT, 'engine', 'test', 'fixtures');
const TEMPLATE = join(FIXTURES, 'example1-self-eval.json');
const DATA = join(FIXTURES, 'example1-data.json');

const dir = mkdtempSync(join(tmpdir(), 'jixiao-score-'));
const file = (name: string, content: unknown): string => {
  const p = join(dir, name);
  writeFileSync(p, typeof content === 'string' ? content : JSON.stringify(content));
  return p;
};

async function run(argv: string[]): Promise<{ code: number; out: string; err: string }> {
  let out = '';
  let err = '';
  const code = await runScore(argv, { stdout: { write: (s: string) => (out += s) }, stderr: { write: (s: string) => (err += s) } });
  return { code, out, err };
}

describe('jixiao score (runScore)', () => {
  test('example 1: values, scores, total, grade and trace', async () => {
    const r = await run(['--template', TEMPLATE, '--data', DATA]);
    expect(r.err).toBe('');
    expect(r.code).toBe(0);
    const j = JSON.parse(r.out) as Record<string, unknown>;
    expect(Object.keys(j).slice(0, 5)).toEqual(['values', 'scores', 'total', 'grade', 'trace']);
    expect(j.total).toBe(91.19);
    expect(j.grade).toBe('优');
    expect((j.scores as Record<string, number>)['indicators[2].score']).toBe(13.5);
    expect((j.trace as { path: string }[]).map((t) => t.path)).toEqual([
      'funds.score',
      'indicators[0].score',
      'indicators[1].score',
      'indicators[2].score',
      'indicators[3].score',
      'indicators[4].score',
      'indicators[5].score',
      'total',
      'grade',
    ]);
  });

  test('an invalid template: exit 1, every diagnostic with file and path', async () => {
    const t = file('bad.json', {
      id: 't',
      kind: 'self-evaluation',
      version: '1.0.0',
      title: 'x',
      schema: { type: 'object', properties: { a: { type: 'number', 'x-formula': 'b + 1' }, b: { type: 'number', 'x-formula': 'a * 2' }, c: { type: 'number', 'x-formula': 'SUM(' } } },
    });
    const r = await run(['--template', t, '--data', DATA]);
    expect(r.code).toBe(1);
    expect(r.out).toBe('');
    expect(r.err).toContain(`${t}#/schema/properties/a/x-formula: 错误 FORMULA_CYCLE`);
    expect(r.err).toContain('a → b → a');
    expect(r.err).toContain(`${t}#/schema/properties/c/x-formula`);
    expect(r.err).toContain('第 1 行第 4 列');
  });

  test('invalid data: not JSON, not an object, missing file', async () => {
    const notJson = file('d1.json', '{"a": ');
    const r1 = await run(['--template', TEMPLATE, '--data', notJson]);
    expect([r1.code, r1.err.includes(notJson), r1.err.includes('不是合法的 JSON')]).toEqual([1, true, true]);
    const r2 = await run(['--template', TEMPLATE, '--data', file('d2.json', [1, 2])]);
    expect([r2.code, r2.err.includes('数据应为 JSON 对象')]).toEqual([1, true]);
    const r3 = await run(['--template', join(dir, 'nope.json'), '--data', DATA]);
    expect([r3.code, r3.err.includes('nope.json')]).toEqual([1, true]);
  });

  test('an out-of-band qualitative score: result printed, problem on stderr with the data path, exit 1', async () => {
    const d = file('oob.json', { funds: { adjusted: 100, spent: 100 }, indicators: [{ level3: '长效机制', direction: '定性', weight: 10, rating: '部分达成', entered: 9 }] });
    const r = await run(['--template', TEMPLATE, '--data', d]);
    expect(r.code).toBe(1);
    const j = JSON.parse(r.out) as { scores: Record<string, unknown>; diagnostics: { code: string }[] };
    expect(j.scores['indicators[0].score']).toEqual({ error: '#NUM!' });
    expect(j.diagnostics.map((x) => x.code)).toEqual(['SCORE_OUT_OF_BAND']);
    expect(r.err).toContain(`${d}#/indicators/0/entered: 错误 SCORE_OUT_OF_BAND`);
  });

  test('usage errors exit 2', async () => {
    expect((await run([])).code).toBe(2);
    expect((await run(['--template', TEMPLATE])).code).toBe(2);
    expect((await run(['--template', TEMPLATE, '--data', DATA, '--month', '13'])).code).toBe(2);
    expect((await run(['--template', TEMPLATE, '--data', DATA, '--today', '31/12/2025'])).code).toBe(2);
    expect((await run(['--template', TEMPLATE, '--data', DATA, '--today', '2025-02-30'])).code).toBe(2);
    expect((await run(['--template', TEMPLATE, '--data', DATA, '--bogus', '1'])).code).toBe(2);
  });

  test('--month and --today reach the formulas', async () => {
    const t = file('mon.json', {
      id: 'mon',
      kind: 'monitoring',
      version: '1.0.0',
      title: '监控',
      schema: {
        type: 'object',
        properties: {
          budget: { type: 'number' },
          spent: { type: 'number' },
          light: { type: 'string', 'x-formula': 'WARNING_LIGHT(spent, budget)' },
          year: { type: 'number', 'x-formula': 'YEAR(TODAY())' },
        },
      },
    });
    const d = file('mon-d.json', { budget: 1000000, spent: 350000 });
    const r = await run(['--template', t, '--data', d, '--month', '6', '--today', '2025-06-30']);
    expect(r.code).toBe(0);
    expect((JSON.parse(r.out) as { values: unknown }).values).toMatchObject({ light: 'yellow', year: 2025 });
  });

  test('--department applies the nearest overlay up the department tree', async () => {
    const t = file('dept.json', {
      id: 'dept',
      kind: 'self-evaluation',
      version: '1.0.0',
      title: '部门',
      schema: { type: 'object', properties: { a: { type: 'number' }, w: { type: 'number', default: 10 }, s: { type: 'number', 'x-formula': 'a * 2' } } },
      variants: { JDB: { patch: [{ path: '/properties/s/x-formula', value: 'a * 3' }] } },
    });
    const depts = file('departments.json', [{ code: 'JDB', parent: null }, { code: 'HWZX', parent: 'JDB' }]);
    const d = file('dept-d.json', { a: 2 });
    const base = await run(['--template', t, '--data', d]);
    expect((JSON.parse(base.out) as { values: { s: number } }).values.s).toBe(4);
    // departments.json next to the template is found without --departments
    const child = await run(['--template', t, '--data', d, '--department', 'HWZX']);
    expect(child.err).toBe('');
    expect(child.code).toBe(0);
    expect((JSON.parse(child.out) as { values: { s: number } }).values.s).toBe(6);
    const explicit = await run(['--template', t, '--data', d, '--department', 'HWZX', '--departments', depts]);
    expect((JSON.parse(explicit.out) as { values: { s: number } }).values.s).toBe(6);
  });
});

describe('node server/bin/jixiao.js score', () => {
  const bin = join(ROOT, 'server', 'bin', 'jixiao.js');
  beforeAll(() => {
    // build when the compiled command is missing or older than its source (npm test builds first)
    const built = join(ROOT, 'server', 'dist', 'cli', 'commands', 'score.js');
    const src = join(ROOT, 'server', 'src', 'cli', 'commands', 'score.ts');
    if (!existsSync(built) || statSync(built).mtimeMs < statSync(src).mtimeMs) {
      try {
        execFileSync(process.execPath, [join(ROOT, 'node_modules', 'typescript', 'bin', 'tsc'), '-b', 'engine', 'server'], { cwd: ROOT, stdio: 'pipe' });
      } catch {
        // tsc still emits; the tests below show whether the CLI works
      }
    }
  }, 180_000);

  const jixiao = (args: string[]) => spawnSync(process.execPath, [bin, 'score', ...args], { cwd: ROOT, encoding: 'utf8' });

  test('prints the result object, exit 0', () => {
    const r = jixiao(['--template', TEMPLATE, '--data', DATA]);
    expect(r.stderr).toBe('');
    expect(r.status).toBe(0);
    const j = JSON.parse(r.stdout) as { total: number; grade: string; values: { total: number } };
    expect([j.total, j.grade, j.values.total]).toEqual([91.19, '优', 91.19]);
  });

  test('usage error, exit 2; invalid template, exit 1', () => {
    expect(jixiao(['--data', DATA]).status).toBe(2);
    const bad = file('bad2.json', { id: 'x', kind: 'x', version: '1', title: 'x', schema: { type: 'object', properties: {} } });
    const r = jixiao(['--template', bad, '--data', DATA]);
    expect(r.status).toBe(1);
    expect(r.stderr).toContain(`${bad}#/kind`);
  });
});
