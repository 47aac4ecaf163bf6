/**
 * Errors of the formula pipeline. A syntax error is a typed exception (FormulaSyntaxError) with
 * its position; author mistakes found by `checkFormula` are returned as FormulaDiagnostic values;
 * evaluation faults are Excel error values (see ./values), never exceptions.
 */
import type { Span } from './ast';

export type FormulaSyntaxCode =
  | 'FORMULA_SYNTAX'
  | 'FORMULA_EMPTY'
  | 'FORMULA_UNTERMINATED_STRING'
  | 'FORMULA_UNTERMINATED_NAME'
  | 'FORMULA_INVALID_NUMBER'
  | 'FORMULA_UNEXPECTED_TOKEN'
  | 'FORMULA_UNEXPECTED_END'
  | 'FORMULA_UNBALANCED_PAREN';

/** 1-based line and column (in characters, i.e. code points) of an offset in `text`. */
export function lineColumn(text: string, offset: number): { line: number; column: number } {
  let line = 1;
  let lineStart = 0;
  const end = Math.min(Math.max(offset, 0), text.length);
  for (let i = 0; i < end; i++) {
    if (text.charCodeAt(i) === 10) {
      line++;
      lineStart = i + 1;
    }
  }
  let column = 1;
  for (let i = lineStart; i < end; i++) {
    const c = text.charCodeAt(i);
    // a surrogate pair is one character
    if (c >= 0xd800 && c <= 0xdbff && i + 1 < end) i++;
    column++;
  }
  return { line, column };
}

/**
 * A formula that does not parse. `message` is zh-CN first, then English, and names the line and
 * column: `第 1 行第 4 列: 意外的 "*" (unexpected "*" at line 1, column 4)`.
 */
export class FormulaSyntaxError extends Error {
  override name = 'FormulaSyntaxError';
  /** 1-based. */
  readonly line: number;
  /** 1-based, in characters. */
  readonly column: number;
  /** The problem without the position, zh-CN (for diagnostics that carry the span instead). */
  readonly reason: string;
  constructor(
    readonly code: FormulaSyntaxCode,
    readonly text: string,
    /** UTF-16 offset into `text` where the problem is. */
    readonly offset: number,
    /** Length of the offending token (0 at the end of the text). */
    readonly length: number,
    zh: string,
    en: string,
  ) {
    const { line, column } = lineColumn(text, offset);
    super(`第 ${line} 行第 ${column} 列: ${zh} (${en} at line ${line}, column ${column})`);
    this.line = line;
    this.column = column;
    this.reason = zh;
  }
  get span(): Span {
    return { start: this.offset, end: this.offset + this.length };
  }
}

export type FormulaDiagnosticCode =
  | FormulaSyntaxCode
  | 'FORMULA_UNKNOWN_FUNCTION'
  | 'FORMULA_ARITY'
  | 'FORMULA_UNKNOWN_FIELD'
  | 'FORMULA_FORBIDDEN_SEGMENT'
  | 'FORMULA_COLUMN_MISUSE';

/**
 * An author mistake in a formula, returned (never thrown). Same shape as the engine-wide
 * diagnostics: `path` is the template path of the field holding the formula ('' when unknown),
 * `span` the offsets inside the formula text, `params` what a locale needs to re-word it.
 */
export interface FormulaDiagnostic {
  code: FormulaDiagnosticCode;
  severity: 'error' | 'warning';
  path: string;
  span?: Span;
  params: Record<string, string | number>;
  /** zh-CN */
  message: string;
}

/** The diagnostic for a syntax error (so that callers can collect it with the others). */
export function syntaxDiagnostic(err: FormulaSyntaxError, path = ''): FormulaDiagnostic {
  return {
    code: err.code,
    severity: 'error',
    path,
    span: err.span,
    params: { line: err.line, column: err.column, offset: err.offset },
    message: err.message,
  };
}
