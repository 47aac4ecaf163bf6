import { monthsBefore, parsePeriod } from './period';

describe('a monthly form’s period', () => {
  test('"2025-06" and a bare "6" carry month 6; a quarter or a month 13 carry none', () => {
    expect(parsePeriod('2025-06')).toEqual({ year: 2025, month: 6 });
    expect(parsePeriod('6')).toEqual({ month: 6 });
    expect(parsePeriod('12')).toEqual({ month: 12 });
    expect(parsePeriod('2025-Q2')).toBeUndefined();
    expect(parsePeriod('2025-13')).toBeUndefined();
    expect(parsePeriod('0')).toBeUndefined();
    expect(parsePeriod('')).toBeUndefined();
  });

  test('以前月份 of June are January–May of its fiscal year; after the year all twelve, before it none', () => {
    expect(monthsBefore({ year: 2025, month: 6 }, 2025)).toBe(5);
    expect(monthsBefore({ month: 1 }, 2025)).toBe(0);
    expect(monthsBefore({ year: 2026, month: 1 }, 2025)).toBe(12);
    expect(monthsBefore({ year: 2024, month: 12 }, 2025)).toBe(0);
  });
});
