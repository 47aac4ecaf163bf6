/**
 * `jixiao eval` (contract, DESIGN.md §3):
 *   jixiao eval FORMULA [--data JSON|@file] [--today YYYY-MM-DD]
 *     prints one JSON object: {"value": v} or {"error": "#DIV/0!"}; a syntax error exits 2 with
 *     the message (line and column) on stderr; bad --data exits 1.
 *   jixiao eval --jsonl
 *     reads {"formula": "...", "data": {...}, "today"?: "YYYY-MM-DD"} lines from stdin and writes
 *     one result per line, in order: {"value"}, {"error"}, {"parseError": {"message", "column"}}
 *     or {"inputError": {"message", "line"}}; blank lines are skipped; exit 0.
 */
import { readFileSync } from 'node:fs';
import { createInterface } from 'node:readline';
import type { Readable, Writable } from 'node:stream';
import {
  cachedFormula,
  ErrorValue,
  FormulaSyntaxError,
  isNum,
  parseDateText,
  RangeValue,
  toJsNumber,
  type CallContext,
  type Scalar,
  type Value,
} from '@jixiao/engine';
import { parseArgs, UsageError, type Command } from '../command';

export interface EvalIo {
  stdin: Readable;
  stdout: Writable;
  stderr: Writable;
}

const USAGE = `用法 / usage:
  jixiao eval FORMULA [--data JSON|@file] [--today YYYY-MM-DD]
  jixiao eval --jsonl        (stdin: {"formula": "...", "data": {...}} per line)
`;

/** An input problem (exit 1): bad --data, bad --today. */
class InputError extends Error {
  override name = 'InputError';
}

type JsonScalar = number | string | boolean | null | { error: string };

function scalarJson(v: Scalar): JsonScalar {
  if (v === null || typeof v === 'string' || typeof v === 'boolean') return v;
  if (v instanceof ErrorValue) return { error: v.code };
  return toJsNumber(v);
}

/** The CLI's result object for a formula value. */
export function resultJson(v: Value): { value: JsonScalar | JsonScalar[] } | { error: string } {
  if (v instanceof ErrorValue) return { error: v.code };
  if (v instanceof RangeValue) return { value: v.items.map(scalarJson) };
  if (isNum(v)) return { value: toJsNumber(v) };
  return { value: v };
}

function isObject(x: unknown): x is Record<string, unknown> {
  return typeof x === 'object' && x !== null && !Array.isArray(x);
}

function parseData(arg: string): Record<string, unknown> {
  let text = arg;
  if (arg.startsWith('@')) {
    try {
      text = readFileSync(arg.slice(1), 'utf8');
    } catch (err) {
      throw new InputError(`无法读取数据文件 ${arg.slice(1)} (cannot read data file): ${err instanceof Error ? err.message : String(err)}`);
    }
  }
  let data: unknown;
  try {
    data = JSON.parse(text);
  } catch (err) {
    throw new InputError(`--data 不是有效的 JSON (invalid JSON): ${err instanceof Error ? err.message : String(err)}`);
  }
  if (!isObject(data)) throw new InputError('--data 必须是 JSON 对象 (must be a JSON object)');
  return data;
}

function parseToday(text: string): number {
  const serial = parseDateText(text);
  if (serial === undefined) throw new InputError(`日期无效 (invalid date): ${text}`);
  return serial;
}

function evaluate(formula: string, data: Record<string, unknown>, today: number | undefined): Value {
  const call: CallContext | undefined = today === undefined ? undefined : { today };
  return cachedFormula(formula).evaluate(call === undefined ? { data } : { data, call });
}

function write(out: Writable, text: string): Promise<void> {
  return new Promise((resolve) => {
    if (out.write(text)) resolve();
    else out.once('drain', () => resolve());
  });
}

function message(err: unknown): string {
  return err instanceof Error ? err.message : String(err);
}

