/**
 * Attachments name their row by index (`indicators[2]`). Removing a row shifts every later row,
 * moving one shifts the rows between; an attachment of a shifted row would then belong to
 * another row. Such an operation is refused, with the reason.
 */
import { rowFieldPath } from '../../api/files';

export type RowOperation = { kind: 'remove'; index: number } | { kind: 'move'; from: number; to: number };

/** The rows whose index the operation changes (a removed row included). */
export function shiftedRows(op: RowOperation, rowCount: number): number[] {
  const [lo, hi] = op.kind === 'remove' ? [op.index, rowCount - 1] : [Math.min(op.from, op.to), Math.max(op.from, op.to)];
  const out: number[] = [];
  for (let i = lo; i <= hi; i++) out.push(i);
  return out;
}

/**
 * Why the operation must not happen (zh-CN), or null when no shifted row has attachments.
 * `counts` null: the attachment list is not loaded (yet, or it failed), so nothing is known.
 */
export function rowOperationBlocker(op: RowOperation, rowCount: number, arrayAddress: string, counts: ReadonlyMap<string, number> | null): string | null {
  if (counts === null) return '附件列表尚未加载，暂不能删除或移动行，请稍后再试';
  const own = op.kind === 'remove' ? op.index : op.from;
  for (const i of shiftedRows(op, rowCount)) {
    const n = counts.get(rowFieldPath(arrayAddress, i)) ?? 0;
    if (n === 0) continue;
    if (i === own) return `该行有 ${n} 个附件，请先删除附件再删除或移动该行`;
    return `第 ${i + 1} 行有 ${n} 个附件，此操作会改变它的行号，请先删除该行的附件`;
  }
  return null;
}
