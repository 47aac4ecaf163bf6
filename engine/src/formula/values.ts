/**
 * The values a formula computes with, as in an Excel cell: numbers (exact, see ../number),
 * text, logicals, blank, and error values. A column reference (`indicators.score`) yields a
 * RangeValue, which only functions that take ranges accept.
 */
import type { Num } from '../number/num';

export const ERROR_CODES = ['#DIV/0!', '#VALUE!', '#NAME?', '#REF!', '#N/A', '#NUM!', '#NULL!'] as const;
export type ErrorCode = (typeof ERROR_CODES)[number];

/** An Excel error value (#DIV/0! …). Errors are values: they propagate, IFERROR catches them. */
export class ErrorValue {
  constructor(
    readonly code: ErrorCode,
    /** Why, for the explanation trace and designer tooltips (not shown by Excel). */
    readonly detail?: string,
  ) {}
  toString(): string {
    return this.code;
  }
}

/** Shared instances for the common case without detail: avoids allocation on hot paths. */
export const ERRORS: { readonly [K in ErrorCode]: ErrorValue } = Object.freeze(
  Object.fromEntries(ERROR_CODES.map((c) => [c, new ErrorValue(c)])) as { [K in ErrorCode]: ErrorValue },
);

/** `null` is a blank cell: 0 in arithmetic, "" in text, FALSE in logic. */
export type Blank = null;
export type Scalar = Num | string | boolean | Blank | ErrorValue;

/** The values of a column (`table.col`) or an inline array; items are scalars. */
export class RangeValue {
  constructor(readonly items: readonly Scalar[]) {}
}

export type Value = Scalar | RangeValue;

export const isError = (v: unknown): v is ErrorValue => v instanceof ErrorValue;
export const isRange = (v: unknown): v is RangeValue => v instanceof RangeValue;
