/**
 * 逻辑函数 (logical): IF, IFS, IFERROR, IFNA, SWITCH are lazy (arguments arrive as thunks and
 * only the taken branch is evaluated, so an error in the other branch is never raised);
 * AND, OR, XOR, NOT evaluate every argument, as Excel does.
 */
import { flatten, toBoolean } from '../coerce';
import { compareScalars } from '../operators';
import { ERRORS, ErrorValue, isError, isRange, type Value } from '../values';
import { isNum } from '../../number';
import type { EagerFunctionDecl, FunctionDecl, LazyFunctionDecl, ParamKind, ParamSpec, Thunk } from './types';

const p = (name: string, kind: ParamKind, doc: string, extra: Partial<ParamSpec> = {}): ParamSpec => ({ name, kind, doc, ...extra });

/** A condition's logical value: ranges are #VALUE!, errors are themselves. */
export function condition(v: Value): boolean | ErrorValue {
  if (isRange(v)) return ERRORS['#VALUE!'];
  return toBoolean(v);
}

/**
 * The logicals of AND/OR/XOR arguments: in ranges, logicals and numbers count and text and
 * blanks are ignored; direct arguments are coerced (text other than TRUE/FALSE is #VALUE!),
 * a direct blank is ignored. An error propagates; nothing to test is #VALUE!.
 */
function logicals(args: readonly Value[]): boolean[] | ErrorValue {
  const out: boolean[] = [];
  for (const { value, inRange } of flatten(args)) {
    if (isError(value)) return value;
    if (typeof value === 'boolean') out.push(value);
    else if (isNum(value)) out.push(toBoolean(value) as boolean);
    else if (!inRange && typeof value === 'string') {
      const b = toBoolean(value);
      if (isError(b)) return b;
      out.push(b);
    }
  }
  return out.length === 0 ? new ErrorValue('#VALUE!', '没有可判断的逻辑值') : out;
}

const LAZY: readonly LazyFunctionDecl[] = [
  {
    name: 'IF',
    category: 'logical',
    lazy: true,
    params: [
      p('logical_test', 'logical', '判断条件'),
      p('value_if_true', 'any', '条件成立时的结果'),
      p('value_if_false', 'any', '条件不成立时的结果，省略时为 FALSE', { optional: true }),
    ],
    returns: 'any',
    description: '条件判断：条件成立返回第二个参数，否则返回第三个参数；未选中的分支不计算。',
    examples: [
      { formula: 'IF(score>=60, "合格", "不合格")', result: '"合格"', data: { score: 75 } },
      { formula: 'IF(budget=0, 0, spent/budget)', result: '0', data: { budget: 0, spent: 5 } },
    ],
    impl: (args: Thunk[]) => {
      const c = condition((args[0] as Thunk)());
      if (isError(c)) return c;
      if (c) return args[1] ? args[1]() : true;
      return args[2] ? args[2]() : false;
    },
  },
  {
    name: 'IFS',
    category: 'logical',
    lazy: true,
    params: [
      p('logical_test', 'logical', '第一个条件'),
      p('value_if_true', 'any', '第一个条件成立时的结果'),
      p('more', 'any', '更多的“条件, 结果”对', { optional: true, repeat: true }),
    ],
    returns: 'any',
    description: '多条件判断：返回第一个成立的条件对应的结果；都不成立时返回 #N/A。',
    examples: [
      { formula: 'IFS(total>=90, "优", total>=80, "良", total>=60, "中", TRUE, "差")', result: '"良"', data: { total: 85 } },
    ],
    impl: (args: Thunk[]) => {
      if (args.length % 2 !== 0) return new ErrorValue('#N/A', 'IFS 的参数必须成对出现');
      for (let i = 0; i < args.length; i += 2) {
        const c = condition((args[i] as Thunk)());
        if (isError(c)) return c;
        if (c) return (args[i + 1] as Thunk)();
      }
      return new ErrorValue('#N/A', '没有成立的条件');
    },
  },
  {
    name: 'IFERROR',
    category: 'logical',
    lazy: true,
    params: [p('value', 'any', '要检查的值'), p('value_if_error', 'any', '该值为任意错误值时返回的结果')],
    returns: 'any',
    description: '错误处理：值为错误值（#DIV/0!、#VALUE! 等）时返回第二个参数，否则返回该值本身。',
    examples: [
      { formula: 'IFERROR(spent/budget, 0)', result: '0', data: { spent: 5 } },
      { formula: 'IFERROR(10/4, 0)', result: '2.5' },
    ],
    impl: (args: Thunk[]) => {
      const v = (args[0] as Thunk)();
      return isError(v) ? (args[1] as Thunk)() : v;
    },
  },
  {
    name: 'IFNA',
    category: 'logical',
    lazy: true,
    params: [p('value', 'any', '要检查的值'), p('value_if_na', 'any', '该值为 #N/A 时返回的结果')],
    returns: 'any',
    description: '只处理 #N/A：值为 #N/A 时返回第二个参数，其他错误值原样返回。',
    examples: [{ formula: 'IFNA(SWITCH(x, 1, "一"), "其他")', result: '"其他"', data: { x: 5 } }],
    impl: (args: Thunk[]) => {
      const v = (args[0] as Thunk)();
      return isError(v) && v.code === '#N/A' ? (args[1] as Thunk)() : v;
    },
  },
  {
    name: 'SWITCH',
    category: 'logical',
    lazy: true,
    params: [
      p('expression', 'any', '要匹配的值'),
      p('value', 'any', '候选值'),
      p('result', 'any', '与候选值相等时的结果'),
      p('more', 'any', '更多的“候选值, 结果”对，最后可以再加一个默认结果', { optional: true, repeat: true }),
    ],
    returns: 'any',
    description: '按值选择：返回第一个与表达式相等的候选值对应的结果（文本不区分大小写）；都不相等时返回默认结果，没有默认结果返回 #N/A。',
    examples: [
      { formula: 'SWITCH(direction, "≥", "正向", "≤", "反向", "其他")', result: '"反向"', data: { direction: '≤' } },
    ],
    impl: (args: Thunk[]) => {
      const x = (args[0] as Thunk)();
      if (isError(x)) return x;
      if (isRange(x)) return ERRORS['#VALUE!'];
      let i = 1;
      for (; i + 1 < args.length; i += 2) {
        const v = (args[i] as Thunk)();
        if (isError(v)) return v;
        if (isRange(v)) return ERRORS['#VALUE!'];
        if (compareScalars(x, v) === 0) return (args[i + 1] as Thunk)();
      }
      if (i < args.length) return (args[i] as Thunk)();
      return new ErrorValue('#N/A', '没有匹配的值');
    },
  },
];

