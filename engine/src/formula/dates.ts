/**
 * Excel dates: serial numbers of the 1900 date system. Serial 1 is 1900-01-01, serial 0 is
 * Excel's "1900-01-00", and serial 60 is Excel's fictitious 1900-02-29 (kept for
 * compatibility, so DATE(2024,1,1) = 45292 as in Excel). Serials are whole days; a fractional
 * part (a time) is dropped by every date function here.
 */

/** The largest serial Excel accepts: 9999-12-31. */
export const MAX_SERIAL = 2958465;
/** Excel's fictitious 1900-02-29. */
const FAKE_LEAP_DAY = 60;

/** Days from 1970-01-01 to the proleptic Gregorian date y-m-d (m 1–12, any d). */
function daysFromCivil(y: number, m: number, d: number): number {
  // Howard Hinnant's algorithm; integers only.
  const yy = m <= 2 ? y - 1 : y;
  const era = Math.floor(yy / 400);
  const yoe = yy - era * 400;
  const mp = (m + 9) % 12;
  const doy = Math.floor((153 * mp + 2) / 5) + d - 1;
  const doe = yoe * 365 + Math.floor(yoe / 4) - Math.floor(yoe / 100) + doy;
  return era * 146097 + doe - 719468;
}

function civilFromDays(z: number): { year: number; month: number; day: number } {
  const zz = z + 719468;
  const era = Math.floor(zz / 146097);
  const doe = zz - era * 146097;
  const yoe = Math.floor((doe - Math.floor(doe / 1460) + Math.floor(doe / 36524) - Math.floor(doe / 146096)) / 365);
  const doy = doe - (365 * yoe + Math.floor(yoe / 4) - Math.floor(yoe / 100));
  const mp = Math.floor((5 * doy + 2) / 153);
  const day = doy - Math.floor((153 * mp + 2) / 5) + 1;
  const month = mp < 10 ? mp + 3 : mp - 9;
  const year = yoe + era * 400 + (month <= 2 ? 1 : 0);
  return { year, month, day };
}

/** 1899-12-31 in days since 1970: real serial 1 is the day after. */
const EPOCH = daysFromCivil(1899, 12, 31);

/** Excel serial of the first day of a (normalised) month. */
function serialOfMonthStart(year: number, month: number): number {
  const real = daysFromCivil(year, month, 1) - EPOCH;
  // From 1900-03-01 on, Excel's serials are one ahead because of the fake leap day.
  return real >= FAKE_LEAP_DAY ? real + 1 : real;
}

/**
 * The serial of year-month-day with Excel's normalisation: months beyond 12 or below 1 roll
 * the year, days beyond the month's end or below 1 roll the month (DATE(2024,14,1) is
 * 2025-02-01, DATE(2024,3,0) is 2024-02-29). Arguments must be integers; the result may be
 * out of Excel's range (the caller checks).
 */
export function serialFromParts(year: number, month: number, day: number): number {
  const m0 = month - 1;
  const y = year + Math.floor(m0 / 12);
  const m = m0 - Math.floor(m0 / 12) * 12 + 1;
  return serialOfMonthStart(y, m) + day - 1;
}

export interface DateParts {
  year: number;
  month: number;
  day: number;
}

/** Year, month and day of a whole serial in 0…MAX_SERIAL (0 is 1900-01-00, 60 is 1900-02-29). */
export function partsFromSerial(serial: number): DateParts {
  if (serial === 0) return { year: 1900, month: 1, day: 0 };
  if (serial === FAKE_LEAP_DAY) return { year: 1900, month: 2, day: 29 };
  const real = serial > FAKE_LEAP_DAY ? serial - 1 : serial;
  return civilFromDays(real + EPOCH);
}

/** Days in a month of the real calendar (Excel's own 1900-02 has 29, see partsFromSerial). */
export function daysInMonth(year: number, month: number): number {
  if (year === 1900 && month === 2) return 29;
  return daysFromCivil(month === 12 ? year + 1 : year, month === 12 ? 1 : month + 1, 1) - daysFromCivil(year, month, 1);
}

/** Whether a serial is a valid Excel date (whole or not): 0 ≤ serial ≤ 9999-12-31. */
export function isValidSerial(serial: number): boolean {
  return serial >= 0 && serial < MAX_SERIAL + 1;
}

const ISO = /^(\d{4})-(\d{1,2})-(\d{1,2})(?:[T ]00:00(?::00(?:\.0+)?)?(?:Z|[+-]00:?00)?)?$/;
const SLASH = /^(\d{4})\/(\d{1,2})\/(\d{1,2})$/;
const CHINESE = /^(\d{4})年(\d{1,2})月(\d{1,2})日$/;

/**
 * The serial of date text as Excel reads it in arithmetic: "2024-05-01", "2024/5/1",
 * "2024年5月1日" (also an ISO date with a midnight time). Undefined for anything else, and
 * for dates that do not exist (2024-02-30), as Excel does.
 */
export function parseDateText(text: string): number | undefined {
  const t = text.trim();
  const m = ISO.exec(t) ?? SLASH.exec(t) ?? CHINESE.exec(t);
  if (!m) return undefined;
  const year = Number(m[1]);
  const month = Number(m[2]);
  const day = Number(m[3]);
  if (year < 1900 || month < 1 || month > 12 || day < 1 || day > daysInMonth(year, month)) return undefined;
  return serialFromParts(year, month, day);
}

/** "yyyy-mm-dd" of a whole serial (for tests, traces and the CLI). */
export function formatSerial(serial: number): string {
  const { year, month, day } = partsFromSerial(serial);
  return `${String(year).padStart(4, '0')}-${String(month).padStart(2, '0')}-${String(day).padStart(2, '0')}`;
}
