/**
 * The indicator library of a pack: rows from `indicators.csv` (what people export from Excel,
 * Chinese or English headers, any order) or `indicators.json` (an array of objects with the
 * English keys), normalised to IndicatorRow and checked. Problems name the file and the
 * line/column (CSV) or the JSON pointer (JSON).
 */
import { escapePointer } from '../template/fields';
import { parseCsv, type CsvRecord } from './csv';
import { DIRECTIONS, type Direction, type IndicatorRow, type PackDiagnostic } from './types';

export type IndicatorKey = keyof IndicatorRow;

/** The columns, in the order `toIndicatorCsv` writes them, with their Chinese headers. */
export const INDICATOR_COLUMNS: readonly { key: IndicatorKey; zh: string; required?: true }[] = [
  { key: 'code', zh: '指标编码', required: true },
  { key: 'category', zh: '分类' },
  { key: 'type', zh: '类型' },
  { key: 'fundUse', zh: '资金用途' },
  { key: 'level1', zh: '一级指标', required: true },
  { key: 'level2', zh: '二级指标', required: true },
  { key: 'level3', zh: '三级指标', required: true },
  { key: 'unit', zh: '计量单位' },
  { key: 'direction', zh: '指标性质', required: true },
  { key: 'target', zh: '指标值' },
  { key: 'weight', zh: '权重' },
  { key: 'content', zh: '指标内容/计算公式' },
  { key: 'standard', zh: '评(扣)分标准' },
  { key: 'source', zh: '数据来源' },
  { key: 'keywords', zh: '关键词' },
];

const KEYS = new Set<string>(INDICATOR_COLUMNS.map((c) => c.key));

/** Header spellings (normalised by `headerKey`) → column key. */
const HEADER_ALIASES: Record<string, IndicatorKey> = (() => {
  const m: Record<string, IndicatorKey> = {};
  for (const c of INDICATOR_COLUMNS) {
    m[c.key.toLowerCase()] = c.key;
    m[normaliseHeader(c.zh)] = c.key;
  }
  const extra: [string, IndicatorKey][] = [
    ['编码', 'code'], ['指标代码', 'code'], ['fund_use', 'fundUse'], ['funduse', 'fundUse'],
    ['一级', 'level1'], ['二级', 'level2'], ['三级', 'level3'], ['指标名称', 'level3'],
    ['单位', 'unit'], ['计算符号', 'direction'], ['指标方向', 'direction'],
    ['年度指标值', 'target'], ['目标值', 'target'], ['指标值(默认)', 'target'],
    ['分值', 'weight'], ['指标内容', 'content'], ['计算公式', 'content'], ['指标解释', 'content'],
    ['评分标准', 'standard'], ['扣分标准', 'standard'], ['关键字', 'keywords'],
  ];
  for (const [h, k] of extra) m[normaliseHeader(h)] = k;
  return m;
})();

function normaliseHeader(h: string): string {
  return h
    .trim()
    .replace(/[（]/g, '(')
    .replace(/[）]/g, ')')
    .replace(/[／]/g, '/')
    .replace(/\s+/g, '')
    .toLowerCase();
}

/** The column key a header names, or undefined. */
export function headerKey(header: string): IndicatorKey | undefined {
  const h = normaliseHeader(header);
  return HEADER_ALIASES[h];
}

const DIRECTION_ALIASES: Record<string, Direction> = {
  '≥': '≥', '>=': '≥', '＞＝': '≥', '>＝': '≥', '＞=': '≥', '≧': '≥',
  '＞': '＞', '>': '＞',
  '＝': '＝', '=': '＝', '==': '＝',
  '＜': '＜', '<': '＜',
  '≤': '≤', '<=': '≤', '＜＝': '≤', '<＝': '≤', '＜=': '≤', '≦': '≤',
  '定性': '定性',
  '定量（其他）': '定量（其他）', '定量(其他)': '定量（其他）', '定量': '定量（其他）', '其他': '定量（其他）',
};

/** The normalised direction for text like `>=`, `≥`, `定性`; undefined if not one. */
export function normaliseDirection(text: string): Direction | undefined {
  return DIRECTION_ALIASES[text.trim().replace(/\s+/g, '')];
}

/** Directions whose rows need no unit. */
export function isUnitless(d: Direction): boolean {
  return d === '定性' || d === '定量（其他）';
}

