/**
 * 日期函数 (date): dates are Excel serial numbers (1900 system, see ../dates). Date
 * arguments accept serials and date text ("2024-05-01", "2024/5/1", "2024年5月1日"); the
 * time part of a serial is dropped. TODAY() reads the evaluation context, never the clock.
 */
import { toJsNumber } from '../../number';
import { toInteger, toNumber, toText } from '../coerce';
import { MAX_SERIAL, daysInMonth, partsFromSerial, serialFromParts } from '../dates';
import { ERRORS, ErrorValue, isError, isRange, type Value } from '../values';
import type { EagerFunctionDecl, ParamKind, ParamSpec } from './types';

const p = (name: string, kind: ParamKind, doc: string, extra: Partial<ParamSpec> = {}): ParamSpec => ({ name, kind, doc, ...extra });

/** A date argument as a whole serial in Excel's range (#NUM! outside it, #VALUE! for non-dates). */
export function toSerial(v: Value): number | ErrorValue {
  if (isRange(v)) return ERRORS['#VALUE!'];
  const n = toNumber(v);
  if (isError(n)) return n;
  const x = Math.floor(toJsNumber(n));
  if (!(x >= 0 && x <= MAX_SERIAL)) return new ErrorValue('#NUM!', '日期超出范围');
  return x;
}

/** A serial result, #NUM! when outside 1900-01-00 … 9999-12-31. */
function checked(serial: number): number | ErrorValue {
  return serial >= 0 && serial <= MAX_SERIAL ? serial : new ErrorValue('#NUM!', '日期超出范围');
}

function part(which: 'year' | 'month' | 'day'): (args: Value[]) => Value {
  return (args) => {
    const s = toSerial(args[0] ?? null);
    return isError(s) ? s : partsFromSerial(s)[which];
  };
}

/** The serial `months` months after `start`, on the same day (clamped to the month's end) or on its last day. */
function shiftMonths(args: Value[], endOfMonth: boolean): Value {
  const s = toSerial(args[0] ?? null);
  if (isError(s)) return s;
  const k = toInteger(args[1] ?? null);
  if (isError(k)) return k;
  const { year, month, day } = partsFromSerial(s);
  const m0 = month - 1 + k;
  const y = year + Math.floor(m0 / 12);
  const m = m0 - Math.floor(m0 / 12) * 12 + 1;
  if (y < 1900 || y > 9999) return new ErrorValue('#NUM!', '日期超出范围');
  const last = daysInMonth(y, m);
  return checked(serialFromParts(y, m, endOfMonth ? last : Math.min(day, last)));
}

const WEEKDAY_START: Readonly<Record<number, { monday: number; base: number }>> = {
  // return_type → which weekday counts as the first (0 = Sunday … 6 = Saturday) and the number it gets.
  1: { monday: 0, base: 1 },
  2: { monday: 1, base: 1 },
  3: { monday: 1, base: 0 },
  11: { monday: 1, base: 1 },
  12: { monday: 2, base: 1 },
  13: { monday: 3, base: 1 },
  14: { monday: 4, base: 1 },
  15: { monday: 5, base: 1 },
  16: { monday: 6, base: 1 },
  17: { monday: 0, base: 1 },
};

