/**
 * Money in 元: an InputNumber showing thousands separators and exactly 2 decimals
 * ("1,234,567.89"), with 元 after it. The value is a JS number in 元 (the server stores fen).
 */
import { InputNumber } from 'antd';
import type { CSSProperties } from 'react';
import { formatMoney, parseMoneyText } from './engine-adapter';

export { parseMoneyText };

export interface MoneyInputProps {
  value?: number | null;
  onChange?: (value: number | undefined) => void;
  disabled?: boolean;
  readOnly?: boolean;
  placeholder?: string;
  min?: number;
  style?: CSSProperties;
}


export function MoneyInput(props: MoneyInputProps) {
  const { value, onChange, disabled, readOnly, placeholder, min, style } = props;
  if (readOnly === true) {
    return <span className="jx-money-text">{typeof value === 'number' ? `${formatMoney(value)} 元` : ''}</span>;
  }
  return (
    <InputNumber<string | number>
      className="jx-money-input"
      style={{ width: '100%', ...style }}
      value={typeof value === 'number' ? value : null}
      precision={2}
      min={min}
      disabled={disabled}
      placeholder={placeholder ?? '0.00'}
      addonAfter="元"
      formatter={(v, info) => {
        if (info.userTyping) return info.input;
        if (v === undefined || v === null || v === '') return '';
        const n = typeof v === 'number' ? v : Number(v);
        return Number.isFinite(n) ? formatMoney(n) : String(v);
      }}
      parser={(text) => parseMoneyText(text)}
      onChange={(v) => {
        const n = typeof v === 'string' ? (v.trim() === '' ? Number.NaN : Number(v)) : v;
        onChange?.(typeof n === 'number' && Number.isFinite(n) ? n : undefined);
      }}
    />
  );
}
