import { ExactSum, Dec, Ratio, add, toDec, type Num } from './index';

function fold(values: readonly Num[]): Num {
  return values.reduce<Num>((s, v) => add(s, v), 0);
}

function sumOf(values: readonly Num[]): Num {
  const s = new ExactSum();
  for (const v of values) s.add(v);
  return s.value();
}

/** Deterministic values of mixed scales and signs (mulberry32). */
function values(seed: number, count: number): number[] {
  const out: number[] = [];
  for (let i = 0; i < count; i++) {
    seed = (seed + 0x6d2b79f5) | 0;
    let t = Math.imul(seed ^ (seed >>> 15), 1 | seed);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    const r = ((t ^ (t >>> 14)) >>> 0) / 4294967296;
    const decimals = i % 5;
    out.push(Math.round((r - 0.3) * 10 ** (3 + decimals)) / 10 ** decimals);
  }
  return out;
}

describe('ExactSum: the running sum of the aggregates', () => {
  test('600 × 0.1 is exactly 60 (a grade boundary)', () => {
    expect(sumOf(Array(600).fill(0.1))).toBe(60);
  });

  test('equals the exact fold of add() for mixed scales and signs', () => {
    for (const seed of [1, 2, 3, 4, 5]) {
      const vs = values(seed, 500);
      expect(toDec(sumOf(vs)).eq(toDec(fold(vs)))).toBe(true);
    }
  });

  test('fractions, decimal.js values and totals beyond 10^15 stay exact', () => {
    const vs: Num[] = [new Ratio(1, 3), 0.1, new Dec('0.0000000000000000000001'), 999999999999999, 0.25, new Ratio(2, 3), -0.35];
    expect(toDec(sumOf(vs)).eq(toDec(fold(vs)))).toBe(true);
    expect(sumOf([new Ratio(1, 3), new Ratio(2, 3)])).toBe(1);
    expect(toDec(sumOf([999999999999999.9, 0.1, 0.05])).toString()).toBe('1000000000000000.05');
  });

  test('an empty sum is 0 and -0 is normalised', () => {
    expect(sumOf([])).toBe(0);
    expect(Object.is(sumOf([-0]), 0)).toBe(true);
    expect(Object.is(sumOf([0.1, -0.1]), 0)).toBe(true);
  });
});
