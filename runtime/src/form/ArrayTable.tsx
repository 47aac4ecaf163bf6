/**
 * The indicator table's body: @formily/antd's ArrayTable (2.3.7) reduced to what templates use
 * (no pagination), with changes that make big tables fast:
 *  - the tbody wrapper is ONE component type for the table's lifetime (Formily creates a new one
 *    per render, so every re-render of the table — e.g. when column fields are created during the
 *    first mount — unmounted and re-created all rows and their fields);
 *  - long tables mount only the rows near the viewport (row-window.ts); the others are
 *    placeholder rows of the same height, so the page scrolls as if every row were there;
 *  - a row at rest gets no `transform`/`z-index` (the sortable wrapper gives every row an
 *    identity translate3d, i.e. its own compositing layer and stacking context).
 * The Column/Index/SortHandle/Remove/Move* parts are Formily's own (ArrayBase context).
 */
import type { ArrayField } from '@formily/core';
import { ArrayBase } from '@formily/antd';
import { SortableContainer, SortableElement } from '@formily/antd/esm/__builtins__';
import { observer, RecursionField, useField, useFieldSchema, type Schema } from '@formily/react';
import { message, Table, type TableProps } from 'antd';
import type { ColumnsType } from 'antd/lib/table';
import { createContext, useContext, useRef, type CSSProperties, type HTMLAttributes, type ReactNode, type RefObject } from 'react';
import { rowFieldPath } from '../api/files';
import { useAttachments, useAttachmentsEnabled } from './attachments/context';
import { RowAttachmentsButton } from './attachments/RowAttachments';
import { planRowOperation, saveMovedRows } from './attachments/row-operation';
import { PLACEHOLDER_CLASS, useRowWindow, type RowWindow } from './row-window';

const PREFIX = 'ant-formily-array-table';

// Always set by ArrayBase.mixin; typed optional by Formily.
const ArrayItem = ArrayBase.Item as NonNullable<typeof ArrayBase.Item>;

/** The sortable wrapper's style without its identity transform while the row is not moving. */
function restingStyle(style: CSSProperties | undefined): CSSProperties | undefined {
  if (style === undefined || style.transition !== '' || style.transform !== 'translate3d(0px, 0px, 0)') return style;
  const { transform: _t, zIndex: _z, position: _p, transition: _tr, ...rest } = style;
  return rest;
}

const SortableRow = SortableElement((props: HTMLAttributes<HTMLElement>) => <tr {...props} style={restingStyle(props.style)} />);
const SortableBody = SortableContainer((props: HTMLAttributes<HTMLElement>) => <tbody {...props} />);

interface BodyState {
  field: ArrayField;
  count: number;
  container: RefObject<HTMLDivElement>;
  window: RowWindow;
  rowHeight: number;
  columns: number;
}

const BodyContext = createContext<BodyState | null>(null);

/** Copy the dragged row's cell widths onto the drag helper (as Formily does). */
function addTdStyles(container: HTMLDivElement | null, id: unknown): void {
  const node = container?.querySelector(`.${PREFIX}-row-${String(id)}`);
  const helper = document.body.querySelector(`.${PREFIX}-sort-helper`);
  if (helper === null || node === null || node === undefined) return;
  const tds = node.querySelectorAll('td');
  requestAnimationFrame(() => {
    helper.querySelectorAll('td').forEach((td, index) => {
      const src = tds[index];
      if (src !== undefined) td.style.width = getComputedStyle(src).width;
    });
  });
}

/** Width of the 附件 column (shown when the form belongs to a submission). */
export const ATTACHMENT_COLUMN_WIDTH = 64;

function BodyWrapper(props: HTMLAttributes<HTMLElement>) {
  const state = useContext(BodyContext);
  const attachments = useAttachments();
  if (state === null) return <tbody {...props} />;
  const move = (from: number, to: number): void => {
    if (from === to) return;
    const plan = planRowOperation(attachments, state.field, { kind: 'move', from, to });
    if ('blocker' in plan) {
      void message.warning(plan.blocker);
      return;
    }
    void state.field.move(from, to);
    saveMovedRows(attachments, state.field, plan);
  };
  return (
    <SortableBody
      {...props}
      start={0}
      list={Array.from({ length: state.count })}
      accessibility={{ container: state.container.current ?? undefined }}
      onSortStart={(event) => addTdStyles(state.container.current, event.active.id)}
      onSortEnd={({ oldIndex, newIndex }) => move(oldIndex, newIndex)}
      className={`${PREFIX}-sort-helper ${props.className ?? ''}`}
    />
  );
}

function RowComp(props: HTMLAttributes<HTMLElement> & { 'data-row-key'?: number }) {
  const state = useContext(BodyContext);
  const index = props['data-row-key'] ?? 0;
  const className = `${props.className ?? ''} ${PREFIX}-row-${index + 1}`;
  if (state !== null && (index < state.window.start || index >= state.window.end)) {
    return (
      <tr data-row-key={index} className={`${className} ${PLACEHOLDER_CLASS}`} style={{ height: state.rowHeight }} aria-hidden="true">
        <td colSpan={state.columns} />
      </tr>
    );
  }
  return <SortableRow lockAxis="y" {...props} index={index} className={className} />;
}

/** Stable for the module's lifetime: rc-table keeps the rows mounted across table re-renders. */
const BODY_COMPONENTS = { body: { wrapper: BodyWrapper, row: RowComp } };

interface Source {
  name: string;
  display: string;
  schema: Schema;
  columnProps: Record<string, unknown>;
}

