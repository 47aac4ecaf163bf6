import { add, sub, mul, div, cmp, pow, sqrt, round, toJsNumber, toGeneralText, formatFixed, parseNumericText, parseDecimalLiteral, Ratio, DIV_BY_ZERO, type Num } from './index';

const n = (x: Num | symbol) => (typeof x === 'symbol' ? x : toJsNumber(x as Num));

describe('exact arithmetic', () => {
  test('decimal sums are exact where floats are not', () => {
    expect(add(0.1, 0.2)).toBe(0.3);
    expect(mul(3, 0.6)).toBe(1.8);
    expect(add(add(0.3, 0.6), 0.1)).toBe(1);
    expect(sub(1.1, 1)).toBe(0.1);
    let s: Num = 0;
    for (let i = 0; i < 600; i++) s = add(s, 0.1);
    expect(s).toBe(60);
  });
  test('subtracting a fraction is exact on every path', () => {
    const third = div(1, 3) as Num;
    expect(mul(sub(1, third), 3)).toBe(2);
    expect(sub(third, third)).toBe(0);
    expect(round(mul(sub(1, div(194.93, 231.6) as Num), 1.8), 2)).toBe(0.29);
    expect(toJsNumber(sub(0.5, div(1, 7) as Num))).toBeCloseTo(5 / 14, 15);
    expect(mul(sub(div(2, 3) as Num, div(1, 6) as Num), 2)).toBe(1);
  });
  test('non-terminating quotients stay exact as ratios', () => {
    const q = div(85, 90);
    expect(q).toBeInstanceOf(Ratio);
    expect(round(mul(q as Num, 10), 2)).toBe(9.44);
    expect(mul(div(1, 3) as Num, 3)).toBe(1);
    expect(div(450, 500)).toBe(0.9);
    expect(div(1, 0)).toBe(DIV_BY_ZERO);
    expect(div(7, 8)).toBe(0.875);
  });
  test('ROUND is half away from zero on the decimal value', () => {
    expect(round(2.675, 2)).toBe(2.68);
    expect(round(-2.675, 2)).toBe(-2.68);
    expect(round(1.005, 2)).toBe(1.01);
    expect(round(1234, -2)).toBe(1200);
    expect(round(2.5, 0)).toBe(3);
    expect(round(0.285, 2)).toBe(0.29);
    expect(round(div(2, 3) as Num, 4)).toBe(0.6667);
    expect(round(div(-2, 3) as Num, 4)).toBe(-0.6667);
    expect(round(1.2345, 2, 'up')).toBe(1.24);
    expect(round(-1.2345, 2, 'down')).toBe(-1.23);
  });
  test('large and precise values fall back to decimal.js exactly', () => {
    const big = parseDecimalLiteral('1234567890123456.78');
    expect(toGeneralText(add(big, 0.02))).toBe('1.23456789012346E+15');
    expect(formatFixed(add(big, 0.02), 2, true)).toBe('1,234,567,890,123,456.80');
    expect(cmp(parseDecimalLiteral('0.30000000000000001'), 0.3)).toBe(1);
  });
  test('comparison, power, sqrt', () => {
    expect(cmp(div(1, 3) as Num, 0.3333)).toBe(1);
    expect(cmp(div(2, 3) as Num, div(4, 6) as Num)).toBe(0);
    expect(n(pow(2, 10) as Num)).toBe(1024);
    expect(pow(0.1, 2)).toBe(0.01);
    expect(n(pow(4, 0.5) as Num)).toBe(2);
    expect(sqrt(2.25)).toBe(1.5);
  });
  test('numeric text', () => {
    expect(parseNumericText(' 1,234.50 ')).toBe(1234.5);
    expect(parseNumericText('45%')).toBe(0.45);
    expect(parseNumericText('-3e2')).toBe(-300);
    expect(parseNumericText('abc')).toBeUndefined();
    expect(parseNumericText('')).toBeUndefined();
    expect(formatFixed(1234567.891, 2, true)).toBe('1,234,567.89');
    expect(formatFixed(-0.005, 2)).toBe('-0.01');
  });
});
