/**
 * The arithmetic of the scoring rules (DOMAIN.md §5.3, §5.4, §3.3), exact, on Num. The domain
 * formula functions (formula/functions/domain.ts) wrap these; presets (./presets) compile to
 * formulas calling those functions. Scores are rounded to 2 decimals half-up; a negative
 * actual counts as 0; results never leave [0, weight].
 */
import { cmp, div, isZero, mul, round, sign, sub, DIV_BY_ZERO, type Num } from '../number';
import { ErrorValue } from '../formula/values';
import type { QualitativeBand, ReverseVariant } from '../template/types';
import { findBand } from './warning';

/** 达成 100% / 部分达成 70% / 未达成 40% (DOMAIN.md §5.4; default ratios configurable). */
export const DEFAULT_QUALITATIVE_BANDS: readonly QualitativeBand[] = Object.freeze([
  { label: '达成年度指标', min: 0.8, max: 1, default: 1, light: 'green' as const },
  { label: '部分达成年度指标并具有一定效果', min: 0.6, max: 0.8, default: 0.7, light: 'yellow' as const },
  { label: '未达成年度指标且效果较差', min: 0, max: 0.6, default: 0.4, light: 'red' as const },
]);

export type DirectionKind = 'positive' | 'equal' | 'reverse' | 'qualitative';

const DIRECTIONS: Record<string, DirectionKind> = {
  '≥': 'positive',
  '>=': 'positive',
  '＞': 'positive',
  '>': 'positive',
  '≧': 'positive',
  '＞＝': 'positive',
  '＝': 'equal',
  '=': 'equal',
  '==': 'equal',
  '≤': 'reverse',
  '<=': 'reverse',
  '＜': 'reverse',
  '<': 'reverse',
  '≦': 'reverse',
  '＜＝': 'reverse',
  定性: 'qualitative',
};

/** The scoring kind of an indicator's 指标性质 (`≥ ＞ ＝ ＜ ≤ 定性`, ASCII `>= > = < <=` too). */
export function directionKind(direction: string): DirectionKind | undefined {
  return DIRECTIONS[direction.trim()];
}

const nonNegative = (a: Num): Num => (sign(a) < 0 ? 0 : a);
const clamp = (x: Num, w: Num): Num => (sign(x) < 0 ? 0 : cmp(x, w) > 0 ? w : x);
const r2 = (x: Num): Num => round(x, 2);

/** ≥ ＞: a ≥ t → w; else a/t × w (completion capped at 100%). */
export function scorePositive(actual: Num, target: Num, weight: Num): Num {
  const a = nonNegative(actual);
  if (cmp(a, target) >= 0) return r2(weight);
  const q = div(mul(a, weight), target);
  if (q === DIV_BY_ZERO) return r2(weight); // unreachable: a < t = 0 needs a < 0
  return r2(clamp(q, weight));
}

/** ＝: t = 0 → a ≤ 0 gets w, else 0; t > 0 → as positive. */
export function scoreEqual(actual: Num, target: Num, weight: Num): Num {
  const a = nonNegative(actual);
  if (isZero(target)) return isZero(a) ? r2(weight) : 0;
  return scorePositive(a, target, weight);
}

/**
 * ≤ ＜. Variant A: a ≤ t → w; t < a < 2t → (1 − (a−t)/t) × w; a ≥ 2t → 0.
 * Variant B: a ≤ t → w; else t/a × w.
 */
export function scoreReverse(actual: Num, target: Num, weight: Num, variant: ReverseVariant = 'A'): Num {
  const a = nonNegative(actual);
  if (cmp(a, target) <= 0) return r2(weight);
  if (variant === 'B') {
    const q = div(mul(target, weight), a);
    return q === DIV_BY_ZERO ? 0 : r2(clamp(q, weight));
  }
  if (cmp(a, mul(target, 2)) >= 0) return 0;
  // (1 − (a − t)/t) × w = (2t − a) × w / t
  const q = div(mul(sub(mul(target, 2), a), weight), target);
  return q === DIV_BY_ZERO ? 0 : r2(clamp(q, weight));
}

/** An entered qualitative score outside its band: the error value, with what a diagnostic needs. */
export class OutOfBandError extends ErrorValue {
  constructor(
    readonly rating: string,
    readonly entered: Num,
    readonly min: Num,
    readonly max: Num,
    readonly maxInclusive: boolean,
  ) {
    super('#NUM!', `SCORE_OUT_OF_BAND: 评价“${rating}”的得分应在 ${String(min)} 到 ${String(max)} 之间`);
  }
}

/** The score range [min, max) (× weight, 2 dp) allowed for a band; the top band includes max. */
export function bandRange(band: QualitativeBand, weight: Num, bands: readonly QualitativeBand[]): { min: Num; max: Num; maxInclusive: boolean } {
  const top = Math.max(...bands.map((b) => b.max));
  return { min: r2(mul(band.min, weight)), max: r2(mul(band.max, weight)), maxInclusive: band.max >= top };
}

/**
 * 定性: the band of `rating`; a blank `entered` gives default ratio × w; an entered score must
 * lie in the band (else an OutOfBandError value). Blank rating → 0; unknown rating → #VALUE!.
 */
export function scoreQualitative(rating: string, weight: Num, entered: Num | null, bands: readonly QualitativeBand[] = DEFAULT_QUALITATIVE_BANDS): Num | ErrorValue {
  if (rating.trim() === '') return 0;
  const band = findBand(rating, bands);
  if (!band) return new ErrorValue('#VALUE!', `未知的定性评价“${rating}”`);
  if (entered === null) return r2(mul(band.default, weight));
  const { min, max, maxInclusive } = bandRange(band, weight, bands);
  const okLow = cmp(entered, min) >= 0;
  const okHigh = maxInclusive ? cmp(entered, max) <= 0 : cmp(entered, max) < 0;
  if (!okLow || !okHigh) return new OutOfBandError(band.label, entered, min, max, maxInclusive);
  return r2(entered);
}

export type PartialStep = 'prorate' | 'floor' | 'ceil';

/**
 * 扣分制 (DOMAIN.md §3.3): full marks while `value` is within `threshold`; each `step` beyond
 * (above or below) costs `points`; a partial step pro rata (or rounded down/up); never below 0.
 */
export function scoreDeduct(value: Num, threshold: Num, weight: Num, direction: 'above' | 'below', step: Num, points: Num, partial: PartialStep = 'prorate'): Num | ErrorValue {
  const beyond = direction === 'above' ? sub(value, threshold) : sub(threshold, value);
  if (sign(beyond) <= 0) return r2(weight);
  let steps = div(beyond, step);
  if (steps === DIV_BY_ZERO) return new ErrorValue('#DIV/0!', '扣分步长不能为 0');
  if (partial !== 'prorate') steps = round(steps, 0, partial === 'floor' ? 'down' : 'up');
  const left = sub(weight, mul(steps, points));
  return sign(left) < 0 ? 0 : r2(left);
}