export const DATE_FUNCTIONS: readonly EagerFunctionDecl[] = [
  {
    name: 'DATE',
    category: 'date',
    params: [p('year', 'number', '年（0–1899 会加上 1900）'), p('month', 'number', '月，可超出 1–12 自动进位'), p('day', 'number', '日，可超出当月天数自动进位')],
    returns: 'date',
    description: '由年、月、日得到日期序号（1900 日期系统，与 Excel 相同，DATE(2024,1,1) = 45292）。月、日超出范围时自动进位。',
    examples: [{ formula: 'DATE(2024, 1, 1)', result: '45292' }, { formula: 'DATE(2024, 14, 1) = DATE(2025, 2, 1)', result: 'true' }],
    impl: (args) => {
      let y = toInteger(args[0] ?? null);
      if (isError(y)) return y;
      const m = toInteger(args[1] ?? null);
      if (isError(m)) return m;
      const d = toInteger(args[2] ?? null);
      if (isError(d)) return d;
      if (y >= 0 && y < 1900) y += 1900;
      if (y < 0 || y > 9999) return new ErrorValue('#NUM!', '年份超出范围');
      return checked(serialFromParts(y, m, d));
    },
  },
  {
    name: 'DATEVALUE',
    category: 'date',
    params: [p('date_text', 'text', '日期文本，如 "2024-05-01"、"2024/5/1"、"2024年5月1日"')],
    returns: 'date',
    description: '把日期文本转为日期序号；不是日期时返回 #VALUE!。',
    examples: [{ formula: 'DATEVALUE("2024年5月1日")', result: '45413' }],
    impl: (args) => {
      const t = toText(args[0] ?? null);
      if (isError(t)) return t;
      const n = toNumber(t);
      if (isError(n) || /^\s*[-+]?[\d,.]+%?\s*$/.test(t)) return new ErrorValue('#VALUE!', `“${t}”不是日期`);
      return toSerial(n);
    },
  },
  {
    name: 'YEAR',
    category: 'date',
    params: [p('date', 'number', '日期序号或日期文本')],
    returns: 'number',
    description: '日期的年份。',
    examples: [{ formula: 'YEAR("2024-05-01")', result: '2024' }],
    impl: part('year'),
  },
  {
    name: 'MONTH',
    category: 'date',
    params: [p('date', 'number', '日期序号或日期文本')],
    returns: 'number',
    description: '日期的月份（1–12）。',
    examples: [{ formula: 'MONTH(DATE(2024, 5, 1))', result: '5' }],
    impl: part('month'),
  },
  {
    name: 'DAY',
    category: 'date',
    params: [p('date', 'number', '日期序号或日期文本')],
    returns: 'number',
    description: '日期是当月的第几天（1–31）。',
    examples: [{ formula: 'DAY("2024/5/18")', result: '18' }],
    impl: part('day'),
  },
  {
    name: 'TODAY',
    category: 'date',
    params: [],
    returns: 'date',
    description: '评估日期（由计算上下文提供，不读系统时钟）；上下文没有日期时返回 #N/A。',
    examples: [{ formula: 'IFERROR(TODAY(), "未提供评估日期")', result: '"未提供评估日期"' }],
    impl: (_args, ctx) => (ctx.today === undefined ? new ErrorValue('#N/A', 'evaluation context has no date') : ctx.today),
  },
  {
    name: 'DAYS',
    category: 'date',
    params: [p('end_date', 'number', '结束日期'), p('start_date', 'number', '开始日期')],
    returns: 'number',
    description: '两个日期相差的天数（结束日期减开始日期）。',
    examples: [{ formula: 'DAYS("2024-12-31", "2024-01-01")', result: '365' }],
    impl: (args) => {
      const e = toSerial(args[0] ?? null);
      if (isError(e)) return e;
      const s = toSerial(args[1] ?? null);
      return isError(s) ? s : e - s;
    },
  },
  {
    name: 'EDATE',
    category: 'date',
    params: [p('start_date', 'number', '开始日期'), p('months', 'number', '之后（负数为之前）的月数')],
    returns: 'date',
    description: '若干个月之后的同一天；该月没有这一天时取月末。',
    examples: [{ formula: 'TEXT(EDATE("2024-01-31", 1), "yyyy-mm-dd")', result: '"2024-02-29"' }],
    impl: (args) => shiftMonths(args, false),
  },
  {
    name: 'EOMONTH',
    category: 'date',
    params: [p('start_date', 'number', '开始日期'), p('months', 'number', '之后（负数为之前）的月数')],
    returns: 'date',
    description: '若干个月之后那个月的最后一天。',
    examples: [{ formula: 'TEXT(EOMONTH("2024-05-15", 0), "yyyy-mm-dd")', result: '"2024-05-31"' }],
    impl: (args) => shiftMonths(args, true),
  },
  {
    name: 'DATEDIF',
    category: 'date',
    params: [
      p('start_date', 'number', '开始日期'),
      p('end_date', 'number', '结束日期（不得早于开始日期）'),
      p('unit', 'text', '"Y" 整年数、"M" 整月数、"D" 天数、"YM" 不计年的月数、"YD" 不计年的天数、"MD" 不计月的天数'),
    ],
    returns: 'number',
    description: '两个日期之间的整年、整月或天数；开始日期晚于结束日期时返回 #NUM!。',
    examples: [{ formula: 'DATEDIF("2023-03-15", "2024-06-30", "M")', result: '15' }],
    impl: (args) => {
      const s = toSerial(args[0] ?? null);
      if (isError(s)) return s;
      const e = toSerial(args[1] ?? null);
      if (isError(e)) return e;
      const unitText = toText(args[2] ?? null);
      if (isError(unitText)) return unitText;
      if (s > e) return new ErrorValue('#NUM!', '开始日期晚于结束日期');
      const a = partsFromSerial(s);
      const b = partsFromSerial(e);
      const months = (b.year - a.year) * 12 + (b.month - a.month) - (b.day < a.day ? 1 : 0);
      switch (unitText.toUpperCase()) {
        case 'D': return e - s;
        case 'M': return months;
        case 'Y': return Math.floor(months / 12);
        case 'YM': return months % 12;
        case 'MD': {
          if (b.day >= a.day) return b.day - a.day;
          const pm = b.month === 1 ? 12 : b.month - 1;
          const py = b.month === 1 ? b.year - 1 : b.year;
          return daysInMonth(py, pm) - a.day + b.day;
        }
        case 'YD': {
          let anchor = serialFromParts(b.year, a.month, Math.min(a.day, daysInMonth(b.year, a.month)));
          if (anchor > e) anchor = serialFromParts(b.year - 1, a.month, Math.min(a.day, daysInMonth(b.year - 1, a.month)));
          return e - anchor;
        }
        default: return new ErrorValue('#NUM!', `不支持的单位“${unitText}”`);
      }
    },
  },
  {
    name: 'WEEKDAY',
    category: 'date',
    params: [
      p('serial_number', 'number', '日期'),
      p('return_type', 'number', '1 或省略：星期日=1…星期六=7；2：星期一=1…星期日=7；3：星期一=0…星期日=6', { optional: true }),
    ],
    returns: 'number',
    description: '日期是星期几。',
    examples: [{ formula: 'WEEKDAY("2024-05-01", 2)', result: '3' }],
    impl: (args) => {
      const s = toSerial(args[0] ?? null);
      if (isError(s)) return s;
      const t = args.length > 1 ? toInteger(args[1] ?? null) : 1;
      if (isError(t)) return t;
      const spec = WEEKDAY_START[t];
      if (!spec) return new ErrorValue('#NUM!', `不支持的类型 ${t}`);
      // Serial 1 (1900-01-01 in Excel's calendar) is a Sunday: weekday index 0.
      const dow = (((s - 1) % 7) + 7) % 7;
      return ((dow - spec.monday + 7) % 7) + spec.base;
    },
  },
];
