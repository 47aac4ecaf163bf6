/** A nested object of the template: a titled block. */
import { Card } from 'antd';
import type { ReactNode } from 'react';

export interface SectionProps {
  title?: string;
  description?: string;
  children?: ReactNode;
}

export function Section(props: SectionProps) {
  return (
    <Card size="small" className="jx-section" title={props.title} style={{ marginBottom: 16 }}>
      {props.description !== undefined ? <p className="jx-section-desc">{props.description}</p> : null}
      {props.children}
    </Card>
  );
}
