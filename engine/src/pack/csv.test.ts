import { parseCsv, toCsv } from './csv';
import { indicatorTable, normaliseDirection, parseIndicatorCsv, parseIndicatorJson, plainNumber } from './indicators';

describe('parseCsv', () => {
  test('BOM, CRLF, quotes, doubled quotes, embedded commas and newlines', () => {
    const text = '\uFEFFa,b,c\r\n"x, y","say ""hi""","line1\r\nline2"\r\n1,,3\r\n';
    const { records, problems } = parseCsv(text);
    expect(problems).toEqual([]);
    expect(records).toEqual([
      { line: 1, cells: ['a', 'b', 'c'] },
      { line: 2, cells: ['x, y', 'say "hi"', 'line1\r\nline2'] },
      { line: 4, cells: ['1', '', '3'] },
    ]);
  });

  test('no trailing newline, LF only, trailing empty field', () => {
    expect(parseCsv('a,b\nc,').records).toEqual([
      { line: 1, cells: ['a', 'b'] },
      { line: 2, cells: ['c', ''] },
    ]);
  });

  test('malformed quoting is reported with line and field number, and parsing recovers', () => {
    const { records, problems } = parseCsv('a,b\nx,y"z\n"p"q,r\nok,1\n');
    expect(problems.map((p) => [p.code, p.line, p.column])).toEqual([
      ['CSV_BARE_QUOTE', 2, 2],
      ['CSV_TEXT_AFTER_QUOTE', 3, 1],
    ]);
    expect(records.map((r) => r.cells)).toEqual([['a', 'b'], ['ok', '1']]);
  });

  test('unterminated quote names the line where the field starts', () => {
    const { problems } = parseCsv('a,b\n1,"open\nmore\n');
    expect(problems).toEqual([expect.objectContaining({ code: 'CSV_UNTERMINATED_QUOTE', line: 2, column: 2 })]);
  });

  test('toCsv round-trips', () => {
    const rows = [['编码', '名称'], ['A,1', 'say "x"\nnext'], [' lead', '']];
    expect(parseCsv(toCsv(rows)).records.map((r) => r.cells)).toEqual(rows);
  });
});

const HEADER = '指标编码,分类,一级指标,二级指标,三级指标,计量单位,指标性质,指标值,权重,关键词';

