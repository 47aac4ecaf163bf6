/**
 * Indicator rows: Formily's ArrayTable (add, remove, drag or move up/down, row index) plus a
 * 合计 row with exact column totals of the weight, score and money columns.
 */
import type { ArrayField } from '@formily/core';
import { ArrayTable } from '@formily/antd';
import { observer, useField } from '@formily/react';
import { message, Table } from 'antd';
import type { ComponentProps, MouseEvent } from 'react';
import { useAttachments, useAttachmentsEnabled } from './attachments/context';
import type { RowOperation } from './attachments/row-guard';
import { planRowOperation, saveMovedRows } from './attachments/row-operation';
import { formatScalar, sumColumn } from './engine-adapter';
import { ATTACHMENT_COLUMN_WIDTH, WindowedArrayTable } from './ArrayTable';
import { IndicatorPicker } from './IndicatorPicker';
import { FIXED_COLUMN_WIDTHS, type TableColumnInfo } from './to-formily';

type ArrayTableProps = ComponentProps<typeof ArrayTable>;

export interface IndicatorTableProps extends ArrayTableProps {
  /** Data columns in display order (without the sort/index/operation columns). */
  columnsInfo?: TableColumnInfo[];
  /** The table is bound to the indicator library (x-indicator): offer 从指标库选择. */
  indicator?: boolean;
}

/**
 * One column total. An observer of its own: it re-renders when a value of its column changes,
 * without re-rendering the table.
 */
const ColumnTotal = observer(({ field, column }: { field: ArrayField; column: TableColumnInfo }) => {
  const decimals = column.total ?? 2;
  return (
    <span className="jx-total" data-total={column.key}>
      {formatScalar(sumColumn(field.value, column.key), { decimals, money: column.money })}
    </span>
  );
});

const Inner = observer((props: IndicatorTableProps) => {
  const field = useField<ArrayField>();
  const { columnsInfo, indicator, style, ...rest } = props;
  const info = columnsInfo ?? [];
  const withAttachments = useAttachmentsEnabled();
  const fixed = FIXED_COLUMN_WIDTHS.sort + FIXED_COLUMN_WIDTHS.index + FIXED_COLUMN_WIDTHS.ops + (withAttachments ? ATTACHMENT_COLUMN_WIDTH : 0);
  const minWidth = info.reduce((w, c) => w + c.width, fixed);
  const hasTotals = info.some((c) => c.total !== null);
  const summary = hasTotals
    ? () => (
        <Table.Summary>
          <Table.Summary.Row className="jx-table-total">
            <Table.Summary.Cell index={0} colSpan={2} align="center">
              合计
            </Table.Summary.Cell>
            {info.map((c, i) => (
              <Table.Summary.Cell index={i + 2} key={c.key}>
                {c.total !== null ? <ColumnTotal field={field} column={c} /> : null}
              </Table.Summary.Cell>
            ))}
            {withAttachments ? <Table.Summary.Cell index={info.length + 2} /> : null}
            <Table.Summary.Cell index={info.length + (withAttachments ? 3 : 2)} />
          </Table.Summary.Row>
        </Table.Summary>
      )
    : undefined;
  const table = (
    <div className="jx-table-scroll" style={{ overflowX: 'auto' }}>
      <WindowedArrayTable {...rest} style={{ minWidth, ...style }} summary={summary} />
    </div>
  );
  if (indicator !== true || field.pattern !== 'editable') return table;
  return (
    <div>
      <IndicatorPicker columns={info.map((c) => c.key)} onPick={(rows) => void field.push(...rows)} />
      {table}
    </div>
  );
});

type RowButton = NonNullable<typeof ArrayTable.Remove>;
type RowButtonProps = ComponentProps<RowButton>;

/**
 * Formily's row button; an operation that shifts a row with attachments is refused (with the
 * reason) or, where it can be, saved at once so the attachments move with their rows.
 */
function guarded(Base: RowButton | undefined, operation: (index: number) => RowOperation): RowButton {
  const Button = Base as RowButton;
  const Guarded = (props: RowButtonProps) => {
    const index = ArrayTable.useIndex?.() ?? 0;
    const array = ArrayTable.useArray?.();
    const attachments = useAttachments();
    const onClick = (e: MouseEvent<HTMLElement>): void => {
      const field = array?.field;
      if (field !== undefined) {
        const plan = planRowOperation(attachments, field, operation(index));
        if ('blocker' in plan) {
          e.preventDefault();
          void message.warning(plan.blocker);
          return;
        }
        // Formily applies the operation when this handler returns
        saveMovedRows(attachments, field, plan);
      }
      props.onClick?.(e);
    };
    return <Button {...props} onClick={onClick} />;
  };
  Guarded.displayName = 'GuardedRowButton';
  return Guarded;
}

export const IndicatorTable = Object.assign(Inner, {
  Column: ArrayTable.Column,
  Index: ArrayTable.Index,
  SortHandle: ArrayTable.SortHandle,
  Addition: ArrayTable.Addition,
  Remove: guarded(ArrayTable.Remove, (index) => ({ kind: 'remove', index })),
  MoveUp: guarded(ArrayTable.MoveUp, (index) => ({ kind: 'move', from: index, to: index - 1 })),
  MoveDown: guarded(ArrayTable.MoveDown, (index) => ({ kind: 'move', from: index, to: index + 1 })),
  useArray: ArrayTable.useArray,
  useIndex: ArrayTable.useIndex,
  useRecord: ArrayTable.useRecord,
});
