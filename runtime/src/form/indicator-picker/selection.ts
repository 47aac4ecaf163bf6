/**
 * The picker's selection, shared by its tabs (a row chosen under 推荐 stays chosen under 指标库),
 * kept by indicator key so it survives paging and new searches.
 */
import type { TableRowSelection } from 'antd/lib/table/interface';
import { indicatorKey, type IndicatorOption } from './rows';

export type Selection = ReadonlyMap<string, IndicatorOption>;

export type SetSelection = (update: (prev: Selection) => Selection) => void;

/** What every tab shares: the selection, and the keys of the rows the table already has (not selectable). */
export interface Picking {
  selection: Selection;
  setSelection: SetSelection;
  present: ReadonlySet<string>;
}

function withRows(prev: Selection, rows: readonly IndicatorOption[], on: boolean): Selection {
  const next = new Map(prev);
  for (const r of rows) {
    if (on) next.set(indicatorKey(r), r);
    else next.delete(indicatorKey(r));
  }
  return next;
}

/**
 * antd rowSelection for one tab's table; `toRow` maps the table's record to the indicator row it
 * adds. A row the table already has cannot be chosen (its checkbox is off, titled 已在表中).
 */
export function rowSelection<T extends object>({ selection, setSelection, present }: Picking, toRow: (record: T) => IndicatorOption): TableRowSelection<T> {
  return {
    preserveSelectedRowKeys: true,
    getCheckboxProps: (record) => (present.has(indicatorKey(toRow(record))) ? { disabled: true, title: '已在表中' } : {}),
    selectedRowKeys: [...selection.keys()],
    onSelect: (record, on) => setSelection((prev) => withRows(prev, [toRow(record)], on)),
    onSelectAll: (on, _rows, changed) => setSelection((prev) => withRows(prev, changed.map(toRow), on)),
  };
}
