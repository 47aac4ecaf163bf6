/**
 * Which picked rows go into an indicator table: only the table's own columns, and not the rows it
 * already has — a row is the same indicator when it has the same code (rows without a code, e.g.
 * typed in by hand last year, by the same 二级 + 三级指标).
 */
export type IndicatorOption = Record<string, unknown>;

const text = (v: unknown): string => (typeof v === 'string' ? v.trim() : typeof v === 'number' ? String(v) : '');

/** The identity of an indicator row (also the picker tables' row key). */
export function indicatorKey(row: IndicatorOption): string {
  const code = text(row['code']);
  return code !== '' ? `code:${code}` : `name:${text(row['level2'])}/${text(row['level3'])}`;
}

/** The row cut down to the table's columns, empty values left out (the table's defaults apply). */
export function forTable(row: IndicatorOption, columns: readonly string[]): IndicatorOption {
  const keep = new Set(columns);
  return Object.fromEntries(Object.entries(row).filter(([k, v]) => keep.has(k) && v !== null && v !== undefined && v !== ''));
}

export interface Merge {
  added: IndicatorOption[];
  skipped: number;
}

/** The picked rows the table does not have yet (each once), as table rows, and how many were left out. */
export function mergeRows(existing: readonly unknown[], picked: readonly IndicatorOption[], columns: readonly string[]): Merge {
  const seen = new Set(existing.filter((r): r is IndicatorOption => typeof r === 'object' && r !== null).map(indicatorKey));
  const added: IndicatorOption[] = [];
  let skipped = 0;
  for (const row of picked) {
    const key = indicatorKey(row);
    if (seen.has(key)) {
      skipped += 1;
      continue;
    }
    seen.add(key);
    added.push(forTable(row, columns));
  }
  return { added, skipped };
}

/** The zh-CN message after adding. */
export function mergeMessage({ added, skipped }: Merge): string {
  const head = added.length > 0 ? `已添加 ${added.length} 条指标` : '没有添加指标';
  return skipped > 0 ? `${head}，跳过 ${skipped} 条表中已有的指标` : head;
}
