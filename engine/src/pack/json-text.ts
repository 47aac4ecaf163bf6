/**
 * JSON text with positions: a syntax error is reported with its line and column, and a JSON
 * pointer found by a validator can be turned back into the line/column of the member in the
 * file. Parsing itself uses JSON.parse (fast); the position scanner runs only when needed.
 */
import { lineColumn } from '../formula/errors';
import { escapePointer } from '../template/fields';

export interface JsonSyntaxProblem {
  line: number;
  column: number;
  message: string;
}

export type JsonParse = { ok: true; value: unknown } | { ok: false; error: JsonSyntaxProblem };

/** Parse JSON text (a leading BOM is allowed). */
export function parseJsonText(text: string): JsonParse {
  const body = text.charCodeAt(0) === 0xfeff ? text.slice(1) : text;
  try {
    return { ok: true, value: JSON.parse(body) as unknown };
  } catch {
    const r = scan(text);
    const offset = r.error?.offset ?? text.length;
    const { line, column } = lineColumn(text, offset);
    return { ok: false, error: { line, column, message: `第 ${line} 行第 ${column} 列: JSON 语法错误: ${r.error?.reason ?? '无法解析'}` } };
  }
}

/** Offsets of every JSON pointer in the text: members point at their key, array items at the item. */
export function jsonPointerOffsets(text: string): Map<string, number> {
  return scan(text).pointers;
}

/** Offsets of every string value (its opening quote), by JSON pointer. */
export function jsonStringOffsets(text: string): Map<string, number> {
  return scan(text).strings;
}

/**
 * Line/column in the file of character `index` of the string value whose opening quote is at
 * `quote` (escapes such as \" or \u4e2d count as one character of the value).
 */
export function locateInString(text: string, quote: number, index: number): { line: number; column: number } {
  let raw = quote + 1;
  for (let k = 0; k < index && raw < text.length; k++) {
    if (text.charCodeAt(raw) === 92) raw += text[raw + 1] === 'u' ? 6 : 2;
    else raw++;
  }
  return lineColumn(text, raw);
}

/** Line/column of a JSON pointer in `text`, or of its nearest existing ancestor. */
export function locatePointer(offsets: ReadonlyMap<string, number>, text: string, pointer: string): { line: number; column: number } | undefined {
  let p = pointer;
  for (;;) {
    const off = offsets.get(p);
    if (off !== undefined) return lineColumn(text, off);
    if (p === '') return undefined;
    p = p.slice(0, p.lastIndexOf('/'));
  }
}

interface ScanResult {
  pointers: Map<string, number>;
  strings: Map<string, number>;
  error?: { offset: number; reason: string };
}

class Fail {
  constructor(
    readonly offset: number,
    readonly reason: string,
  ) {}
}

function scan(text: string): ScanResult {
  const pointers = new Map<string, number>();
  const strings = new Map<string, number>();
  let i = text.charCodeAt(0) === 0xfeff ? 1 : 0;
  const n = text.length;
  const ws = (): void => {
    while (i < n) {
      const c = text.charCodeAt(i);
      if (c === 32 || c === 9 || c === 10 || c === 13) i++;
      else break;
    }
  };
  const str = (): string => {
    const start = i;
    i++; // opening quote
    let out = '';
    let seg = i;
    while (i < n) {
      const c = text.charCodeAt(i);
      if (c === 34) {
        out += text.slice(seg, i);
        i++;
        return out;
      }
      if (c === 92) {
        out += text.slice(seg, i);
        const e = text[i + 1];
        const map: Record<string, string> = { '"': '"', '\\': '\\', '/': '/', b: '\b', f: '\f', n: '\n', r: '\r', t: '\t' };
        if (e === 'u') {
          const hex = text.slice(i + 2, i + 6);
          if (!/^[0-9a-fA-F]{4}$/.test(hex)) throw new Fail(i, '无效的 \\u 转义');
          out += String.fromCharCode(parseInt(hex, 16));
          i += 6;
        } else if (e !== undefined && map[e] !== undefined) {
          out += map[e];
          i += 2;
        } else throw new Fail(i, '无效的转义字符');
        seg = i;
        continue;
      }
      if (c < 32) throw new Fail(i, '字符串中有未转义的控制字符 (换行应写作 \\n)');
      i++;
    }
    throw new Fail(start, '字符串没有闭合');
  };
  const value = (ptr: string): void => {
    ws();
    if (i >= n) throw new Fail(i, '意外的结尾');
    const c = text[i];
    if (c === '{') {
      i++;
      ws();
      if (text[i] === '}') {
        i++;
        return;
      }
      for (;;) {
        ws();
        if (text[i] !== '"') throw new Fail(i, text[i] === '}' ? '对象末尾多了逗号' : '应为属性名 (带双引号)');
        const keyAt = i;
        const key = str();
        const child = `${ptr}/${escapePointer(key)}`;
        pointers.set(child, keyAt);
        ws();
        if (text[i] !== ':') throw new Fail(i, '属性名后应为冒号');
        i++;
        value(child);
        ws();
        if (text[i] === ',') {
          i++;
          continue;
        }
        if (text[i] === '}') {
          i++;
          return;
        }
        throw new Fail(i, '应为逗号或 }');
      }
    }
    if (c === '[') {
      i++;
      ws();
      if (text[i] === ']') {
        i++;
        return;
      }
      for (let k = 0; ; k++) {
        ws();
        if (text[i] === ']') throw new Fail(i, '数组末尾多了逗号');
        const child = `${ptr}/${k}`;
        pointers.set(child, i);
        value(child);
        ws();
        if (text[i] === ',') {
          i++;
          continue;
        }
        if (text[i] === ']') {
          i++;
          return;
        }
        throw new Fail(i, '应为逗号或 ]');
      }
    }
    if (c === '"') {
      strings.set(ptr, i);
      str();
      return;
    }
    const m = /^(?:-?(?:0|[1-9]\d*)(?:\.\d+)?(?:[eE][+-]?\d+)?|true|false|null)/.exec(text.slice(i, i + 400));
    if (!m) throw new Fail(i, `意外的字符 "${c}"`);
    i += m[0].length;
  };
  try {
    pointers.set('', i);
    value('');
    ws();
    if (i < n) throw new Fail(i, 'JSON 值后面还有多余内容');
    return { pointers, strings };
  } catch (e) {
    if (e instanceof Fail) return { pointers, strings, error: { offset: e.offset, reason: e.reason } };
    throw e;
  }
}
