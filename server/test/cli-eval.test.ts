import { execFileSync, spawn, spawnSync } from 'node:child_process';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Readable, Writable } from 'node:stream';
import { evalJsonLine, resultJson, runEval } from '../src/cli/commands/eval';
import { ERRORS, RangeValue, Ratio } from '@jixiao/engine';

const ROOT = join(__dirname, '..', '..');

class Sink extends Writable {
  text = '';
  override _write(chunk: Buffer | string, _enc: BufferEncoding, done: (err?: Error | null) => void): void {
    this.text += chunk.toString();
    done();
  }
}

async function run(argv: string[], stdin = ''): Promise<{ code: number; out: string; err: string }> {
  const stdout = new Sink();
  const stderr = new Sink();
  const code = await runEval(argv, { stdin: Readable.from([stdin]), stdout, stderr });
  return { code, out: stdout.text, err: stderr.text };
}

const lines = (out: string): unknown[] => out.trimEnd().split('\n').map((l) => JSON.parse(l) as unknown);

describe('jixiao eval FORMULA (run)', () => {
  test.each([
    ['0.1+0.2', '{"value":0.3}'],
    ['ROUND(2.675,2)', '{"value":2.68}'],
    ['1/0', '{"error":"#DIV/0!"}'],
    ['"a"&"b"', '{"value":"ab"}'],
    ['1=1', '{"value":true}'],
    ['=-2^2', '{"value":4}'],
    ['x', '{"value":null}'],
    ['1/3', '{"value":0.3333333333333333}'],
    ['NOSUCH(1)', '{"error":"#NAME?"}'],
  ])('%s prints %s', async (formula, want) => {
    const r = await run([formula]);
    expect(r).toEqual({ code: 0, out: `${want}\n`, err: '' });
  });

  test('--data JSON and --data=JSON', async () => {
    expect((await run(['x*2', '--data', '{"x":21}'])).out).toBe('{"value":42}\n');
    expect((await run(['--data={"x":21}', 'x*2'])).out).toBe('{"value":42}\n');
  });

  test('--data @file', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'jixiao-eval-'));
    const file = join(dir, 'data.json');
    writeFileSync(file, JSON.stringify({ spent: 85, adjusted: 90, indicators: [{ score: 10 }, { score: 8.5 }] }));
    expect((await run(['ROUND(MIN(spent/adjusted,1)*100,2)', '--data', `@${file}`])).out).toBe('{"value":94.44}\n');
    expect((await run(['SUM(indicators.score)', '--data', `@${file}`])).out).toBe('{"value":18.5}\n');
    const missing = await run(['1', '--data', `@${join(dir, 'nope.json')}`]);
    expect(missing.code).toBe(1);
    expect(missing.err).toContain('nope.json');
  });

  test('a column prints as an array, its error items as {"error"}', async () => {
    const r = await run(['t.v', '--data', '{"t":[{"v":1},{"v":"a"},{},{"v":{"x":1}}]}']);
    expect(r.out).toBe('{"value":[1,"a",null,{"error":"#VALUE!"}]}\n');
  });

  test('--today gives TODAY() its date', async () => {
    expect((await run(['TODAY()', '--today', '2024-05-01'])).out).toBe('{"value":45413}\n');
    expect((await run(['TODAY()', '--today', 'soon'])).code).toBe(1);
  });

  test('a syntax error: exit 2, message with the column and a caret on stderr, nothing on stdout', async () => {
    const r = await run(['1 +* 2']);
    expect(r.code).toBe(2);
    expect(r.out).toBe('');
    expect(r.err).toContain('第 1 行第 4 列');
    expect(r.err).toContain('column 4');
    expect(r.err).toContain('\n  1 +* 2\n     ^\n');
  });

  test('bad --data: exit 1', async () => {
    for (const data of ['{bad', '[1,2]', 'null', '3']) {
      const r = await run(['1', '--data', data]);
      expect(r.code).toBe(1);
      expect(r.out).toBe('');
      expect(r.err).toMatch(/--data/);
    }
  });

  test('usage mistakes: exit 2', async () => {
    expect((await run([])).code).toBe(2);
    expect((await run(['1', '2'])).code).toBe(2);
    expect((await run(['1', '--wat', 'x'])).code).toBe(2);
    expect((await run(['1', '--data'])).code).toBe(2);
    expect((await run(['--jsonl', '1+1'])).code).toBe(2);
  });

  test('a formula after -- may start with dashes', async () => {
    expect((await run(['--', '--1'])).out).toBe('{"value":1}\n');
    expect((await run(['-1'])).out).toBe('{"value":-1}\n');
  });

  test('--help', async () => {
    const r = await run(['--help']);
    expect(r.code).toBe(0);
    expect(r.out).toContain('--jsonl');
  });
});

