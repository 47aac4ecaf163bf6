import { Ratio, toJsNumber, type Num } from '../src/number';
import { GUANGXI_GRADES, MOF_GRADES, checkGradeBands, gradeOf } from '../src/scoring/grades';
import { DEFAULT_QUALITATIVE_BANDS, OutOfBandError, directionKind, scoreDeduct, scoreEqual, scorePositive, scoreQualitative, scoreReverse } from '../src/scoring/rules';
import { qualitativeLight, warningLight } from '../src/scoring/warning';
import { DOMAIN_FUNCTIONS } from '../src/formula/functions/domain';
import { ErrorValue, isError, type Value } from '../src/formula/values';

const n = (x: Num | ErrorValue): number | string => (isError(x) ? x.code : toJsNumber(x));

describe('quantitative rules (DOMAIN §5.3)', () => {
  test('positive: proportional, capped at the weight, negative actual → 0', () => {
    expect(n(scorePositive(450, 500, 20))).toBe(18);
    expect(n(scorePositive(97, 95, 15))).toBe(15);
    expect(n(scorePositive(1000, 500, 20))).toBe(20);
    expect(n(scorePositive(85, 90, 10))).toBe(9.44);
    expect(n(scorePositive(-5, 90, 10))).toBe(0);
  });
  test('equal: t = 0 rule, t > 0 like positive', () => {
    expect(n(scoreEqual(0, 0, 10))).toBe(10);
    expect(n(scoreEqual(-3, 0, 10))).toBe(10);
    expect(n(scoreEqual(1, 0, 10))).toBe(0);
    expect(n(scoreEqual(8, 10, 10))).toBe(8);
    expect(n(scoreEqual(12, 10, 10))).toBe(10);
  });
  test('reverse A and B', () => {
    expect(n(scoreReverse(33, 30, 15, 'A'))).toBe(13.5);
    expect(n(scoreReverse(33, 30, 15, 'B'))).toBe(13.64);
    expect(n(scoreReverse(30, 30, 15, 'A'))).toBe(15);
    expect(n(scoreReverse(60, 30, 15, 'A'))).toBe(0);
    expect(n(scoreReverse(59, 30, 15, 'A'))).toBe(0.5);
    expect(n(scoreReverse(60, 30, 15, 'B'))).toBe(7.5);
    expect(n(scoreReverse(1, 0, 15, 'A'))).toBe(0);
  });
  test('directions, ASCII accepted', () => {
    expect(['≥', '>=', '＞', '>', '＝', '=', '≤', '<=', '＜', '<', '定性', '定量（其他）'].map(directionKind)).toEqual([
      'positive', 'positive', 'positive', 'positive', 'equal', 'equal', 'reverse', 'reverse', 'reverse', 'reverse', 'qualitative', undefined,
    ]);
  });
});

describe('qualitative bands (DOMAIN §5.4)', () => {
  const b = DEFAULT_QUALITATIVE_BANDS;
  test('default ratios and prefixes', () => {
    expect(n(scoreQualitative('达成', 15, null, b))).toBe(15);
    expect(n(scoreQualitative('部分达成', 10, null, b))).toBe(7);
    expect(n(scoreQualitative('未达成年度指标且效果较差', 10, null, b))).toBe(4);
    expect(n(scoreQualitative('', 10, null, b))).toBe(0);
    expect(n(scoreQualitative('很好', 10, null, b))).toBe('#VALUE!');
  });
  test('band edges: lower inclusive, upper exclusive except the top band', () => {
    expect(n(scoreQualitative('达成', 10, 8, b))).toBe(8);
    expect(n(scoreQualitative('达成', 10, 10, b))).toBe(10);
    expect(scoreQualitative('达成', 10, 7.99, b)).toBeInstanceOf(OutOfBandError);
    expect(scoreQualitative('达成', 10, 10.01, b)).toBeInstanceOf(OutOfBandError);
    expect(n(scoreQualitative('部分达成', 10, 6, b))).toBe(6);
    expect(n(scoreQualitative('部分达成', 10, 7.99, b))).toBe(7.99);
    expect(scoreQualitative('部分达成', 10, 8, b)).toBeInstanceOf(OutOfBandError);
    expect(n(scoreQualitative('未达成', 10, 0, b))).toBe(0);
    const e = scoreQualitative('未达成', 10, 6, b) as OutOfBandError;
    expect(e.code).toBe('#NUM!');
    expect([e.rating, e.min, e.max, e.maxInclusive]).toEqual(['未达成年度指标且效果较差', 0, 6, false]);
  });
  test('lights', () => {
    expect(['达成', '部分达成', '未达成', '?'].map((r) => qualitativeLight(r, b))).toEqual(['green', 'yellow', 'red', undefined]);
  });
});

