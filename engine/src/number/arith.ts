/**
 * Exact arithmetic on Num. Each operation tries, in order: plain doubles when both operands
 * are integers, scaled integers for short decimals, safe-integer fractions, then decimal.js.
 * Results are always exact (decimal.js: 34 significant digits) and normalised (see num.ts).
 */
import { Dec, LIMIT, P10, Ratio, asFraction, fromDec, fromFraction, scaleOf, toDec, type Num } from './num';

/** Sentinel results the formula layer turns into #DIV/0! and #NUM!. */
export const DIV_BY_ZERO = Symbol('DIV_BY_ZERO');
export const NOT_A_NUMBER = Symbol('NOT_A_NUMBER');
export type ArithFault = typeof DIV_BY_ZERO | typeof NOT_A_NUMBER;

const SAFE = Number.MAX_SAFE_INTEGER;

export function add(a: Num, b: Num): Num {
  if (typeof a === 'number' && typeof b === 'number') {
    if (Number.isInteger(a) && Number.isInteger(b)) {
      const r = a + b;
      if (r < LIMIT && r > -LIMIT) return r + 0;
    } else {
      const r = addScaled(a, b);
      if (r !== undefined) return r;
    }
  }
  return addSlow(a, b);
}

export function sub(a: Num, b: Num): Num {
  return add(a, neg(b));
}

export function neg(a: Num): Num {
  if (typeof a === 'number') return 0 - a;
  if (a instanceof Ratio) return new Ratio(-a.n, a.d);
  return fromDec(a.neg());
}

function addScaled(a: number, b: number): number | undefined {
  const sa = scaleOf(a);
  if (sa < 0) return undefined;
  const sb = scaleOf(b);
  if (sb < 0) return undefined;
  const p = P10[sa > sb ? sa : sb] as number;
  const m = Math.round(a * p) + Math.round(b * p);
  if (m >= LIMIT || m <= -LIMIT) return undefined;
  return m / p + 0;
}

function addSlow(a: Num, b: Num): Num {
  if (!(a instanceof Dec) && !(b instanceof Dec)) {
    const fa = asFraction(a);
    const fb = asFraction(b);
    if (fa && fb) {
      const n = fa[0] * fb[1] + fb[0] * fa[1];
      const d = fa[1] * fb[1];
      if (Math.abs(fa[0] * fb[1]) <= SAFE && Math.abs(fb[0] * fa[1]) <= SAFE && Math.abs(n) <= SAFE && d <= SAFE) {
        return fromFraction(n, d);
      }
    }
  }
  return fromDec(toDec(a).plus(toDec(b)));
}

export function mul(a: Num, b: Num): Num {
  if (typeof a === 'number' && typeof b === 'number') {
    if (Number.isInteger(a) && Number.isInteger(b)) {
      const r = a * b;
      if (r < LIMIT && r > -LIMIT) return r + 0;
    } else {
      const sa = scaleOf(a);
      const sb = scaleOf(b);
      if (sa >= 0 && sb >= 0 && sa + sb <= 22) {
        const m = Math.round(a * (P10[sa] as number)) * Math.round(b * (P10[sb] as number));
        if (m < LIMIT && m > -LIMIT) return fromFraction(m, P10[sa + sb] as number);
      }
    }
  }
  return mulSlow(a, b);
}

function mulSlow(a: Num, b: Num): Num {
  if (!(a instanceof Dec) && !(b instanceof Dec)) {
    const fa = asFraction(a);
    const fb = asFraction(b);
    if (fa && fb) {
      // Cross-reduce first so the products stay small.
      const g1 = gcdPositive(fa[0], fb[1]);
      const g2 = gcdPositive(fb[0], fa[1]);
      const n = (fa[0] / g1) * (fb[0] / g2);
      const d = (fa[1] / g2) * (fb[1] / g1);
      if (Math.abs(n) <= SAFE && d <= SAFE) return fromFraction(n, d);
    }
  }
  return fromDec(toDec(a).times(toDec(b)));
}

function gcdPositive(a: number, b: number): number {
  a = Math.abs(a);
  b = Math.abs(b);
  while (b !== 0) {
    const t = a % b;
    a = b;
    b = t;
  }
  return a === 0 ? 1 : a;
}

