/**
 * Rounding as Excel does it, exactly: ROUND is half away from zero (四舍五入), ROUNDUP away
 * from zero, ROUNDDOWN toward zero; INT and FLOOR go toward −∞. `digits` may be negative
 * (ROUND(1234, -2) = 1200).
 */
import { Dec, LIMIT, P10, Ratio, fromDec, scaleOf, toDec, type Num } from './num';

export type RoundMode = 'half-up' | 'up' | 'down' | 'floor' | 'ceiling';

const DEC_MODE: Record<RoundMode, Decimal.Rounding> = {
  'half-up': Dec.ROUND_HALF_UP,
  up: Dec.ROUND_UP,
  down: Dec.ROUND_DOWN,
  floor: Dec.ROUND_FLOOR,
  ceiling: Dec.ROUND_CEIL,
};

/** Round a to `digits` decimals (an integer, possibly negative) in the given mode. */
export function round(a: Num, digits: number, mode: RoundMode = 'half-up'): Num {
  if (typeof a === 'number') {
    const r = roundNumber(a, digits, mode);
    if (r !== undefined) return r;
  } else if (a instanceof Ratio && digits >= 0 && digits <= 15) {
    const r = roundRatio(a, digits, mode);
    if (r !== undefined) return r;
  }
  return roundDec(toDec(a), digits, mode);
}

/** Integer quotient q of m / p (p > 0) rounded in `mode`, given exact integers m and p. */
function roundQuotient(m: number, p: number, mode: RoundMode): number {
  const neg = m < 0;
  const am = neg ? -m : m;
  let q = Math.floor(am / p);
  let r = am - q * p;
  // Float division may be off by one; the remainder tells.
  if (r < 0) {
    q -= 1;
    r += p;
  } else if (r >= p) {
    q += 1;
    r -= p;
  }
  let up: boolean;
  switch (mode) {
    case 'half-up': up = 2 * r >= p; break;
    case 'up': up = r > 0; break;
    case 'down': up = false; break;
    case 'floor': up = neg && r > 0; break;
    case 'ceiling': up = !neg && r > 0; break;
  }
  if (up) q += 1;
  return neg ? -q : q;
}

function roundNumber(a: number, digits: number, mode: RoundMode): number | undefined {
  const s = scaleOf(a);
  if (s < 0 || digits < -15) return undefined;
  if (s <= digits) return a;
  const m = Math.round(a * (P10[s] as number));
  const drop = s - digits; // digits to remove from m
  if (drop > 22) return 0;
  const q = roundQuotient(m, P10[drop] as number, mode);
  const r = digits >= 0 ? q / (P10[digits] as number) : q * (P10[-digits] as number);
  return Math.abs(r) < LIMIT ? r + 0 : undefined;
}

function roundRatio(a: Ratio, digits: number, mode: RoundMode): number | undefined {
  const scaled = a.n * (P10[digits] as number);
  if (Math.abs(scaled) > Number.MAX_SAFE_INTEGER) return undefined;
  const q = roundQuotient(scaled, a.d, mode);
  return q / (P10[digits] as number) + 0;
}

function roundDec(d: Dec, digits: number, mode: RoundMode): Num {
  const rm = DEC_MODE[mode];
  if (digits >= 0) return fromDec(d.toDecimalPlaces(digits, rm));
  const f = new Dec(10).pow(-digits);
  return fromDec(d.div(f).toDecimalPlaces(0, rm).times(f));
}

/** Excel INT: the greatest integer ≤ a. */
export function floorInt(a: Num): Num {
  return round(a, 0, 'floor');
}

/** Truncation toward zero to `digits` decimals (TRUNC, ROUNDDOWN). */
export function trunc(a: Num, digits = 0): Num {
  return round(a, digits, 'down');
}

/** Keep 15 significant digits, as Excel does when it shows or compares a result as text. */
export function toSignificant(a: Num, digits = 15): Num {
  if (typeof a === 'number') return a;
  return fromDec(toDec(a).toSignificantDigits(digits, Dec.ROUND_HALF_UP));
}

import type Decimal from 'decimal.js';