const EAGER: readonly EagerFunctionDecl[] = [
  {
    name: 'AND',
    category: 'logical',
    params: [p('logical', 'range', '条件或列；列中的文本和空值被忽略', { repeat: true })],
    returns: 'logical',
    description: '与：所有条件都成立时返回 TRUE。',
    examples: [{ formula: 'AND(score>=60, score<=100)', result: 'true', data: { score: 75 } }],
    impl: (args) => {
      const bs = logicals(args);
      return isError(bs) ? bs : bs.every(Boolean);
    },
  },
  {
    name: 'OR',
    category: 'logical',
    params: [p('logical', 'range', '条件或列；列中的文本和空值被忽略', { repeat: true })],
    returns: 'logical',
    description: '或：任一条件成立时返回 TRUE。',
    examples: [{ formula: 'OR(direction="≥", direction="≤")', result: 'false', data: { direction: '定性' } }],
    impl: (args) => {
      const bs = logicals(args);
      return isError(bs) ? bs : bs.some(Boolean);
    },
  },
  {
    name: 'XOR',
    category: 'logical',
    params: [p('logical', 'range', '条件或列', { repeat: true })],
    returns: 'logical',
    description: '异或：成立的条件个数为奇数时返回 TRUE。',
    examples: [{ formula: 'XOR(TRUE, FALSE)', result: 'true' }, { formula: 'XOR(TRUE, TRUE)', result: 'false' }],
    impl: (args) => {
      const bs = logicals(args);
      return isError(bs) ? bs : bs.filter(Boolean).length % 2 === 1;
    },
  },
  {
    name: 'NOT',
    category: 'logical',
    params: [p('logical', 'logical', '条件')],
    returns: 'logical',
    description: '非：条件成立返回 FALSE，不成立返回 TRUE。',
    examples: [{ formula: 'NOT(1>2)', result: 'true' }],
    impl: (args) => {
      const b = condition(args[0] ?? null);
      return isError(b) ? b : !b;
    },
  },
  {
    name: 'TRUE',
    category: 'logical',
    params: [],
    returns: 'logical',
    description: '返回逻辑值 TRUE。',
    examples: [{ formula: 'TRUE()', result: 'true' }],
    impl: () => true,
  },
  {
    name: 'FALSE',
    category: 'logical',
    params: [],
    returns: 'logical',
    description: '返回逻辑值 FALSE。',
    examples: [{ formula: 'FALSE()', result: 'false' }],
    impl: () => false,
  },
];

export const LOGICAL_FUNCTIONS: readonly FunctionDecl[] = [...LAZY, ...EAGER];
