/**
 * A running exact sum for the aggregates (SUM, SUMIF …). Short decimals accumulate as one
 * scaled integer, so adding a row costs one scale detection (of the row's value) instead of
 * two per add() (the running total's as well); anything else — fractions, decimal.js values,
 * totals beyond 10^15 — goes through add(). Exact either way: the two parts meet at the end.
 */
import { add } from './arith';
import { LIMIT, P10, scaleOf, type Num } from './num';

export class ExactSum {
  /** The scaled-integer part: m / 10^s. */
  private m = 0;
  private s = 0;
  /** What did not fit the scaled integer. */
  private rest: Num = 0;

  add(v: Num): void {
    if (typeof v === 'number' && this.addShort(v)) return;
    this.rest = add(this.rest, v);
  }

  private addShort(v: number): boolean {
    const sv = Number.isInteger(v) ? (v < LIMIT && v > -LIMIT ? 0 : -1) : scaleOf(v);
    if (sv < 0) return false;
    if (sv > this.s) {
      const m = this.m * (P10[sv - this.s] as number);
      if (m >= LIMIT || m <= -LIMIT) return false;
      this.m = m;
      this.s = sv;
    }
    const t = Math.round(v * (P10[this.s] as number));
    const m = this.m + t;
    if (t >= LIMIT || t <= -LIMIT || m >= LIMIT || m <= -LIMIT) return false;
    this.m = m;
    return true;
  }

  /** The sum, normalised like every arithmetic result. */
  value(): Num {
    // m / 10^s is correctly rounded, hence the double that stands for the decimal m·10^-s
    return add(this.m / (P10[this.s] as number) + 0, this.rest);
  }
}
