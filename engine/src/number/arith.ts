/**
 * Exact arithmetic on Num. Each operation tries, in order: plain doubles when both operands
 * are integers, scaled integers for short decimals, safe-integer fractions, then decimal.js.
 * Results are always exact (decimal.js: 34 significant digits) and normalised (see num.ts).
 */
import { Dec, LIMIT, P10, Ratio, fromDec, fromFraction, makeRatio, scaleOf, toDec, type Num } from './num';

/** Sentinel results the formula layer turns into #DIV/0! and #NUM!. */
export const DIV_BY_ZERO = Symbol('DIV_BY_ZERO');
export const NOT_A_NUMBER = Symbol('NOT_A_NUMBER');
export type ArithFault = typeof DIV_BY_ZERO | typeof NOT_A_NUMBER;

const SAFE = Number.MAX_SAFE_INTEGER;

// Operands as fractions an/ad and bn/bd. Module-level registers instead of returned pairs: the
// fraction paths run once per formula evaluation and a pair allocation there costs more than
// the arithmetic. Only loadA/loadB write them, and nothing between a load and its use reloads.
let an = 0;
let ad = 1;
let bn = 0;
let bd = 1;

function loadA(x: Num): boolean {
  if (typeof x === 'number') {
    const s = scaleOf(x);
    if (s < 0) return false;
    const p = P10[s] as number;
    an = Math.round(x * p);
    ad = p;
    return true;
  }
  if (x instanceof Ratio) {
    an = x.n;
    ad = x.d;
    return true;
  }
  return false;
}

function loadB(x: Num): boolean {
  if (typeof x === 'number') {
    const s = scaleOf(x);
    if (s < 0) return false;
    const p = P10[s] as number;
    bn = Math.round(x * p);
    bd = p;
    return true;
  }
  if (x instanceof Ratio) {
    bn = x.n;
    bd = x.d;
    return true;
  }
  return false;
}

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
  if (typeof b === 'number') return add(a, 0 - b);
  // a fraction is subtracted in place: negating it first would allocate a Ratio per subtraction
  return b instanceof Ratio ? addSlow(a, b, -1) : add(a, neg(b));
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

/** a + sb·b with sb = 1 or −1 (subtraction without negating b first). */
function addSlow(a: Num, b: Num, sb: 1 | -1 = 1): Num {
  if (!(a instanceof Dec) && !(b instanceof Dec)) {
    if (loadA(a) && loadB(b)) {
      bn *= sb;
      if (ad === bd) {
        const n = an + bn;
        if (n <= SAFE && n >= -SAFE) return makeRatio(n, ad);
      }
      const l = an * bd;
      const r = bn * ad;
      const d = ad * bd;
      const n = l + r;
      if (Math.abs(l) <= SAFE && Math.abs(r) <= SAFE && Math.abs(n) <= SAFE && d <= SAFE) return makeRatio(n, d);
      const g = gcdPositive(ad, bd);
      const l2 = an * (bd / g);
      const r2 = bn * (ad / g);
      const d2 = (ad / g) * bd;
      if (Math.abs(l2) <= SAFE && Math.abs(r2) <= SAFE && Math.abs(l2 + r2) <= SAFE && d2 <= SAFE) return fromFraction(l2 + r2, d2);
    }
  }
  return fromDec(sb === 1 ? toDec(a).plus(toDec(b)) : toDec(a).minus(toDec(b)));
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
        // m / 10^s is correctly rounded: the double nearest the exact product.
        if (m < LIMIT && m > -LIMIT) return m / (P10[sa + sb] as number) + 0;
      }
    }
  }
  return mulSlow(a, b);
}