/** Split a keywords cell on `;` `；` `、` (and `,` `，` in JSON strings). */
export function splitKeywords(text: string): string[] {
  return text
    .split(/[;；、,，]/)
    .map((s) => s.trim())
    .filter((s) => s !== '');
}

const SMALL_INTEGER = /^-?[1-9]\d{0,14}$|^0$/;
const PLAIN_DECIMAL = /^[+-]?(?:\d+(?:\.\d*)?|\.\d+)$/;

/** A plain decimal text ("12", "0.5", "1,234.5") as a JS number when that is exact; else undefined. */
export function plainNumber(text: string): number | undefined {
  let t = text.trim();
  // fast path: small integers (most weights and targets) are exact as they are
  if (SMALL_INTEGER.test(t)) return Number(t);
  if (t.includes(',')) t = t.replace(/,(?=\d{3}(?:\D|$))/g, '');
  if (!PLAIN_DECIMAL.test(t)) return undefined;
  const n = Number(t);
  if (!Number.isFinite(n)) return undefined;
  // exact: the shortest form of the double reads back as the same decimal
  const norm = (s: string): string => {
    let [i = '', f = ''] = s.replace(/^\+/, '').split('.');
    const neg = i.startsWith('-');
    i = i.replace('-', '').replace(/^0+(?=\d)/, '') || '0';
    f = f.replace(/0+$/, '');
    return (neg && (i !== '0' || f !== '') ? '-' : '') + i + (f ? `.${f}` : '');
  };
  return norm(String(n)) === norm(t) ? n : undefined;
}

interface Located {
  /** for messages and diagnostics: where the value is */
  at(key: IndicatorKey | undefined): { line?: number; column?: number; path?: string };
}

function problem(
  file: string,
  where: { line?: number; column?: number; path?: string },
  code: string,
  message: string,
  params: Record<string, string | number> = {},
  severity: 'error' | 'warning' = 'error',
): PackDiagnostic {
  return { code, severity, file, path: where.path ?? '', ...(where.line !== undefined ? { line: where.line } : {}), ...(where.column !== undefined ? { column: where.column } : {}), params, message };
}

/** Turn one row of raw text values into an IndicatorRow, reporting problems. */
function normaliseRow(raw: Partial<Record<IndicatorKey, unknown>>, file: string, loc: Located, out: PackDiagnostic[]): IndicatorRow | undefined {
  const seen = new Map<IndicatorKey, string | undefined>();
  const text = (k: IndicatorKey): string | undefined => {
    if (seen.has(k)) return seen.get(k);
    const t = readText(k);
    seen.set(k, t);
    return t;
  };
  const readText = (k: IndicatorKey): string | undefined => {
    const v = raw[k];
    if (v === undefined || v === null) return undefined;
    if (typeof v === 'number' && Number.isFinite(v)) return String(v);
    if (typeof v !== 'string') {
      if (k !== 'keywords') out.push(problem(file, loc.at(k), 'INDICATOR_BAD_VALUE', `${k} 应为文本`, { column: k }));
      return undefined;
    }
    const t = v.trim();
    return t === '' ? undefined : t;
  };
  let ok = true;
  for (const c of INDICATOR_COLUMNS) {
    if (c.required && text(c.key) === undefined) {
      out.push(problem(file, loc.at(c.key), 'INDICATOR_REQUIRED', `缺少必填列 ${c.zh} (${c.key})`, { column: c.key }));
      ok = false;
    }
  }
  const dirText = text('direction');
  const direction = dirText === undefined ? undefined : normaliseDirection(dirText);
  if (dirText !== undefined && direction === undefined) {
    out.push(
      problem(file, loc.at('direction'), 'INDICATOR_BAD_DIRECTION', `指标性质 "${dirText}" 无效, 应为 ${DIRECTIONS.join(' ')} 之一`, { value: dirText }),
    );
    ok = false;
  }
  const unit = text('unit');
  if (direction !== undefined && !isUnitless(direction) && unit === undefined) {
    out.push(problem(file, loc.at('unit'), 'INDICATOR_UNIT_REQUIRED', `指标性质为 ${direction} 时计量单位必填`, { direction }));
    ok = false;
  }
  let weight: number | undefined;
  const weightText = text('weight');
  if (weightText !== undefined) {
    weight = plainNumber(weightText);
    if (weight === undefined || !(weight > 0)) {
      out.push(problem(file, loc.at('weight'), 'INDICATOR_BAD_WEIGHT', `权重 "${weightText}" 应为大于 0 的数`, { value: weightText }));
      ok = false;
    }
  }
  let target: number | string | undefined;
  const targetText = text('target');
  if (targetText !== undefined) {
    const n = plainNumber(targetText);
    target = n ?? targetText;
    if (n === undefined && direction !== undefined && !isUnitless(direction)) {
      out.push(
        problem(file, loc.at('target'), 'INDICATOR_TARGET_NOT_NUMBER', `指标性质为 ${direction} 时指标值应为数字, 实为 "${targetText}"`, { value: targetText }, 'warning'),
      );
    }
  }
  let keywords: string[] | undefined;
  const kw = raw.keywords;
  if (Array.isArray(kw)) {
    if (kw.every((k): k is string => typeof k === 'string')) keywords = kw.map((k) => k.trim()).filter((k) => k !== '');
    else out.push(problem(file, loc.at('keywords'), 'INDICATOR_BAD_VALUE', '关键词应为文本或文本数组', { column: 'keywords' }));
  } else if (typeof kw === 'string') {
    keywords = splitKeywords(kw);
  } else if (kw !== undefined && kw !== null) {
    out.push(problem(file, loc.at('keywords'), 'INDICATOR_BAD_VALUE', '关键词应为文本或文本数组', { column: 'keywords' }));
  }
  if (!ok || direction === undefined) return undefined;
  const row: IndicatorRow = {
    code: text('code') as string,
    level1: text('level1') as string,
    level2: text('level2') as string,
    level3: text('level3') as string,
    direction,
  };
  const opt = ['category', 'type', 'fundUse', 'content', 'standard', 'source'] as const;
  for (const k of opt) {
    const v = text(k);
    if (v !== undefined) row[k] = v;
  }
  if (unit !== undefined) row.unit = unit;
  if (target !== undefined) row.target = target;
  if (weight !== undefined) row.weight = weight;
  if (keywords !== undefined && keywords.length > 0) row.keywords = keywords;
  return row;
}

