/** Column builders: the header is the .xlsx header, the cell the formatted figure. */
import type { ColumnType } from 'antd/lib/table';
import type { ReactNode } from 'react';
import { money, pct } from './format';

export function moneyCol<T>(title: string, get: (r: T) => string | null | undefined): ColumnType<T> {
  return { title, key: title, align: 'right', className: 'jx-money-text', render: (_: unknown, r: T) => money(get(r)) };
}

export function pctCol<T>(title: string, get: (r: T) => string | null | undefined): ColumnType<T> {
  return { title, key: title, align: 'right', render: (_: unknown, r: T) => pct(get(r)) };
}

export function textCol<T>(title: string, get: (r: T) => ReactNode, opts: { align?: 'right' | 'center'; width?: number } = {}): ColumnType<T> {
  return { title, key: title, ...opts, render: (_: unknown, r: T) => get(r) ?? '' };
}
