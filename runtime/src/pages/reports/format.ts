/** Report figures as shown: money grouped with 2 decimals, percentages as the seed's screens and the .xlsx export show them. */
import { moneyText } from '../../form/engine-adapter';

/** "4074000.00" → "4,074,000.00". */
export const money = (v: string | null | undefined): string => moneyText(v);

/**
 * A truncated percentage from the server ("11.04", "100.00") → "11.04%", whole numbers without
 * decimals ("100%", "0%") as on the seed's 首页 and in the server's export; no base → "--".
 */
export const pct = (v: string | null | undefined): string => (v === null || v === undefined ? '--' : `${v.replace(/\.00$/, '')}%`);

export const MONTHS = Array.from({ length: 12 }, (_, i) => i + 1);
