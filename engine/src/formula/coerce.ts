/**
 * Conversions between data and formula values, and Excel's coercions between value types:
 * text to number ("3" + 1 = 4, date text to its serial), numbers to text (General format),
 * values to logicals. Every function and operator coerces through here, so the rules live in
 * one place (docs/formula-language.md, "类型转换").
 */
import { DIV_BY_ZERO, Dec, isNum, parseNumericText, toGeneralText, toJsNumber, type Num } from '../number';
import { parseDateText } from './dates';
import { ERRORS, ErrorValue, RangeValue, isError, isRange, type Scalar, type Value } from './values';

/**
 * A data value as a formula value: JS numbers are themselves (NaN and ±∞ are #NUM!), text,
 * logicals and exact numbers (Ratio, Dec) are kept, null / undefined / "" are blank, error and
 * range values are kept, arrays become a RangeValue (nested arrays flattened), anything else
 * (plain objects, functions …) is #VALUE!.
 */
export function fromJs(raw: unknown): Value {
  if (raw === null || raw === undefined || raw === '') return null;
  if (typeof raw === 'number') return Number.isFinite(raw) ? raw + 0 : ERRORS['#NUM!'];
  if (typeof raw === 'string' || typeof raw === 'boolean') return raw;
  if (typeof raw === 'bigint') return Number.isSafeInteger(Number(raw)) ? Number(raw) : new Dec(raw.toString());
  if (isNum(raw)) return raw;
  if (isError(raw) || isRange(raw)) return raw;
  if (Array.isArray(raw)) {
    const items: Scalar[] = [];
    pushFlat(raw, items);
    return new RangeValue(items);
  }
  return ERRORS['#VALUE!'];
}

function pushFlat(list: readonly unknown[], out: Scalar[]): void {
  for (const item of list) {
    if (Array.isArray(item)) pushFlat(item, out);
    else {
      const v = fromJs(item);
      if (isRange(v)) out.push(...v.items);
      else out.push(v);
    }
  }
}

/** A formula value as data: numbers as the nearest JS number, blank as null, ranges as arrays; error values are kept. */
export function toJs(v: Value): unknown {
  if (v === null) return null;
  if (isNum(v)) return toJsNumber(v);
  if (isRange(v)) return v.items.map((item) => toJs(item));
  return v;
}

/** A #VALUE! error carrying why (for the trace), or the shared instance when no detail is given. */
export function valueError(detail?: string): ErrorValue {
  return detail === undefined ? ERRORS['#VALUE!'] : new ErrorValue('#VALUE!', detail);
}

/**
 * Text as a number the way Excel's arithmetic reads it: numeric text (" 1,234.5 ", "45%",
 * "1e3") or date text ("2024-05-01", "2024/5/1", "2024年5月1日" → its serial); undefined otherwise.
 */
export function textToNumber(text: string): Num | undefined {
  return parseNumericText(text) ?? parseDateText(text);
}

/**
 * A value as a number (Excel's arithmetic coercion): blank is 0, TRUE 1, FALSE 0, numeric
 * and date text its value; other text, and a range, are #VALUE!; errors are themselves.
 */
export function toNumber(v: Value): Num | ErrorValue {
  if (isNum(v)) return v;
  if (v === null) return 0;
  if (typeof v === 'boolean') return v ? 1 : 0;
  if (typeof v === 'string') {
    const n = textToNumber(v);
    return n === undefined ? valueError(`“${v}”不是数字`) : n;
  }
  if (isError(v)) return v;
  return valueError('区域不能用作单个数值');
}

/** A value as a whole number, truncated toward zero (Excel's integer arguments: ROUND digits, LEFT count …). */
export function toInteger(v: Value): number | ErrorValue {
  const n = toNumber(v);
  if (isError(n)) return n;
  const x = Math.trunc(toJsNumber(n));
  return Number.isFinite(x) ? x + 0 : ERRORS['#NUM!'];
}

/**
 * A value as text (Excel's `&` and text functions): numbers in General format (1/3 is
 * "0.333333333333333"), TRUE/FALSE as "TRUE"/"FALSE", blank as ""; a range is #VALUE!.
 */
export function toText(v: Value): string | ErrorValue {
  if (typeof v === 'string') return v;
  if (v === null) return '';
  if (isNum(v)) return toGeneralText(v);
  if (typeof v === 'boolean') return v ? 'TRUE' : 'FALSE';
  if (isError(v)) return v;
  return valueError('区域不能用作单个文本');
}

/**
 * A value as a logical (IF's condition, NOT, AND …): numbers are TRUE unless 0, blank is
 * FALSE, the texts "TRUE"/"FALSE" (any case) are themselves, other text and ranges are #VALUE!.
 */
export function toBoolean(v: Value): boolean | ErrorValue {
  if (typeof v === 'boolean') return v;
  if (v === null) return false;
  if (isNum(v)) return toJsNumber(v) !== 0;
  if (typeof v === 'string') {
    const u = v.toUpperCase();
    if (u === 'TRUE') return true;
    if (u === 'FALSE') return false;
    return valueError(`“${v}”不是逻辑值`);
  }
  if (isError(v)) return v;
  return valueError('区域不能用作单个逻辑值');
}

/** One argument item, telling whether it came from inside a range (Excel treats those differently). */
export interface ArgItem {
  value: Scalar;
  inRange: boolean;
}

/** Every scalar of the arguments, ranges expanded in order. */
export function* flatten(args: readonly Value[]): Generator<ArgItem> {
  for (const a of args) {
    if (isRange(a)) {
      for (const value of a.items) yield { value, inRange: true };
    } else {
      yield { value: a, inRange: false };
    }
  }
}

/**
 * The numbers of SUM-like arguments, as Excel collects them: inside a range only numbers
 * count (text, logicals and blanks are skipped) but an error propagates; a direct argument
 * is coerced (SUM("3", TRUE) = 4, non-numeric text is #VALUE!), except a blank one, which is
 * skipped like a reference to an empty cell. Returns the first error met instead.
 */
export function collectNumbers(args: readonly Value[]): Num[] | ErrorValue {
  const out: Num[] = [];
  for (const a of args) {
    if (isRange(a)) {
      for (const value of a.items) {
        if (isNum(value)) out.push(value);
        else if (isError(value)) return value;
      }
    } else if (isNum(a)) {
      out.push(a);
    } else if (a !== null) {
      const n = toNumber(a);
      if (isError(n)) return n;
      out.push(n);
    }
  }
  return out;
}

/** The items of a range argument (a scalar counts as a one-item range). */
export function rangeItems(v: Value): readonly Scalar[] {
  return isRange(v) ? v.items : [v];
}

/** Whether a scalar is a blank or empty text (what COUNTBLANK counts). */
export function isEmptyCell(v: Scalar): boolean {
  return v === null || v === '';
}

/** The result of an exact operation as a value: DIV_BY_ZERO is #DIV/0!, NOT_A_NUMBER is #NUM!. */
export function fromArith(r: Num | symbol): Num | ErrorValue {
  if (typeof r === 'symbol') return r === DIV_BY_ZERO ? ERRORS['#DIV/0!'] : ERRORS['#NUM!'];
  return r;
}
