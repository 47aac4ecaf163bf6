/**
 * Numbers as text: Excel's General format for formulas (`1/3 & ""` is "0.333333333333333"),
 * and fixed-point money text for people ("1,234,567.89").
 */
import { Dec, toDec, type Num } from './num';
import { round, toSignificant } from './round';

/**
 * Excel General number text: up to 15 significant digits, no trailing zeros; scientific
 * notation ("1.23456789012346E+15", "1E-10") outside [1E-9, 1E+15).
 */
export function toGeneralText(a: Num): string {
  const d = toDec(toSignificant(a, 15)).toSignificantDigits(15, Dec.ROUND_HALF_UP);
  if (d.isZero()) return '0';
  const abs = d.abs();
  if (abs.gte(1e15) || abs.lt(1e-9)) {
    const [mant, exp] = d.toExponential().split('e');
    const e = Number(exp);
    return `${mant}E${e < 0 ? '-' : '+'}${String(Math.abs(e)).padStart(2, '0')}`;
  }
  return d.toFixed();
}

/** The canonical exact decimal text of a value (for storage and JSON of huge values). */
export function toExactText(a: Num): string {
  if (typeof a === 'number') return new Dec(String(a)).toFixed();
  return toDec(a).toFixed();
}

/**
 * Fixed-point text with `decimals` places, rounded half away from zero, optionally with
 * thousands separators: formatFixed(1234567.891, 2, true) = "1,234,567.89".
 */
export function formatFixed(a: Num, decimals: number, grouping = false): string {
  const fixed = toDec(round(a, decimals)).toFixed(decimals);
  if (!grouping) return fixed;
  const [int, frac] = fixed.split('.');
  const neg = (int ?? '').startsWith('-');
  const digits = neg ? (int ?? '').slice(1) : (int ?? '');
  const grouped = digits.replace(/\B(?=(\d{3})+(?!\d))/g, ',');
  return (neg ? '-' : '') + grouped + (frac !== undefined ? `.${frac}` : '');
}