describe('parseIndicatorCsv', () => {
  test('Chinese headers, direction normalised, numbers read, keywords split', () => {
    const csv = `\uFEFF${HEADER}\r\nP001,项目支出,产出指标,数量指标,培训人次,人次,>=,500,20,培训；人次、教育\r\nP002,项目支出,效益指标,社会效益指标,政策知晓度,,定性,明显提升,,\r\n`;
    const r = parseIndicatorCsv(csv, 'indicators.csv');
    expect(r.diagnostics).toEqual([]);
    expect(r.rows).toEqual([
      { code: 'P001', category: '项目支出', level1: '产出指标', level2: '数量指标', level3: '培训人次', unit: '人次', direction: '≥', target: 500, weight: 20, keywords: ['培训', '人次', '教育'] },
      { code: 'P002', category: '项目支出', level1: '效益指标', level2: '社会效益指标', level3: '政策知晓度', direction: '定性', target: '明显提升' },
    ]);
    expect(r.lines).toEqual([2, 3]);
  });

  test('English headers in any order', () => {
    const csv = 'direction,level3,level2,level1,code,unit,fundUse\n<=,办结天数,时效指标,产出指标,X1,天,专项\n';
    const r = parseIndicatorCsv(csv, 'i.csv');
    expect(r.diagnostics).toEqual([]);
    expect(r.rows[0]).toEqual({ code: 'X1', level1: '产出指标', level2: '时效指标', level3: '办结天数', unit: '天', direction: '≤', fundUse: '专项' });
  });

  test('unknown header → line 1 and its column number', () => {
    const r = parseIndicatorCsv('指标编码,一级指标,二级指标,三级指标,指标性质,颜色\n', 'indicators.csv');
    expect(r.diagnostics).toEqual([expect.objectContaining({ code: 'INDICATOR_UNKNOWN_COLUMN', file: 'indicators.csv', line: 1, column: 6 })]);
  });

  test('bad rows are reported with their line and the column of the bad cell', () => {
    const csv = [
      HEADER,
      'A1,项目支出,产出指标,数量指标,培训人次,,≥,500,10,', // unit missing → col 6
      'A2,项目支出,产出指标,数量指标,完成率,%,约等于,90,10,', // bad direction → col 7
      'A3,项目支出,产出指标,数量指标,合格率,%,≥,95,-1,', // bad weight → col 9
      'A1,项目支出,产出指标,质量指标,重复,%,≥,95,5,', // duplicate code → col 1
      ',项目支出,产出指标,质量指标,无编码,%,≥,95,5,', // code missing → col 1
    ].join('\n');
    const r = parseIndicatorCsv(csv, 'indicators.csv');
    expect(r.diagnostics.map((d) => [d.code, d.line, d.column])).toEqual([
      ['INDICATOR_UNIT_REQUIRED', 2, 6],
      ['INDICATOR_BAD_DIRECTION', 3, 7],
      ['INDICATOR_BAD_WEIGHT', 4, 9],
      ['INDICATOR_REQUIRED', 6, 1],
      ['INDICATOR_DUPLICATE_CODE', 5, 1],
    ]);
    expect(r.rows.map((x) => x.code)).toEqual(['A1']);
  });

  test('a missing required header is an error on line 1', () => {
    const r = parseIndicatorCsv('指标编码,三级指标\nA,B\n', 'i.csv');
    expect(r.diagnostics.filter((d) => d.code === 'INDICATOR_MISSING_COLUMN').map((d) => d.params.column)).toEqual(['level1', 'level2', 'direction']);
    expect(r.rows).toEqual([]);
  });

  test('export to CSV and back is lossless', () => {
    const csv = `${HEADER}\nP001,项目支出,产出指标,数量指标,"培训人次, 含""线上""",人次,≥,500,20,培训；人次\n`;
    const a = parseIndicatorCsv(csv, 'a.csv');
    const b = parseIndicatorCsv(toCsv(indicatorTable(a.rows)), 'b.csv');
    expect(b.diagnostics).toEqual([]);
    expect(b.rows).toEqual(a.rows);
  });
});

describe('parseIndicatorJson', () => {
  test('rows with English keys; problems by JSON pointer', () => {
    const r = parseIndicatorJson(
      [
        { code: 'J1', level1: '产出指标', level2: '数量指标', level3: '户数', unit: '户', direction: '>', target: 10, keywords: ['a', 'b'] },
        { code: 'J2', level1: '产出指标', level2: '数量指标', level3: '户数2', direction: '≥', colour: 'red' },
      ],
      'indicators.json',
    );
    expect(r.rows).toEqual([{ code: 'J1', level1: '产出指标', level2: '数量指标', level3: '户数', unit: '户', direction: '＞', target: 10, keywords: ['a', 'b'] }]);
    expect(r.diagnostics.map((d) => [d.code, d.path])).toEqual([
      ['INDICATOR_UNKNOWN_COLUMN', '/1/colour'],
      ['INDICATOR_UNIT_REQUIRED', '/1/unit'],
    ]);
  });
});

test('normaliseDirection and plainNumber', () => {
  expect(['>=', '≥', '＞', '=', '<', '<=', '定性', '定量(其他)', '约'].map(normaliseDirection)).toEqual(['≥', '≥', '＞', '＝', '＜', '≤', '定性', '定量（其他）', undefined]);
  expect(['12', '0.5', '1,234.5', '90%', 'abc', '-3', '0.1000'].map(plainNumber)).toEqual([12, 0.5, 1234.5, undefined, undefined, -3, 0.1]);
});
