/** Function implementations called directly: what the case table cannot express (error values inside ranges, thunks). */
import { toJs } from '../coerce';
import { ERRORS, ErrorValue, RangeValue, type Value } from '../values';
import { createFunctionRegistry, defaultRegistry, BUILTIN_FUNCTIONS, FunctionDeclarationError } from './registry';
import { parseCriterion } from './statistical';
import { formatText } from './text';
import { DOMAIN_FUNCTIONS } from './domain';
import type { CallContext, FunctionDecl, Thunk } from './types';

const ctx: CallContext = {};
const fn = (name: string) => {
  const d = defaultRegistry.get(name);
  if (!d) throw new Error(`no ${name}`);
  return d;
};
const call = (name: string, ...args: Value[]): unknown => {
  const d = fn(name);
  const v = d.lazy ? d.impl(args.map((a) => () => a), ctx) : d.impl(args, ctx);
  const js = toJs(v);
  return js instanceof ErrorValue ? js.code : js;
};
const range = (...items: RangeValue['items']) => new RangeValue(items);

describe('errors inside ranges', () => {
  test('propagate through aggregates', () => {
    const r = range(1, ERRORS['#DIV/0!'], 3);
    for (const name of ['SUM', 'AVERAGE', 'MIN', 'MAX', 'PRODUCT', 'MEDIAN', 'SUMPRODUCT', 'AND', 'OR', 'CONCAT']) {
      expect([name, call(name, r)]).toEqual([name, '#DIV/0!']);
    }
  });
  test('are counted or skipped by the COUNT family', () => {
    const r = range(1, ERRORS['#DIV/0!'], 'a', null);
    expect(call('COUNT', r)).toBe(1);
    expect(call('COUNTA', r)).toBe(3);
    expect(call('COUNTBLANK', r)).toBe(1);
    expect(call('COUNTIF', r, '#DIV/0!')).toBe(1);
  });
  test('in the summed column of SUMIF only when the row matches', () => {
    const keys = range('a', 'b');
    const vals = range(1, ERRORS['#N/A']);
    expect(call('SUMIF', keys, 'a', vals)).toBe(1);
    expect(call('SUMIF', keys, 'b', vals)).toBe('#N/A');
  });
});

describe('lazy functions evaluate only the branch taken', () => {
  const boom: Thunk = () => {
    throw new Error('evaluated');
  };
  const lazy = (name: string, ...args: Thunk[]) => {
    const d = fn(name);
    if (!d.lazy) throw new Error(`${name} is not lazy`);
    return d.impl(args, ctx);
  };
  test('IF, IFS, IFERROR, IFNA, SWITCH', () => {
    expect(lazy('IF', () => true, () => 1, boom)).toBe(1);
    expect(lazy('IF', () => false, boom, () => 2)).toBe(2);
    expect(lazy('IFS', () => false, boom, () => true, () => 3)).toBe(3);
    expect(lazy('IFERROR', () => 4, boom)).toBe(4);
    expect(lazy('IFNA', () => ERRORS['#DIV/0!'], boom)).toBe(ERRORS['#DIV/0!']);
    expect(lazy('SWITCH', () => 1, () => 1, () => 'a', boom, boom)).toBe('a');
  });
  test('AND/OR are eager', () => {
    expect(fn('AND').lazy).toBeFalsy();
    expect(fn('OR').lazy).toBeFalsy();
  });
});

describe('criteria', () => {
  const test1 = (criterion: Value, v: RangeValue['items'][number]) => {
    const t = parseCriterion(criterion);
    if (t instanceof ErrorValue) throw new Error(t.code);
    return t(v);
  };
  test('operators, numbers, text, wildcards', () => {
    expect(test1('>5', 6)).toBe(true);
    expect(test1('>5', '6')).toBe(false);
    expect(test1('<>定性', null)).toBe(true);
    expect(test1('定性', '定性')).toBe(true);
    expect(test1('产出*', '产出数量')).toBe(true);
    expect(test1('产出?', '产出数量')).toBe(false);
    expect(test1('~?', '?')).toBe(true);
    expect(test1('ABC', 'abc')).toBe(true);
    expect(test1(5, '5')).toBe(true);
    expect(test1('>=2024-01-01', 45292)).toBe(true);
    expect(test1('', '')).toBe(true);
    expect(test1('<>', 0)).toBe(true);
    expect(test1(true, 1)).toBe(false);
  });
});

