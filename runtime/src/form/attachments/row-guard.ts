/**
 * Attachments name their row by index (`indicators[2]`). Removing a row shifts every later row,
 * moving one shifts the rows between. When a shifted row has attachments, the form saves at once
 * and tells the server where each row was (`rows`, server row-origins.ts), so the attachments
 * move with their rows. Refused, with the reason: removing a row that has attachments itself,
 * any operation while the attachment list is not known or a move is being saved, and shifting
 * rows of a table that is not at the root of the form (the server re-points root tables only).
 */
import { rowFieldPath } from '../../api/files';

export type RowOperation = { kind: 'remove'; index: number } | { kind: 'move'; from: number; to: number };

/** What to do: refuse (with why), go ahead, or go ahead and save where the rows were (`origins`). */
export type RowOperationPlan = { blocker: string } | { origins: Array<number | null> | null };

/** The rows whose index the operation changes (a removed row included). */
export function shiftedRows(op: RowOperation, rowCount: number): number[] {
  const [lo, hi] = op.kind === 'remove' ? [op.index, rowCount - 1] : [Math.min(op.from, op.to), Math.max(op.from, op.to)];
  const out: number[] = [];
  for (let i = lo; i <= hi; i++) out.push(i);
  return out;
}

/** Where each row was before the operation: `origins[newIndex] = oldIndex`. */
export function originsAfter(op: RowOperation, rowCount: number): number[] {
  const rows = Array.from({ length: rowCount }, (_, i) => i);
  if (op.kind === 'remove') rows.splice(op.index, 1);
  else rows.splice(op.to, 0, ...rows.splice(op.from, 1));
  return rows;
}

/**
 * The plan for an operation on the table at `arrayAddress`. `counts` null: the attachment list is
 * not loaded (yet, or it failed), so nothing is known; `saving`: a move is being saved.
 */
export function rowOperationPlan(op: RowOperation, rowCount: number, arrayAddress: string, counts: ReadonlyMap<string, number> | null, saving = false): RowOperationPlan {
  if (counts === null) return { blocker: '附件列表尚未加载，暂不能删除或移动行，请稍后再试' };
  if (saving) return { blocker: '正在保存行的调整，请稍候' };
  const attached = shiftedRows(op, rowCount).filter((i) => (counts.get(rowFieldPath(arrayAddress, i)) ?? 0) > 0);
  if (attached.length === 0) return { origins: null };
  if (op.kind === 'remove' && attached.includes(op.index)) {
    return { blocker: `该行有 ${counts.get(rowFieldPath(arrayAddress, op.index)) ?? 0} 个附件，请先删除附件再删除该行` };
  }
  if (arrayAddress.includes('.')) {
    const first = attached[0] ?? 0;
    return { blocker: `第 ${first + 1} 行有 ${counts.get(rowFieldPath(arrayAddress, first)) ?? 0} 个附件，此操作会改变它的行号，请先删除该行的附件` };
  }
  return { origins: originsAfter(op, rowCount) };
}
