/**
 * Messages of submission errors, by code, in zh-CN (the default, what users see) and en-US.
 * The validator emits codes and params; these tables turn them into text naming the field by its
 * title (and its row, inside a table): `“总体目标”至少需要 30 个字`.
 */

export type Locale = 'zh-CN' | 'en-US';
export const DEFAULT_LOCALE: Locale = 'zh-CN';

/**
 * Every code the message tables know: what a SubmissionError can carry, plus SCORE_OUT_OF_BAND,
 * the data diagnostic of compute's evaluate() (not emitted by the validator; callers append
 * evaluate().diagnostics themselves, and can word them with `formatMessage`).
 */
export const SUBMISSION_ERROR_CODES = [
  'required',
  'type',
  'minLength',
  'maxLength',
  'minimum',
  'maximum',
  'exclusiveMinimum',
  'exclusiveMaximum',
  'multipleOf',
  'pattern',
  'format',
  'enum',
  'const',
  'minItems',
  'maxItems',
  'uniqueItems',
  'additionalProperties',
  'scale',
  'moneyRange',
  'SCORE_OUT_OF_BAND',
  'invalid',
] as const;
export type SubmissionErrorCode = (typeof SUBMISSION_ERROR_CODES)[number];

/** Where an error sits, for messages: the field's title and, inside tables, the rows on the way. */
export interface FieldLabel {
  /** Title of the field (its key when it has no title; '' for the whole form). */
  title: string;
  /** Enclosing table rows, outermost first: the table's title and the 1-based row number. */
  rows: readonly { title: string; row: number }[];
}

type Params = Readonly<Record<string, unknown>>;
type MessageFn = (label: string, p: Params) => string;
export type MessageTable = { readonly [C in SubmissionErrorCode]: MessageFn };

const text = (v: unknown): string => (typeof v === 'string' ? v : typeof v === 'number' || typeof v === 'boolean' ? String(v) : JSON.stringify(v) ?? '');
const list = (v: unknown, sep: string): string => (Array.isArray(v) ? v.map(text).join(sep) : text(v));

const ZH_TYPES: Readonly<Record<string, string>> = {
  number: '数字',
  integer: '整数',
  string: '文本',
  boolean: '“是”或“否”',
  array: '列表',
  object: '一组字段',
  null: '空值',
};
const EN_TYPES: Readonly<Record<string, string>> = {
  number: 'a number',
  integer: 'a whole number',
  string: 'text',
  boolean: 'yes or no',
  array: 'a list',
  object: 'a group of fields',
  null: 'empty',
};

const ZH_FORMATS: Readonly<Record<string, string>> = {
  date: '必须是有效日期（格式 YYYY-MM-DD）',
  'date-time': '必须是有效的日期时间（格式 YYYY-MM-DD HH:mm）',
  email: '必须是有效的电子邮箱地址',
  uri: '必须是有效的网址',
};
const EN_FORMATS: Readonly<Record<string, string>> = {
  date: 'must be a valid date (YYYY-MM-DD)',
  'date-time': 'must be a valid date and time (YYYY-MM-DD HH:mm)',
  email: 'must be a valid email address',
  uri: 'must be a valid URL',
};

const zhType = (p: Params): string => ZH_TYPES[text(p['type'])] ?? text(p['type']);
const enType = (p: Params): string => EN_TYPES[text(p['type'])] ?? text(p['type']);

export const ZH_CN: MessageTable = {
  required: (f) => `${f}不能为空`,
  type: (f, p) =>
    typeof p['text'] === 'string'
      ? `${f}必须是${zhType(p)}，收到的是文本“${p['text']}”（请去掉千分位分隔符等，按数字提交）`
      : `${f}必须是${zhType(p)}`,
  minLength: (f, p) => `${f}至少需要 ${text(p['limit'])} 个字`,
  maxLength: (f, p) => `${f}最多 ${text(p['limit'])} 个字`,
  minimum: (f, p) => `${f}不能小于 ${text(p['limit'])}`,
  maximum: (f, p) => `${f}不能大于 ${text(p['limit'])}`,
  exclusiveMinimum: (f, p) => `${f}必须大于 ${text(p['limit'])}`,
  exclusiveMaximum: (f, p) => `${f}必须小于 ${text(p['limit'])}`,
  multipleOf: (f, p) => `${f}必须是 ${text(p['multipleOf'])} 的整数倍`,
  pattern: (f) => `${f}格式不正确`,
  format: (f, p) => `${f}${ZH_FORMATS[text(p['format'])] ?? '格式不正确'}`,
  enum: (f, p) => `${f}必须是以下之一：${list(p['allowedLabels'] ?? p['allowedValues'], '、')}`,
  const: (f, p) => `${f}必须等于 ${text(p['allowedValue'])}`,
  minItems: (f, p) => `${f}至少需要 ${text(p['limit'])} 行`,
  maxItems: (f, p) => `${f}最多 ${text(p['limit'])} 行`,
  uniqueItems: (f, p) => `${f}第 ${text(p['i'])} 行与第 ${text(p['j'])} 行重复`,
  additionalProperties: (f, p) => `${f}含有表单中没有的字段“${text(p['additionalProperty'])}”`,
  scale: (f, p) =>
    p['money'] === true ? `${f}是金额，最多保留 ${text(p['scale'])} 位小数` : `${f}最多保留 ${text(p['scale'])} 位小数`,
  moneyRange: (f) => `${f}金额超出可保存的范围`,
  SCORE_OUT_OF_BAND: (f, p) =>
    `${f}应在 ${text(p['min'])} 到 ${text(p['max'])}${p['maxInclusive'] === true ? '（含）' : '（不含）'}之间（评价为“${text(p['rating'])}”），录入的是 ${text(p['score'])}`,
  invalid: (f) => `${f}填写不正确`,
};

