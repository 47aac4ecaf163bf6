/**
 * 统计函数 (statistical): AVERAGE, MIN, MAX, MEDIAN, COUNT family, the *IF/*IFS conditional
 * aggregates with Excel criteria (">5", "<>定性", "定性", wildcards * ? ~), LARGE, SMALL, RANK.
 */
import { add, cmp, div, isNum, toJsNumber, type Num } from '../../number';
import { collectNumbers, flatten, fromArith, isEmptyCell, rangeItems, textToNumber, toInteger, toNumber } from '../coerce';
import { compareScalars, compareText } from '../operators';
import { ERRORS, ERROR_CODES, ErrorValue, isError, isRange, type Scalar, type Value } from '../values';
import { sumOf } from './math';
import type { EagerFunctionDecl, ParamKind, ParamSpec } from './types';

const p = (name: string, kind: ParamKind, doc: string, extra: Partial<ParamSpec> = {}): ParamSpec => ({ name, kind, doc, ...extra });

/** A cell test built from an Excel criterion. */
export type Criterion = (v: Scalar) => boolean;

type CmpOp = '=' | '<>' | '<' | '<=' | '>' | '>=';

function holds(op: CmpOp, c: -1 | 0 | 1): boolean {
  switch (op) {
    case '=': return c === 0;
    case '<>': return c !== 0;
    case '<': return c < 0;
    case '<=': return c <= 0;
    case '>': return c > 0;
    case '>=': return c >= 0;
  }
}

/** A wildcard pattern (* any run, ? one character, ~ escapes) as a case-insensitive whole-text regex. */
export function wildcardRegex(pattern: string, anchored = true): RegExp {
  let src = '';
  for (let i = 0; i < pattern.length; i++) {
    const ch = pattern[i] as string;
    if (ch === '~' && i + 1 < pattern.length) {
      const next = pattern[i + 1] as string;
      if (next === '*' || next === '?' || next === '~') {
        src += '\\' + next;
        i++;
        continue;
      }
    }
    if (ch === '*') src += '[\\s\\S]*';
    else if (ch === '?') src += '[\\s\\S]';
    else src += ch.replace(/[.*+?^${}()|[\]\\/]/g, '\\$&');
  }
  return new RegExp(anchored ? `^${src}$` : src, 'iu');
}

/** Whether a cell holds the number n, as a number or as numeric text (COUNTIF counts both). */
function equalsNumber(v: Scalar, n: Num): boolean {
  if (isNum(v)) return cmp(v, n) === 0;
  if (typeof v === 'string') {
    const t = textToNumber(v);
    return t !== undefined && cmp(t, n) === 0;
  }
  return false;
}

/**
 * An Excel criterion as a test: a number or logical matches equal cells; text may start
 * with = <> < <= > >= and the rest is a number, a date, TRUE/FALSE (matching logicals and
 * that text) or text (compared case-insensitively; `=`/`<>` honour the wildcards * ? ~).
 * "" matches empty cells, "<>" non-empty ones. Ordering operators only match cells of the operand's type.
 */
export function parseCriterion(criterion: Value): Criterion | ErrorValue {
  if (typeof criterion === 'string') {
    // Criteria are nearly always constants ("产出指标", ">=60"): parse each text once.
    const hit = criterionCache.get(criterion);
    if (hit !== undefined) return hit;
    const parsed = parseCriterionText(criterion);
    if (criterionCache.size >= CRITERION_CACHE_LIMIT) criterionCache.clear();
    criterionCache.set(criterion, parsed);
    return parsed;
  }
  return parseCriterionValue(criterion);
}

const CRITERION_CACHE_LIMIT = 512;

/**
 * Case-insensitive equality with `lower` (already lower-cased) without allocating for the
 * usual texts: characters that are equal or ASCII letters differing in case are settled
 * in place; anything else falls back to toLowerCase on the whole text.
 */
function equalsIgnoreCase(text: string, lower: string): boolean {
  if (text === lower) return true;
  // Lower-casing keeps the length except for U+0130 (İ → i̇).
  if (text.length !== lower.length && text.indexOf('\u0130') < 0) return false;
  if (text.length === lower.length) {
    let i = 0;
    for (; i < text.length; i++) {
      const a = text.charCodeAt(i);
      const b = lower.charCodeAt(i);
      if (a === b) continue;
      if (((a >= 65 && a <= 90) || (a >= 0xff21 && a <= 0xff3a)) && a + 32 === b) continue;
      if (a < 128 && b < 128) return false; // ASCII characters that differ beyond case
      // CJK and other caseless blocks (U+3000–U+FF00): different characters, no case to fold
      if (a >= 0x3000 && a < 0xff00 && b >= 0x3000 && b < 0xff00) return false;
      break;
    }
    if (i === text.length) return true;
  }
  return text.toLowerCase() === lower;
}
const criterionCache = new Map<string, Criterion>();

