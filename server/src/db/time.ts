/**
 * Timestamps are stored as ISO-8601 UTC text with milliseconds (`2026-11-23T18:00:00.000Z`,
 * 24 characters) on both databases: they sort and compare as text, and read back identically.
 */
export const now = (): string => new Date().toISOString();

export const isoAfter = (ms: number, from: Date = new Date()): string => new Date(from.getTime() + ms).toISOString();

/** Integer columns come back as numbers (or decimal text beyond 2^53; see knex.ts). */
export function toInt(v: unknown): number {
  if (typeof v === 'number') return v;
  if (typeof v === 'string' && /^-?\d+$/.test(v)) return Number(v);
  if (typeof v === 'bigint') return Number(v);
  throw new TypeError(`expected an integer column value, got ${typeof v}`);
}

export const toBool = (v: unknown): boolean => v === true || v === 1 || v === '1' || v === 1n;