export interface IndicatorParseResult {
  rows: IndicatorRow[];
  /** Line (CSV) or array index (JSON) of each row in `rows`. */
  lines: number[];
  diagnostics: PackDiagnostic[];
}

/** Parse `indicators.csv`. */
export function parseIndicatorCsv(text: string, file: string): IndicatorParseResult {
  const diagnostics: PackDiagnostic[] = [];
  const { records, problems } = parseCsv(text);
  for (const p of problems) diagnostics.push(problem(file, { line: p.line, column: p.column }, p.code, p.message));
  const header = records[0];
  if (!header) {
    diagnostics.push(problem(file, { line: 1, column: 1 }, 'INDICATOR_NO_HEADER', '指标库 CSV 为空: 第 1 行应为表头'));
    return { rows: [], lines: [], diagnostics };
  }
  const columns: (IndicatorKey | undefined)[] = [];
  const seen = new Map<IndicatorKey, number>();
  header.cells.forEach((h, idx) => {
    const col = idx + 1;
    if (h.trim() === '') {
      columns.push(undefined);
      return;
    }
    const key = headerKey(h);
    if (key === undefined) {
      diagnostics.push(
        problem(file, { line: header.line, column: col }, 'INDICATOR_UNKNOWN_COLUMN', `第 ${col} 列的表头 "${h.trim()}" 不是已知的列`, { header: h.trim() }),
      );
    } else if (seen.has(key)) {
      diagnostics.push(
        problem(file, { line: header.line, column: col }, 'INDICATOR_DUPLICATE_COLUMN', `第 ${col} 列的表头 "${h.trim()}" 与第 ${seen.get(key)} 列重复`, { header: h.trim() }),
      );
    } else {
      seen.set(key, col);
    }
    columns.push(key !== undefined && seen.get(key) === col ? key : undefined);
  });
  for (const c of INDICATOR_COLUMNS) {
    if (c.required && !seen.has(c.key)) {
      diagnostics.push(problem(file, { line: header.line, column: 1 }, 'INDICATOR_MISSING_COLUMN', `表头缺少必填列 ${c.zh} (${c.key})`, { column: c.key }));
    }
  }
  if (diagnostics.some((d) => d.severity === 'error' && d.line === header.line)) return { rows: [], lines: [], diagnostics };

  const rows: IndicatorRow[] = [];
  const lines: number[] = [];
  const codes: { code: string; at: { line: number; column: number }; label: string }[] = [];
  const codeColumn = seen.get('code') ?? 1;
  for (let r = 1; r < records.length; r++) {
    const rec = records[r] as CsvRecord;
    if (rec.cells.every((c) => c.trim() === '')) continue;
    const raw: Partial<Record<IndicatorKey, unknown>> = {};
    rec.cells.forEach((v, idx) => {
      const key = columns[idx];
      if (key !== undefined) raw[key] = v;
      else if (idx >= columns.length && v.trim() !== '') {
        diagnostics.push(problem(file, { line: rec.line, column: idx + 1 }, 'INDICATOR_EXTRA_CELL', `第 ${idx + 1} 列没有表头, 但有内容 "${v.trim()}"`, {}));
      }
    });
    const loc: Located = { at: (k) => ({ line: rec.line, column: k === undefined ? 1 : (seen.get(k) ?? 1) }) };
    if (typeof raw.code === 'string' && raw.code.trim() !== '') codes.push({ code: raw.code.trim(), at: { line: rec.line, column: codeColumn }, label: `第 ${rec.line} 行` });
    const row = normaliseRow(raw, file, loc, diagnostics);
    if (row) {
      rows.push(row);
      lines.push(rec.line);
    }
  }
  checkUnique(codes, file, diagnostics);
  return { rows, lines, diagnostics };
}