function parseCriterionValue(criterion: Value): Criterion | ErrorValue {
  if (isError(criterion)) return criterion;
  if (isRange(criterion)) return ERRORS['#VALUE!'];
  if (isNum(criterion)) return (v) => equalsNumber(v, criterion);
  if (typeof criterion === 'boolean') return (v) => v === criterion;
  return parseCriterionText(criterion ?? '');
}

function parseCriterionText(text: string): Criterion {
  const m = /^(<=|>=|<>|<|>|=)?([\s\S]*)$/.exec(text);
  const op = (m?.[1] ?? '=') as CmpOp;
  const operand = m?.[2] ?? '';
  if (operand === '') {
    if (op === '=') return isEmptyCell;
    if (op === '<>') return (v) => !isEmptyCell(v);
    return (v) => typeof v === 'string' && v !== '' && holds(op, compareText(v, ''));
  }
  const n = textToNumber(operand);
  if (n !== undefined) {
    if (op === '=') return (v) => equalsNumber(v, n);
    if (op === '<>') return (v) => !equalsNumber(v, n);
    return (v) => isNum(v) && holds(op, cmp(v, n));
  }
  const upper = operand.toUpperCase();
  if (upper === 'TRUE' || upper === 'FALSE') {
    const b = upper === 'TRUE';
    const matches = (v: Scalar) => v === b || (typeof v === 'string' && v.toUpperCase() === upper);
    if (op === '=') return matches;
    if (op === '<>') return (v) => !matches(v);
    return (v) => typeof v === 'boolean' && holds(op, compareScalars(v, b));
  }
  if ((ERROR_CODES as readonly string[]).includes(upper)) {
    const matches = (v: Scalar) => isError(v) && v.code === upper;
    return op === '<>' ? (v) => !matches(v) : op === '=' ? matches : () => false;
  }
  if (op === '=' || op === '<>') {
    const re = /[*?~]/.test(operand) ? wildcardRegex(operand) : undefined;
    const lower = operand.toLowerCase();
    // Text without letter case (Chinese category names, the common criterion) can only equal
    // itself: lower-casing never turns a cased character into a caseless one.
    const caseless = lower === operand.toUpperCase();
    const matches: Criterion = re
      ? (v) => typeof v === 'string' && re.test(v)
      : caseless
        ? (v) => v === lower
        : (v) => typeof v === 'string' && equalsIgnoreCase(v, lower);
    return op === '=' ? matches : (v) => !matches(v);
  }
  return (v) => typeof v === 'string' && holds(op, compareText(v, operand));
}

/**
 * The indices where every (range, criterion) pair matches; #VALUE! when ranges differ in
 * length. `pairs` alternate range, criterion.
 */
function matchingIndices(pairs: readonly Value[], length?: number): number[] | ErrorValue {
  if (pairs.length === 0 || pairs.length % 2 !== 0) return ERRORS['#VALUE!'];
  const tests: { items: readonly Scalar[]; test: Criterion }[] = [];
  for (let i = 0; i < pairs.length; i += 2) {
    const items = rangeItems(pairs[i] ?? null);
    const test = parseCriterion(pairs[i + 1] ?? null);
    if (isError(test)) return test;
    tests.push({ items, test });
  }
  const n = length ?? tests[0]?.items.length ?? 0;
  if (tests.some((t) => t.items.length !== n)) return ERRORS['#VALUE!'];
  const out: number[] = [];
  for (let i = 0; i < n; i++) {
    if (tests.every((t) => t.test(t.items[i] ?? null))) out.push(i);
  }
  return out;
}

/** The numbers of `values` at the given indices (non-numbers skipped, an error returned). */
function numbersAt(values: readonly Scalar[], indices: readonly number[]): Num[] | ErrorValue {
  const out: Num[] = [];
  for (const i of indices) {
    const v = values[i] ?? null;
    if (isError(v)) return v;
    if (isNum(v)) out.push(v);
  }
  return out;
}

function average(nums: readonly Num[]): Value {
  if (nums.length === 0) return ERRORS['#DIV/0!'];
  return fromArith(div(sumOf(nums), nums.length));
}

function sorted(nums: readonly Num[]): Num[] {
  return [...nums].sort((a, b) => cmp(a, b));
}

