/**
 * `jixiao pack validate | build | types | diff`: good packs exit 0; each bad-pack fixture exits 1
 * naming the file and the JSON path or line:column of its problem; build → bundle → validate/diff
 * round-trips; types of every pack compile with `tsc --strict`.
 */
import { execFileSync, spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { Writable } from 'node:stream';
import { loadPack } from '@jixiao/engine';
import { runPack } from '../src/cli/commands/pack';
import { readPackFiles } from '../src/pack/fs';
import { interfaceName, packTypes } from '../src/pack/types-gen';

// prettier 3 (loaded by json-schema-to-typescript) needs real ESM, which jest's CJS runtime
// lacks; in-process generation runs with `format: false`, the CLI test below covers formatting.
jest.mock('prettier', () => ({ format: (s: string) => s }));

const ROOT = path.join(__dirname, '..', '..');
const BAD = path.join(ROOT, 'engine', 'test', 'fixtures', 'bad-packs');
const EXAMPLE = path.join(ROOT, 'docs', 'example-pack');
const PACKS = fs
  .readdirSync(path.join(ROOT, 'templates'), { withFileTypes: true })
  .filter((e) => e.isDirectory() && fs.existsSync(path.join(ROOT, 'templates', e.name, 'pack.json')))
  .map((e) => path.join(ROOT, 'templates', e.name));

class Sink extends Writable {
  text = '';
  override _write(chunk: Buffer | string, _enc: BufferEncoding, done: (err?: Error | null) => void): void {
    this.text += chunk.toString();
    done();
  }
}

async function run(...argv: string[]): Promise<{ code: number; out: string; err: string }> {
  const stdout = new Sink();
  const stderr = new Sink();
  const code = await runPack(argv, { stdout, stderr });
  return { code, out: stdout.text, err: stderr.text };
}

const tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'jixiao-pack-'));
afterAll(() => fs.rmSync(tmp, { recursive: true, force: true }));