/** Parse the value of `indicators.json` (an array of objects with the English keys). */
export function parseIndicatorJson(value: unknown, file: string): IndicatorParseResult {
  const diagnostics: PackDiagnostic[] = [];
  if (!Array.isArray(value)) {
    diagnostics.push(problem(file, { path: '' }, 'INDICATOR_NOT_ARRAY', '指标库 JSON 应为对象数组'));
    return { rows: [], lines: [], diagnostics };
  }
  const rows: IndicatorRow[] = [];
  const lines: number[] = [];
  const codes: { code: string; at: { path: string }; label: string }[] = [];
  value.forEach((item: unknown, i) => {
    if (typeof item !== 'object' || item === null || Array.isArray(item)) {
      diagnostics.push(problem(file, { path: `/${i}` }, 'INDICATOR_NOT_OBJECT', `第 ${i} 项应为对象`));
      return;
    }
    const rec = item as Record<string, unknown>;
    for (const k of Object.keys(rec)) {
      if (!KEYS.has(k)) diagnostics.push(problem(file, { path: `/${i}/${escapePointer(k)}` }, 'INDICATOR_UNKNOWN_COLUMN', `未知的属性 "${k}"`, { header: k }));
    }
    const loc: Located = { at: (k) => ({ path: k === undefined ? `/${i}` : `/${i}/${k}` }) };
    if (typeof rec.code === 'string' && rec.code.trim() !== '') codes.push({ code: rec.code.trim(), at: { path: `/${i}/code` }, label: `第 ${i} 项` });
    const row = normaliseRow(rec as Partial<Record<IndicatorKey, unknown>>, file, loc, diagnostics);
    if (row) {
      rows.push(row);
      lines.push(i);
    }
  });
  checkUnique(codes, file, diagnostics);
  return { rows, lines, diagnostics };
}

/** Report every code seen before (`codes`: the raw code of each record with where it is). */
function checkUnique(codes: readonly { code: string; at: { line?: number; column?: number; path?: string }; label: string }[], file: string, out: PackDiagnostic[]): void {
  const first = new Map<string, string>();
  for (const c of codes) {
    const prev = first.get(c.code);
    if (prev === undefined) first.set(c.code, c.label);
    else out.push(problem(file, c.at, 'INDICATOR_DUPLICATE_CODE', `指标编码 "${c.code}" 重复 (${prev}已有)`, { code: c.code }));
  }
}

/** Rows back to CSV cells with the Chinese headers (for export and round-trip tests). */
export function indicatorTable(rows: readonly IndicatorRow[]): string[][] {
  const out: string[][] = [INDICATOR_COLUMNS.map((c) => c.zh)];
  for (const r of rows) {
    out.push(
      INDICATOR_COLUMNS.map((c) => {
        const v = r[c.key];
        if (v === undefined) return '';
        if (Array.isArray(v)) return v.join('；');
        return String(v);
      }),
    );
  }
  return out;
}