/** The numbers of a range argument as LARGE/SMALL/RANK see them (numbers only; errors returned). */
function rangeNumbers(v: Value): Num[] | ErrorValue {
  const out: Num[] = [];
  for (const item of rangeItems(v)) {
    if (isError(item)) return item;
    if (isNum(item)) out.push(item);
    else if (!isRange(v) && item !== null) {
      const n = toNumber(item);
      if (isError(n)) return n;
      out.push(n);
    }
  }
  return out;
}

function kth(which: 'large' | 'small'): (args: Value[]) => Value {
  return (args) => {
    const nums = rangeNumbers(args[0] ?? null);
    if (isError(nums)) return nums;
    const kv = toNumber(args[1] ?? null);
    if (isError(kv)) return kv;
    const k = Math.ceil(toJsNumber(kv));
    if (!(k >= 1 && k <= nums.length)) return ERRORS['#NUM!'];
    const s = sorted(nums);
    return (which === 'small' ? s[k - 1] : s[s.length - k]) as Num;
  };
}

export const STATISTICAL_FUNCTIONS: readonly EagerFunctionDecl[] = [
  {
    name: 'AVERAGE',
    category: 'statistical',
    params: [p('number', 'range', '数值或列；列中的文本、逻辑值和空值被忽略', { repeat: true })],
    returns: 'number',
    description: '算术平均值；没有任何数值时返回 #DIV/0!。',
    examples: [
      { formula: 'AVERAGE(80, 90, 100)', result: '90' },
      { formula: 'AVERAGE(rows.score)', result: '85', data: { rows: [{ score: 80 }, { score: 90 }, { score: '' }] } },
    ],
    impl: (args) => {
      const nums = collectNumbers(args);
      return isError(nums) ? nums : average(nums);
    },
  },
  {
    name: 'MIN',
    category: 'statistical',
    params: [p('number', 'range', '数值或列', { repeat: true })],
    returns: 'number',
    description: '最小值；没有任何数值时返回 0。',
    examples: [{ formula: 'MIN(3, 1, 2)', result: '1' }, { formula: 'MIN(spent/adjusted, 1)', result: '1', data: { spent: 120, adjusted: 100 } }],
    impl: (args) => {
      const nums = collectNumbers(args);
      if (isError(nums)) return nums;
      return nums.reduce<Num | undefined>((m, n) => (m === undefined || cmp(n, m) < 0 ? n : m), undefined) ?? 0;
    },
  },
  {
    name: 'MAX',
    category: 'statistical',
    params: [p('number', 'range', '数值或列', { repeat: true })],
    returns: 'number',
    description: '最大值；没有任何数值时返回 0。',
    examples: [{ formula: 'MAX(3, 1, 2)', result: '3' }, { formula: 'MAX(-5, 0)', result: '0' }],
    impl: (args) => {
      const nums = collectNumbers(args);
      if (isError(nums)) return nums;
      return nums.reduce<Num | undefined>((m, n) => (m === undefined || cmp(n, m) > 0 ? n : m), undefined) ?? 0;
    },
  },
  {
    name: 'MEDIAN',
    category: 'statistical',
    params: [p('number', 'range', '数值或列', { repeat: true })],
    returns: 'number',
    description: '中位数；个数为偶数时取中间两个数的平均值，没有数值时返回 #NUM!。',
    examples: [{ formula: 'MEDIAN(1, 3, 2)', result: '2' }, { formula: 'MEDIAN(1, 2, 3, 4)', result: '2.5' }],
    impl: (args) => {
      const nums = collectNumbers(args);
      if (isError(nums)) return nums;
      if (nums.length === 0) return ERRORS['#NUM!'];
      const s = sorted(nums);
      const mid = Math.floor(s.length / 2);
      if (s.length % 2 === 1) return s[mid] as Num;
      return fromArith(div(add(s[mid - 1] as Num, s[mid] as Num), 2));
    },
  },
  {
    name: 'COUNT',
    category: 'statistical',
    params: [p('value', 'range', '值或列；只统计数值', { repeat: true })],
    returns: 'number',
    description: '统计数值的个数：列中只计数字；直接写入的参数中，数字、逻辑值和数字文本都计入。错误值不计入。',
    examples: [{ formula: 'COUNT(rows.v)', result: '2', data: { rows: [{ v: 1 }, { v: 'a' }, { v: 2 }, { v: null }] } }],
    impl: (args) => {
      let n = 0;
      for (const { value, inRange } of flatten(args)) {
        if (isNum(value)) n++;
        else if (!inRange && value !== null && !isError(value) && !isError(toNumber(value))) n++;
      }
      return n;
    },
  },
  {
    name: 'COUNTA',
    category: 'statistical',
    params: [p('value', 'range', '值或列', { repeat: true })],
    returns: 'number',
    description: '统计非空值的个数（数字、文本、逻辑值和错误值都计入，空值不计）。',
    examples: [{ formula: 'COUNTA(rows.v)', result: '3', data: { rows: [{ v: 1 }, { v: '定性' }, { v: false }, { v: null }] } }],
    impl: (args) => {
      let n = 0;
      for (const { value } of flatten(args)) if (value !== null) n++;
      return n;
    },
  },
  {
    name: 'COUNTBLANK',
    category: 'statistical',
    params: [p('range', 'range', '要检查的列')],
    returns: 'number',
    description: '统计空值（缺失、null 或空文本）的个数。',
    examples: [{ formula: 'COUNTBLANK(rows.v)', result: '2', data: { rows: [{ v: 1 }, { v: '' }, {}] } }],
    impl: (args) => rangeItems(args[0] ?? null).filter(isEmptyCell).length,
  },
  {
    name: 'COUNTIF',
    category: 'statistical',
    params: [p('range', 'range', '要检查的列'), p('criteria', 'any', '条件：数字、文本（可含 * ? 通配符）或 ">5"、"<>定性" 这样带比较符的文本')],
    returns: 'number',
    description: '按条件计数：统计列中满足条件的值的个数，文本比较不区分大小写。',
    examples: [
      { formula: 'COUNTIF(rows.direction, "定性")', result: '1', data: { rows: [{ direction: '≥' }, { direction: '定性' }, { direction: '≤' }] } },
      { formula: 'COUNTIF(rows.score, ">=60")', result: '2', data: { rows: [{ score: 59 }, { score: 60 }, { score: 88 }] } },
    ],
    impl: (args) => {
      const idx = matchingIndices(args.slice(0, 2));
      return isError(idx) ? idx : idx.length;
    },
  },
  {
    name: 'COUNTIFS',
    category: 'statistical',
    params: [
      p('criteria_range', 'range', '要检查的列'),
      p('criteria', 'any', '该列的条件'),
      p('more', 'range', '更多的“列, 条件”对；各列长度必须相同', { optional: true, repeat: true }),
    ],
    returns: 'number',
    description: '多条件计数：统计同时满足所有“列, 条件”的行数。',
    examples: [
      {
        formula: 'COUNTIFS(rows.kind, "产出*", rows.score, ">=5")',
        result: '1',
        data: { rows: [{ kind: '产出指标', score: 5 }, { kind: '产出指标', score: 3 }, { kind: '效益指标', score: 9 }] },
      },
    ],
    impl: (args) => {
      const idx = matchingIndices(args);
      return isError(idx) ? idx : idx.length;
    },
  },
  {
    name: 'SUMIF',
    category: 'statistical',
    params: [
      p('range', 'range', '要检查条件的列'),
      p('criteria', 'any', '条件，写法同 COUNTIF'),
      p('sum_range', 'range', '要求和的列，省略时对 range 本身求和', { optional: true }),
    ],
    returns: 'number',
    description: '按条件求和：对满足条件的行求和（只加数值）。',
    examples: [
      {
        formula: 'SUMIF(rows.level1, "产出指标", rows.weight)',
        result: '50',
        data: { rows: [{ level1: '产出指标', weight: 30 }, { level1: '效益指标', weight: 30 }, { level1: '产出指标', weight: 20 }] },
      },
      { formula: 'SUMIF(rows.v, ">5")', result: '17', data: { rows: [{ v: 3 }, { v: 8 }, { v: 9 }] } },
    ],
    impl: (args) => {
      // One pass, no index lists: SUMIF runs once per category subtotal on every evaluation.
      const range = rangeItems(args[0] ?? null);
      const test = parseCriterion(args[1] ?? null);
      if (isError(test)) return test;
      const values = args.length > 2 ? rangeItems(args[2] ?? null) : range;
      let sum: Num = 0;
      for (let i = 0; i < range.length; i++) {
        if (!test(range[i] ?? null)) continue;
        const v = values[i] ?? null;
        if (isError(v)) return v;
        if (isNum(v)) sum = add(sum, v);
      }
      return sum;
    },
  },
  {
    name: 'SUMIFS',
    category: 'statistical',
    params: [
      p('sum_range', 'range', '要求和的列'),
      p('criteria_range', 'range', '要检查的列'),
      p('criteria', 'any', '该列的条件'),
      p('more', 'range', '更多的“列, 条件”对', { optional: true, repeat: true }),
    ],
    returns: 'number',
    description: '多条件求和：对同时满足所有条件的行求和。',
    examples: [
      {
        formula: 'SUMIFS(rows.amount, rows.dept, "教育局", rows.month, "<=6")',
        result: '300',
        data: { rows: [{ dept: '教育局', month: 3, amount: 100 }, { dept: '教育局', month: 6, amount: 200 }, { dept: '教育局', month: 9, amount: 400 }] },
      },
    ],
    impl: (args) => {
      const sumItems = rangeItems(args[0] ?? null);
      const idx = matchingIndices(args.slice(1), sumItems.length);
      if (isError(idx)) return idx;
      const nums = numbersAt(sumItems, idx);
      return isError(nums) ? nums : sumOf(nums);
    },
  },
  {
    name: 'AVERAGEIF',
    category: 'statistical',
    params: [
      p('range', 'range', '要检查条件的列'),
      p('criteria', 'any', '条件，写法同 COUNTIF'),
      p('average_range', 'range', '要求平均的列，省略时对 range 本身', { optional: true }),
    ],
    returns: 'number',
    description: '按条件求平均值；没有满足条件的数值时返回 #DIV/0!。',
    examples: [{ formula: 'AVERAGEIF(rows.v, ">0")', result: '5', data: { rows: [{ v: 4 }, { v: 0 }, { v: 6 }] } }],
    impl: (args) => {
      const range = rangeItems(args[0] ?? null);
      const idx = matchingIndices([args[0] ?? null, args[1] ?? null]);
      if (isError(idx)) return idx;
      const nums = numbersAt(args.length > 2 ? rangeItems(args[2] ?? null) : range, idx);
      return isError(nums) ? nums : average(nums);
    },
  },
  {
    name: 'AVERAGEIFS',
    category: 'statistical',
    params: [
      p('average_range', 'range', '要求平均的列'),
      p('criteria_range', 'range', '要检查的列'),
      p('criteria', 'any', '该列的条件'),
      p('more', 'range', '更多的“列, 条件”对', { optional: true, repeat: true }),
    ],
    returns: 'number',
    description: '多条件求平均值；没有满足条件的数值时返回 #DIV/0!。',
    examples: [
      {
        formula: 'AVERAGEIFS(rows.score, rows.kind, "效益指标")',
        result: '7',
        data: { rows: [{ kind: '效益指标', score: 6 }, { kind: '产出指标', score: 10 }, { kind: '效益指标', score: 8 }] },
      },
    ],
    impl: (args) => {
      const items = rangeItems(args[0] ?? null);
      const idx = matchingIndices(args.slice(1), items.length);
      if (isError(idx)) return idx;
      const nums = numbersAt(items, idx);
      return isError(nums) ? nums : average(nums);
    },
  },
  {
    name: 'LARGE',
    category: 'statistical',
    params: [p('array', 'range', '数值列'), p('k', 'number', '名次（1 为最大）')],
    returns: 'number',
    description: '第 k 大的值；k 超出范围返回 #NUM!。',
    examples: [{ formula: 'LARGE(rows.v, 2)', result: '8', data: { rows: [{ v: 3 }, { v: 9 }, { v: 8 }] } }],
    impl: kth('large'),
  },
  {
    name: 'SMALL',
    category: 'statistical',
    params: [p('array', 'range', '数值列'), p('k', 'number', '名次（1 为最小）')],
    returns: 'number',
    description: '第 k 小的值；k 超出范围返回 #NUM!。',
    examples: [{ formula: 'SMALL(rows.v, 1)', result: '3', data: { rows: [{ v: 3 }, { v: 9 }, { v: 8 }] } }],
    impl: kth('small'),
  },
  {
    name: 'RANK',
    category: 'statistical',
    params: [
      p('number', 'number', '要排名的数值'),
      p('ref', 'range', '数值列'),
      p('order', 'number', '0 或省略为降序（最大为第 1 名），非 0 为升序', { optional: true }),
    ],
    returns: 'number',
    description: '排名：数值在列中的名次，相同数值名次相同；不在列中时返回 #N/A。',
    examples: [{ formula: 'RANK(8, rows.v)', result: '2', data: { rows: [{ v: 3 }, { v: 9 }, { v: 8 }] } }],
    impl: (args) => {
      const x = toNumber(args[0] ?? null);
      if (isError(x)) return x;
      const nums = rangeNumbers(args[1] ?? null);
      if (isError(nums)) return nums;
      const order = args.length > 2 ? toInteger(args[2] ?? null) : 0;
      if (isError(order)) return order;
      if (!nums.some((n) => cmp(n, x) === 0)) return ERRORS['#N/A'];
      return 1 + nums.filter((n) => (order === 0 ? cmp(n, x) > 0 : cmp(n, x) < 0)).length;
    },
  },
];
