/**
 * 信息函数 (info): the IS* tests, N and NA. IS* never return an error: they receive errors
 * as values and answer about them.
 */
import { div, isInteger, isNum, round } from '../../number';
import { toNumber } from '../coerce';
import { ERRORS, ErrorValue, isError, isRange, type Value } from '../values';
import type { EagerFunctionDecl, ParamKind, ParamSpec } from './types';

const p = (name: string, kind: ParamKind, doc: string, extra: Partial<ParamSpec> = {}): ParamSpec => ({ name, kind, doc, ...extra });

function test(name: string, description: string, f: (v: Value) => boolean, examples: EagerFunctionDecl['examples']): EagerFunctionDecl {
  return {
    name,
    category: 'info',
    params: [p('value', 'any', '要检查的值')],
    returns: 'logical',
    description,
    examples,
    impl: (args) => f(args[0] ?? null),
  };
}

function parity(name: string, description: string, odd: boolean, example: string): EagerFunctionDecl {
  return {
    name,
    category: 'info',
    params: [p('number', 'number', '要检查的数值（小数部分被截去）')],
    returns: 'logical',
    description,
    examples: [{ formula: example, result: 'true' }],
    impl: (args) => {
      const x = toNumber(args[0] ?? null);
      if (isError(x)) return x;
      const half = div(round(x, 0, 'down'), 2);
      const even = typeof half !== 'symbol' && isInteger(half);
      return odd ? !even : even;
    },
  };
}

export const INFO_FUNCTIONS: readonly EagerFunctionDecl[] = [
  test('ISBLANK', '是否为空：字段缺失、为 null 或空文本时返回 TRUE。', (v) => v === null, [
    { formula: 'ISBLANK(remark)', result: 'true', data: {} },
    { formula: 'ISBLANK(0)', result: 'false' },
  ]),
  test('ISNUMBER', '是否为数值（数字文本不算数值）。', (v) => isNum(v), [
    { formula: 'ISNUMBER(12.5)', result: 'true' },
    { formula: 'ISNUMBER("12")', result: 'false' },
  ]),
  test('ISTEXT', '是否为文本。', (v) => typeof v === 'string', [{ formula: 'ISTEXT("定性")', result: 'true' }]),
  test('ISNONTEXT', '是否不是文本（空值也返回 TRUE）。', (v) => typeof v !== 'string', [{ formula: 'ISNONTEXT(1)', result: 'true' }]),
  test('ISLOGICAL', '是否为逻辑值 TRUE/FALSE。', (v) => typeof v === 'boolean', [{ formula: 'ISLOGICAL(1>0)', result: 'true' }]),
  test('ISERROR', '是否为任意错误值。', (v) => isError(v), [{ formula: 'ISERROR(1/0)', result: 'true' }]),
  test('ISERR', '是否为 #N/A 以外的错误值。', (v) => isError(v) && v.code !== '#N/A', [{ formula: 'ISERR(NA())', result: 'false' }]),
  test('ISNA', '是否为 #N/A。', (v) => isError(v) && v.code === '#N/A', [{ formula: 'ISNA(NA())', result: 'true' }]),
  parity('ISEVEN', '是否为偶数。', false, 'ISEVEN(4)'),
  parity('ISODD', '是否为奇数。', true, 'ISODD(3)'),
  {
    name: 'N',
    category: 'info',
    params: [p('value', 'any', '要转换的值')],
    returns: 'number',
    description: '转为数值：数值返回本身，TRUE 返回 1，其他（文本、FALSE、空值）返回 0，错误值原样返回。',
    examples: [{ formula: 'N(TRUE)', result: '1' }, { formula: 'N("12")', result: '0' }],
    impl: (args) => {
      const v = args[0] ?? null;
      if (isNum(v) || isError(v)) return v;
      if (isRange(v)) return ERRORS['#VALUE!'];
      return v === true ? 1 : 0;
    },
  },
  {
    name: 'NA',
    category: 'info',
    params: [],
    returns: 'any',
    description: '返回错误值 #N/A（表示“无可用值”）。',
    examples: [{ formula: 'NA()', result: '#N/A' }],
    impl: () => new ErrorValue('#N/A'),
  },
];
