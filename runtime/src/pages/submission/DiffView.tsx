/**
 * What changed in the inputs between two row versions of a submission (GET …/diff): one row per
 * changed field, labelled with the template's titles, before and after formatted like the form.
 */
import { Alert, Table, Tag } from 'antd';
import type { HTMLAttributes } from 'react';
import { getDiff, type DataChange } from '../../api/submissions-history';
import type { SchemaNode } from '../../form/template-types';
import { Guard, useLoad } from '../common';
import { formatValue, labelOf, nodeAt, parseDataPath } from './field-labels';

const KIND_TEXT: Record<DataChange['kind'], { text: string; color: string }> = {
  added: { text: '新增', color: 'green' },
  removed: { text: '删除', color: 'red' },
  changed: { text: '修改', color: 'orange' },
};

export interface DiffViewProps {
  submissionId: number;
  schema: SchemaNode;
  from: number;
  to: number;
}

export function DiffView({ submissionId, schema, from, to }: DiffViewProps) {
  const loaded = useLoad(() => getDiff(submissionId, from, to), [submissionId, from, to]);
  return (
    <div data-testid="diff-view">
      <Guard loaded={loaded}>
        {(d) =>
          d.changes.length === 0 ? (
            <Alert type="info" showIcon message={`版本 ${d.from} 与版本 ${d.to} 的填报内容相同`} data-testid="diff-empty" />
          ) : (
            <>
              <div style={{ marginBottom: 8 }} data-testid="diff-summary">
                版本 {d.from} → 版本 {d.to}：{d.changes.length} 处变更
              </div>
              <DiffTable schema={schema} changes={d.changes} />
            </>
          )
        }
      </Guard>
    </div>
  );
}

function DiffTable({ schema, changes }: { schema: SchemaNode; changes: DataChange[] }) {
  const nodeOf = (path: string) => nodeAt(schema, parseDataPath(path));
  return (
    <Table<DataChange>
      rowKey="path"
      size="small"
      pagination={false}
      dataSource={changes}
      data-testid="diff-table"
      onRow={(c) => ({ 'data-path': c.path }) as HTMLAttributes<HTMLElement>}
      columns={[
        { title: '字段', dataIndex: 'path', className: 'jx-diff-field', render: (p: string) => labelOf(schema, p) },
        { title: '变更', dataIndex: 'kind', width: 80, render: (k: DataChange['kind']) => <Tag color={KIND_TEXT[k].color}>{KIND_TEXT[k].text}</Tag> },
        {
          title: '修改前',
          className: 'jx-diff-before',
          render: (_: unknown, c) => (c.kind === 'added' ? '' : <del className="jx-diff-old">{formatValue(nodeOf(c.path), c.before)}</del>),
        },
        {
          title: '修改后',
          className: 'jx-diff-after',
          render: (_: unknown, c) => (c.kind === 'removed' ? '' : <span className="jx-diff-new">{formatValue(nodeOf(c.path), c.after)}</span>),
        },
      ]}
    />
  );
}
