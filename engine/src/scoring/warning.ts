/**
 * Monitoring lights (DOMAIN.md §6): budget-execution warnings and indicator-attainment lights.
 * - ratio rule (default, F `bgttracewarn`): v = 执行率 / (month/12) × 100; v < red (60) → red,
 *   v < yellow (80) → yellow, else green; budget blank or 0 → v = 0 → red.
 * - gap rule: percentage points by which execution trails time progress;
 *   gap ≥ red (20) → red, gap ≥ yellow (10) → yellow, else green; budget blank or 0 → red.
 * All arithmetic is exact (number module).
 */
import { cmp, div, isZero, mul, sub, DIV_BY_ZERO, type Num } from '../number';
import type { QualitativeBand, WarningLight, WarningRule } from '../template/types';

export const DEFAULT_WARNING: WarningRule = { rule: 'ratio', red: 60, yellow: 80 };

export interface WarningResult {
  light: WarningLight;
  /** ratio rule: v; gap rule: the gap in percentage points (time progress − execution progress). */
  value: Num;
}

/** The light for cumulative `spent` against `budget` at the end of `month` (1–12). */
export function warningLight(spent: Num | null, budget: Num | null, month: number, rule: WarningRule = DEFAULT_WARNING): WarningResult {
  if (!Number.isInteger(month) || month < 1 || month > 12) throw new RangeError(`month must be 1–12, got ${month}`);
  const s = spent ?? 0;
  if (rule.rule === 'gap') {
    const yellow = rule.yellow ?? 10;
    const red = rule.red ?? 20;
    const time = div(mul(month, 100), 12) as Num;
    if (budget === null || isZero(budget)) return { light: 'red', value: time };
    const progress = div(mul(s, 100), budget);
    if (progress === DIV_BY_ZERO) return { light: 'red', value: time };
    const gap = sub(time, progress);
    const light: WarningLight = cmp(gap, red) >= 0 ? 'red' : cmp(gap, yellow) >= 0 ? 'yellow' : 'green';
    return { light, value: gap };
  }
  const red = rule.red ?? 60;
  const yellow = rule.yellow ?? 80;
  if (budget === null || isZero(budget)) return { light: 'red', value: 0 };
  // v = (s / b) / (m / 12) × 100 = s × 1200 / (b × m)
  const v = div(mul(s, 1200), mul(budget, month));
  if (v === DIV_BY_ZERO) return { light: 'red', value: 0 };
  const light: WarningLight = cmp(v, red) < 0 ? 'red' : cmp(v, yellow) < 0 ? 'yellow' : 'green';
  return { light, value: v };
}

/**
 * Light of a qualitative rating: the band's own `light`, else by rank (highest band green,
 * the middle ones yellow, the lowest red); undefined for an unknown rating.
 */
export function qualitativeLight(rating: string, bands: readonly QualitativeBand[]): WarningLight | undefined {
  const band = findBand(rating, bands);
  if (!band) return undefined;
  if (band.light) return band.light;
  const sorted = [...bands].sort((a, b) => b.max - a.max || b.min - a.min);
  const rank = sorted.indexOf(band);
  return rank === 0 ? 'green' : rank === sorted.length - 1 ? 'red' : 'yellow';
}

/** The band of a rating: exact label, else the only band whose label starts with it (`达成` → `达成年度指标`). */
export function findBand(rating: string, bands: readonly QualitativeBand[]): QualitativeBand | undefined {
  const r = rating.trim();
  if (r === '') return undefined;
  const exact = bands.find((b) => b.label === r);
  if (exact) return exact;
  const prefixed = bands.filter((b) => b.label.startsWith(r));
  return prefixed.length === 1 ? prefixed[0] : undefined;
}
