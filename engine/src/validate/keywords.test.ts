import Ajv from 'ajv';
import { addJixiaoKeywords, decimalsOf, isDateTime, isIsoDate, MAX_MONEY } from './keywords';
import { formatLabel, formatMessage } from './messages';

describe('decimalsOf reads the decimal digits, not the float', () => {
  test.each([
    [0, 0],
    [100, 0],
    [19.99, 2],
    [0.1, 1],
    [0.07, 2],
    [1.005, 3],
    [-12.5, 1],
    [1234567.89, 2],
    [1e-7, 7],
    [1.5e-7, 8],
    [1e21, 0],
    [1.5e21, 0],
    [123456789012.34, 2],
  ])('%p has %p decimals', (x, n) => {
    expect(decimalsOf(x)).toBe(n);
  });

  test('ajv multipleOf 0.01 rejects 19.99 while x-money accepts it', () => {
    const ajv = addJixiaoKeywords(new Ajv({ allErrors: true }));
    const float = ajv.compile({ type: 'number', multipleOf: 0.01 });
    const money = ajv.compile({ type: 'number', 'x-money': true });
    expect(float(19.99)).toBe(false); // the trap
    expect(money(19.99)).toBe(true);
    expect(money(0.29)).toBe(true);
    expect(money(1.001)).toBe(false);
    expect(money.errors?.[0]).toMatchObject({ keyword: 'x-money', params: { scale: 2, decimals: 3, money: true } });
    expect(money(MAX_MONEY)).toBe(true);
    expect(money(-MAX_MONEY - 1)).toBe(false);
    expect(money.errors?.[0]).toMatchObject({ keyword: 'x-money-range' });
  });

  test('the keywords apply to integer fields too, and ignore non-numbers (type reports those)', () => {
    const ajv = addJixiaoKeywords(new Ajv({ allErrors: true }));
    const money = ajv.compile({ type: 'integer', 'x-money': true });
    expect(money(1e15)).toBe(false);
    expect(money.errors?.map((e) => e.keyword)).toEqual(['x-money-range']);
    const text = ajv.compile({ type: 'number', 'x-money': true, 'x-scale': 1 });
    expect(text('1.234')).toBe(false);
    expect(text.errors?.map((e) => e.keyword)).toEqual(['type']);
  });

  test('x-scale wins over x-money’s implied 2 decimals; x-scale 0 means whole numbers', () => {
    const ajv = addJixiaoKeywords(new Ajv({ allErrors: true }));
    const fourDecimalMoney = ajv.compile({ type: 'number', 'x-money': true, 'x-scale': 4 });
    expect(fourDecimalMoney(1.2345)).toBe(true);
    expect(fourDecimalMoney(1.23456)).toBe(false);
    expect(fourDecimalMoney.errors).toHaveLength(1);
    const whole = ajv.compile({ type: 'number', 'x-scale': 0 });
    expect(whole(12)).toBe(true);
    expect(whole(12.5)).toBe(false);
  });
});

describe('formats', () => {
  test('date is a calendar date', () => {
    expect(isIsoDate('2024-02-29')).toBe(true);
    expect(isIsoDate('2023-02-29')).toBe(false);
    expect(isIsoDate('1900-02-29')).toBe(false);
    expect(isIsoDate('2000-02-29')).toBe(true);
    expect(isIsoDate('2024-13-01')).toBe(false);
    expect(isIsoDate('2024-4-1')).toBe(false);
    expect(isIsoDate('2024-04-31')).toBe(false);
  });

  test('date-time, email, uri', () => {
    expect(isDateTime('2024-05-01T08:30:00+08:00')).toBe(true);
    expect(isDateTime('2024-05-01 08:30')).toBe(true);
    expect(isDateTime('2024-05-01T24:00')).toBe(false);
    expect(isDateTime('2024-02-30T08:00')).toBe(false);
    const ajv = addJixiaoKeywords(new Ajv());
    const email = ajv.compile({ type: 'string', format: 'email' });
    expect(email('jixiao@czj.gov.cn')).toBe(true);
    expect(email('jixiao@')).toBe(false);
    const uri = ajv.compile({ type: 'string', format: 'uri' });
    expect(uri('https://czj.gov.cn/a')).toBe(true);
    expect(uri('czj.gov.cn')).toBe(false);
  });
});

