/**
 * A computed (x-formula / x-score) field: read-only, grey, marked ƒ, showing exactly the text the
 * engine produced for the whole template (the value the server stores).
 */
import { useField } from '@formily/react';
import { Tooltip } from 'antd';
import { useComputedDisplay } from './computed-store';

export interface ComputedFieldProps {
  value?: unknown;
  /** Formula text, shown in the tooltip. */
  formula?: string;
  unit?: string;
  decimals?: number;
  money?: boolean;
  /** An enum field's labels by value text: the engine's "red" is shown as 红灯. */
  labels?: Record<string, string>;
}

export function ComputedField(props: ComputedFieldProps) {
  const field = useField();
  const path = field.address.toString();
  const display = useComputedDisplay(path);
  const raw = display?.text ?? '';
  const text = props.labels?.[raw] ?? raw;
  const box = (
    <span
      className={`jx-computed${display?.error === true ? ' jx-computed-error' : ''}`}
      data-path={path}
      aria-readonly="true"
      role="textbox"
    >
      <span className="jx-computed-icon" aria-label="计算字段">
        ƒ
      </span>
      <span className="jx-computed-value">{text}</span>
      {props.unit !== undefined || props.money === true ? <span className="jx-computed-unit">{props.money === true ? '元' : props.unit}</span> : null}
    </span>
  );
  if (props.formula === undefined) return box;
  return (
    <Tooltip title={`自动计算：${props.formula}`} placement="topLeft">
      {box}
    </Tooltip>
  );
}
