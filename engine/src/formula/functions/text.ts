/**
 * 文本函数 (text): LEN, LEFT, RIGHT, MID, TRIM, CONCAT, TEXT … Positions and lengths count
 * UTF-16 code units as Excel does (a Chinese character is one). Numbers become text in
 * Excel's General format (1/3 → "0.333333333333333").
 */
import { formatFixed, isZero, mul, round, sign, toGeneralText, toJsNumber, type Num } from '../../number';
import { flatten, textToNumber, toBoolean, toInteger, toNumber, toText, valueError } from '../coerce';
import { MAX_SERIAL, partsFromSerial } from '../dates';
import { ERRORS, ErrorValue, isError, isRange, type Value } from '../values';
import { wildcardRegex } from './statistical';
import type { EagerFunctionDecl, ParamKind, ParamSpec } from './types';

const p = (name: string, kind: ParamKind, doc: string, extra: Partial<ParamSpec> = {}): ParamSpec => ({ name, kind, doc, ...extra });

/** Excel's maximum text length. */
const MAX_TEXT = 32767;

/** The text of argument i (blank when absent). */
const text = (args: Value[], i: number): string | ErrorValue => toText(args[i] ?? null);

/** An integer argument with a default when absent. */
function int(args: Value[], i: number, dflt: number): number | ErrorValue {
  return i < args.length ? toInteger(args[i] ?? null) : dflt;
}

// ---- TEXT(value, format) ---------------------------------------------------------------------

const NUMBER_FORMAT = /^(#,##)?(0+)(?:\.(0+))?(%)?$/;
const DATE_TOKEN = /yyyy|yy|mm|m|dd|d|"[^"]*"|\\[\s\S]|[-/.: 年月日]/gy;

/** The text of a number in a fixed format: "0", "0.00", "#,##0.00", "0%", "00" … */
function formatNumber(x: Num, m: RegExpExecArray): string {
  const grouping = m[1] !== undefined;
  const minInt = (m[2] ?? '0').length;
  const decimals = (m[3] ?? '').length;
  const value = m[4] ? mul(x, 100) : x;
  const r = round(value, decimals);
  const [intPart = '0', frac] = formatFixed(isZero(r) ? 0 : r, decimals).replace('-', '').split('.');
  let digits = intPart.padStart(minInt, '0');
  if (grouping) digits = digits.replace(/\B(?=(\d{3})+(?!\d))/g, ',');
  return (sign(r) < 0 ? '-' : '') + digits + (frac !== undefined ? `.${frac}` : '') + (m[4] ?? '');
}

/** The text of a serial in a date format ("yyyy-mm-dd", "yyyy年m月d日" …), or undefined when the format is not one. */
function formatDate(x: Num, format: string): string | ErrorValue | undefined {
  const tokens: string[] = [];
  DATE_TOKEN.lastIndex = 0;
  while (DATE_TOKEN.lastIndex < format.length) {
    const m = DATE_TOKEN.exec(format);
    if (!m) return undefined;
    tokens.push(m[0]);
  }
  if (!tokens.some((t) => /^[ymd]/.test(t))) return undefined;
  const serial = Math.floor(toJsNumber(x));
  if (serial < 0 || serial > MAX_SERIAL) return ERRORS['#VALUE!'];
  const { year, month, day } = partsFromSerial(serial);
  return tokens
    .map((t) => {
      switch (t) {
        case 'yyyy': return String(year).padStart(4, '0');
        case 'yy': return String(year % 100).padStart(2, '0');
        case 'mm': return String(month).padStart(2, '0');
        case 'm': return String(month);
        case 'dd': return String(day).padStart(2, '0');
        case 'd': return String(day);
        default:
          if (t.startsWith('"')) return t.slice(1, -1);
          if (t.startsWith('\\')) return t.slice(1);
          return t;
      }
    })
    .join('');
}

/**
 * Excel TEXT for the formats finance forms use: General ("G/通用格式"), "0", "0.00",
 * "#,##0", "#,##0.00", "0%", "0.00%", "00", "@", and date formats built from yyyy yy m mm d dd
 * with separators - / . 年 月 日. Any other format is #VALUE!. Non-numeric text is returned
 * unchanged, as Excel does.
 */
export function formatText(v: Value, format: string): string | ErrorValue {
  if (isError(v)) return v;
  if (isRange(v)) return ERRORS['#VALUE!'];
  let x: Num;
  if (typeof v === 'boolean') return v ? 'TRUE' : 'FALSE';
  if (typeof v === 'string') {
    const n = textToNumber(v);
    if (n === undefined) return v;
    x = n;
  } else {
    x = v === null ? 0 : v;
  }
  const f = format.trim();
  if (f === '@') return toGeneralText(x);
  if (/^(general|g\/通用格式)$/i.test(f)) return toGeneralText(x);
  const m = NUMBER_FORMAT.exec(f);
  if (m) return formatNumber(x, m);
  const d = formatDate(x, f.replace(/M/g, 'm').replace(/D/g, 'd').replace(/Y/g, 'y'));
  return d ?? new ErrorValue('#VALUE!', `不支持的格式“${format}”`);
}