export const EN_US: MessageTable = {
  required: (f) => `${f} is required`,
  type: (f, p) =>
    typeof p['text'] === 'string'
      ? `${f} must be ${enType(p)}, got the text "${p['text']}" (send a number, without thousands separators)`
      : `${f} must be ${enType(p)}`,
  minLength: (f, p) => `${f} needs at least ${text(p['limit'])} characters`,
  maxLength: (f, p) => `${f} allows at most ${text(p['limit'])} characters`,
  minimum: (f, p) => `${f} must be at least ${text(p['limit'])}`,
  maximum: (f, p) => `${f} must be at most ${text(p['limit'])}`,
  exclusiveMinimum: (f, p) => `${f} must be greater than ${text(p['limit'])}`,
  exclusiveMaximum: (f, p) => `${f} must be less than ${text(p['limit'])}`,
  multipleOf: (f, p) => `${f} must be a multiple of ${text(p['multipleOf'])}`,
  pattern: (f) => `${f} has an invalid format`,
  format: (f, p) => `${f} ${EN_FORMATS[text(p['format'])] ?? 'has an invalid format'}`,
  enum: (f, p) => `${f} must be one of: ${list(p['allowedLabels'] ?? p['allowedValues'], ', ')}`,
  const: (f, p) => `${f} must equal ${text(p['allowedValue'])}`,
  minItems: (f, p) => `${f} needs at least ${text(p['limit'])} rows`,
  maxItems: (f, p) => `${f} allows at most ${text(p['limit'])} rows`,
  uniqueItems: (f, p) => `${f}: rows ${text(p['i'])} and ${text(p['j'])} are duplicates`,
  additionalProperties: (f, p) => `${f} has a field that is not in the form: "${text(p['additionalProperty'])}"`,
  scale: (f, p) =>
    p['money'] === true
      ? `${f} is an amount and allows at most ${text(p['scale'])} decimals`
      : `${f} allows at most ${text(p['scale'])} decimals`,
  moneyRange: (f) => `${f} is too large an amount to store`,
  SCORE_OUT_OF_BAND: (f, p) =>
    `${f} must be between ${text(p['min'])} and ${text(p['max'])}${p['maxInclusive'] === true ? ' (inclusive)' : ' (exclusive)'} for the rating "${text(p['rating'])}", got ${text(p['score'])}`,
  invalid: (f) => `${f} is invalid`,
};

export const MESSAGES: { readonly [L in Locale]: MessageTable } = { 'zh-CN': ZH_CN, 'en-US': EN_US };

/** `“总体目标”`, `“绩效指标”第 3 行的“偏差原因”`; the whole form is `表单`. */
export function formatLabel(label: FieldLabel, locale: Locale = DEFAULT_LOCALE): string {
  if (locale === 'en-US') {
    const rows = label.rows.map((r) => `"${r.title}" row ${r.row}`);
    const own = label.title === '' ? (rows.length === 0 ? 'The form' : '') : `"${label.title}"`;
    return [...rows, own].filter((s) => s !== '').join(', ');
  }
  const rows = label.rows.map((r) => `“${r.title}”第 ${r.row} 行`).join('');
  const own = label.title === '' ? (rows === '' ? '表单' : '') : `“${label.title}”`;
  return rows !== '' && own !== '' ? `${rows}的${own}` : rows + own;
}

function isCode(code: string): code is SubmissionErrorCode {
  return (SUBMISSION_ERROR_CODES as readonly string[]).includes(code);
}

/** The message of an error code for a field, in a locale (unknown codes read as `invalid`). */
export function formatMessage(
  code: string,
  label: FieldLabel,
  params: Params,
  locale: Locale = DEFAULT_LOCALE,
): string {
  const table = MESSAGES[locale] ?? ZH_CN;
  return table[isCode(code) ? code : 'invalid'](formatLabel(label, locale), params);
}
