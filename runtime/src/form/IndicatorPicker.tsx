/**
 * 从指标库选择 (选择绩效指标): a dialog over the host's `IndicatorSource` with three tabs — 指标库
 * (the seed's filters, keyword search, paged), 推荐 (the project's recommendations with reasons)
 * and 上年指标 (last year's rows, 全部导入) — adding the chosen rows to an indicator table: only
 * its columns, never an indicator it already has (the message says how many were skipped).
 */
import type { ArrayField } from '@formily/core';
import { useField } from '@formily/react';
import { Button, Modal, Tabs, message } from 'antd';
import { createContext, useContext, useState } from 'react';
import type { IndicatorSource } from '../api/indicators';
import { LastYearTab } from './indicator-picker/LastYearTab';
import { LibraryTab } from './indicator-picker/LibraryTab';
import { RecommendedTab } from './indicator-picker/RecommendedTab';
import { indicatorKey, mergeMessage, mergeRows, type IndicatorOption } from './indicator-picker/rows';
import type { Picking, Selection } from './indicator-picker/selection';

export type { IndicatorOption };
export type { IndicatorSource };

export const IndicatorSourceContext = createContext<IndicatorSource | null>(null);

const NOTHING: Selection = new Map();

interface Props {
  /** The table's data columns: a picked row keeps only these keys. */
  columns: string[];
  onPick: (rows: Record<string, unknown>[]) => void;
}

export function IndicatorPicker({ columns, onPick }: Props) {
  const source = useContext(IndicatorSourceContext);
  const field = useField<ArrayField>();
  const [open, setOpen] = useState(false);
  const [selection, setSelection] = useState<Selection>(NOTHING);
  const [present, setPresent] = useState<ReadonlySet<string>>(new Set());
  if (source === null) return null;
  const rows = (): unknown[] => (Array.isArray(field.value) ? field.value : []);
  const show = (): void => {
    setPresent(
      new Set(
        rows()
          .filter((r): r is IndicatorOption => typeof r === 'object' && r !== null)
          .map(indicatorKey),
      ),
    );
    setOpen(true);
  };
  const picking: Picking = { selection, setSelection, present };
  const add = (picked: IndicatorOption[]): void => {
    const merged = mergeRows(rows(), picked, columns);
    if (merged.added.length > 0) onPick(merged.added);
    void (merged.skipped > 0 ? message.warning(mergeMessage(merged)) : message.success(mergeMessage(merged)));
    setSelection(NOTHING);
    setOpen(false);
  };
  return (
    <>
      <Button size="small" style={{ marginBottom: 8 }} onClick={show} data-testid="indicator-picker">
        从指标库选择
      </Button>
      <Modal
        title="选择绩效指标"
        className="jx-indicator-picker"
        visible={open}
        destroyOnClose
        width={1100}
        onCancel={() => {
          setSelection(NOTHING);
          setOpen(false);
        }}
        onOk={() => add([...selection.values()])}
        okText={`添加所选（${selection.size}）`}
        okButtonProps={{
          disabled: selection.size === 0,
          ...{ 'data-testid': 'picker-add' },
        }}
      >
        <Tabs>
          <Tabs.TabPane tab="指标库" key="library">
            <LibraryTab source={source} picking={picking} />
          </Tabs.TabPane>
          {source.recommended !== undefined ? (
            <Tabs.TabPane tab="推荐" key="recommended">
              <RecommendedTab recommended={source.recommended} picking={picking} />
            </Tabs.TabPane>
          ) : null}
          {source.lastYear !== undefined ? (
            <Tabs.TabPane tab="上年指标" key="last-year">
              <LastYearTab lastYear={source.lastYear} field={field.path.toString()} picking={picking} onImportAll={add} />
            </Tabs.TabPane>
          ) : null}
        </Tabs>
      </Modal>
    </>
  );
}
