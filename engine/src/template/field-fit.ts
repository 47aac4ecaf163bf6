/**
 * Whether a value can go into a field as it is: its JSON type is the field's (an integer for an
 * integer field) and, with `enum`, it is one of the listed values. Used where forms are filled
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

export function fitsField(field: FieldSchema, value: unknown): boolean {
  const check = typeof field.type === 'string' ? TYPE_CHECKS[field.type] : undefined;
  if (check === undefined || !check(value)) return false;
  return !Array.isArray(field.enum) || field.enum.some((e) => (isRecord(e) ? e['value'] : e) === value);
}