export function div(a: Num, b: Num): Num | typeof DIV_BY_ZERO {
  if (isZero(b)) return DIV_BY_ZERO;
  if (typeof a === 'number' && typeof b === 'number') {
    const q = a / b;
    if (Number.isInteger(a) && Number.isInteger(b) && Number.isInteger(q) && q * b === a && Math.abs(q) < LIMIT) return q + 0;
  }
  if (!(a instanceof Dec) && !(b instanceof Dec)) {
    const fa = asFraction(a);
    const fb = asFraction(b);
    if (fa && fb) {
      const g1 = gcdPositive(fa[0], fb[0]);
      const g2 = gcdPositive(fa[1], fb[1]);
      const n = (fa[0] / g1) * (fb[1] / g2);
      const d = (fa[1] / g2) * (fb[0] / g1);
      if (Math.abs(n) <= SAFE && Math.abs(d) <= SAFE) return fromFraction(n, d);
    }
  }
  return fromDec(toDec(a).div(toDec(b)));
}

export function isZero(a: Num): boolean {
  if (typeof a === 'number') return a === 0;
  if (a instanceof Ratio) return false;
  return a.isZero();
}

export function sign(a: Num): -1 | 0 | 1 {
  if (typeof a === 'number') return a > 0 ? 1 : a < 0 ? -1 : 0;
  if (a instanceof Ratio) return a.n > 0 ? 1 : -1;
  return a.isZero() ? 0 : a.isNegative() ? -1 : 1;
}

/** -1, 0 or 1 as a is less than, equal to or greater than b. */
export function cmp(a: Num, b: Num): -1 | 0 | 1 {
  // Distinct short decimals map to distinct doubles in the same order, so doubles compare exactly.
  if (typeof a === 'number' && typeof b === 'number') return a < b ? -1 : a > b ? 1 : 0;
  if (!(a instanceof Dec) && !(b instanceof Dec)) {
    const fa = asFraction(a);
    const fb = asFraction(b);
    if (fa && fb) {
      const l = fa[0] * fb[1];
      const r = fb[0] * fa[1];
      if (Math.abs(l) <= SAFE && Math.abs(r) <= SAFE) return l < r ? -1 : l > r ? 1 : 0;
    }
  }
  return toDec(a).cmp(toDec(b)) as -1 | 0 | 1;
}

export function abs(a: Num): Num {
  return sign(a) < 0 ? neg(a) : a;
}

/** a^b as Excel: 0^0 and negative^fraction are #NUM!, 0^negative is #DIV/0!. */
export function pow(a: Num, b: Num): Num | ArithFault {
  const zeroBase = isZero(a);
  if (zeroBase && isZero(b)) return NOT_A_NUMBER;
  if (zeroBase && sign(b) < 0) return DIV_BY_ZERO;
  if (typeof b === 'number' && Number.isInteger(b) && Math.abs(b) <= 64) {
    let result: Num = 1;
    let base: Num = a;
    let e = Math.abs(b);
    while (e > 0) {
      if (e & 1) result = mul(result, base);
      e >>= 1;
      if (e > 0) base = mul(base, base);
    }
    if (b < 0) {
      const r = div(1, result);
      return r === DIV_BY_ZERO ? DIV_BY_ZERO : r;
    }
    return result;
  }
  const da = toDec(a);
  const db = toDec(b);
  if (da.isNegative() && !db.isInteger()) return NOT_A_NUMBER;
  const r = da.pow(db);
  return r.isFinite() ? fromDec(r) : NOT_A_NUMBER;
}

/** The square root, exact when it is (SQRT(2.25) = 1.5), else 34 significant digits. */
export function sqrt(a: Num): Num | ArithFault {
  if (sign(a) < 0) return NOT_A_NUMBER;
  if (typeof a === 'number') {
    const r = Math.sqrt(a);
    const back = mul(r, r);
    if (typeof back === 'number' && back === a && scaleOf(r) >= 0) return r;
  }
  return fromDec(toDec(a).sqrt());
}

/** A JS number for output (JSON, charts): the double nearest to the exact value. */
export function toJsNumber(a: Num): number {
  if (typeof a === 'number') return a;
  if (a instanceof Ratio) return a.n / a.d;
  return a.toNumber();
}

/** Whether the value is a whole number. */
export function isInteger(a: Num): boolean {
  if (typeof a === 'number') return Number.isInteger(a);
  if (a instanceof Ratio) return false;
  return a.isInteger();
}

export { LIMIT };
