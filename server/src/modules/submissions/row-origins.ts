/**
 * Rows moved or removed in a form, sent with the save that stores them, so that the attachments
 * of the rows that moved move with them (an attachment names its row by index: `indicators[2]`).
 *
 * `rows: { "indicators": [0, 2, null, 3] }` — for each table at the root of the form, where each of
 * its new rows was before this save: row 0 was row 0, row 1 was row 2, row 2 is new, row 3 was row
 * 3 (old row 1 is gone). An attachment of a row that is gone refuses the save (409
 * ROW_HAS_ATTACHMENTS): its files must be deleted first, as the form says.
 */
import type { Knex } from 'knex';
import { ConflictError, ValidationError, type FieldProblem } from '../../http/errors';
import * as filesRepo from '../files/repo';

export type RowOrigins = Readonly<Record<string, ReadonlyArray<number | null>>>;

export interface MovedAttachment {
  id: number;
  from: string;
  to: string;
}

const TABLE_KEY = /^[\p{L}_][\p{L}\p{N}_]*$/u;

/** The `rows` of a save checked against its data: 422 naming `rows.<table>` for each problem. */
export function readRowOrigins(raw: Record<string, unknown> | undefined, data: Record<string, unknown>): RowOrigins | undefined {
  if (raw === undefined) return undefined;
  const problems: FieldProblem[] = [];
  const out: Record<string, Array<number | null>> = {};
  for (const [table, v] of Object.entries(raw)) {
    const path = `rows.${table}`;
    const rows = Object.prototype.hasOwnProperty.call(data, table) ? data[table] : undefined;
    if (!TABLE_KEY.test(table) || !Array.isArray(rows)) {
      problems.push({ path, code: 'ROW_ORIGINS', message: `“${table}”不是表单根部的表格` });
      continue;
    }
    const ok = Array.isArray(v) && v.every((o) => o === null || (Number.isInteger(o) && (o as number) >= 0));
    const taken = ok ? (v as Array<number | null>).filter((o): o is number => o !== null) : [];
    if (!ok || new Set(taken).size !== taken.length) {
      problems.push({ path, code: 'ROW_ORIGINS', message: '应为每一行原来的行号（从 0 起，不重复）或 null（新行）' });
    } else if ((v as unknown[]).length !== rows.length) {
      problems.push({ path, code: 'ROW_ORIGINS', message: `有 ${(v as unknown[]).length} 项，而表格有 ${rows.length} 行` });
    } else {
      out[table] = v as Array<number | null>;
    }
  }
  if (problems.length > 0) throw new ValidationError(problems);
  return out;
}

/** Re-points the attachments of moved rows (in the save's transaction); returns what moved. */
export async function moveRowAttachments(trx: Knex, submissionId: number, origins: RowOrigins): Promise<MovedAttachment[]> {
  const moved: MovedAttachment[] = [];
  const attachments = await filesRepo.listAttachments(trx, submissionId);
  for (const [table, from] of Object.entries(origins)) {
    const newIndex = new Map(from.flatMap((old, i) => (old === null ? [] : [[old, i] as const])));
    const pattern = new RegExp(`^${table}\\[(\\d+)\\](.*)$`, 'u');
    for (const a of attachments) {
      const m = pattern.exec(a.field);
      if (m === null) continue;
      const old = Number(m[1]);
      const now = newIndex.get(old);
      if (now === undefined) {
        throw new ConflictError(`第 ${old + 1} 行有附件，请先删除该行的附件再删除该行`, 'ROW_HAS_ATTACHMENTS', { table, row: old });
      }
      if (now === old) continue;
      const to = `${table}[${now}]${m[2] ?? ''}`;
      await filesRepo.setAttachmentField(trx, a.id, to);
      moved.push({ id: a.id, from: a.field, to });
    }
  }
  return moved;
}
