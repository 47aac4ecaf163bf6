/**
 * The keywords and formats ajv must know to compile a template's schema.
 *
 * - Annotation keywords (Formily's `x-component`…, Jixiao's `x-formula`, `x-visible`…) carry no
 *   validation of their own here: ajv only has to accept them in strict mode. Computed fields
 *   and the two conditional keywords are handled by validator.ts around the ajv run.
 * - `x-money` / `x-scale` check how many decimals a number has by reading its decimal digits
 *   exactly (the shortest decimal form of the double, as the number module does), never by float
 *   arithmetic: ajv's `multipleOf: 0.01` rejects 19.99 because 19.99 / 0.01 is 1998.9999999999998.
 * - the formats the template meta-schema allows: `date` (a real calendar date), `date-time`,
 *   `email`, `uri` (ajv ships no formats; ajv-formats is not a dependency).
 */
import type Ajv from 'ajv';
import type { AnySchemaObject, ErrorObject, SchemaValidateFunction } from 'ajv';

/** Jixiao keys of the template contract that ajv accepts as annotations. */
export const JIXIAO_ANNOTATION_KEYWORDS = [
  'x-formula',
  'x-score',
  'x-visible',
  'x-required-when',
  'x-indicator',
  'x-unit',
  'x-project',
  'x-declaration',
  'x-payments',
] as const;

/** Formily keys that pass through to the renderer (never `x-reactions`: the meta-schema forbids it). */
export const FORMILY_ANNOTATION_KEYWORDS = [
  'x-component',
  'x-component-props',
  'x-decorator',
  'x-decorator-props',
  'x-index',
  'x-validator',
  'x-pattern',
  'x-display',
  'x-hidden',
  'x-editable',
  'x-read-only',
  'x-read-pretty',
  'x-disabled',
  'x-content',
  'x-data',
] as const;

/** Keywords with a validation of their own (this file). */
export const JIXIAO_VALIDATION_KEYWORDS = ['x-money', 'x-scale'] as const;

/** Money is stored in fen as a safe integer: the largest amount in 元 that round-trips. */
export const MAX_MONEY = 90_071_992_547_409.91;
/** Decimals of money (元 with fen). */
export const MONEY_SCALE = 2;

/**
 * Digits after the decimal point of x's shortest decimal form: 19.99 → 2, 1e-7 → 7, 1.5e21 → 0.
 * Reads the digits of `String(x)`, which ECMAScript defines as the shortest round-trip form, so
 * this is the number of decimals the sender wrote (JSON numbers are parsed to that double).
 */
export function decimalsOf(x: number): number {
  if (!Number.isFinite(x)) return 0;
  const text = String(Math.abs(x));
  const e = text.indexOf('e');
  const mantissa = e < 0 ? text : text.slice(0, e);
  const exponent = e < 0 ? 0 : Number(text.slice(e + 1));
  const point = mantissa.indexOf('.');
  const fraction = point < 0 ? 0 : mantissa.length - point - 1;
  return Math.max(0, fraction - exponent);
}

/** The error params our keywords report (keywords `x-scale`, `x-money`, `x-money-range`; the validator maps them to codes `scale` / `moneyRange`). */
export interface ScaleParams {
  scale: number;
  decimals: number;
  money: boolean;
}
export interface MoneyRangeParams {
  limit: number;
}

function scaleError(keyword: string, params: ScaleParams | MoneyRangeParams): Partial<ErrorObject> {
  return { keyword, params: { ...params } };
}

function isNonNegativeInteger(v: unknown): v is number {
  return typeof v === 'number' && Number.isInteger(v) && v >= 0;
}

/** `x-scale: n` — at most n decimals. */
const validateScale: SchemaValidateFunction = (schema: unknown, data: unknown): boolean => {
  if (typeof data !== 'number' || !isNonNegativeInteger(schema)) return true;
  const decimals = decimalsOf(data);
  if (decimals <= schema) return true;
  validateScale.errors = [scaleError('x-scale', { scale: schema, decimals, money: false })];
  return false;
};

/** `x-money: true` — 元 with at most 2 decimals (unless an `x-scale` says otherwise), within the fen range. */
const validateMoney: SchemaValidateFunction = (schema: unknown, data: unknown, parentSchema?: AnySchemaObject): boolean => {
  if (schema !== true || typeof data !== 'number') return true;
  const errors: Partial<ErrorObject>[] = [];
  const hasOwnScale = parentSchema !== undefined && isNonNegativeInteger(parentSchema['x-scale']);
  if (!hasOwnScale) {
    const decimals = decimalsOf(data);
    if (decimals > MONEY_SCALE) errors.push(scaleError('x-money', { scale: MONEY_SCALE, decimals, money: true }));
  }
  if (Math.abs(data) > MAX_MONEY) errors.push(scaleError('x-money-range', { limit: MAX_MONEY }));
  if (errors.length === 0) return true;
  validateMoney.errors = errors;
  return false;
};

const DATE = /^(\d{4})-(\d{2})-(\d{2})$/;

/** A calendar date `YYYY-MM-DD` (proleptic Gregorian; 2024-02-29 yes, 2023-02-29 no). */
export function isIsoDate(text: string): boolean {
  const m = DATE.exec(text);
  if (m === null) return false;
  const y = Number(m[1]);
  const mo = Number(m[2]);
  const d = Number(m[3]);
  if (mo < 1 || mo > 12 || d < 1) return false;
  const leap = (y % 4 === 0 && y % 100 !== 0) || y % 400 === 0;
  const days = [31, leap ? 29 : 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31][mo - 1] ?? 0;
  return d <= days;
}

const DATE_TIME = /^(\d{4}-\d{2}-\d{2})[T ](\d{2}):(\d{2})(?::(\d{2})(?:\.\d+)?)?(?:Z|[+-]\d{2}:?\d{2})?$/i;

/** `2024-05-01T08:30:00+08:00`; seconds and offset optional (forms often send local times). */
export function isDateTime(text: string): boolean {
  const m = DATE_TIME.exec(text);
  if (m === null || !isIsoDate(m[1] as string)) return false;
  return Number(m[2]) <= 23 && Number(m[3]) <= 59 && (m[4] === undefined || Number(m[4]) <= 60);
}

const EMAIL = /^[^\s@]+@[^\s@.]+(?:\.[^\s@.]+)+$/;
const URI = /^[a-z][a-z0-9+.-]*:[^\s]+$/i;

/** Teach an ajv instance our keywords and formats. Called once per instance (validator.ts). */
export function addJixiaoKeywords(ajv: Ajv): Ajv {
  for (const keyword of [...JIXIAO_ANNOTATION_KEYWORDS, ...FORMILY_ANNOTATION_KEYWORDS]) ajv.addKeyword({ keyword });
  ajv.addKeyword({ keyword: 'x-scale', type: 'number', schemaType: 'number', errors: true, validate: validateScale });
  ajv.addKeyword({ keyword: 'x-money', type: 'number', schemaType: 'boolean', errors: true, validate: validateMoney });
  ajv.addFormat('date', { type: 'string', validate: isIsoDate });
  ajv.addFormat('date-time', { type: 'string', validate: isDateTime });
  ajv.addFormat('email', { type: 'string', validate: (t: string) => EMAIL.test(t) });
  ajv.addFormat('uri', { type: 'string', validate: (t: string) => URI.test(t) });
  return ajv;
}