describe('deduction (DOMAIN §3.3)', () => {
  test('在职人员控制率: each point above 100 costs 0.1 × w', () => {
    expect(n(scoreDeduct(100, 100, 5, 'above', 1, 0.5))).toBe(5);
    expect(n(scoreDeduct(103, 100, 5, 'above', 1, 0.5))).toBe(3.5);
    expect(n(scoreDeduct(102, 100, 1, 'above', 1, 0.1))).toBe(0.8);
    expect(n(scoreDeduct(150, 100, 5, 'above', 1, 0.5))).toBe(0);
  });
  test('预算完成率: each 5% below costs 2', () => {
    expect(n(scoreDeduct(100, 100, 5, 'below', 5, 2))).toBe(5);
    expect(n(scoreDeduct(90, 100, 5, 'below', 5, 2))).toBe(1);
    expect(n(scoreDeduct(93, 100, 5, 'below', 5, 2, 'floor'))).toBe(3);
    expect(n(scoreDeduct(93, 100, 5, 'below', 5, 2, 'ceil'))).toBe(1);
    expect(n(scoreDeduct(93, 100, 5, 'below', 5, 2))).toBe(2.2);
    expect(n(scoreDeduct(80, 100, 5, 'below', 5, 2))).toBe(0);
  });
});

describe('grades (DOMAIN §5.6)', () => {
  test('lower bound inclusive, exact', () => {
    expect([100, 90, 89.99, 80, 79.99, 60, 59.99, 0].map((s) => gradeOf(s, MOF_GRADES))).toEqual(['优', '优', '良', '良', '中', '中', '差', '差']);
    expect([90, 80, 60, 59].map((s) => gradeOf(s, GUANGXI_GRADES))).toEqual(['优秀', '良好', '合格', '不合格']);
    expect(gradeOf(new Ratio(179, 3), MOF_GRADES)).toBe('差'); // 59.666…
    expect(gradeOf(-1, MOF_GRADES)).toBeUndefined();
  });
  test('band checks', () => {
    expect(checkGradeBands(MOF_GRADES, '/scoring/grades')).toEqual([]);
    expect(checkGradeBands([{ min: 90, label: 'A' }, { min: 60, label: 'B' }], '/g').map((d) => d.code)).toEqual(['GRADES_GAP']);
    expect(checkGradeBands([{ min: 90, label: 'A' }, { min: 90, label: 'B' }, { min: 0, label: 'C' }], '/g').map((d) => [d.code, d.path])).toEqual([['GRADES_OVERLAP', '/g/1/min']]);
    expect(checkGradeBands([{ min: 0, label: 'C' }, { min: 90, label: 'A' }], '/g').map((d) => d.code)).toEqual(['GRADES_ORDER']);
  });
});

describe('warning lights (DOMAIN §6.1, example 4)', () => {
  test('ratio rule', () => {
    expect([200000, 350000, 450000].map((s) => warningLight(s, 1000000, 6).light)).toEqual(['red', 'yellow', 'green']);
    expect(n(warningLight(350000, 1000000, 6).value)).toBe(70);
    expect(warningLight(350000, 0, 6).light).toBe('red');
    expect(warningLight(350000, null, 6).light).toBe('red');
    expect(warningLight(300000, 1000000, 6).light).toBe('yellow'); // v = 60 exactly
    expect(warningLight(400000, 1000000, 6).light).toBe('green'); // v = 80 exactly
  });
  test('gap rule', () => {
    const rule = { rule: 'gap' as const, yellow: 10, red: 20 };
    expect([450000, 350000, 300000, 200000].map((s) => warningLight(s, 1000000, 6, rule).light)).toEqual(['green', 'yellow', 'red', 'red']);
    expect(warningLight(0, 0, 6, rule).light).toBe('red');
  });
});

describe('domain functions', () => {
  const fn = (name: string) => {
    const d = DOMAIN_FUNCTIONS.find((f) => f.name === name);
    if (!d || d.lazy) throw new Error(name);
    return (args: Value[], extra?: Record<string, unknown>, grades?: { min: number; label: string }[]) => d.impl(args, { ...(extra ? { extra } : {}), ...(grades ? { grades } : {}) });
  };
  test('every declaration is documented', () => {
    for (const d of DOMAIN_FUNCTIONS) {
      expect(d.category).toBe('domain');
      expect(d.description.length).toBeGreaterThan(5);
      expect(d.examples.length).toBeGreaterThan(0);
    }
  });
  test('impls', () => {
    expect(fn('SCORE_REVERSE')([33, 30, 15, 'B'])).toBe(13.64);
    expect(fn('SCORE_REVERSE')([33, 30, 15, 'C'])).toBeInstanceOf(ErrorValue);
    expect(fn('SCORE_BY_DIRECTION')(['>=', '450', 500, 20])).toBe(18);
    expect(fn('SCORE_BY_DIRECTION')(['定性', null, '好', 15, 'A', '达成'])).toBe(15);
    expect((fn('SCORE_BY_DIRECTION')(['定量（其他）', 1, 1, 1]) as ErrorValue).code).toBe('#N/A');
    expect(fn('GRADE')([60])).toBe('中');
    expect(fn('GRADE')([60], undefined, [...GUANGXI_GRADES])).toBe('合格');
    expect(fn('WARNING_LIGHT')([350000, 1000000], { month: 6 })).toBe('yellow');
    expect(fn('WARNING_LIGHT')([350000, 1000000, 13])).toBeInstanceOf(ErrorValue);
    expect(n(fn('TRUNCPCT')([new Ratio(450000, 4074000 / 1)]) as Num)).toBe(11.04);
    expect(n(fn('TRUNCPCT')([0.04938]) as Num)).toBe(4.93);
    expect(fn('SCORE_DEDUCT')([103, 100, 5, 'above', 1, 0.5])).toBe(3.5);
  });
});
