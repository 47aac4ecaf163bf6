/**
 * 处理记录: who did what when (with the review comments), and what changed between versions —
 * pick two versions, or compare one with the version before it (a submission with the previous
 * submission). Autosaves are versions too but hidden unless asked for: a form saves often.
 */
import { Button, Checkbox, Space, Table, Tag } from 'antd';
import { useState, type HTMLAttributes } from 'react';
import type { HistoryItem } from '../../api/submissions-history';
import type { SchemaNode } from '../../form/template-types';
import { formatScalar } from '../../form/engine-adapter';
import { STATUS_LABELS } from '../common';
import { DiffView } from './DiffView';
import { formatTime } from '../../api/time';
import { ACTION_COLORS, ACTION_LABELS, lastResubmission, pairOf, previousVersionOf, type VersionPair } from './history-model';

export interface HistoryPanelProps {
  submissionId: number;
  schema: SchemaNode;
  items: HistoryItem[];
}

export function HistoryPanel({ submissionId, schema, items }: HistoryPanelProps) {
  const [showSaves, setShowSaves] = useState(false);
  const [picked, setPicked] = useState<number[]>([]);
  const [pair, setPair] = useState<VersionPair | null>(null);
  const shown = showSaves ? items : items.filter((h) => h.action !== 'save');
  const byId = new Map(items.map((h) => [h.id, h]));
  const resubmission = lastResubmission(items);

  const comparePicked = (): void => {
    const [a, b] = picked.map((id) => byId.get(id));
    if (a !== undefined && b !== undefined) setPair(pairOf(a, b));
  };

  return (
    <div data-testid="history-panel">
      <Space style={{ marginBottom: 12 }} wrap>
        <Button type="primary" disabled={picked.length !== 2} onClick={comparePicked} data-testid="compare-picked">
          比较所选的两个版本
        </Button>
        {resubmission !== null ? (
          <Button onClick={() => setPair(resubmission)} data-testid="compare-resubmission">
            查看重新提交的修改（与上次提交比较）
          </Button>
        ) : null}
        <Checkbox checked={showSaves} onChange={(e) => setShowSaves(e.target.checked)}>
          显示保存记录
        </Checkbox>
      </Space>
      <Table<HistoryItem>
        rowKey="id"
        size="small"
        pagination={false}
        dataSource={shown}
        data-testid="history-table"
        onRow={(h) => ({ 'data-action': h.action, 'data-version': h.rowVersion }) as HTMLAttributes<HTMLElement>}
        rowSelection={{
          selectedRowKeys: picked,
          hideSelectAll: true,
          columnTitle: '比较',
          getCheckboxProps: (h) => ({ disabled: !h.hasData || (picked.length >= 2 && !picked.includes(h.id)) }),
          onChange: (keys) => setPicked(keys.map(Number).slice(-2)),
        }}
        columns={[
          { title: '时间', dataIndex: 'at', width: 150, render: (at: string) => formatTime(at) },
          { title: '操作人', dataIndex: 'actor', width: 110 },
          { title: '操作', dataIndex: 'action', width: 100, render: (a: string) => <Tag color={ACTION_COLORS[a] ?? 'default'}>{ACTION_LABELS[a] ?? a}</Tag> },
          { title: '状态', dataIndex: 'toStatus', width: 90, render: (s: HistoryItem['toStatus']) => STATUS_LABELS[s]?.text ?? s },
          { title: '版本', dataIndex: 'rowVersion', width: 60 },
          { title: '意见', dataIndex: 'comment', className: 'jx-history-comment', render: (c: string | null) => c ?? '' },
          { title: '得分', dataIndex: 'total', width: 100, render: (t: number | null, h) => (t !== null ? `${formatScalar(t, { decimals: 2 })} ${h.grade ?? ''}` : '') },
          { title: '', key: 'ops', width: 150, render: (_: unknown, h) => <ComparePrevious items={items} item={h} onCompare={setPair} /> },
        ]}
      />
      {pair !== null ? (
        <div style={{ marginTop: 16 }}>
          <Space style={{ marginBottom: 8 }}>
            <strong>版本比较</strong>
            <Button size="small" onClick={() => setPair(null)} data-testid="diff-close">
              关闭
            </Button>
          </Space>
          <DiffView submissionId={submissionId} schema={schema} from={pair.from} to={pair.to} />
        </div>
      ) : null}
    </div>
  );
}

function ComparePrevious({ items, item, onCompare }: { items: HistoryItem[]; item: HistoryItem; onCompare: (p: VersionPair) => void }) {
  if (!item.hasData) return null;
  const prev = previousVersionOf(items, item);
  if (prev === null) return null;
  const submission = (h: HistoryItem) => h.action === 'submit' || h.action === 'resubmit';
  const label = submission(item) && submission(prev) ? '与上次提交比较' : '与上一版本比较';
  return (
    <Button size="small" type="link" onClick={() => onCompare({ from: prev.rowVersion, to: item.rowVersion })} data-testid="compare-previous">
      {label}
    </Button>
  );
}
