/**
 * A formula being typed, with the parser's verdict under it at every keystroke (line, column,
 * reason). Every non-empty text goes into the template at once, even a broken one, so the
 * problems list and the 发布 check see exactly what the admin sees; an emptied box is reported
 * to the owner as `undefined` (which may delete the key, or be refused, as the owner decides).
 */
import { Input, Typography } from 'antd';
import { useState } from 'react';
import { formulaProblem } from '../model/problems';

export interface FormulaInputProps {
  initial: string;
  onChange: (text: string | undefined) => void;
  placeholder?: string;
  /** Said under the box when it is empty and emptiness is not allowed. */
  emptyMessage?: string;
  testId: string;
}

export function FormulaInput({ initial, onChange, placeholder, emptyMessage, testId }: FormulaInputProps) {
  // local text: the panel is keyed by field, so this starts fresh for each selected field
  const [text, setText] = useState(initial);
  const problem = text.trim() === '' ? (emptyMessage ?? null) : formulaProblem(text);
  return (
    <>
      <Input
        value={text}
        placeholder={placeholder}
        onChange={(e) => {
          setText(e.target.value);
          onChange(e.target.value.trim() === '' ? undefined : e.target.value);
        }}
        status={problem === null ? undefined : 'error'}
        style={{ fontFamily: 'monospace' }}
        data-testid={testId}
      />
      {problem !== null ? (
        <Typography.Text type="danger" data-testid={`${testId}-problem`}>
          {problem}
        </Typography.Text>
      ) : null}
    </>
  );
}