describe('jixiao eval --jsonl (run)', () => {
  test('one result per line, in order; blank lines skipped', async () => {
    const input = [
      '{"formula":"1+1"}',
      '',
      '{"formula":"1 +* 2"}',
      '   ',
      '{"formula":"SUM(t.v)","data":{"t":[{"v":1},{"v":2}]}}',
      'not json',
      '{"formula":"1/0"}',
      '{"data":{}}',
      '{"formula":"x","data":[1]}',
      '{"formula":"TODAY()","today":"2024-05-01"}',
      '{"formula":"TODAY()","today":5}',
      '{"formula":"t.v","data":{"t":[{"v":"a"},{"v":true}]}}',
    ].join('\n');
    const r = await run(['--jsonl'], `${input}\n`);
    expect(r.code).toBe(0);
    expect(r.err).toBe('');
    const out = lines(r.out);
    expect(out).toHaveLength(10);
    expect(out[0]).toEqual({ value: 2 });
    expect(out[1]).toEqual({ parseError: { message: expect.stringContaining('第 1 行第 4 列') as unknown, column: 4 } });
    expect(out[2]).toEqual({ value: 3 });
    expect(out[3]).toEqual({ inputError: { message: expect.stringContaining('JSON') as unknown, line: 6 } });
    expect(out[4]).toEqual({ error: '#DIV/0!' });
    expect(out[5]).toMatchObject({ inputError: { line: 8 } });
    expect(out[6]).toMatchObject({ inputError: { line: 9 } });
    expect(out[7]).toEqual({ value: 45413 });
    expect(out[8]).toMatchObject({ inputError: { line: 11 } });
    expect(out[9]).toEqual({ value: ['a', true] });
  });

  test('CRLF input and a last line without newline', async () => {
    const r = await run(['--jsonl'], '{"formula":"1"}\r\n{"formula":"2"}');
    expect(lines(r.out)).toEqual([{ value: 1 }, { value: 2 }]);
  });

  test('streams many lines in order', async () => {
    const n = 20000;
    const input = Array.from({ length: n }, (_, i) => JSON.stringify({ formula: 'x * 2 + 0.1', data: { x: i } })).join('\n');
    const r = await run(['--jsonl'], input);
    const out = lines(r.out) as { value: number }[];
    expect(out).toHaveLength(n);
    expect(out[0]).toEqual({ value: 0.1 });
    expect(out[n - 1]).toEqual({ value: (n - 1) * 2 + 0.1 });
    expect(out.every((o, i) => o.value === Number(`${i * 2}.1`))).toBe(true);
  });

  test('evalJsonLine and resultJson', () => {
    expect(evalJsonLine('{"formula":"\\"a\\"&\\"b\\""}', 1)).toEqual({ value: 'ab' });
    expect(resultJson(ERRORS['#N/A'])).toEqual({ error: '#N/A' });
    expect(resultJson(new Ratio(1, 4 * 3))).toEqual({ value: 1 / 12 });
    expect(resultJson(new RangeValue([1, null, ERRORS['#REF!']]))).toEqual({ value: [1, null, { error: '#REF!' }] });
  });
});

describe('node server/bin/jixiao.js eval (spawned)', () => {
  const bin = join(ROOT, 'server', 'bin', 'jixiao.js');
  beforeAll(() => {
    // build engine + server (incremental; errors in files other than ours must not stop us)
    try {
      execFileSync(process.execPath, [join(ROOT, 'node_modules', 'typescript', 'bin', 'tsc'), '-b', 'engine', 'server'], { cwd: ROOT, stdio: 'pipe' });
    } catch {
      // tsc still emits; the tests below show whether the CLI works
    }
  }, 180_000);

  const jixiao = (args: string[], input?: string) => spawnSync(process.execPath, [bin, 'eval', ...args], { cwd: ROOT, input, encoding: 'utf8' });

  test('value, exit 0', () => {
    const r = jixiao(['x*2', '--data', '{"x":21}']);
    expect(r.status).toBe(0);
    expect(r.stdout).toBe('{"value":42}\n');
  });

  test('an error value is still exit 0', () => {
    const r = jixiao(['1/0']);
    expect(r.status).toBe(0);
    expect(r.stdout).toBe('{"error":"#DIV/0!"}\n');
  });

  test('syntax error exit 2 with the column on stderr', () => {
    const r = jixiao(['1 +* 2']);
    expect(r.status).toBe(2);
    expect(r.stdout).toBe('');
    expect(r.stderr).toContain('column 4');
  });

  test('bad --data exit 1', () => {
    const r = jixiao(['1', '--data', '{nope']);
    expect(r.status).toBe(1);
    expect(r.stderr).toContain('JSON');
  });

  test('--jsonl from stdin, exit 0', () => {
    const r = jixiao(['--jsonl'], '{"formula":"1+1"}\n{"formula":"1 +* 2"}\n{"formula":"SUM(t.v)","data":{"t":[{"v":1},{"v":2}]}}\n');
    expect(r.status).toBe(0);
    expect(lines(r.stdout)).toEqual([{ value: 2 }, { parseError: { message: expect.any(String) as unknown, column: 4 } }, { value: 3 }]);
  });

  test('--jsonl answers each line as it arrives (usable as a long-lived worker)', async () => {
    const child = spawn(process.execPath, [bin, 'eval', '--jsonl'], { cwd: ROOT });
    const got: string[] = [];
    const done = new Promise<number | null>((resolve) => child.on('exit', resolve));
    child.stdout.setEncoding('utf8');
    child.stdout.on('data', (chunk: string) => {
      got.push(chunk);
      // the second line is only sent after the first answer came back
      if (got.length === 1) child.stdin.write('{"formula":"2+2"}\n');
      else child.stdin.end();
    });
    child.stdin.write('{"formula":"1+1"}\n');
    expect(await done).toBe(0);
    expect(got).toEqual(['{"value":2}\n', '{"value":4}\n']);
  }, 20_000);
});
