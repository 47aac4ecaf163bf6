/**
 * 数学函数 (math): SUM, PRODUCT, SUMPRODUCT, ROUND family, INT, MOD, POWER, SQRT … All
 * arithmetic is exact (../../number); ROUND is half away from zero, as in Excel.
 */
import { ExactSum, abs, add, div, floorInt, isNum, isZero, mul, pow, round, sign, sqrt, sub, type Num, type RoundMode } from '../../number';
import { collectNumbers, fromArith, rangeItems, toInteger, toNumber } from '../coerce';
import { ERRORS, isError, type Value } from '../values';
import type { EagerFunctionDecl, ParamKind, ParamSpec } from './types';

const p = (name: string, kind: ParamKind, doc: string, extra: Partial<ParamSpec> = {}): ParamSpec => ({ name, kind, doc, ...extra });

/** The sum of numbers, exactly. */
export function sumOf(nums: readonly Num[]): Num {
  const s = new ExactSum();
  for (const n of nums) s.add(n);
  return s.value();
}

function unary(f: (x: Num) => Value): (args: Value[]) => Value {
  return (args) => {
    const x = toNumber(args[0] ?? null);
    return isError(x) ? x : f(x);
  };
}

function rounding(mode: RoundMode, defaultDigits?: number): (args: Value[]) => Value {
  return (args) => {
    const x = toNumber(args[0] ?? null);
    if (isError(x)) return x;
    const d = args.length > 1 || defaultDigits === undefined ? toInteger(args[1] ?? null) : defaultDigits;
    if (isError(d)) return d;
    return round(x, Math.max(-400, Math.min(400, d)), mode);
  };
}

/** CEILING / FLOOR: a multiple of `significance` toward +∞ (CEILING) or −∞ (FLOOR), Excel's sign rules. */
function toMultiple(mode: 'ceiling' | 'floor'): (args: Value[]) => Value {
  return (args) => {
    const x = toNumber(args[0] ?? null);
    if (isError(x)) return x;
    const s = toNumber(args[1] ?? null);
    if (isError(s)) return s;
    if (isZero(s)) return mode === 'ceiling' ? 0 : isZero(x) ? 0 : ERRORS['#DIV/0!'];
    if (sign(x) > 0 && sign(s) < 0) return ERRORS['#NUM!'];
    const q = fromArith(div(x, s));
    if (isError(q)) return q;
    return mul(round(q, 0, mode), s);
  };
}

