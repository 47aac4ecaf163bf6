/**
 * The formula case table (engine/test/formula-cases.json): each case is a formula, its data
 * (and optionally the current table row and the evaluation date) and what Excel returns for
 * it. Every case runs through the real pipeline (parse → compile → evaluate) and the result,
 * as data (toJs), must equal the expectation exactly: numbers with ===, errors by code.
 */
import { readFileSync } from 'fs';
import { join } from 'path';
import { compileFormula, toJs } from '../src/formula';
import { parseDateText } from '../src/formula/dates';
import { ErrorValue } from '../src/formula/values';

interface FormulaCase {
  formula: string;
  data?: Record<string, unknown>;
  row?: Record<string, unknown>;
  today?: string;
  expect: { value: unknown } | { error: string };
  note?: string;
}

const MIN_CASES = 300;
const cases = JSON.parse(readFileSync(join(__dirname, 'formula-cases.json'), 'utf8')) as FormulaCase[];

function run(c: FormulaCase): unknown {
  const today = c.today === undefined ? undefined : parseDateText(c.today);
  if (c.today !== undefined && today === undefined) throw new Error(`bad "today" in case ${c.formula}: ${c.today}`);
  const out = compileFormula(c.formula).evaluate({
    data: c.data ?? {},
    ...(c.row ? { row: c.row } : {}),
    call: today === undefined ? {} : { today },
  });
  const js = toJs(out);
  return js instanceof ErrorValue ? { error: js.code } : { value: js };
}

test(`the table has at least ${MIN_CASES} cases`, () => {
  expect(cases.length).toBeGreaterThanOrEqual(MIN_CASES);
});

test('every case is well-formed and distinct', () => {
  const seen = new Set<string>();
  for (const c of cases) {
    expect(typeof c.formula).toBe('string');
    expect('value' in c.expect || 'error' in c.expect).toBe(true);
    const key = JSON.stringify([c.formula, c.data, c.row, c.today]);
    if (seen.has(key)) throw new Error(`duplicate case: ${key}`);
    seen.add(key);
  }
});

describe('formula cases (Excel semantics)', () => {
  test.each(cases.map((c, i) => [`#${i + 1} ${c.formula}${c.note ? `  (${c.note})` : ''}`, c] as const))('%s', (_name, c) => {
    const got = run(c);
    if ('error' in c.expect) {
      expect(got).toEqual({ error: c.expect.error });
    } else if (typeof c.expect.value === 'number') {
      expect(got).toEqual({ value: c.expect.value });
      // toEqual treats 0 and -0 alike and uses Object.is otherwise: exact equality.
    } else {
      expect(got).toEqual({ value: c.expect.value });
    }
  });
});
