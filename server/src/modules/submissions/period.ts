/**
 * A monthly form's period as users write it: "2025-06", or a bare month "6". Other periods (a
 * quarter "2025-Q2", free text) carry no month: the form is then evaluated without one.
 */
export interface Period {
  /** absent for a bare month: the project's fiscal year is meant */
  year?: number;
  month: number;
}

export function parsePeriod(period: string): Period | undefined {
  const full = /^(\d{4})-(\d{2})$/.exec(period);
  const bare = full ? null : /^(\d{1,2})$/.exec(period);
  const month = Number(full ? full[2] : bare?.[1]);
  if (!(month >= 1 && month <= 12)) return undefined;
  return full ? { year: Number(full[1]), month } : { month };
}

/**
 * How many months of the fiscal year lie before the period: 以前月份 for a form of June 2025 is
 * January–May of 2025; a period after the fiscal year comes after all twelve, one before it after none.
 */
export function monthsBefore(p: Period, fiscalYear: number): number {
  if (p.year === undefined || p.year === fiscalYear) return p.month - 1;
  return p.year > fiscalYear ? 12 : 0;
}
