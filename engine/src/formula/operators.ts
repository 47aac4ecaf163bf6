/**
 * Excel's operators on formula values. Arithmetic coerces through toNumber (numeric text,
 * blank = 0, TRUE = 1) and is exact (../number); `&` joins General-format text; comparisons
 * order numbers < text < logicals and compare text case-insensitively. Errors propagate, the
 * left operand's first; a range operand is #VALUE!.
 */
import { add, cmp, div, mul, neg, pow, sub, DIV_BY_ZERO, NOT_A_NUMBER, type Num } from '../number';
import { toNumber, toText, valueError } from './coerce';
import { ERRORS, ErrorValue, isError, isRange, type Scalar, type Value } from './values';

export type BinaryOp = '+' | '-' | '*' | '/' | '^' | '&' | '=' | '<>' | '<' | '<=' | '>' | '>=';

/**
 * The numbers of both operands, or the error to return: operands are taken left to right,
 * so the left one's error, or its failed coercion, comes first ("abc"+1/0 is #VALUE!).
 */
function operands(a: Value, b: Value): [Num, Num] | ErrorValue {
  const x = toNumber(a);
  if (isError(x)) return x;
  const y = toNumber(b);
  if (isError(y)) return y;
  return [x, y];
}

function arithmetic(f: (x: Num, y: Num) => Num | symbol): (a: Value, b: Value) => Value {
  return (a, b) => {
    const xy = operands(a, b);
    if (isError(xy)) return xy;
    const r = f(xy[0], xy[1]);
    if (r === DIV_BY_ZERO) return ERRORS['#DIV/0!'];
    if (r === NOT_A_NUMBER) return ERRORS['#NUM!'];
    return r as Num;
  };
}

function concat(a: Value, b: Value): Value {
  const x = toText(a);
  if (isError(x)) return x;
  const y = toText(b);
  if (isError(y)) return y;
  return x + y;
}

/** Type rank in Excel's comparison order: numbers < text < logicals. */
function rank(v: Exclude<Scalar, null | ErrorValue>): number {
  return typeof v === 'string' ? 1 : typeof v === 'boolean' ? 2 : 0;
}

/** Case-insensitive text order (Excel compares text without regard to case). */
export function compareText(a: string, b: string): -1 | 0 | 1 {
  const x = a.toLowerCase();
  const y = b.toLowerCase();
  return x < y ? -1 : x > y ? 1 : 0;
}

/**
 * Excel's order of two non-error scalars: numbers < text < logicals, numbers exactly, text
 * case-insensitively, FALSE < TRUE. A blank stands for 0, "" or FALSE, whichever the other
 * operand's type is (two blanks are equal).
 */
export function compareScalars(a: Exclude<Scalar, ErrorValue>, b: Exclude<Scalar, ErrorValue>): -1 | 0 | 1 {
  if (a === null && b === null) return 0;
  const x = a === null ? blankLike(b) : a;
  const y = b === null ? blankLike(a) : b;
  if (x === null || y === null) return 0; // unreachable: both blank handled above
  const rx = rank(x);
  const ry = rank(y);
  if (rx !== ry) return rx < ry ? -1 : 1;
  if (typeof x === 'string' && typeof y === 'string') return compareText(x, y);
  if (typeof x === 'boolean' && typeof y === 'boolean') return x === y ? 0 : x ? 1 : -1;
  return cmp(x as Num, y as Num);
}

function blankLike(other: Exclude<Scalar, ErrorValue>): Exclude<Scalar, ErrorValue> {
  if (typeof other === 'string') return '';
  if (typeof other === 'boolean') return false;
  return 0;
}

function comparison(test: (c: -1 | 0 | 1) => boolean): (a: Value, b: Value) => Value {
  return (a, b) => {
    if (isError(a)) return a;
    if (isError(b)) return b;
    if (isRange(a) || isRange(b)) return valueError('区域不能直接比较');
    return test(compareScalars(a, b));
  };
}

export const BINARY: Readonly<Record<BinaryOp, (a: Value, b: Value) => Value>> = Object.freeze({
  '+': arithmetic(add),
  '-': arithmetic(sub),
  '*': arithmetic(mul),
  '/': arithmetic(div),
  '^': arithmetic(pow),
  '&': concat,
  '=': comparison((c) => c === 0),
  '<>': comparison((c) => c !== 0),
  '<': comparison((c) => c < 0),
  '<=': comparison((c) => c <= 0),
  '>': comparison((c) => c > 0),
  '>=': comparison((c) => c >= 0),
});

/** Unary minus: -x, coercing like arithmetic (-"3" = -3, -TRUE = -1). */
export function negate(a: Value): Value {
  const x = toNumber(a);
  return isError(x) ? x : neg(x);
}

/**
 * Unary plus: as in Excel it changes nothing (+"abc" is "abc"); a blank becomes 0, as a
 * reference to an empty cell shows 0.
 */
export function unaryPlus(a: Value): Value {
  return a === null ? 0 : a;
}

/** Postfix percent: x / 100 (50% = 0.5, "50"% = 0.5). */
export function percent(a: Value): Value {
  const x = toNumber(a);
  if (isError(x)) return x;
  const r = div(x, 100);
  return r === DIV_BY_ZERO ? ERRORS['#DIV/0!'] : r;
}

