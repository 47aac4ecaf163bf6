/**
 * The template's fields as an antd Tree: selecting a node selects the field (by pointer) for the
 * property panel and the palette; a field with errors carries a red badge so problems are found
 * where they are, not only in a list.
 */
import { Badge, Empty, Tag, Tree } from 'antd';
import type { DataNode } from 'antd/lib/tree';
import type { FieldNode } from '../model/tree';

export interface FieldTreeProps {
  tree: FieldNode[];
  selected: string | null;
  onSelect: (pointer: string | null) => void;
  /** Pointers of fields with at least one error, with how many. */
  errorCounts: ReadonlyMap<string, number>;
}

function toData(nodes: FieldNode[], errorCounts: ReadonlyMap<string, number>): DataNode[] {
  return nodes.map((n) => {
    const errors = errorCounts.get(n.pointer) ?? 0;
    return {
      key: n.pointer,
      title: (
        <span data-testid={`field-node-${n.key}`} data-pointer={n.pointer}>
          {n.title} <span style={{ color: '#999' }}>{n.key}</span> <Tag style={{ marginLeft: 4 }}>{n.kindLabel}</Tag>
          {errors > 0 ? <Badge count={errors} title={`${errors} 个错误`} data-testid={`field-error-${n.key}`} /> : null}
        </span>
      ),
      children: toData(n.children, errorCounts),
    };
  });
}

function containerKeys(nodes: FieldNode[]): string[] {
  return nodes.flatMap((n) => (n.container ? [n.pointer, ...containerKeys(n.children)] : []));
}

export function FieldTree({ tree, selected, onSelect, errorCounts }: FieldTreeProps) {
  if (tree.length === 0) return <Empty description="还没有字段：从上方控件添加" image={Empty.PRESENTED_IMAGE_SIMPLE} />;
  return (
    <Tree
      blockNode
      showLine
      // every group and table stays open: the tree is short and a new column must be visible at once
      expandedKeys={containerKeys(tree)}
      selectedKeys={selected === null ? [] : [selected]}
      onSelect={(keys) => onSelect(keys.length > 0 ? String(keys[0]) : null)}
      treeData={toData(tree, errorCounts)}
      data-testid="field-tree"
    />
  );
}
