/**
 * The palette: one button per field kind (model/field-kinds.ts). A click adds that kind where
 * the selection says (into the selected group or table, next to a selected field, else at the
 * root); the target is spelled out so the admin knows where the field will land.
 */
import { Button, Space } from 'antd';
import { FIELD_KINDS, type FieldKindId } from '../model/field-kinds';

export interface PaletteProps {
  /** zh-CN name of where a new field goes (“表单根部”, “分组 基本信息”). */
  targetLabel: string;
  onAdd: (kind: FieldKindId) => void;
}

export function Palette({ targetLabel, onAdd }: PaletteProps) {
  return (
    <div data-testid="palette">
      <div style={{ marginBottom: 6, color: '#666' }}>添加字段到：{targetLabel}</div>
      <Space size={[6, 6]} wrap>
        {FIELD_KINDS.map((k) => (
          <Button key={k.id} size="small" onClick={() => onAdd(k.id)} data-testid={`palette-${k.id}`}>
            {k.label}
          </Button>
        ))}
      </Space>
    </div>
  );
}
