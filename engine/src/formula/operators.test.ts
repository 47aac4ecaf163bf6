import { Ratio } from '../number';
import { toJs } from './coerce';
import { BINARY, compareScalars, negate, percent, unaryPlus } from './operators';
import { ERRORS, ErrorValue, RangeValue, type Value } from './values';

const code = (v: Value) => (v instanceof ErrorValue ? v.code : v);

describe('arithmetic', () => {
  test('is exact and coerces like Excel', () => {
    expect(BINARY['+'](0.1, 0.2)).toBe(0.3);
    expect(BINARY['*'](3, 0.6)).toBe(1.8);
    expect(BINARY['+']('3', 1)).toBe(4);
    expect(BINARY['+'](true, null)).toBe(1);
    expect(BINARY['-']('2024-05-02', '2024-05-01')).toBe(1);
    expect(BINARY['/'](1, 3)).toBeInstanceOf(Ratio);
    expect(BINARY['^'](2, 10)).toBe(1024);
  });
  test('faults are error values', () => {
    expect(code(BINARY['/'](1, 0))).toBe('#DIV/0!');
    expect(code(BINARY['/'](1, null))).toBe('#DIV/0!');
    expect(code(BINARY['^'](0, 0))).toBe('#NUM!');
    expect(code(BINARY['+']('abc', 1))).toBe('#VALUE!');
    expect(code(BINARY['+'](new RangeValue([1]), 1))).toBe('#VALUE!');
  });
  test('errors propagate, left first', () => {
    expect(BINARY['+'](ERRORS['#N/A'], ERRORS['#DIV/0!'])).toBe(ERRORS['#N/A']);
    expect(BINARY['+'](1, ERRORS['#DIV/0!'])).toBe(ERRORS['#DIV/0!']);
    expect(BINARY['&'](ERRORS['#REF!'], 'x')).toBe(ERRORS['#REF!']);
    expect(BINARY['='](1, ERRORS['#NUM!'])).toBe(ERRORS['#NUM!']);
  });
  test('unary and postfix', () => {
    expect(negate('3')).toBe(-3);
    expect(code(negate('x'))).toBe('#VALUE!');
    expect(unaryPlus('abc')).toBe('abc');
    expect(unaryPlus(null)).toBe(0);
    expect(percent(50)).toBe(0.5);
    expect(toJs(percent(new Ratio(1, 3)) as Value)).toBeCloseTo(1 / 300, 15);
  });
});

describe('concatenation and comparison', () => {
  test('& joins General text', () => {
    expect(BINARY['&'](BINARY['/'](1, 3), '')).toBe('0.333333333333333');
    expect(BINARY['&'](true, null)).toBe('TRUE');
  });
  test('Excel order: numbers < text < logicals, text case-insensitive', () => {
    expect(BINARY['<'](1, 'a')).toBe(true);
    expect(BINARY['<']('z', true)).toBe(true);
    expect(BINARY['='](BINARY['/'](2, 3), BINARY['/'](4, 6))).toBe(true);
    expect(BINARY['=']('a', 'A')).toBe(true);
    expect(BINARY['<>']('a', 'b')).toBe(true);
    expect(BINARY['=']('1', 1)).toBe(false);
    expect(code(BINARY['='](new RangeValue([]), 1))).toBe('#VALUE!');
  });
  test('blank compares as 0, "" or FALSE', () => {
    expect(compareScalars(null, 0)).toBe(0);
    expect(compareScalars(null, '')).toBe(0);
    expect(compareScalars(null, false)).toBe(0);
    expect(compareScalars(null, null)).toBe(0);
    expect(compareScalars(null, -1)).toBe(1);
    expect(compareScalars('a', null)).toBe(1);
  });
});

test('operands are taken left to right: a failed coercion on the left comes first', () => {
  expect(code(BINARY['+']('abc', ERRORS['#DIV/0!']))).toBe('#VALUE!');
  expect(code(BINARY['+'](1, 'abc'))).toBe('#VALUE!');
  expect(code(BINARY['&'](new RangeValue([]), ERRORS['#N/A']))).toBe('#VALUE!');
});