describe('pack validate', () => {
  test.each([EXAMPLE, ...PACKS])('%s exits 0', async (dir) => {
    const r = await run('validate', dir);
    expect(r.out).toMatch(/0 个错误/);
    expect(r.code).toBe(0);
  });

  // [fixture, what the output must name: file + JSON pointer or line:column, and the code]
  test.each([
    ['broken-formula', /templates\/self-eval\.json#\/schema\/properties\/execRate\/x-formula \(\d+:\d+\): 错误 FORMULA_UNBALANCED_PAREN/],
    ['unknown-field', /templates\/self-eval\.json#\/schema\/properties\/total\/x-formula \(\d+:\d+\): 错误 FORMULA_UNKNOWN_FIELD: .*bonus/],
    ['cycle', /templates\/self-eval\.json#\/schema\/properties\/(execRate|total)\/x-formula \(\d+:\d+\): 错误 FORMULA_CYCLE: .*execRate → total → execRate/],
    ['weights', /templates\/self-eval\.json#\/scoring\/weightTotal \(\d+:\d+\): 错误 WEIGHT_TOTAL/],
    ['bad-csv-row', /indicators\.csv:3:9: 错误 INDICATOR_BAD_DIRECTION: 指标性质 "约等于"/],
    ['failing-case', /cases\/good-year\.json#\/expect\/total \(\d+:\d+\): 错误 CASE_TOTAL: 总分: 期望 95, 实际 92\.89/],
  ])('%s exits 1 and names the place', async (name, pattern) => {
    const r = await run('validate', path.join(BAD, name));
    expect(r.code).toBe(1);
    expect(r.out).toMatch(pattern);
    expect(r.out).toMatch(/[1-9]\d* 个错误/);
  });

  test('--json lists the diagnostics with file, path, line and column', async () => {
    const r = await run('validate', path.join(BAD, 'unknown-field'), '--json');
    expect(r.code).toBe(1);
    const body = JSON.parse(r.out) as { ok: boolean; diagnostics: { file: string; path: string; line: number; column: number; code: string }[] };
    expect(body.ok).toBe(false);
    expect(body.diagnostics).toEqual([
      expect.objectContaining({ file: 'templates/self-eval.json', path: '/schema/properties/total/x-formula', code: 'FORMULA_UNKNOWN_FIELD', line: 179, column: 59 }),
    ]);
  });

  test('a JSON syntax error is reported with its line and column', async () => {
    const dir = path.join(tmp, 'syntax');
    fs.cpSync(EXAMPLE, dir, { recursive: true });
    fs.writeFileSync(path.join(dir, 'cases', 'broken.json'), '{\n  "template": "mini-self-eval",\n  "data": {,}\n}\n');
    const r = await run('validate', dir);
    expect(r.code).toBe(1);
    expect(r.out).toMatch(/cases\/broken\.json:3:12: 错误 JSON_SYNTAX/);
  });

  test('a GBK CSV (plain "CSV" export of Chinese Excel) is read, with a warning', async () => {
    const r = await run('validate', path.join(ROOT, 'engine', 'test', 'fixtures', 'gbk-pack'));
    expect(r.code).toBe(0);
    expect(r.out).toMatch(/indicators\.csv: 警告 FILE_ENCODING/);
    expect(r.out).toMatch(/4 个指标/);
  });

  test('missing folder is a usage error (exit 2 from the command)', async () => {
    await expect(run('validate', path.join(tmp, 'nope'))).rejects.toThrow(/找不到/);
  });
});

describe('pack build', () => {
  test('writes one bundle that validates, loads the same and diffs as identical', async () => {
    const out = path.join(tmp, 'example.bundle.json');
    const r = await run('build', EXAMPLE, '-o', out);
    expect(r.code).toBe(0);
    const bundle = JSON.parse(fs.readFileSync(out, 'utf8')) as { format: string; name: string; version: string; hash: string; templates: unknown[]; indicators: unknown[] };
    expect(bundle).toMatchObject({ format: 'jixiao-pack-bundle', name: 'example', version: '1.0.0' });
    expect(bundle.hash).toMatch(/^sha256:[0-9a-f]{64}$/);
    expect(bundle.templates).toHaveLength(1);
    expect(bundle.indicators).toHaveLength(4);
    expect((await run('validate', out)).code).toBe(0);
    const d = await run('diff', EXAMPLE, out, '--exit-code');
    expect(d.out).toMatch(/没有差异/);
    expect(d.code).toBe(0);
    // building twice gives the same hash
    const again = path.join(tmp, 'again.json');
    await run('build', EXAMPLE, '-o', again);
    expect((JSON.parse(fs.readFileSync(again, 'utf8')) as { hash: string }).hash).toBe(bundle.hash);
  });

  test('a tampered bundle fails its hash check', async () => {
    const out = path.join(tmp, 'tampered.json');
    await run('build', EXAMPLE, '-o', out);
    const b = JSON.parse(fs.readFileSync(out, 'utf8')) as { indicators: { weight?: number }[] };
    (b.indicators[0] as { weight?: number }).weight = 99;
    fs.writeFileSync(out, JSON.stringify(b));
    const r = await run('validate', out);
    expect(r.code).toBe(1);
    expect(r.out).toMatch(/BUNDLE_HASH/);
  });

  test('refuses a pack with errors', async () => {
    const r = await run('build', path.join(BAD, 'cycle'), '-o', path.join(tmp, 'x.json'));
    expect(r.code).toBe(1);
    expect(r.err).toMatch(/FORMULA_CYCLE/);
    expect(fs.existsSync(path.join(tmp, 'x.json'))).toBe(false);
  });
});

describe('pack diff', () => {
  test('lists added / removed / changed templates, fields and indicators', async () => {
    const dir = path.join(tmp, 'v2');
    fs.cpSync(EXAMPLE, dir, { recursive: true });
    const manifestPath = path.join(dir, 'pack.json');
    const manifest = JSON.parse(fs.readFileSync(manifestPath, 'utf8')) as Record<string, unknown>;
    manifest.version = '1.1.0';
    fs.writeFileSync(manifestPath, JSON.stringify(manifest));
    const tPath = path.join(dir, 'templates', 'self-eval.json');
    const t = JSON.parse(fs.readFileSync(tPath, 'utf8')) as { version: string; schema: { properties: Record<string, Record<string, unknown>> } };
    t.version = '1.1.0';
    const p = t.schema.properties;
    p.remark = { type: 'string', title: '备注' };
    delete p.execRate;
    (p.total as Record<string, unknown>)['x-formula'] = 'execScore + SUM(indicators.score) + 0';
    const rows = (p.indicators as { default: { weight: number }[] }).default;
    (rows[0] as { weight: number }).weight = 25;
    (rows[1] as { weight: number }).weight = 25;
    fs.writeFileSync(tPath, JSON.stringify(t));
    fs.writeFileSync(path.join(dir, 'templates', 'extra.json'), JSON.stringify({ id: 'extra', kind: 'other', version: '1.0.0', title: '附加', schema: { type: 'object', properties: {} } }));
    const csvPath = path.join(dir, 'indicators.csv');
    let csv = fs.readFileSync(csvPath, 'utf8');
    csv = csv.replace('EX001,项目支出,教育,培训,产出指标,数量指标,培训人次,人次,≥,500,30', 'EX001,项目支出,教育,培训,产出指标,数量指标,培训人次,人次,≥,600,25');
    csv = csv.replace(/EX004[^\n]*\n/, '');
    csv += 'EX005,项目支出,教育,培训,产出指标,质量指标,考核合格率,%,≥,95,10,,,,\r\n';
    fs.writeFileSync(csvPath, csv);
    fs.writeFileSync(path.join(dir, 'cases', 'good-year.json'), fs.readFileSync(path.join(dir, 'cases', 'good-year.json'), 'utf8').replace('"template": "mini-self-eval"', '"template": "mini-self-eval", "description": "changed"'));

    const r = await run('diff', EXAMPLE, dir);
    expect(r.code).toBe(0);
    for (const line of [
      'example 1.0.0 → example 1.1.0',
      '~ version: "1.0.0" → "1.1.0"',
      '+ extra 1.0.0 (templates/extra.json)',
      '~ mini-self-eval 1.0.0 → 1.1.0 (templates/self-eval.json)',
      '+ 字段 remark',
      '- 字段 execRate',
      '~ 字段 total (总分)',
      '~ x-formula: "execScore + SUM(indicators.score)" → "execScore + SUM(indicators.score) + 0"',
      '~ default[0].weight: 30 → 25',
      '~ default[1].weight: 20 → 25',
      '指标 indicators: +1 -1 ~1',
      '+ EX005 产出指标/质量指标/考核合格率',
      '- EX004 满意度指标/服务对象满意度指标/参训学员满意度',
      '~ EX001 培训人次: target 500 → 600; weight 30 → 25',
    ]) {
      expect(r.out).toContain(line);
    }

    const j = await run('diff', EXAMPLE, dir, '--json');
    const d = JSON.parse(j.out) as {
      identical: boolean;
      templates: { added: { id: string }[]; changed: { id: string; fields: { added: string[]; removed: string[] } }[] };
      indicators: { added: { code: string }[]; removed: { code: string }[]; changed: { code: string; changes: { attribute: string; old: unknown; new: unknown }[] }[] };
    };
    expect(d.identical).toBe(false);
    expect(d.templates.added.map((x) => x.id)).toEqual(['extra']);
    expect(d.templates.changed[0]?.fields).toMatchObject({ added: ['remark'], removed: ['execRate'] });
    expect(d.indicators.changed).toEqual([
      { code: 'EX001', level3: '培训人次', changes: [{ attribute: 'target', old: 500, new: 600 }, { attribute: 'weight', old: 30, new: 25 }] },
    ]);
    expect((await run('diff', EXAMPLE, dir, '--exit-code')).code).toBe(1);
  });
});

describe('pack types', () => {
  const tsc = path.join(ROOT, 'node_modules', '.bin', 'tsc');

  test('every pack: one interface per template; all compile with tsc --strict', async () => {
    const files: string[] = [];
    for (const dir of [EXAMPLE, ...PACKS]) {
      const { pack } = loadPack(readPackFiles(dir).files);
      expect(pack).not.toBeNull();
      const text = await packTypes(pack!, { format: false });
      for (const t of pack!.templates) expect(text).toContain(`export interface ${interfaceName(t.source.id)} {`);
      expect(text).not.toMatch(/x-formula|x-component/);
      const file = path.join(tmp, `${path.basename(dir)}.d.ts`);
      fs.writeFileSync(file, text);
      files.push(file);
    }
    // a broken declaration would fail the same run (the check is real)
    const r = spawnSync(tsc, ['--noEmit', '--strict', '--lib', 'es2020', ...files], { encoding: 'utf8', cwd: tmp });
    expect(r.stdout + r.stderr).toBe('');
    expect(r.status).toBe(0);
    fs.writeFileSync(path.join(tmp, 'broken.d.ts'), 'export interface A { x: Foo }\n');
    const bad = spawnSync(tsc, ['--noEmit', '--strict', '--lib', 'es2020', path.join(tmp, 'broken.d.ts')], { encoding: 'utf8', cwd: tmp });
    expect(bad.status).not.toBe(0);
  }, 120000);

  test('Chinese titles become doc comments; computed fields say so', async () => {
    const { pack } = loadPack(readPackFiles(EXAMPLE).files);
    const text = await packTypes(pack!, { format: false });
    expect(text).toMatch(/\/\*\*\n \* 项目支出绩效自评表（示例）（mini-self-eval 1\.0\.0）\n \*\/\nexport interface MiniSelfEvalData \{/);
    expect(text).toMatch(/全年预算数[\s\S]*adjusted: number/);
    expect(text).toMatch(/总分[\s\S]*自动计算[\s\S]*total\?: number/);
    expect(text).toContain('direction: ("≥" | "＞" | "＝" | "＜" | "≤" | "定性" | "定量（其他）")');
  });

  test('the built CLI writes the .d.ts (prettier-formatted)', () => {
    const bin = path.join(ROOT, 'server', 'bin', 'jixiao.js');
    if (!fs.existsSync(path.join(ROOT, 'server', 'dist', 'cli', 'main.js'))) throw new Error('server not built: run npm run build:node');
    const out = path.join(tmp, 'cli.d.ts');
    execFileSync(process.execPath, [bin, 'pack', 'types', EXAMPLE, '-o', out]);
    const text = fs.readFileSync(out, 'utf8');
    expect(text).toContain('export interface MiniSelfEvalData {');
    expect(text).toMatch(/\n {2}adjusted: number;/);
  });
});
