import { Dec, Ratio } from '../number';
import { collectNumbers, fromJs, toBoolean, toInteger, toJs, toNumber, toText } from './coerce';
import { ERRORS, ErrorValue, RangeValue } from './values';

describe('fromJs / toJs', () => {
  test('data values become formula values', () => {
    expect(fromJs(1.5)).toBe(1.5);
    expect(Object.is(fromJs(-0), 0)).toBe(true);
    expect(fromJs(NaN)).toBe(ERRORS['#NUM!']);
    expect(fromJs(Infinity)).toBe(ERRORS['#NUM!']);
    expect(fromJs('a')).toBe('a');
    expect(fromJs(true)).toBe(true);
    expect(fromJs(null)).toBeNull();
    expect(fromJs(undefined)).toBeNull();
    expect(fromJs('')).toBeNull();
    expect(fromJs({ a: 1 })).toBe(ERRORS['#VALUE!']);
    const r = new Ratio(1, 3);
    expect(fromJs(r)).toBe(r);
    const e = new ErrorValue('#N/A', 'x');
    expect(fromJs(e)).toBe(e);
  });
  test('arrays become ranges, nested arrays flattened', () => {
    const v = fromJs([1, [2, [3, '']], 'a']);
    expect(v).toBeInstanceOf(RangeValue);
    expect((v as RangeValue).items).toEqual([1, 2, 3, null, 'a']);
  });
  test('formula values become data', () => {
    expect(toJs(new Ratio(1, 4))).toBe(0.25);
    expect(toJs(new Dec('0.1'))).toBe(0.1);
    expect(toJs(null)).toBeNull();
    expect(toJs(new RangeValue([1, null, 'x']))).toEqual([1, null, 'x']);
    expect(toJs(ERRORS['#DIV/0!'])).toBe(ERRORS['#DIV/0!']);
  });
});

describe('coercions', () => {
  test('toNumber', () => {
    expect(toNumber(null)).toBe(0);
    expect(toNumber(true)).toBe(1);
    expect(toNumber(false)).toBe(0);
    expect(toNumber('3')).toBe(3);
    expect(toNumber(' 1,234.5 ')).toBe(1234.5);
    expect(toNumber('45%')).toBe(0.45);
    expect(toNumber('2024-05-01')).toBe(45413);
    expect(toNumber('2024/5/1')).toBe(45413);
    expect(toNumber('2024年5月1日')).toBe(45413);
    expect((toNumber('abc') as ErrorValue).code).toBe('#VALUE!');
    expect((toNumber('') as ErrorValue).code).toBe('#VALUE!');
    expect((toNumber(new RangeValue([1])) as ErrorValue).code).toBe('#VALUE!');
    expect(toNumber(ERRORS['#N/A'])).toBe(ERRORS['#N/A']);
  });
  test('toText uses General format', () => {
    expect(toText(new Ratio(1, 3))).toBe('0.333333333333333');
    expect(toText(1e20)).toBe('1E+20');
    expect(toText(true)).toBe('TRUE');
    expect(toText(null)).toBe('');
    expect((toText(new RangeValue([])) as ErrorValue).code).toBe('#VALUE!');
  });
  test('toBoolean and toInteger', () => {
    expect(toBoolean(0)).toBe(false);
    expect(toBoolean(-2)).toBe(true);
    expect(toBoolean('true')).toBe(true);
    expect(toBoolean(null)).toBe(false);
    expect((toBoolean('yes') as ErrorValue).code).toBe('#VALUE!');
    expect(toInteger(2.9)).toBe(2);
    expect(toInteger(-2.9)).toBe(-2);
    expect(toInteger('3.5')).toBe(3);
  });
  test('collectNumbers: ranges keep numbers only, direct arguments are coerced', () => {
    expect(collectNumbers([new RangeValue([1, 'a', true, null, 2]), '3', true, null])).toEqual([1, 2, 3, 1]);
    expect(collectNumbers([new RangeValue([1, ERRORS['#DIV/0!']])])).toBe(ERRORS['#DIV/0!']);
    expect((collectNumbers(['x']) as ErrorValue).code).toBe('#VALUE!');
  });
});