export const MATH_FUNCTIONS: readonly EagerFunctionDecl[] = [
  {
    name: 'SUM',
    category: 'math',
    params: [p('number', 'range', '要相加的数值或列；列中的文本、逻辑值和空值被忽略', { repeat: true })],
    returns: 'number',
    description: '求和：返回所有参数之和。直接写入的数字文本会转换为数字，列中的文本被忽略。',
    examples: [
      { formula: 'SUM(1, 2, 3)', result: '6' },
      { formula: 'SUM(indicators.score)', result: '30', data: { indicators: [{ score: 10 }, { score: 20 }, { score: '说明' }] } },
      { formula: 'SUM(0.1, 0.2)', result: '0.3' },
    ],
    impl: (args) => {
      const nums = collectNumbers(args);
      return isError(nums) ? nums : sumOf(nums);
    },
  },
  {
    name: 'PRODUCT',
    category: 'math',
    params: [p('number', 'range', '要相乘的数值或列', { repeat: true })],
    returns: 'number',
    description: '求积：返回所有参数的乘积；没有任何数值时为 0。',
    examples: [{ formula: 'PRODUCT(2, 3, 0.5)', result: '3' }],
    impl: (args) => {
      const nums = collectNumbers(args);
      if (isError(nums)) return nums;
      if (nums.length === 0) return 0;
      let r: Num = 1;
      for (const n of nums) r = mul(r, n);
      return r;
    },
  },
  {
    name: 'SUMPRODUCT',
    category: 'math',
    params: [p('array', 'range', '等长的列；对应位置相乘后求和，非数值按 0 计', { repeat: true })],
    returns: 'number',
    description: '乘积之和：把各列对应位置的数值相乘，再把乘积相加（如权重 × 得分）。各列长度必须相同。',
    examples: [
      {
        formula: 'SUMPRODUCT(rows.weight, rows.score)',
        result: '8.5',
        data: { rows: [{ weight: 0.5, score: 9 }, { weight: 0.5, score: 8 }] },
      },
    ],
    impl: (args) => {
      const lists = args.map(rangeItems);
      const len = lists[0]?.length ?? 0;
      if (lists.some((l) => l.length !== len)) return ERRORS['#VALUE!'];
      let total: Num = 0;
      for (let i = 0; i < len; i++) {
        let prod: Num = 1;
        for (const l of lists) {
          const v = l[i] ?? null;
          if (isError(v)) return v;
          prod = isNum(v) ? mul(prod, v) : 0;
        }
        total = add(total, prod);
      }
      return total;
    },
  },
  {
    name: 'ROUND',
    category: 'math',
    params: [p('number', 'number', '要舍入的数值'), p('num_digits', 'number', '保留的小数位数；负数表示舍入到十位、百位等')],
    returns: 'number',
    description: '四舍五入：按指定位数四舍五入（远离零舍入，与 Excel 相同）。',
    examples: [
      { formula: 'ROUND(2.675, 2)', result: '2.68' },
      { formula: 'ROUND(-2.5, 0)', result: '-3' },
      { formula: 'ROUND(1234, -2)', result: '1200' },
    ],
    impl: rounding('half-up'),
  },
  {
    name: 'ROUNDUP',
    category: 'math',
    params: [p('number', 'number', '要舍入的数值'), p('num_digits', 'number', '保留的小数位数')],
    returns: 'number',
    description: '向上舍入：朝远离零的方向舍入到指定位数。',
    examples: [{ formula: 'ROUNDUP(3.141, 2)', result: '3.15' }, { formula: 'ROUNDUP(-3.141, 2)', result: '-3.15' }],
    impl: rounding('up'),
  },
  {
    name: 'ROUNDDOWN',
    category: 'math',
    params: [p('number', 'number', '要舍入的数值'), p('num_digits', 'number', '保留的小数位数')],
    returns: 'number',
    description: '向下舍入（截位）：朝零的方向舍入到指定位数，常用于百分比截取两位小数。',
    examples: [{ formula: 'ROUNDDOWN(11.0457, 2)', result: '11.04' }, { formula: 'ROUNDDOWN(-3.149, 2)', result: '-3.14' }],
    impl: rounding('down'),
  },
  {
    name: 'TRUNC',
    category: 'math',
    params: [p('number', 'number', '要截尾的数值'), p('num_digits', 'number', '保留的小数位数，默认 0', { optional: true })],
    returns: 'number',
    description: '截尾取整：去掉指定位数之后的小数部分（朝零方向）。',
    examples: [{ formula: 'TRUNC(8.97)', result: '8' }, { formula: 'TRUNC(-8.97, 1)', result: '-8.9' }],
    impl: rounding('down', 0),
  },
  {
    name: 'INT',
    category: 'math',
    params: [p('number', 'number', '要取整的数值')],
    returns: 'number',
    description: '向下取整：返回不大于该数的最大整数。',
    examples: [{ formula: 'INT(8.9)', result: '8' }, { formula: 'INT(-8.1)', result: '-9' }],
    impl: unary((x) => floorInt(x)),
  },
  {
    name: 'ABS',
    category: 'math',
    params: [p('number', 'number', '数值')],
    returns: 'number',
    description: '绝对值。',
    examples: [{ formula: 'ABS(-2.5)', result: '2.5' }],
    impl: unary((x) => abs(x)),
  },
  {
    name: 'SIGN',
    category: 'math',
    params: [p('number', 'number', '数值')],
    returns: 'number',
    description: '符号：正数返回 1，零返回 0，负数返回 -1。',
    examples: [{ formula: 'SIGN(-3)', result: '-1' }],
    impl: unary((x) => sign(x)),
  },
  {
    name: 'MOD',
    category: 'math',
    params: [p('number', 'number', '被除数'), p('divisor', 'number', '除数')],
    returns: 'number',
    description: '求余数：结果的符号与除数相同；除数为 0 时返回 #DIV/0!。',
    examples: [{ formula: 'MOD(10, 3)', result: '1' }, { formula: 'MOD(-3, 2)', result: '1' }, { formula: 'MOD(5, 0)', result: '#DIV/0!' }],
    impl: (args) => {
      const n = toNumber(args[0] ?? null);
      if (isError(n)) return n;
      const d = toNumber(args[1] ?? null);
      if (isError(d)) return d;
      const q = fromArith(div(n, d));
      if (isError(q)) return q;
      return sub(n, mul(d, floorInt(q)));
    },
  },
  {
    name: 'QUOTIENT',
    category: 'math',
    params: [p('numerator', 'number', '被除数'), p('denominator', 'number', '除数')],
    returns: 'number',
    description: '整数商：返回除法结果的整数部分（朝零截尾）。',
    examples: [{ formula: 'QUOTIENT(7, 2)', result: '3' }, { formula: 'QUOTIENT(-7, 2)', result: '-3' }],
    impl: (args) => {
      const n = toNumber(args[0] ?? null);
      if (isError(n)) return n;
      const d = toNumber(args[1] ?? null);
      if (isError(d)) return d;
      const q = fromArith(div(n, d));
      return isError(q) ? q : round(q, 0, 'down');
    },
  },
  {
    name: 'POWER',
    category: 'math',
    params: [p('number', 'number', '底数'), p('power', 'number', '指数')],
    returns: 'number',
    description: '乘幂：返回底数的指定次幂，与 ^ 运算符相同；0 的 0 次幂为 #NUM!。',
    examples: [{ formula: 'POWER(2, 10)', result: '1024' }, { formula: 'POWER(4, 0.5)', result: '2' }],
    impl: (args) => {
      const x = toNumber(args[0] ?? null);
      if (isError(x)) return x;
      const y = toNumber(args[1] ?? null);
      if (isError(y)) return y;
      return fromArith(pow(x, y));
    },
  },
  {
    name: 'SQRT',
    category: 'math',
    params: [p('number', 'number', '非负数值')],
    returns: 'number',
    description: '平方根；负数返回 #NUM!。',
    examples: [{ formula: 'SQRT(2.25)', result: '1.5' }, { formula: 'SQRT(-1)', result: '#NUM!' }],
    impl: unary((x) => fromArith(sqrt(x))),
  },
  {
    name: 'CEILING',
    category: 'math',
    params: [p('number', 'number', '要舍入的数值'), p('significance', 'number', '基数（舍入到它的倍数）')],
    returns: 'number',
    description: '向上舍入到基数的倍数（朝正无穷方向；数值与基数都为负时朝负无穷）。正数配负基数返回 #NUM!。',
    examples: [{ formula: 'CEILING(2.3, 0.5)', result: '2.5' }, { formula: 'CEILING(-2.5, 2)', result: '-2' }],
    impl: toMultiple('ceiling'),
  },
  {
    name: 'FLOOR',
    category: 'math',
    params: [p('number', 'number', '要舍入的数值'), p('significance', 'number', '基数（舍入到它的倍数）')],
    returns: 'number',
    description: '向下舍入到基数的倍数（朝负无穷方向；数值与基数都为负时朝零）。基数为 0 返回 #DIV/0!。',
    examples: [{ formula: 'FLOOR(2.7, 0.5)', result: '2.5' }, { formula: 'FLOOR(-2.5, 2)', result: '-4' }],
    impl: toMultiple('floor'),
  },
];
