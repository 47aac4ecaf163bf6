/**
 * Stage 1: formula text → tokens, each with its span. The lexer knows literals, operators,
 * punctuation and names; whether a name is a function, a boolean or a reference is the
 * parser's business. A name token holds a whole dotted path (`budget.[年初预算数]`), so the
 * parser sees one token per reference.
 */
import { FormulaSyntaxError } from './errors';

export type OperatorText = '+' | '-' | '*' | '/' | '^' | '&' | '=' | '<>' | '<' | '<=' | '>' | '>=' | '%';

interface TokenBase {
  /** UTF-16 offsets into the text, end exclusive. */
  start: number;
  end: number;
}
export interface NumberToken extends TokenBase {
  type: 'number';
  raw: string;
}
export interface StringToken extends TokenBase {
  type: 'string';
  value: string;
}
export interface NameToken extends TokenBase {
  type: 'name';
  /** Path segments without brackets. */
  segments: string[];
  /** Whether any segment was written in `[...]` (then it cannot be a function or TRUE/FALSE). */
  bracketed: boolean;
}
export interface OperatorToken extends TokenBase {
  type: 'op';
  op: OperatorText;
}
export interface PunctToken extends TokenBase {
  type: '(' | ')' | ',';
}
export interface EndToken extends TokenBase {
  type: 'end';
}
export type Token = NumberToken | StringToken | NameToken | OperatorToken | PunctToken | EndToken;

const ID_START = /^[\p{L}_]$/u;
const ID_PART = /^[\p{L}\p{N}_]$/u;
/** A whole identifier, as field keys are restricted to (docs/template-format.md). */
export const IDENTIFIER = /^[\p{L}_][\p{L}\p{N}_]*$/u;

function isDigit(c: number): boolean {
  return c >= 48 && c <= 57;
}

function codePointAt(text: string, i: number): string {
  const cp = text.codePointAt(i);
  return cp === undefined ? '' : String.fromCodePoint(cp);
}

function isIdStart(ch: string): boolean {
  if (ch.length === 1) {
    const c = ch.charCodeAt(0);
    if ((c >= 65 && c <= 90) || (c >= 97 && c <= 122) || c === 95) return true;
    if (c < 128) return false;
  }
  return ch !== '' && ID_START.test(ch);
}

function isIdPart(ch: string): boolean {
  if (ch.length === 1) {
    const c = ch.charCodeAt(0);
    if ((c >= 65 && c <= 90) || (c >= 97 && c <= 122) || c === 95 || (c >= 48 && c <= 57)) return true;
    if (c < 128) return false;
  }
  return ch !== '' && ID_PART.test(ch);
}

function isSpace(c: number): boolean {
  // space, tab, CR, LF, no-break space, ideographic space, BOM
  return c === 32 || c === 9 || c === 10 || c === 13 || c === 0xa0 || c === 0x3000 || c === 0xfeff;
}

/** Full-width operator and punctuation characters (＋ － ＊ ／ ＾ ＆ ％ ＝ ＜ ＞ （ ） ，) as ASCII. */
const FULL_WIDTH = new Set([0xff0b, 0xff0d, 0xff0a, 0xff0f, 0xff3e, 0xff06, 0xff05, 0xff1d, 0xff1c, 0xff1e, 0xff08, 0xff09, 0xff0c]);
function ascii(c: number): number {
  return FULL_WIDTH.has(c) ? c - 0xfee0 : c;
}

/** Shown in messages: the offending text, quoted. */
function describe(text: string): string {
  return `"${text}"`;
}

