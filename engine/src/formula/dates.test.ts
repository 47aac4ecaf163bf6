import { MAX_SERIAL, daysInMonth, formatSerial, parseDateText, partsFromSerial, serialFromParts } from './dates';

describe('Excel 1900 date serials', () => {
  test('known serials', () => {
    expect(serialFromParts(1900, 1, 1)).toBe(1);
    expect(serialFromParts(1900, 2, 28)).toBe(59);
    expect(serialFromParts(1900, 2, 29)).toBe(60);
    expect(serialFromParts(1900, 3, 1)).toBe(61);
    expect(serialFromParts(2024, 1, 1)).toBe(45292);
    expect(serialFromParts(9999, 12, 31)).toBe(MAX_SERIAL);
  });
  test('normalisation of months and days', () => {
    expect(serialFromParts(2024, 13, 1)).toBe(serialFromParts(2025, 1, 1));
    expect(serialFromParts(2024, 0, 1)).toBe(serialFromParts(2023, 12, 1));
    expect(serialFromParts(2024, 3, 0)).toBe(serialFromParts(2024, 2, 29));
    expect(serialFromParts(2024, -11, 1)).toBe(serialFromParts(2023, 1, 1));
  });
  test('round trip for every day of a few years', () => {
    for (let s = 1; s < 2000; s++) {
      const { year, month, day } = partsFromSerial(s);
      expect(serialFromParts(year, month, day)).toBe(s);
    }
    for (let s = 45000; s < 46500; s++) {
      const { year, month, day } = partsFromSerial(s);
      expect(serialFromParts(year, month, day)).toBe(s);
    }
    expect(partsFromSerial(0)).toEqual({ year: 1900, month: 1, day: 0 });
    expect(partsFromSerial(60)).toEqual({ year: 1900, month: 2, day: 29 });
    expect(formatSerial(45413)).toBe('2024-05-01');
  });
  test('date text', () => {
    expect(parseDateText('2024-05-01')).toBe(45413);
    expect(parseDateText('2024/5/1')).toBe(45413);
    expect(parseDateText(' 2024年5月1日 ')).toBe(45413);
    expect(parseDateText('2024-05-01T00:00:00Z')).toBe(45413);
    expect(parseDateText('2024-02-30')).toBeUndefined();
    expect(parseDateText('2024-13-01')).toBeUndefined();
    expect(parseDateText('May 1')).toBeUndefined();
    expect(daysInMonth(2023, 2)).toBe(28);
    expect(daysInMonth(2000, 2)).toBe(29);
    expect(daysInMonth(2100, 2)).toBe(28);
  });
});