const isColumn = (schema: Schema): boolean => String(schema['x-component'] ?? '').includes('Column');
const isAddition = (schema: Schema): boolean => String(schema['x-component'] ?? '').includes('Addition');

function useSources(field: ArrayField): Source[] {
  const schema = useFieldSchema();
  const parse = (s: Schema): Source[] => {
    if (isColumn(s) || String(s['x-component'] ?? '').includes('Operations') || isAddition(s)) {
      const props = (s['x-component-props'] ?? {}) as Record<string, unknown>;
      const name = typeof props['dataIndex'] === 'string' ? props['dataIndex'] : String(s.name ?? '');
      if (name === '') return [];
      const columnField = field.query(field.address.concat(name)).take();
      const component = columnField !== undefined && 'component' in columnField ? columnField.component : undefined;
      const fieldProps: unknown = Array.isArray(component) ? component[1] : undefined;
      return [
        {
          name,
          display: columnField?.display ?? String(s['x-display'] ?? 'visible'),
          schema: s,
          columnProps: typeof fieldProps === 'object' && fieldProps !== null ? (fieldProps as Record<string, unknown>) : props,
        },
      ];
    }
    if (s.properties !== undefined) return s.reduceProperties((buf: Source[], child: Schema) => buf.concat(parse(child)), []);
    return [];
  };
  const items = schema.items;
  if (items === undefined) return [];
  const list = Array.isArray(items) ? items : [items];
  return list.reduce((buf: Source[], s: Schema) => buf.concat(parse(s)), []);
}

export const WindowedArrayTable = observer((props: TableProps<object>) => {
  const field = useField<ArrayField>();
  const schema = useFieldSchema();
  const container = useRef<HTMLDivElement>(null);
  const dataSource: object[] = Array.isArray(field.value) ? (field.value.slice() as object[]) : [];
  const { window: rowWindow, rowHeight } = useRowWindow(dataSource.length, container);
  const sources = useSources(field);
  const withAttachments = useAttachmentsEnabled();
  const columns: ColumnsType<object> = sources
    .filter((s) => s.display === 'visible' && isColumn(s.schema))
    .map((s, key) => ({
      ...s.columnProps,
      key,
      dataIndex: s.name,
      render: (_value: unknown, record: object): ReactNode => {
        const index = dataSource.indexOf(record);
        return (
          <ArrayItem index={index} record={() => (Array.isArray(field.value) ? (field.value[index] as unknown) : undefined)}>
            <RecursionField schema={s.schema} name={index} onlyRenderProperties />
          </ArrayItem>
        );
      },
    }));
  if (withAttachments) addAttachmentColumn(columns, field.address.toString(), dataSource);
  const addition = schema.reduceProperties(
    (found: ReactNode, s: Schema, key: string | number) => (isAddition(s) ? <RecursionField schema={s} name={key} /> : found),
    null,
  );
  const { onAdd, onCopy, onRemove, onMoveDown, onMoveUp, ...tableProps } = props as TableProps<object> & ArrayBaseEvents;
  return (
    <div ref={container} className={PREFIX} data-array-path={field.address.toString()}>
      <ArrayBase onAdd={onAdd} onCopy={onCopy} onRemove={onRemove} onMoveUp={onMoveUp} onMoveDown={onMoveDown}>
        <BodyContext.Provider value={{ field, count: dataSource.length, container, window: rowWindow, rowHeight, columns: columns.length }}>
          <Table
            size="small"
            bordered
            rowKey={(record: object) => dataSource.indexOf(record)}
            {...tableProps}
            onChange={() => undefined}
            pagination={false}
            columns={columns}
            dataSource={dataSource}
            components={BODY_COMPONENTS}
          />
        </BodyContext.Provider>
        <div style={{ marginTop: 5, marginBottom: 5 }} />
        {sources.map((column, key) =>
          isColumn(column.schema) ? <RecursionField name={column.name} schema={column.schema} onlyRenderSelf key={key} /> : null,
        )}
        {addition}
      </ArrayBase>
    </div>
  );
});

/** The 附件 column (a row's attachment count, opening its list), before the operations column. */
function addAttachmentColumn(columns: ColumnsType<object>, arrayAddress: string, dataSource: object[]): void {
  const column = {
    key: 'jx-attachments',
    title: '附件',
    width: ATTACHMENT_COLUMN_WIDTH,
    align: 'center' as const,
    render: (_value: unknown, record: object): ReactNode => {
      const index = dataSource.indexOf(record);
      return <RowAttachmentsButton field={rowFieldPath(arrayAddress, index)} rowNumber={index + 1} />;
    },
  };
  const last = columns[columns.length - 1];
  const hasOps = last !== undefined && 'dataIndex' in last && last.dataIndex === 'operations';
  columns.splice(hasOps ? columns.length - 1 : columns.length, 0, column);
}

/**
 * Scroll row `index` of the table bound to `arrayPath` (inside `root`) to the middle of the view;
 * an unmounted row mounts because of the scroll. False when there is no such table row.
 */
export function scrollToRow(root: HTMLElement, arrayPath: string, index: number): boolean {
  const table = [...root.querySelectorAll<HTMLElement>(`.${PREFIX}[data-array-path]`)].find((el) => el.dataset['arrayPath'] === arrayPath);
  const row = table?.querySelector(`tbody > tr[data-row-key="${index}"]`);
  if (row === null || row === undefined) return false;
  row.scrollIntoView({ block: 'center' });
  return true;
}

interface ArrayBaseEvents {
  onAdd?: (index: number) => void;
  onCopy?: (index: number) => void;
  onRemove?: (index: number) => void;
  onMoveDown?: (index: number) => void;
  onMoveUp?: (index: number) => void;
}