test('strict ajv accepts every Formily and Jixiao key the template meta-schema allows', () => {
  const ajv = addJixiaoKeywords(new Ajv({ strict: true, strictTypes: false }));
  const field = {
    type: 'number',
    title: '得分',
    'x-component': 'NumberPicker',
    'x-component-props': { precision: 2 },
    'x-decorator': 'FormItem',
    'x-decorator-props': { tooltip: '说明' },
    'x-index': 3,
    'x-validator': [{ minimum: 0 }],
    'x-display': 'visible',
    'x-pattern': 'readPretty',
    'x-content': '内容',
    'x-hidden': false,
    'x-disabled': false,
    'x-read-only': true,
    'x-data': { a: 1 },
    'x-formula': 'weight*0.5',
    'x-score': { preset: 'positive' },
    'x-visible': 'TRUE',
    'x-required-when': 'FALSE',
    'x-money': true,
    'x-scale': 2,
    'x-unit': '元',
  };
  const table = { type: 'array', 'x-indicator': { levels: 3, yearflag: 0 }, items: { type: 'object', properties: { score: field } } };
  const when = { type: 'string', format: 'date-time' };
  expect(() => ajv.compile({ type: 'object', properties: { table, when } })).not.toThrow();
});

describe('messages', () => {
  test('labels name the field, and the table rows on the way', () => {
    expect(formatLabel({ title: '总体目标', rows: [] })).toBe('“总体目标”');
    expect(formatLabel({ title: '', rows: [] })).toBe('表单');
    expect(formatLabel({ title: '', rows: [{ title: '绩效指标', row: 2 }] })).toBe('“绩效指标”第 2 行');
    expect(formatLabel({ title: '说明', rows: [{ title: '分项', row: 1 }, { title: '明细', row: 4 }] })).toBe('“分项”第 1 行“明细”第 4 行的“说明”');
    expect(formatLabel({ title: 'Goal', rows: [{ title: 'Rows', row: 2 }] }, 'en-US')).toBe('"Rows" row 2, "Goal"');
  });

  test('unknown codes fall back to a generic message', () => {
    expect(formatMessage('nope', { title: '总体目标', rows: [] }, {})).toBe('“总体目标”填写不正确');
  });

  test('SCORE_OUT_OF_BAND (an evaluate() diagnostic) can be worded too', () => {
    const label = { title: '评定得分', rows: [{ title: '绩效指标', row: 4 }] };
    const params = { rating: '部分达成年度指标并具有一定效果', score: 16, min: 12, max: 16, maxInclusive: false };
    expect(formatMessage('SCORE_OUT_OF_BAND', label, params)).toBe(
      '“绩效指标”第 4 行的“评定得分”应在 12 到 16（不含）之间（评价为“部分达成年度指标并具有一定效果”），录入的是 16',
    );
    expect(formatMessage('SCORE_OUT_OF_BAND', label, params, 'en-US')).toBe(
      '"绩效指标" row 4, "评定得分" must be between 12 and 16 (exclusive) for the rating "部分达成年度指标并具有一定效果", got 16',
    );
  });

  test('format messages by format', () => {
    expect(formatMessage('format', { title: '开始日期', rows: [] }, { format: 'date' })).toBe('“开始日期”必须是有效日期（格式 YYYY-MM-DD）');
    expect(formatMessage('format', { title: '邮箱', rows: [] }, { format: 'email' }, 'en-US')).toBe('"邮箱" must be a valid email address');
  });
});