/** One --jsonl input line → its result object. */
export function evalJsonLine(line: string, lineNo: number): unknown {
  let input: unknown;
  try {
    input = JSON.parse(line);
  } catch (err) {
    return { inputError: { message: `不是有效的 JSON (invalid JSON): ${message(err)}`, line: lineNo } };
  }
  if (!isObject(input) || typeof input.formula !== 'string') {
    return { inputError: { message: '需要 {"formula": "...", "data": {...}} (expected an object with a "formula" string)', line: lineNo } };
  }
  const data = input.data ?? {};
  if (!isObject(data)) return { inputError: { message: '"data" 必须是 JSON 对象 ("data" must be an object)', line: lineNo } };
  let today: number | undefined;
  if (input.today !== undefined) {
    const serial = typeof input.today === 'string' ? parseDateText(input.today) : undefined;
    if (serial === undefined) return { inputError: { message: `"today" 日期无效 (invalid date): ${String(input.today)}`, line: lineNo } };
    today = serial;
  }
  try {
    return resultJson(evaluate(input.formula, data, today));
  } catch (err) {
    if (err instanceof FormulaSyntaxError) return { parseError: { message: err.message, column: err.column } };
    throw err;
  }
}

/**
 * Streams stdin lines to result lines. Results of the lines of one input chunk are written
 * together (one write per chunk, not per line), right after the chunk, so a long-lived caller
 * sending one line at a time still gets each answer at once. Output backpressure pauses input.
 */
function runJsonl(io: EvalIo): Promise<number> {
  return new Promise((resolve, reject) => {
    const rl = createInterface({ input: io.stdin, crlfDelay: Infinity });
    let lineNo = 0;
    let pending: string[] = [];
    let scheduled = false;
    let closed = false;
    let failed = false;
    const flush = (): void => {
      scheduled = false;
      if (pending.length > 0) {
        const text = pending.join('');
        pending = [];
        if (!io.stdout.write(text)) {
          rl.pause();
          io.stdout.once('drain', () => rl.resume());
        }
      }
      if (closed && !failed) resolve(0);
    };
    rl.on('line', (line) => {
      if (failed) return;
      lineNo++;
      if (line.trim() === '') return;
      try {
        pending.push(`${JSON.stringify(evalJsonLine(line, lineNo))}\n`);
      } catch (err) {
        failed = true;
        rl.close();
        reject(err instanceof Error ? err : new Error(String(err)));
        return;
      }
      if (!scheduled) {
        scheduled = true;
        setImmediate(flush);
      }
    });
    rl.on('close', () => {
      closed = true;
      if (!scheduled) flush();
    });
  });
}

/** The command with its streams given (tests pass their own). Returns the exit code. */
export async function runEval(argv: string[], io: EvalIo): Promise<number> {
  try {
    // everything after `--` is the formula (for formulas that start with "--")
    const dd = argv.indexOf('--');
    const head = dd < 0 ? argv : argv.slice(0, dd);
    const tail = dd < 0 ? [] : argv.slice(dd + 1);
    const { positionals, options } = parseArgs(head, ['jsonl', 'help']);
    positionals.push(...tail);
    if (options.help === true) {
      await write(io.stdout, USAGE);
      return 0;
    }
    for (const k of Object.keys(options)) {
      if (!['jsonl', 'data', 'today'].includes(k)) throw new UsageError(`未知选项 --${k} (unknown option)`);
    }
    if (options.jsonl === true) {
      if (positionals.length > 0 || options.data !== undefined) throw new UsageError('--jsonl 从标准输入读取，不接受 FORMULA 或 --data');
      return await runJsonl(io);
    }
    if (positionals.length !== 1) throw new UsageError('需要一个公式 (expected one FORMULA)');
    const formula = positionals[0] as string;
    const data = typeof options.data === 'string' ? parseData(options.data) : {};
    const today = typeof options.today === 'string' ? parseToday(options.today) : undefined;
    let value: Value;
    try {
      value = evaluate(formula, data, today);
    } catch (err) {
      if (err instanceof FormulaSyntaxError) {
        await write(io.stderr, `jixiao eval: 公式语法错误 (syntax error): ${err.message}\n  ${formula.split('\n')[err.line - 1] ?? ''}\n  ${' '.repeat(Math.max(0, err.column - 1))}^\n`);
        return 2;
      }
      throw err;
    }
    await write(io.stdout, `${JSON.stringify(resultJson(value))}\n`);
    return 0;
  } catch (err) {
    if (err instanceof UsageError) {
      await write(io.stderr, `jixiao eval: ${err.message}\n\n${USAGE}`);
      return 2;
    }
    if (err instanceof InputError) {
      await write(io.stderr, `jixiao eval: ${err.message}\n`);
      return 1;
    }
    throw err;
  }
}

export const evalCommand: Command = {
  summary: 'evaluate a formula (or --jsonl lines from stdin)',
  run: (argv) => runEval(argv, { stdin: process.stdin, stdout: process.stdout, stderr: process.stderr }),
};
