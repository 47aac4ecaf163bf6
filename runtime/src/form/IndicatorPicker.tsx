/**
 * 从指标库选择: a dialog searching the indicator library (through the host's `indicatorSearch`,
 * e.g. GET /api/indicators) and adding the chosen rows to an indicator table.
 */
import { Button, Input, Modal, Table } from 'antd';
import { createContext, useContext, useState } from 'react';

/** One library row (the engine's IndicatorRow shape: level1..3, direction, unit, target, weight …). */
export type IndicatorOption = Record<string, unknown> & { code?: string; level3?: string };

export type IndicatorSearch = (query: string) => Promise<IndicatorOption[]>;

export const IndicatorSearchContext = createContext<IndicatorSearch | null>(null);

export function IndicatorPicker({ columns, onPick }: { columns: string[]; onPick: (rows: Record<string, unknown>[]) => void }) {
  const search = useContext(IndicatorSearchContext);
  const [open, setOpen] = useState(false);
  const [items, setItems] = useState<IndicatorOption[]>([]);
  const [loading, setLoading] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const [selected, setSelected] = useState<number[]>([]);
  if (search === null) return null;
  const run = async (q: string): Promise<void> => {
    setLoading(true);
    setError(null);
    try {
      setItems(await search(q));
      setSelected([]);
    } catch (e) {
      setError(e instanceof Error ? e.message : String(e));
    } finally {
      setLoading(false);
    }
  };
  const add = (): void => {
    const keep = new Set(columns);
    onPick(
      selected.flatMap((i) => {
        const item = items[i];
        if (item === undefined) return [];
        return [Object.fromEntries(Object.entries(item).filter(([k, v]) => keep.has(k) && v !== null && v !== ''))];
      }),
    );
    setOpen(false);
  };
  return (
    <>
      <Button
        size="small"
        style={{ marginBottom: 8 }}
        onClick={() => {
          setOpen(true);
          if (items.length === 0) void run('');
        }}
        data-testid="indicator-picker"
      >
        从指标库选择
      </Button>
      <Modal title="指标库" visible={open} destroyOnClose width={900} onCancel={() => setOpen(false)} onOk={add} okText={`添加所选（${selected.length}）`} okButtonProps={{ disabled: selected.length === 0 }}>
        <Input.Search placeholder="关键词，如：培训、满意度" allowClear enterButton="搜索" onSearch={(q) => void run(q)} style={{ marginBottom: 12 }} />
        {error !== null ? <div style={{ color: '#cf1322', marginBottom: 8 }}>{error}</div> : null}
        <Table<IndicatorOption>
          size="small"
          loading={loading}
          rowKey={(_, i) => String(i)}
          dataSource={items}
          pagination={{ pageSize: 10 }}
          rowSelection={{ selectedRowKeys: selected.map(String), onChange: (keys) => setSelected(keys.map(Number)) }}
          columns={[
            { title: '一级指标', dataIndex: 'level1', width: 100 },
            { title: '二级指标', dataIndex: 'level2', width: 120 },
            { title: '三级指标', dataIndex: 'level3' },
            { title: '性质', dataIndex: 'direction', width: 70 },
            { title: '指标值', dataIndex: 'target', width: 80 },
            { title: '单位', dataIndex: 'unit', width: 70 },
          ]}
        />
      </Modal>
    </>
  );
}
