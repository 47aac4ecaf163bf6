/**
 * The numbers of monitoring and the reports, computed once here: money in 分 (bigint, summed
 * exactly), percentages truncated to 2 decimals as the seed's dashboard shows them (DOMAIN §7.6:
 * 11.0457 % → "11.04%"), and the warning light from the engine's `warningLight` (DOMAIN §6.1).
 * Every figure is returned twice: an exact decimal string ("4074000.00", "11.04") and the text
 * users see ("4,074,000.00", "11.04%").
 */
import { DEFAULT_WARNING, DIV_BY_ZERO, div, formatFixed, mul, round, warningLight, type Num, type WarningLight, type WarningRule } from '@jixiao/engine';
import { fenToYuan, fenToYuanText } from '../../db/money';

/** "1234567.89" → "1,234,567.89" (any decimal text; the sign stays in front). */
export function groupThousands(text: string): string {
  const neg = text.startsWith('-');
  const body = neg ? text.slice(1) : text;
  const [int = '0', frac] = body.split('.');
  const grouped = int.replace(/\B(?=(\d{3})+(?!\d))/g, ',');
  return `${neg ? '-' : ''}${grouped}${frac !== undefined ? `.${frac}` : ''}`;
}

/** 分 → "4074000.00". */
export const moneyValue = (fen: bigint): string => fenToYuanText(fen);
/** 分 → "4,074,000.00". */
export const moneyText = (fen: bigint): string => groupThousands(fenToYuanText(fen));

/**
 * part / whole as a percentage truncated (toward zero) to 2 decimals: "11.04"; null when the
 * whole is 0.
 */
export function percentTruncated(part: bigint, whole: bigint): string | null {
  if (whole === 0n) return null;
  const q = div(mul(fenToYuan(part), 100), fenToYuan(whole));
  if (q === DIV_BY_ZERO) return null;
  return formatFixed(round(q, 2, 'down'), 2);
}

/** "11.04" → "11.04%"; whole numbers drop the decimals as on the seed's screens ("100%", "0%"); null → "--". */
export function percentText(value: string | null): string {
  if (value === null) return '--';
  return `${value.replace(/\.00$/, '')}%`;
}

/** Time progress (序时进度) at the end of `month`: month / 12 × 100, truncated ("25.00"). */
export function timeProgress(month: number): string {
  return formatFixed(round(div(mul(month, 100), 12) as Num, 2, 'down'), 2);
}

export const LIGHT_LABELS: Readonly<Record<WarningLight, string>> = { red: '红灯', yellow: '黄灯', green: '绿灯' };
/** The dashboard's 报警状态: anything but green is 警告. */
export const alarmLabel = (light: WarningLight): '警告' | '正常' => (light === 'green' ? '正常' : '警告');

export interface WarningView {
  light: WarningLight;
  /** 红灯 / 黄灯 / 绿灯. */
  lightText: string;
  /** 警告 / 正常 (the dashboard's 报警状态). */
  status: '警告' | '正常';
  /** ratio rule: v; gap rule: the gap in percentage points — exact value rounded to 2 decimals. */
  value: string;
  rule: { rule: 'ratio' | 'gap'; red: number; yellow: number };
}

/** The rule with its thresholds filled in (the engine's defaults per rule). */
export function fullRule(rule: WarningRule): { rule: 'ratio' | 'gap'; red: number; yellow: number } {
  return rule.rule === 'gap' ? { rule: 'gap', red: rule.red ?? 20, yellow: rule.yellow ?? 10 } : { rule: 'ratio', red: rule.red ?? 60, yellow: rule.yellow ?? 80 };
}

export function warningOf(spentFen: bigint, adjustedFen: bigint, month: number, rule: WarningRule = DEFAULT_WARNING): WarningView {
  const r = warningLight(fenToYuan(spentFen), fenToYuan(adjustedFen), month, rule);
  return {
    light: r.light,
    lightText: LIGHT_LABELS[r.light],
    status: alarmLabel(r.light),
    value: formatFixed(round(r.value, 2, 'half-up'), 2),
    rule: fullRule(rule),
  };
}

/** Budget, spending and balance of a project or a group of projects. */
export interface Amounts {
  requestedFen: bigint;
  initialFen: bigint;
  adjustmentFen: bigint;
  adjustedFen: bigint;
  spentFen: bigint;
}

export const ZERO_AMOUNTS: Amounts = { requestedFen: 0n, initialFen: 0n, adjustmentFen: 0n, adjustedFen: 0n, spentFen: 0n };

export function addAmounts(a: Amounts, b: Amounts): Amounts {
  return {
    requestedFen: a.requestedFen + b.requestedFen,
    initialFen: a.initialFen + b.initialFen,
    adjustmentFen: a.adjustmentFen + b.adjustmentFen,
    adjustedFen: a.adjustedFen + b.adjustedFen,
    spentFen: a.spentFen + b.spentFen,
  };
}

/** The amounts as exact strings and display text, with balance and progress. */
export interface AmountsView {
  requested: string;
  initialBudget: string;
  adjustment: string;
  adjusted: string;
  spent: string;
  balance: string;
  /** 支出进度 = spent / adjusted, % truncated to 2 dp; null when the budget is 0. */
  progress: string | null;
  display: { requested: string; initialBudget: string; adjustment: string; adjusted: string; spent: string; balance: string; progress: string };
}

export function amountsView(a: Amounts): AmountsView {
  const balance = a.adjustedFen - a.spentFen;
  const progress = percentTruncated(a.spentFen, a.adjustedFen);
  return {
    requested: moneyValue(a.requestedFen),
    initialBudget: moneyValue(a.initialFen),
    adjustment: moneyValue(a.adjustmentFen),
    adjusted: moneyValue(a.adjustedFen),
    spent: moneyValue(a.spentFen),
    balance: moneyValue(balance),
    progress,
    display: {
      requested: moneyText(a.requestedFen),
      initialBudget: moneyText(a.initialFen),
      adjustment: moneyText(a.adjustmentFen),
      adjusted: moneyText(a.adjustedFen),
      spent: moneyText(a.spentFen),
      balance: moneyText(balance),
      progress: percentText(progress),
    },
  };
}

/** Compares two spent/adjusted ratios exactly (a budget of 0 ranks last); for "descending" sorts. */
export function compareProgress(a: Amounts, b: Amounts): number {
  if (a.adjustedFen === 0n || b.adjustedFen === 0n) return (a.adjustedFen === 0n ? 1 : 0) - (b.adjustedFen === 0n ? 1 : 0);
  // a.s / a.a vs b.s / b.a, cross-multiplied with the signs of the denominators
  const left = a.spentFen * b.adjustedFen;
  const right = b.spentFen * a.adjustedFen;
  const sign = (a.adjustedFen > 0n ? 1 : -1) * (b.adjustedFen > 0n ? 1 : -1);
  const c = left === right ? 0 : left > right ? 1 : -1;
  return -c * sign; // descending
}

/** Competition ranks (1, 2, 2, 4) of items already sorted by `cmp`, equal when cmp = 0. */
export function ranks<T>(sorted: readonly T[], cmp: (a: T, b: T) => number): number[] {
  const out: number[] = [];
  sorted.forEach((x, i) => {
    const prev = sorted[i - 1];
    out.push(i > 0 && prev !== undefined && cmp(prev, x) === 0 ? (out[i - 1] as number) : i + 1);
  });
  return out;
}
