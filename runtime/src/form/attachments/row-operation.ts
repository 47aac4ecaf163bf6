/**
 * The row buttons and drag-and-drop of a table with attachments: each operation goes as its plan
 * says (row-guard.ts) — refused with the reason, done, or done and then saved at once with where
 * the rows were, so their attachments move with them.
 */
import type { ArrayField } from '@formily/core';
import { toJS } from '@formily/reactive';
import type { AttachmentsState } from './context';
import { rowOperationPlan, type RowOperation, type RowOperationPlan } from './row-guard';

export function planRowOperation(attachments: AttachmentsState | null, field: ArrayField, op: RowOperation): RowOperationPlan {
  if (attachments === null) return { origins: null };
  const count = Array.isArray(field.value) ? field.value.length : 0;
  const plan = rowOperationPlan(op, count, field.address.toString(), attachments.loaded ? attachments.counts : null, attachments.moving);
  if ('origins' in plan && plan.origins !== null && attachments.rowsMoved === undefined) {
    return { blocker: '此操作会改变有附件的行的行号，此处不能保存，请先删除这些行的附件' };
  }
  return plan;
}

/** After the operation was applied to the form: save where the rows were, when the plan says so. */
export function saveMovedRows(attachments: AttachmentsState | null, field: ArrayField, plan: RowOperationPlan): void {
  const save = attachments?.rowsMoved;
  if (save === undefined || !('origins' in plan) || plan.origins === null) return;
  const origins = plan.origins;
  const table = field.address.toString();
  // the page shows a failed save (and reloads what is stored); nothing more to do here
  setTimeout(() => void save(table, origins, toJS(field.form.values) as Record<string, unknown>).catch(() => undefined), 0);
}
