/**
 * RFC 4180 CSV as Excel writes it ("CSV UTF-8": BOM, CRLF, quoted fields with doubled quotes,
 * commas and newlines inside quotes). Every record keeps the line it starts on, so problems can
 * be reported as `file:line:column` (column = field number, as in a spreadsheet).
 */

export interface CsvRecord {
  /** 1-based line on which the record starts. */
  line: number;
  cells: string[];
}

export interface CsvProblem {
  code: 'CSV_UNTERMINATED_QUOTE' | 'CSV_BARE_QUOTE' | 'CSV_TEXT_AFTER_QUOTE';
  line: number;
  /** 1-based field number. */
  column: number;
  message: string;
}

export interface CsvResult {
  records: CsvRecord[];
  problems: CsvProblem[];
}

const QUOTE = 34; // "
const COMMA = 44;
const CR = 13;
const LF = 10;

/**
 * Parse CSV text. A leading BOM is dropped; a trailing newline does not make an empty record.
 * Malformed quoting is reported and the parser recovers at the next line break.
 */
export function parseCsv(text: string): CsvResult {
  const records: CsvRecord[] = [];
  const problems: CsvProblem[] = [];
  const n = text.length;
  let i = text.charCodeAt(0) === 0xfeff ? 1 : 0;
  let line = 1;

  while (i < n) {
    const startLine = line;
    const cells: string[] = [];
    let broken = false;
    // one record
    for (;;) {
      const column = cells.length + 1;
      let value: string;
      if (text.charCodeAt(i) === QUOTE) {
        // quoted field
        const fieldLine = line;
        i++;
        let out = '';
        let segment = i;
        let closed = false;
        while (i < n) {
          const c = text.charCodeAt(i);
          if (c === QUOTE) {
            if (text.charCodeAt(i + 1) === QUOTE) {
              out += text.slice(segment, i + 1);
              i += 2;
              segment = i;
              continue;
            }
            out += text.slice(segment, i);
            i++;
            closed = true;
            break;
          }
          if (c === LF) line++;
          i++;
        }
        if (!closed) {
          problems.push({
            code: 'CSV_UNTERMINATED_QUOTE',
            line: fieldLine,
            column,
            message: `第 ${fieldLine} 行第 ${column} 列: 引号没有闭合`,
          });
          records.push({ line: startLine, cells: [...cells, out + text.slice(segment)] });
          return { records, problems };
        }
        value = out;
        const c = text.charCodeAt(i);
        if (i < n && c !== COMMA && c !== CR && c !== LF) {
          problems.push({
            code: 'CSV_TEXT_AFTER_QUOTE',
            line,
            column,
            message: `第 ${line} 行第 ${column} 列: 引号后面还有文字 (应为逗号或换行)`,
          });
          broken = true;
        }
      } else {
        const start = i;
        while (i < n) {
          const c = text.charCodeAt(i);
          if (c === COMMA || c === CR || c === LF) break;
          if (c === QUOTE && !broken) {
            problems.push({
              code: 'CSV_BARE_QUOTE',
              line,
              column,
              message: `第 ${line} 行第 ${column} 列: 未加引号的字段里有引号 (字段含引号时整个字段应加引号, 引号写两次)`,
            });
            broken = true;
          }
          i++;
        }
        value = text.slice(start, i);
      }
      if (broken) {
        // skip to the end of the physical line and drop the record
        while (i < n && text.charCodeAt(i) !== LF) i++;
        break;
      }
      cells.push(value);
      const c = text.charCodeAt(i);
      if (c === COMMA) {
        i++;
        if (i >= n) {
          cells.push('');
          break;
        }
        continue;
      }
      break;
    }
    // end of record: consume one line break
    if (text.charCodeAt(i) === CR) i++;
    if (text.charCodeAt(i) === LF) i++;
    line++;
    if (!broken) records.push({ line: startLine, cells });
  }
  return { records, problems };
}

/** Quote a cell for CSV output when needed (commas, quotes, line breaks, edge spaces). */
export function csvCell(value: string): string {
  return /[",\r\n]|^\s|\s$/.test(value) ? `"${value.replace(/"/g, '""')}"` : value;
}

/** Records back to CSV text (CRLF line ends, as Excel writes them). */
export function toCsv(rows: readonly (readonly string[])[]): string {
  return rows.map((r) => r.map(csvCell).join(',')).join('\r\n') + '\r\n';
}
