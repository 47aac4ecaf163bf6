/**
 * 选项 of a 下拉选择 field: rows of 显示文字 / 值, stored Formily-style `[{label, value}]` (the
 * runtime shows the label, the engine validates the value). A plain enum `["a", …]` read from a
 * hand-written template is shown as rows whose label is the value, and stored as rows on the
 * first edit.
 */
import { Button, Input, Space } from 'antd';

export interface EnumOption {
  label: string;
  /** A number for a number field's options (the stored value keeps the field's type). */
  value: string | number;
}

const isRecord = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v);

const valueOf = (v: unknown): string | number => (typeof v === 'number' ? v : String(v));

/** The enum as editable rows. */
export function optionsOf(enumValue: unknown[] | undefined): EnumOption[] {
  return (enumValue ?? []).map((e) =>
    isRecord(e) && 'value' in e ? { label: typeof e['label'] === 'string' ? e['label'] : String(e['value']), value: valueOf(e['value']) } : { label: String(e), value: valueOf(e) },
  );
}

export interface OptionsEditorProps {
  options: EnumOption[];
  /** The field is a number: a value typed as a number is stored as one. */
  numeric: boolean;
  onChange: (options: EnumOption[]) => void;
}

export function OptionsEditor({ options, numeric, onChange }: OptionsEditorProps) {
  const typed = (text: string): string | number => (numeric && /^-?\d+(\.\d+)?$/.test(text) ? Number(text) : text);
  const set = (i: number, patch: Partial<EnumOption>): void => onChange(options.map((o, j) => (j === i ? { ...o, ...patch } : o)));
  return (
    <div data-testid="options-editor">
      {options.map((o, i) => (
        <Space key={i} style={{ display: 'flex', marginBottom: 4 }}>
          <Input size="small" addonBefore="显示文字" value={o.label} onChange={(e) => set(i, { label: e.target.value })} />
          <Input size="small" addonBefore="值" value={String(o.value)} onChange={(e) => set(i, { value: typed(e.target.value) })} />
          {/* the meta-schema wants at least one option: the last row cannot go */}
          <Button size="small" danger disabled={options.length <= 1} onClick={() => onChange(options.filter((_, j) => j !== i))}>
            删除
          </Button>
        </Space>
      ))}
      <Button size="small" type="dashed" onClick={() => onChange([...options, { label: `选项${options.length + 1}`, value: numeric ? options.length + 1 : `选项${options.length + 1}` }])}>
        添加选项
      </Button>
    </div>
  );
}