/** Splits `text` into tokens; the last one is always `end`. Throws FormulaSyntaxError. */
export function tokenize(text: string): Token[] {
  const tokens: Token[] = [];
  const n = text.length;
  let i = 0;
  while (i < n) {
    const c = text.charCodeAt(i);
    if (isSpace(c)) {
      i++;
      continue;
    }
    const start = i;
    // numbers: 12  0.1  .5  1.  1e3  1.5E-2
    if (isDigit(c) || (c === 46 && isDigit(text.charCodeAt(i + 1)))) {
      while (isDigit(text.charCodeAt(i))) i++;
      if (text.charCodeAt(i) === 46) {
        i++;
        while (isDigit(text.charCodeAt(i))) i++;
      }
      const e = text.charCodeAt(i);
      if (e === 101 || e === 69) {
        let j = i + 1;
        const s = text.charCodeAt(j);
        if (s === 43 || s === 45) j++;
        if (!isDigit(text.charCodeAt(j))) {
          throw new FormulaSyntaxError('FORMULA_INVALID_NUMBER', text, start, j - start, `无效的数字 ${describe(text.slice(start, j))}`, `invalid number ${describe(text.slice(start, j))}`);
        }
        while (isDigit(text.charCodeAt(j))) j++;
        i = j;
      }
      tokens.push({ type: 'number', raw: text.slice(start, i), start, end: i });
      continue;
    }
    // strings: "a""b"
    if (c === 34) {
      let value = '';
      let j = i + 1;
      for (;;) {
        const q = text.indexOf('"', j);
        if (q < 0) {
          throw new FormulaSyntaxError('FORMULA_UNTERMINATED_STRING', text, start, 1, '字符串缺少结束的双引号', 'unterminated string');
        }
        value += text.slice(j, q);
        if (text.charCodeAt(q + 1) === 34) {
          value += '"';
          j = q + 2;
        } else {
          j = q + 1;
          break;
        }
      }
      tokens.push({ type: 'string', value, start, end: j });
      i = j;
      continue;
    }
    // names: identifiers and [quoted] segments joined by dots
    const ch = codePointAt(text, i);
    if (c === 91 /* [ */ || isIdStart(ch)) {
      const segments: string[] = [];
      let bracketed = false;
      for (;;) {
        if (text.charCodeAt(i) === 91) {
          bracketed = true;
          const open = i;
          let seg = '';
          let j = i + 1;
          for (;;) {
            const close = text.indexOf(']', j);
            if (close < 0) {
              throw new FormulaSyntaxError('FORMULA_UNTERMINATED_NAME', text, open, 1, '名称缺少结束的 "]"', 'unterminated "[" name');
            }
            seg += text.slice(j, close);
            if (text.charCodeAt(close + 1) === 93) {
              seg += ']';
              j = close + 2;
            } else {
              j = close + 1;
              break;
            }
          }
          if (seg === '') {
            throw new FormulaSyntaxError('FORMULA_SYNTAX', text, open, j - open, '名称不能为空 "[]"', 'empty name "[]"');
          }
          segments.push(seg);
          i = j;
        } else {
          let j = i;
          let cp = codePointAt(text, j);
          while (cp !== '' && isIdPart(cp)) {
            j += cp.length;
            cp = codePointAt(text, j);
          }
          segments.push(text.slice(i, j));
          i = j;
        }
        // a dot continues the path only when a segment follows it
        if (text.charCodeAt(i) === 46) {
          const next = codePointAt(text, i + 1);
          if (next === '[' || isIdStart(next)) {
            i++;
            continue;
          }
        }
        break;
      }
      tokens.push({ type: 'name', segments, bracketed, start, end: i });
      continue;
    }
    // operators and punctuation (full-width forms typed with a Chinese IME count as ASCII)
    let op: OperatorText | undefined;
    let punct: '(' | ')' | ',' | undefined;
    let len = 1;
    switch (ascii(c)) {
      case 43: op = '+'; break;
      case 45: op = '-'; break;
      case 42: op = '*'; break;
      case 47: op = '/'; break;
      case 94: op = '^'; break;
      case 38: op = '&'; break;
      case 37: op = '%'; break;
      case 61: op = '='; break;
      case 60: {
        const d = ascii(text.charCodeAt(i + 1));
        if (d === 62) { op = '<>'; len = 2; } else if (d === 61) { op = '<='; len = 2; } else op = '<';
        break;
      }
      case 62:
        if (ascii(text.charCodeAt(i + 1)) === 61) { op = '>='; len = 2; } else op = '>';
        break;
      case 40: punct = '('; break;
      case 41: punct = ')'; break;
      case 44: punct = ','; break;
      default:
        break;
    }
    if (op !== undefined) {
      tokens.push({ type: 'op', op, start, end: i + len });
    } else if (punct !== undefined) {
      tokens.push({ type: punct, start, end: i + 1 });
    } else {
      const bad = codePointAt(text, i);
      throw new FormulaSyntaxError('FORMULA_SYNTAX', text, start, bad.length, `无法识别的字符 ${describe(bad)}`, `unexpected character ${describe(bad)}`);
    }
    i += len;
  }
  tokens.push({ type: 'end', start: n, end: n });
  return tokens;
}

/** The source text of a token, for messages. */
export function tokenText(text: string, token: Token): string {
  return token.type === 'end' ? '' : text.slice(token.start, token.end);
}
