/**
 * Exact decimal numbers with a fast path.
 *
 * A formula number (Num) is one of three representations of the same idea, an exact value:
 * - a JS `number`, read as its shortest round-trip decimal (0.1 is one tenth, not the binary
 *   fraction). Arithmetic on such numbers goes through scaled integers below 10^15, where
 *   every step is exact, so `0.1 + 0.2` is `0.3` without allocating anything;
 * - a `Ratio` n/d of safe integers, for quotients that do not terminate (85/90), so that
 *   `ROUND(85/90*10, 2)` stays exact and fast;
 * - a decimal.js value with 34 significant digits when a result outgrows both.
 * Every operation normalises its result to the cheapest representation that holds it exactly.
 * This module (and its siblings in number/) is the only place that decides precision.
 */
import Decimal from 'decimal.js';

/** decimal.js configured for us: 34 significant digits (decimal128), half away from zero. */
export const Dec = Decimal.clone({ precision: 34, rounding: Decimal.ROUND_HALF_UP, toExpNeg: -40, toExpPos: 40 });
export type Dec = InstanceType<typeof Dec>;

/**
 * An exact quotient n/d of safe integers with d ≥ 2 and n not a multiple of d. It is not kept
 * reduced (reducing costs a gcd per operation); operations reduce only when a product would
 * leave the safe-integer range, and fall back to decimal.js after that.
 */
export class Ratio {
  constructor(
    readonly n: number,
    readonly d: number,
  ) {}
}

export type Num = number | Ratio | Dec;

/** Scaled integers stay below this so that float products and sums of them are exact. */
export const LIMIT = 1e15;
/** Exact powers of ten as doubles (10^22 is the largest exactly representable). */
export const P10: readonly number[] = Array.from({ length: 23 }, (_, i) => Number(`1e${i}`));

export const isDec = (x: unknown): x is Dec => x instanceof Dec;
export const isNum = (x: unknown): x is Num => typeof x === 'number' || x instanceof Ratio || x instanceof Dec;

/**
 * The number of decimals k of x's shortest decimal form when x = m / 10^k with |m| < LIMIT;
 * -1 when x needs more than 15 significant digits (then arithmetic takes the decimal.js path).
 */
export function scaleOf(x: number): number {
  if (Number.isInteger(x)) return Math.abs(x) < LIMIT ? 0 : -1;
  for (let k = 1; k <= 15; k++) {
    const p = P10[k] as number;
    const m = Math.round(x * p);
    if (Math.abs(m) >= LIMIT) return -1;
    // m / 10^k is correctly rounded, so equality means x is the double nearest to m / 10^k.
    if (m / p === x) return k;
  }
  return -1;
}

export function gcd(a: number, b: number): number {
  a = Math.abs(a);
  b = Math.abs(b);
  while (b !== 0) {
    const t = a % b;
    a = b;
    b = t;
  }
  return a;
}

/** Digits after the point of n/d when d has no prime factor but 2 and 5, else -1. */
function terminatingScale(d: number): number {
  let twos = 0;
  let fives = 0;
  while (d % 2 === 0) {
    d /= 2;
    twos++;
  }
  while (d % 5 === 0) {
    d /= 5;
    fives++;
  }
  return d === 1 ? Math.max(twos, fives) : -1;
}

/**
 * The exact value n/d (safe integers, d ≠ 0) in its cheapest representation.
 * Callers guarantee |n|, |d| < 2^53.
 */
export function fromFraction(n: number, d: number): Num {
  if (d < 0) {
    n = -n;
    d = -d;
  }
  const g = gcd(n, d);
  if (g > 1) {
    n /= g;
    d /= g;
  }
  if (d === 1) return Math.abs(n) < LIMIT ? n + 0 : new Dec(n);
  if (Math.abs(n) >= LIMIT || d >= LIMIT) return new Dec(n).div(d);
  const t = terminatingScale(d);
  if (t >= 0 && t <= 15) {
    const m = n * ((P10[t] as number) / d);
    if (Math.abs(m) < LIMIT) return m / (P10[t] as number);
  }
  return new Ratio(n, d);
}

/**
 * n/d (safe integers, d > 0) without reduction: an integer when d divides n, else a Ratio.
 * The caller guarantees |n|, d ≤ 2^53 − 1.
 */
export function makeRatio(n: number, d: number): Num {
  if (n % d === 0) {
    const q = n / d;
    return q < LIMIT && q > -LIMIT ? q + 0 : new Dec(q);
  }
  return new Ratio(n, d);
}

/** Numerator/denominator of a fast-path value, or undefined when it has no such form. */
export function asFraction(x: number | Ratio): [number, number] | undefined {
  if (typeof x !== 'number') return [x.n, x.d];
  const s = scaleOf(x);
  if (s < 0) return undefined;
  const p = P10[s] as number;
  return [Math.round(x * p), p];
}

/** Any Num as a decimal.js value (34 significant digits). */
export function toDec(x: Num): Dec {
  if (typeof x === 'number') return new Dec(String(x));
  if (x instanceof Ratio) return new Dec(x.n).div(x.d);
  return x;
}

/** A decimal.js value in the cheapest representation that holds it exactly. */
export function fromDec(x: Dec): Num {
  if (!x.isFinite()) return x;
  if (x.isZero()) return 0;
  if (x.sd() <= 15) {
    const e = x.e; // exponent of the leading digit
    if (e >= -15 && e < 15) {
      const n = x.toNumber();
      if (typeof n === 'number' && Number.isFinite(n)) return n;
    }
  }
  return x;
}

/** A JS number from data or a literal: itself (read as its shortest decimal). */
export function isFiniteJsNumber(x: number): boolean {
  return Number.isFinite(x);
}

const NUMERIC_TEXT = /^[+-]?(?:\d{1,3}(?:,\d{3})+|\d+)?(?:\.\d*)?(?:e[+-]?\d+)?%?$/i;

/**
 * Numeric text as Excel reads it in arithmetic ("12", " 1,234.50 ", "-3e2", "45%"), or
 * undefined when the text is not a number. Date text is handled by the date module.
 */
export function parseNumericText(text: string): Num | undefined {
  const t = text.trim();
  if (t === '' || !NUMERIC_TEXT.test(t) || !/\d/.test(t)) return undefined;
  const percent = t.endsWith('%');
  const body = (percent ? t.slice(0, -1) : t).replace(/,/g, '');
  const value = parseDecimalLiteral(body);
  return percent ? divideByHundred(value) : value;
}

/** A decimal literal ("0.1", "2.675", "1e-3") exactly. */
export function parseDecimalLiteral(text: string): Num {
  const n = Number(text);
  if (Number.isFinite(n)) {
    // The double is exact for us iff its shortest form has the same value as the text.
    const d = new Dec(text);
    if (scaleOf(n) >= 0 && d.eq(n)) return n + 0;
    return fromDec(d);
  }
  return fromDec(new Dec(text));
}

function divideByHundred(x: Num): Num {
  if (typeof x === 'number') {
    const s = scaleOf(x);
    if (s >= 0 && s + 2 <= 15) {
      const m = Math.round(x * (P10[s] as number));
      if (Math.abs(m) < LIMIT) return m / (P10[s + 2] as number);
    }
  }
  return fromDec(toDec(x).div(100));
}
