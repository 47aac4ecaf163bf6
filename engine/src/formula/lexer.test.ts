import { FormulaSyntaxError } from './errors';
import { tokenize, type Token } from './lexer';

function kinds(tokens: Token[]): string[] {
  return tokens.map((t) => {
    switch (t.type) {
      case 'number':
        return `num:${t.raw}`;
      case 'string':
        return `str:${t.value}`;
      case 'name':
        return `name:${t.segments.join('|')}${t.bracketed ? '[]' : ''}`;
      case 'op':
        return t.op;
      default:
        return t.type;
    }
  });
}

function lexError(text: string): FormulaSyntaxError {
  try {
    tokenize(text);
  } catch (err) {
    if (err instanceof FormulaSyntaxError) return err;
    throw err;
  }
  throw new Error(`no error for ${text}`);
}

describe('tokenize', () => {
  test('numbers in every written form', () => {
    expect(kinds(tokenize('12 0.1 .5 1. 1e3 1.5E-2 2e+3'))).toEqual([
      'num:12', 'num:0.1', 'num:.5', 'num:1.', 'num:1e3', 'num:1.5E-2', 'num:2e+3', 'end',
    ]);
  });

  test('strings with doubled quotes', () => {
    expect(kinds(tokenize('"a""b" "" "定性"'))).toEqual(['str:a"b', 'str:', 'str:定性', 'end']);
  });

  test('operators, two-character ones first', () => {
    expect(kinds(tokenize('<><=>=< >=+-*/^&%'))).toEqual(['<>', '<=', '>=', '<', '>=', '+', '-', '*', '/', '^', '&', '%', 'end']);
  });

  test('names: ASCII, Chinese, underscores, digits, dotted paths and brackets', () => {
    expect(kinds(tokenize('实际支出 budget_2024 _x budget.adjusted [执行率(%)] budget.[年初预算数].x'))).toEqual([
      'name:实际支出', 'name:budget_2024', 'name:_x', 'name:budget|adjusted', 'name:执行率(%)[]', 'name:budget|年初预算数|x[]', 'end',
    ]);
  });

  test('a bracket segment doubles "]" to escape it', () => {
    expect(kinds(tokenize('[a]]b]'))).toEqual(['name:a]b[]', 'end']);
  });

  test('a dot followed by a digit does not continue a name', () => {
    expect(kinds(tokenize('a.5'))).toEqual(['name:a', 'num:.5', 'end']);
  });

  test('function names keep dots and digits', () => {
    expect(kinds(tokenize('LOG10(x) STDEV.S(y)'))).toEqual(['name:LOG10', '(', 'name:x', ')', 'name:STDEV|S', '(', 'name:y', ')', 'end']);
  });

  test('full-width parentheses and comma are accepted, full-width space is whitespace', () => {
    expect(kinds(tokenize('ROUND（x，2）\u3000'))).toEqual(['name:ROUND', '(', 'name:x', ',', 'num:2', ')', 'end']);
  });

  test('full-width operators count as ASCII', () => {
    expect(kinds(tokenize('a＋b－c＊d／e＾f＆g％＝h＜＞i＜＝j＞＝k＜l＞m'))).toEqual([
      'name:a', '+', 'name:b', '-', 'name:c', '*', 'name:d', '/', 'name:e', '^', 'name:f', '&', 'name:g', '%', '=',
      'name:h', '<>', 'name:i', '<=', 'name:j', '>=', 'name:k', '<', 'name:l', '>', 'name:m', 'end',
    ]);
    const t = tokenize('a＜＝b');
    expect(t[1]).toMatchObject({ start: 1, end: 3 });
  });

  test('spans are offsets into the text', () => {
    const t = tokenize(' ab + "x"');
    expect(t.map((x) => [x.start, x.end])).toEqual([[1, 3], [4, 5], [6, 9], [9, 9]]);
  });

  test('unterminated string points at its opening quote', () => {
    const e = lexError('1 & "abc');
    expect(e.code).toBe('FORMULA_UNTERMINATED_STRING');
    expect(e.column).toBe(5);
    expect(e.offset).toBe(4);
  });

  test('unterminated bracket name', () => {
    const e = lexError('x + [abc');
    expect(e.code).toBe('FORMULA_UNTERMINATED_NAME');
    expect(e.column).toBe(5);
  });

  test('empty bracket name', () => {
    expect(lexError('[]').code).toBe('FORMULA_SYNTAX');
  });

  test('unknown character', () => {
    const e = lexError('1 # 2');
    expect(e.code).toBe('FORMULA_SYNTAX');
    expect(e.column).toBe(3);
    expect(e.message).toContain('"#"');
  });

  test('an exponent without digits is an invalid number', () => {
    expect(lexError('1e').code).toBe('FORMULA_INVALID_NUMBER');
    expect(lexError('2E+x').code).toBe('FORMULA_INVALID_NUMBER');
  });
});
