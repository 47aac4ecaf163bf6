/**
 * Money: the only place that converts between 元 (yuan, what users type and see) and 分 (fen, the
 * integer stored in BIGINT columns). Amounts are exact: decimal.js through the engine's Dec,
 * rounded half away from zero to the fen. SQL may SUM fen columns; the sums are exact integers.
 */
import { Dec, fromDec, toDec, isNum, type Num } from '@jixiao/engine';

export class MoneyError extends Error {
  override name = 'MoneyError';
}

const HUNDRED = new Dec(100);

function decOf(value: Num | string): InstanceType<typeof Dec> {
  if (isNum(value)) return toDec(value);
  const text = value.trim().replace(/,/g, '');
  if (!/^[+-]?(\d+(\.\d*)?|\.\d+)$/.test(text)) throw new MoneyError(`not an amount: ${value}`);
  return new Dec(text);
}

/** 元 → 分, half away from zero (1.005 元 → 101 分). */
export function yuanToFen(yuan: Num | string): bigint {
  const fen = decOf(yuan).mul(HUNDRED).toDecimalPlaces(0, Dec.ROUND_HALF_UP);
  return BigInt(fen.toFixed(0));
}

/** A fen value read from the database (number, decimal text or bigint) as a bigint. */
export function fenFromDb(value: unknown): bigint {
  if (typeof value === 'bigint') return value;
  if (typeof value === 'number' && Number.isSafeInteger(value)) return BigInt(value);
  if (typeof value === 'string' && /^-?\d+$/.test(value)) return BigInt(value);
  throw new MoneyError(`not a fen amount: ${String(value)}`);
}

/** What to bind when writing a fen column: a number while safe, else decimal text. */
export function fenToDb(fen: bigint): number | string {
  return fen <= BigInt(Number.MAX_SAFE_INTEGER) && fen >= BigInt(Number.MIN_SAFE_INTEGER) ? Number(fen) : fen.toString();
}

/** 分 → 元 as an exact engine number. */
export function fenToYuan(fen: bigint | number | string): Num {
  return fromDec(new Dec(fenFromDb(fen).toString()).div(HUNDRED));
}

/** 分 → 元 as text with exactly two decimals ("1234.50"). */
export function fenToYuanText(fen: bigint | number | string): string {
  return new Dec(fenFromDb(fen).toString()).div(HUNDRED).toFixed(2);
}
