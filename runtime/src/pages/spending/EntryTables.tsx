/**
 * The recorded spending entries and payment records, each with its total; with the permission to
 * record, a 删除 per row that asks first.
 */
import { Button, Popconfirm, Table, message } from 'antd';
import type { ColumnsType } from 'antd/es/table';
import { useState } from 'react';
import { ApiError } from '../../api/client';
import type { EntryList, PaymentEntry, SpendingEntry } from '../../api/monitoring';

const when = (iso: string): string => iso.slice(0, 16).replace('T', ' ');
const money = { align: 'right' as const, className: 'jx-money-text' };

function DeleteButton({ what, testId, onDelete }: { what: string; testId: string; onDelete: () => Promise<void> }) {
  const [busy, setBusy] = useState(false);
  const confirm = async (): Promise<void> => {
    setBusy(true);
    try {
      await onDelete();
      void message.success(`${what}已删除`);
    } catch (err) {
      void message.error(err instanceof ApiError ? err.message : '删除失败，请稍后重试');
    } finally {
      setBusy(false);
    }
  };
  return (
    <Popconfirm title={`确定删除这条${what}吗？删除后不能恢复。`} okText="删除" cancelText="取消" okButtonProps={{ danger: true }} onConfirm={confirm}>
      <Button type="link" danger size="small" loading={busy} data-testid={testId}>
        删除
      </Button>
    </Popconfirm>
  );
}

function totalRow(label: string, text: string, span: number, testId: string) {
  return () => (
    <Table.Summary.Row>
      <Table.Summary.Cell index={0}>{label}</Table.Summary.Cell>
      <Table.Summary.Cell index={1} align="right">
        <strong className="jx-money-text" data-testid={testId}>
          {text}
        </strong>
      </Table.Summary.Cell>
      <Table.Summary.Cell index={2} colSpan={span} />
    </Table.Summary.Row>
  );
}

interface TableProps<T> {
  list: EntryList<T>;
  /** Absent: read-only, no 删除 column. */
  onDelete?: (id: number) => Promise<void>;
}

export function SpendingTable({ list, onDelete }: TableProps<SpendingEntry>) {
  const columns: ColumnsType<SpendingEntry> = [
    {
      title: '月份',
      dataIndex: 'month',
      render: (m: number) => `${m} 月`,
      width: 90,
    },
    { title: '本月支出（元）', dataIndex: 'amountText', ...money, width: 180 },
    { title: '备注', dataIndex: 'memo' },
    { title: '填报人', dataIndex: 'createdBy', width: 120 },
    { title: '填报时间', dataIndex: 'createdAt', render: when, width: 150 },
  ];
  if (onDelete !== undefined) {
    columns.push({
      title: '操作',
      key: 'op',
      width: 80,
      render: (_: unknown, e) => <DeleteButton what="支出记录" testId={`spending-delete-${e.id}`} onDelete={() => onDelete(e.id)} />,
    });
  }
  return (
    <div data-testid="spending-table">
      <Table<SpendingEntry>
        rowKey="id"
        size="small"
        dataSource={list.items}
        columns={columns}
        pagination={false}
        locale={{ emptyText: '尚未填写支出' }}
        summary={totalRow('合计', list.totalText, columns.length - 2, 'spending-total')}
      />
    </div>
  );
}

export function PaymentTable({ list, onDelete }: TableProps<PaymentEntry>) {
  const columns: ColumnsType<PaymentEntry> = [
    { title: '支付日期', dataIndex: 'date', width: 120 },
    { title: '支付金额（元）', dataIndex: 'amountText', ...money, width: 180 },
    { title: '收款方', dataIndex: 'payee' },
    { title: '备注', dataIndex: 'memo' },
    { title: '填报人', dataIndex: 'createdBy', width: 120 },
  ];
  if (onDelete !== undefined) {
    columns.push({
      title: '操作',
      key: 'op',
      width: 80,
      render: (_: unknown, p) => <DeleteButton what="支付记录" testId={`payment-delete-${p.id}`} onDelete={() => onDelete(p.id)} />,
    });
  }
  return (
    <div data-testid="payment-table">
      <Table<PaymentEntry>
        rowKey="id"
        size="small"
        dataSource={list.items}
        columns={columns}
        pagination={false}
        locale={{ emptyText: '尚无支付记录' }}
        summary={totalRow('合计', list.totalText, columns.length - 2, 'payment-total')}
      />
    </div>
  );
}
