/**
 * Grade bands (DOMAIN.md §5.6) as configuration: highest first, lower bound inclusive. Scores
 * are compared exactly (Num), so a total that is exactly 60 grades 合格/中, never below.
 */
import { cmp, isNum, type Num } from '../number';
import type { Diagnostic, GradeBand } from '../template/types';

/** 财预〔2020〕10号 (central default): 优 [90,100] 良 [80,90) 中 [60,80) 差 [0,60). */
export const MOF_GRADES: readonly GradeBand[] = Object.freeze([
  { min: 90, label: '优' },
  { min: 80, label: '良' },
  { min: 60, label: '中' },
  { min: 0, label: '差' },
]);

/** 桂财办〔2015〕34号: 优秀 / 良好 / 合格 / 不合格. */
export const GUANGXI_GRADES: readonly GradeBand[] = Object.freeze([
  { min: 90, label: '优秀' },
  { min: 80, label: '良好' },
  { min: 60, label: '合格' },
  { min: 0, label: '不合格' },
]);

/** The label of the band holding `score` (≥ its min, below the next higher min); undefined below every band. */
export function gradeOf(score: Num, bands: readonly GradeBand[] = MOF_GRADES): string | undefined {
  let best: GradeBand | undefined;
  for (const b of bands) {
    if (cmp(score, b.min) >= 0 && (best === undefined || b.min > best.min)) best = b;
  }
  return best?.label;
}

/**
 * Problems of a band list, as diagnostics at `pointer` (e.g. `/scoring/grades`): empty list,
 * bands not covering 0–100 (no band starting at or below 0, a band above 100), duplicate lower
 * bounds (overlapping bands), duplicate labels, and (warning) bands not written highest first.
 */
export function checkGradeBands(bands: readonly unknown[], pointer: string): Diagnostic[] {
  const out: Diagnostic[] = [];
  const valid: { min: number; label: string; i: number }[] = [];
  bands.forEach((b, i) => {
    if (b && typeof b === 'object' && isNum((b as GradeBand).min) && typeof (b as GradeBand).label === 'string') {
      valid.push({ min: (b as GradeBand).min, label: (b as GradeBand).label, i });
    }
  });
  if (valid.length === 0) {
    out.push({ code: 'GRADES_EMPTY', severity: 'error', path: pointer, params: {}, message: '等级划分不能为空' });
    return out;
  }
  const lowest = Math.min(...valid.map((b) => b.min));
  if (lowest > 0) {
    out.push({
      code: 'GRADES_GAP',
      severity: 'error',
      path: pointer,
      params: { from: 0, to: lowest },
      message: `等级划分未覆盖 0 到 ${lowest} 分（最低一档的下限应为 0）`,
    });
  }
  const seenMin = new Map<number, number>();
  const seenLabel = new Map<string, number>();
  for (const b of valid) {
    if (b.min > 100) {
      out.push({ code: 'GRADES_OUT_OF_RANGE', severity: 'error', path: `${pointer}/${b.i}/min`, params: { min: b.min, label: b.label }, message: `等级“${b.label}”的下限 ${b.min} 超过 100 分` });
    }
    const dup = seenMin.get(b.min);
    if (dup !== undefined) {
      out.push({ code: 'GRADES_OVERLAP', severity: 'error', path: `${pointer}/${b.i}/min`, params: { min: b.min, other: dup }, message: `等级“${b.label}”与第 ${dup + 1} 档的下限同为 ${b.min}，区间重叠` });
    } else seenMin.set(b.min, b.i);
    const dupLabel = seenLabel.get(b.label);
    if (dupLabel !== undefined) {
      out.push({ code: 'GRADES_DUPLICATE_LABEL', severity: 'error', path: `${pointer}/${b.i}/label`, params: { label: b.label }, message: `等级名称“${b.label}”重复` });
    } else seenLabel.set(b.label, b.i);
  }
  for (let k = 1; k < valid.length; k++) {
    const prev = valid[k - 1] as { min: number };
    const cur = valid[k] as { min: number; i: number };
    if (cur.min > prev.min) {
      out.push({ code: 'GRADES_ORDER', severity: 'warning', path: `${pointer}/${cur.i}`, params: {}, message: '等级应按分数从高到低排列' });
      break;
    }
  }
  return out;
}
