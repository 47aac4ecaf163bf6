/**
 * Whether a value can go into a field as it is: its JSON type is the field's (an integer for an
 * integer field), it is within the field's bounds (minimum/maximum, length, pattern) and, with
 * `enum`, it is one of the listed values. Used where forms are filled
 * from elsewhere (project, declaration), so a value that does not fit is left out rather than
 * stored invalid.
 */
import type { FieldSchema } from './types';

const isRecord = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v);

const TYPE_CHECKS: Record<string, (v: unknown) => boolean> = {
  string: (v) => typeof v === 'string',
  number: (v) => typeof v === 'number' && Number.isFinite(v),
  integer: (v) => typeof v === 'number' && Number.isInteger(v),
  boolean: (v) => typeof v === 'boolean',
};

/** Length as the validator counts it: code points, so a CJK character outside the BMP is one. */
const length = (s: string): number => [...s].length;

/**
 * The field's bounds: a value outside them would make the new form fail its shape check (the
 * creator could not even start it), e.g. a project name longer than the field's `maxLength`.
 */
const BOUND_CHECKS: ((f: FieldSchema, v: unknown) => boolean)[] = [
  (f, v) => typeof v !== 'number' || ((f.minimum === undefined || v >= f.minimum) && (f.maximum === undefined || v <= f.maximum)),
  (f, v) => typeof v !== 'number' || ((f.exclusiveMinimum === undefined || v > f.exclusiveMinimum) && (f.exclusiveMaximum === undefined || v < f.exclusiveMaximum)),
  (f, v) => typeof v !== 'string' || ((f.minLength === undefined || length(v) >= f.minLength) && (f.maxLength === undefined || length(v) <= f.maxLength)),
  (f, v) => typeof v !== 'string' || f.pattern === undefined || new RegExp(f.pattern, 'u').test(v),
];

export function fitsField(field: FieldSchema, value: unknown): boolean {
  const check = typeof field.type === 'string' ? TYPE_CHECKS[field.type] : undefined;
  if (check === undefined || !check(value)) return false;
  if (!BOUND_CHECKS.every((fits) => fits(field, value))) return false;
  return !Array.isArray(field.enum) || field.enum.some((e) => (isRecord(e) ? e['value'] : e) === value);
}