function mulSlow(a: Num, b: Num): Num {
  if (!(a instanceof Dec) && !(b instanceof Dec)) {
    if (loadA(a) && loadB(b)) {
      const n = an * bn;
      const d = ad * bd;
      if (n <= SAFE && n >= -SAFE && d <= SAFE) return makeRatio(n, d);
      // Cross-reduce, then try again before leaving the fast path.
      const g1 = gcdPositive(an, bd);
      const g2 = gcdPositive(bn, ad);
      const n2 = (an / g1) * (bn / g2);
      const d2 = (ad / g2) * (bd / g1);
      if (Math.abs(n2) <= SAFE && d2 <= SAFE) return fromFraction(n2, d2);
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
    const r = divNumbers(a, b);
    if (r !== undefined) return r;
  }
  if (!(a instanceof Dec) && !(b instanceof Dec)) {
    if (loadA(a) && loadB(b)) {
      let n = an * bd;
      let d = ad * bn;
      if (Math.abs(n) <= SAFE && Math.abs(d) <= SAFE) {
        if (d < 0) {
          n = -n;
          d = -d;
        }
        return makeRatio(n, d);
      }
      const g1 = gcdPositive(an, bn);
      const g2 = gcdPositive(ad, bd);
      const n2 = (an / g1) * (bd / g2);
      const d2 = (ad / g2) * (bn / g1);
      if (Math.abs(n2) <= SAFE && Math.abs(d2) <= SAFE) return fromFraction(n2, d2);
    }
  }
  return fromDec(toDec(a).div(toDec(b)));
}

/**
 * a/b for two short decimals: brought to integers at a common scale, the quotient is an integer,
 * a decimal with at most three more places (/4, /8, /100 …), or an unreduced Ratio.
 */
function divNumbers(a: number, b: number): Num | undefined {
  let sa = 0;
  let sb = 0;
  if (!Number.isInteger(a)) {
    sa = scaleOf(a);
    if (sa < 0) return undefined;
  } else if (a >= LIMIT || a <= -LIMIT) return undefined;
  if (!Number.isInteger(b)) {
    sb = scaleOf(b);
    if (sb < 0) return undefined;
  } else if (b >= LIMIT || b <= -LIMIT) return undefined;
  let n = a;
  let d = b;
  if (sa !== 0 || sb !== 0) {
    const p = P10[sa > sb ? sa : sb] as number;
    n = Math.round(a * p);
    d = Math.round(b * p);
    if (n >= LIMIT || n <= -LIMIT || d >= LIMIT || d <= -LIMIT) return undefined;
  }
  if (d < 0) {
    n = -n;
    d = -d;
  }
  if (n % d === 0) return n / d + 0;
  let x = n;
  for (let k = 1; k <= 3; k++) {
    x *= 10;
    if (x > SAFE || x < -SAFE) break;
    if (x % d === 0) {
      const m = x / d;
      return m < LIMIT && m > -LIMIT ? m / (P10[k] as number) + 0 : undefined;
    }
  }
  return new Ratio(n, d);
}

export function isZero(a: Num): boolean {
  if (typeof a === 'number') return a === 0;
  if (a instanceof Ratio) return a.n === 0;
  return a.isZero();
}

export function sign(a: Num): -1 | 0 | 1 {
  if (typeof a === 'number') return a > 0 ? 1 : a < 0 ? -1 : 0;
  if (a instanceof Ratio) return a.n > 0 ? 1 : a.n < 0 ? -1 : 0;
  return a.isZero() ? 0 : a.isNegative() ? -1 : 1;
}

/** -1, 0 or 1 as a is less than, equal to or greater than b. */
export function cmp(a: Num, b: Num): -1 | 0 | 1 {
  // Distinct short decimals map to distinct doubles in the same order, so doubles compare exactly.
  if (typeof a === 'number' && typeof b === 'number') return a < b ? -1 : a > b ? 1 : 0;
  if (!(a instanceof Dec) && !(b instanceof Dec)) {
    if (loadA(a) && loadB(b)) {
      const l = an * bd;
      const r = bn * ad;
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
  if (a instanceof Ratio) return a.n % a.d === 0;
  return a.isInteger();
}

export { LIMIT };