// ---- search helpers --------------------------------------------------------------------------

function find(args: Value[], caseless: boolean): Value {
  const needle = text(args, 0);
  if (isError(needle)) return needle;
  const hay = text(args, 1);
  if (isError(hay)) return hay;
  const start = int(args, 2, 1);
  if (isError(start)) return start;
  if (start < 1 || start > hay.length + 1) return ERRORS['#VALUE!'];
  if (!caseless) {
    const i = hay.indexOf(needle, start - 1);
    return i < 0 ? new ErrorValue('#VALUE!', '找不到该文本') : i + 1;
  }
  if (needle === '') return start;
  const re = wildcardRegex(needle, false);
  const i = hay.slice(start - 1).search(re);
  return i < 0 ? new ErrorValue('#VALUE!', '找不到该文本') : i + start;
}

function joinTexts(args: readonly Value[], sep: string, ignoreEmpty: boolean): string | ErrorValue {
  const parts: string[] = [];
  for (const { value } of flatten(args)) {
    const t = toText(value);
    if (isError(t)) return t;
    if (ignoreEmpty && t === '') continue;
    parts.push(t);
  }
  const out = parts.join(sep);
  return out.length > MAX_TEXT ? ERRORS['#VALUE!'] : out;
}

export const TEXT_FUNCTIONS: readonly EagerFunctionDecl[] = [
  {
    name: 'LEN',
    category: 'text',
    params: [p('text', 'text', '文本')],
    returns: 'number',
    description: '文本的字符数（一个汉字算一个字符）。',
    examples: [{ formula: 'LEN("绩效目标")', result: '4' }, { formula: 'LEN(12.50)', result: '4' }],
    impl: (args) => {
      const t = text(args, 0);
      return isError(t) ? t : t.length;
    },
  },
  {
    name: 'LEFT',
    category: 'text',
    params: [p('text', 'text', '文本'), p('num_chars', 'number', '取的字符数，默认 1', { optional: true })],
    returns: 'text',
    description: '从左边取指定个数的字符。',
    examples: [{ formula: 'LEFT("项目支出绩效自评表", 4)', result: '"项目支出"' }],
    impl: (args) => {
      const t = text(args, 0);
      if (isError(t)) return t;
      const n = int(args, 1, 1);
      if (isError(n)) return n;
      return n < 0 ? ERRORS['#VALUE!'] : t.slice(0, n);
    },
  },
  {
    name: 'RIGHT',
    category: 'text',
    params: [p('text', 'text', '文本'), p('num_chars', 'number', '取的字符数，默认 1', { optional: true })],
    returns: 'text',
    description: '从右边取指定个数的字符。',
    examples: [{ formula: 'RIGHT("2024年度", 2)', result: '"年度"' }],
    impl: (args) => {
      const t = text(args, 0);
      if (isError(t)) return t;
      const n = int(args, 1, 1);
      if (isError(n)) return n;
      if (n < 0) return ERRORS['#VALUE!'];
      return n === 0 ? '' : t.slice(Math.max(0, t.length - n));
    },
  },
  {
    name: 'MID',
    category: 'text',
    params: [p('text', 'text', '文本'), p('start_num', 'number', '起始位置（从 1 开始）'), p('num_chars', 'number', '取的字符数')],
    returns: 'text',
    description: '从指定位置开始取指定个数的字符。',
    examples: [{ formula: 'MID("财预〔2020〕10号", 4, 4)', result: '"2020"' }],
    impl: (args) => {
      const t = text(args, 0);
      if (isError(t)) return t;
      const s = int(args, 1, 1);
      if (isError(s)) return s;
      const n = int(args, 2, 0);
      if (isError(n)) return n;
      if (s < 1 || n < 0) return ERRORS['#VALUE!'];
      return t.slice(s - 1, s - 1 + n);
    },
  },
  {
    name: 'TRIM',
    category: 'text',
    params: [p('text', 'text', '文本')],
    returns: 'text',
    description: '去掉首尾空格，并把中间连续的空格合并为一个。',
    examples: [{ formula: 'TRIM("  绩效   目标 ")', result: '"绩效 目标"' }],
    impl: (args) => {
      const t = text(args, 0);
      return isError(t) ? t : t.replace(/ +/g, ' ').replace(/^ | $/g, '');
    },
  },
  {
    name: 'UPPER',
    category: 'text',
    params: [p('text', 'text', '文本')],
    returns: 'text',
    description: '把字母转为大写。',
    examples: [{ formula: 'UPPER("abc")', result: '"ABC"' }],
    impl: (args) => {
      const t = text(args, 0);
      return isError(t) ? t : t.toUpperCase();
    },
  },
  {
    name: 'LOWER',
    category: 'text',
    params: [p('text', 'text', '文本')],
    returns: 'text',
    description: '把字母转为小写。',
    examples: [{ formula: 'LOWER("ABC")', result: '"abc"' }],
    impl: (args) => {
      const t = text(args, 0);
      return isError(t) ? t : t.toLowerCase();
    },
  },
  {
    name: 'PROPER',
    category: 'text',
    params: [p('text', 'text', '文本')],
    returns: 'text',
    description: '把每个单词的首字母转为大写，其余字母转为小写。',
    examples: [{ formula: 'PROPER("hello WORLD")', result: '"Hello World"' }],
    impl: (args) => {
      const t = text(args, 0);
      if (isError(t)) return t;
      let out = '';
      let prevLetter = false;
      for (const ch of t) {
        const letter = ch.toLowerCase() !== ch.toUpperCase();
        out += letter ? (prevLetter ? ch.toLowerCase() : ch.toUpperCase()) : ch;
        prevLetter = letter;
      }
      return out;
    },
  },
  {
    name: 'CONCAT',
    category: 'text',
    params: [p('text', 'range', '文本或列', { repeat: true })],
    returns: 'text',
    description: '连接文本：把所有参数（包括列中的每个值）依次连接起来。',
    examples: [{ formula: 'CONCAT("第", 3, "季度")', result: '"第3季度"' }],
    impl: (args) => joinTexts(args, '', false),
  },
  {
    name: 'CONCATENATE',
    category: 'text',
    params: [p('text', 'text', '文本', { repeat: true })],
    returns: 'text',
    description: '连接文本（旧函数，不接受列；与 & 运算符相同）。',
    examples: [{ formula: 'CONCATENATE("执行率", 95, "%")', result: '"执行率95%"' }],
    impl: (args) => (args.some(isRange) ? ERRORS['#VALUE!'] : joinTexts(args, '', false)),
  },
  {
    name: 'TEXTJOIN',
    category: 'text',
    params: [
      p('delimiter', 'text', '分隔符'),
      p('ignore_empty', 'logical', '为 TRUE 时跳过空值'),
      p('text', 'range', '文本或列', { repeat: true }),
    ],
    returns: 'text',
    description: '用分隔符连接文本，可选择跳过空值。',
    examples: [{ formula: 'TEXTJOIN("、", TRUE, rows.name)', result: '"甲、丙"', data: { rows: [{ name: '甲' }, { name: '' }, { name: '丙' }] } }],
    impl: (args) => {
      const sep = text(args, 0);
      if (isError(sep)) return sep;
      const ignore = toBoolean(args[1] ?? null);
      if (isError(ignore)) return ignore;
      return joinTexts(args.slice(2), sep, ignore);
    },
  },
  {
    name: 'SUBSTITUTE',
    category: 'text',
    params: [
      p('text', 'text', '文本'),
      p('old_text', 'text', '要替换的旧文本（区分大小写）'),
      p('new_text', 'text', '新文本'),
      p('instance_num', 'number', '只替换第几次出现；省略时全部替换', { optional: true }),
    ],
    returns: 'text',
    description: '替换文本中出现的旧文本。',
    examples: [{ formula: 'SUBSTITUTE("2024-05-01", "-", "/")', result: '"2024/05/01"' }],
    impl: (args) => {
      const t = text(args, 0);
      if (isError(t)) return t;
      const from = text(args, 1);
      if (isError(from)) return from;
      const to = text(args, 2);
      if (isError(to)) return to;
      const nth = int(args, 3, 0);
      if (isError(nth)) return nth;
      if (args.length > 3 && nth < 1) return ERRORS['#VALUE!'];
      if (from === '') return t;
      if (nth === 0) return t.split(from).join(to);
      let at = -1;
      for (let k = 0; k < nth; k++) {
        at = t.indexOf(from, at + (k === 0 ? 0 : from.length));
        if (at < 0) return t;
      }
      return t.slice(0, at) + to + t.slice(at + from.length);
    },
  },
  {
    name: 'REPLACE',
    category: 'text',
    params: [
      p('old_text', 'text', '文本'),
      p('start_num', 'number', '开始位置（从 1 开始）'),
      p('num_chars', 'number', '替换掉的字符数'),
      p('new_text', 'text', '新文本'),
    ],
    returns: 'text',
    description: '按位置替换：把从指定位置开始的若干字符替换为新文本。',
    examples: [{ formula: 'REPLACE("2023年度", 1, 4, "2024")', result: '"2024年度"' }],
    impl: (args) => {
      const t = text(args, 0);
      if (isError(t)) return t;
      const s = int(args, 1, 1);
      if (isError(s)) return s;
      const n = int(args, 2, 0);
      if (isError(n)) return n;
      const to = text(args, 3);
      if (isError(to)) return to;
      if (s < 1 || n < 0) return ERRORS['#VALUE!'];
      return t.slice(0, s - 1) + to + t.slice(s - 1 + n);
    },
  },
  {
    name: 'REPT',
    category: 'text',
    params: [p('text', 'text', '文本'), p('number_times', 'number', '重复次数')],
    returns: 'text',
    description: '把文本重复指定次数。',
    examples: [{ formula: 'REPT("★", 3)', result: '"★★★"' }],
    impl: (args) => {
      const t = text(args, 0);
      if (isError(t)) return t;
      const n = int(args, 1, 0);
      if (isError(n)) return n;
      if (n < 0 || t.length * n > MAX_TEXT) return ERRORS['#VALUE!'];
      return t.repeat(n);
    },
  },
  {
    name: 'EXACT',
    category: 'text',
    params: [p('text1', 'text', '文本1'), p('text2', 'text', '文本2')],
    returns: 'logical',
    description: '两段文本是否完全相同（区分大小写；= 运算符不区分）。',
    examples: [{ formula: 'EXACT("abc", "ABC")', result: 'false' }],
    impl: (args) => {
      const a = text(args, 0);
      if (isError(a)) return a;
      const b = text(args, 1);
      return isError(b) ? b : a === b;
    },
  },
  {
    name: 'FIND',
    category: 'text',
    params: [
      p('find_text', 'text', '要找的文本（区分大小写，不支持通配符）'),
      p('within_text', 'text', '在其中查找的文本'),
      p('start_num', 'number', '开始查找的位置，默认 1', { optional: true }),
    ],
    returns: 'number',
    description: '查找文本第一次出现的位置（从 1 开始）；找不到返回 #VALUE!。',
    examples: [{ formula: 'FIND("年", "2024年度")', result: '5' }],
    impl: (args) => find(args, false),
  },
  {
    name: 'SEARCH',
    category: 'text',
    params: [
      p('find_text', 'text', '要找的文本（不区分大小写，可用 * ? 通配符）'),
      p('within_text', 'text', '在其中查找的文本'),
      p('start_num', 'number', '开始查找的位置，默认 1', { optional: true }),
    ],
    returns: 'number',
    description: '查找文本第一次出现的位置（不区分大小写，支持通配符）；找不到返回 #VALUE!。',
    examples: [{ formula: 'SEARCH("b", "ABC")', result: '2' }, { formula: 'ISNUMBER(SEARCH("满意度", name))', result: 'true', data: { name: '服务对象满意度' } }],
    impl: (args) => find(args, true),
  },
  {
    name: 'VALUE',
    category: 'text',
    params: [p('text', 'text', '数字文本或日期文本')],
    returns: 'number',
    description: '把数字文本（如 "1,234.5"、"45%"）或日期文本转为数值；不是数字时返回 #VALUE!。',
    examples: [{ formula: 'VALUE("1,234.5")', result: '1234.5' }, { formula: 'VALUE("2024-01-01")', result: '45292' }],
    impl: (args) => {
      const v = args[0] ?? null;
      if (typeof v === 'boolean') return valueError('逻辑值不能转为数值');
      return toNumber(v);
    },
  },
  {
    name: 'TEXT',
    category: 'text',
    params: [
      p('value', 'any', '数值或日期序号'),
      p('format_text', 'text', '格式："0"、"0.00"、"#,##0.00"、"0%"、"0.00%"、"yyyy-mm-dd"、"yyyy年m月d日" 等'),
    ],
    returns: 'text',
    description: '按格式把数值转为文本（四舍五入）。支持常用数字格式与日期格式，不支持的格式返回 #VALUE!。',
    examples: [
      { formula: 'TEXT(1234567.891, "#,##0.00")', result: '"1,234,567.89"' },
      { formula: 'TEXT(0.9544, "0.00%")', result: '"95.44%"' },
      { formula: 'TEXT(DATE(2024,5,1), "yyyy年m月d日")', result: '"2024年5月1日"' },
    ],
    impl: (args) => {
      const f = text(args, 1);
      return isError(f) ? f : formatText(args[0] ?? null, f);
    },
  },
];