describe('TEXT formats', () => {
  test('supported and unsupported', () => {
    expect(formatText(1234567.891, '#,##0.00')).toBe('1,234,567.89');
    expect(formatText(45413, 'YYYY-MM-DD')).toBe('2024-05-01');
    expect(formatText(45413, 'yy.m.d')).toBe('24.5.1');
    expect(formatText(0.5, 'General')).toBe('0.5');
    expect((formatText(1, 'hh:mm') as ErrorValue).code).toBe('#VALUE!');
    expect((formatText(1, '$#,##0') as ErrorValue).code).toBe('#VALUE!');
    expect((formatText(-1, 'yyyy') as ErrorValue).code).toBe('#VALUE!');
  });
});

describe('TODAY reads the context only', () => {
  test('with and without a date', () => {
    const today = fn('TODAY');
    if (today.lazy) throw new Error('TODAY is eager');
    expect(today.impl([], { today: 45473 })).toBe(45473);
    const missing = today.impl([], {});
    expect(missing).toBeInstanceOf(ErrorValue);
    expect((missing as ErrorValue).code).toBe('#N/A');
    expect((missing as ErrorValue).detail).toBe('evaluation context has no date');
  });
});

describe('registry', () => {
  test('names are case-insensitive and every required function is there', () => {
    expect(defaultRegistry.get('sum')).toBe(defaultRegistry.get('SUM'));
    const required =
      'SUM AVERAGE MIN MAX COUNT COUNTA COUNTIF SUMIF AVERAGEIF ROUND ROUNDUP ROUNDDOWN ABS INT MOD POWER SQRT IF IFS IFERROR SWITCH AND OR NOT ISBLANK ISNUMBER LEN CONCAT LEFT RIGHT MID TRIM TEXT DATE YEAR MONTH DAY TODAY DAYS PRODUCT TRUNC CEILING FLOOR SIGN MEDIAN COUNTBLANK SUMPRODUCT IFNA XOR TRUE FALSE ISERROR ISTEXT ISLOGICAL N VALUE UPPER LOWER SUBSTITUTE REPT EXACT FIND SEARCH CONCATENATE TEXTJOIN EDATE EOMONTH DATEDIF WEEKDAY';
    for (const name of required.split(' ')) expect([name, defaultRegistry.get(name)?.name]).toEqual([name, name]);
    expect(defaultRegistry.get('NOW')).toBeUndefined();
    expect(defaultRegistry.get('RAND')).toBeUndefined();
  });
  test('the default registry holds the domain helpers too', () => {
    for (const d of DOMAIN_FUNCTIONS) expect(defaultRegistry.get(d.name)).toBe(d);
  });
  test('lazy exactly where Excel does not evaluate all arguments', () => {
    const lazy = defaultRegistry.list().filter((d) => d.lazy).map((d) => d.name).sort();
    expect(lazy).toEqual(['IF', 'IFERROR', 'IFNA', 'IFS', 'SWITCH']);
  });
  test('instances are independent; extras replace built-ins; bad declarations throw', () => {
    const mine: FunctionDecl = { ...(fn('ABS') as FunctionDecl), name: 'ABS', impl: () => 42 } as FunctionDecl;
    const r = createFunctionRegistry([mine]);
    expect(r.get('abs')).toBe(mine);
    expect(defaultRegistry.get('ABS')).not.toBe(mine);
    expect(() => createFunctionRegistry([mine, mine])).toThrow(FunctionDeclarationError);
    expect(() => createFunctionRegistry([{ ...mine, name: 'bad name' }])).toThrow(FunctionDeclarationError);
    expect(createFunctionRegistry().list().length).toBe(BUILTIN_FUNCTIONS.length);
  });
  test('every declaration is documented', () => {
    for (const d of defaultRegistry.list()) {
      expect([d.name, d.description.length > 0, d.examples.length > 0]).toEqual([d.name, true, true]);
      expect([d.name, d.examples.some((e) => new RegExp(`\\b${d.name.replace(/\./g, '\\.')}\\s*\\(`, 'i').test(e.formula))]).toEqual([d.name, true]);
      for (const p of d.params) expect([d.name, p.name, p.doc.length > 0]).toEqual([d.name, p.name, true]);
      const repeats = d.params.filter((p) => p.repeat);
      expect(repeats.length <= 1 && (repeats.length === 0 || d.params[d.params.length - 1]?.repeat)).toBe(true);
    }
  });
});
