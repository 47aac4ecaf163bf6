/**
 * Keeps a template the renderer cannot draw (a half-edited one) from taking the whole designer
 * down: the preview says what failed and the editors stay usable. Remount it (key) to retry.
 */
import { Alert } from 'antd';
import { Component, type ReactNode } from 'react';

interface State {
  error: string | null;
}

export class PreviewBoundary extends Component<{ children: ReactNode }, State> {
  override state: State = { error: null };
  static getDerivedStateFromError(e: unknown): State {
    return { error: e instanceof Error ? e.message : String(e) };
  }
  override render(): ReactNode {
    return this.state.error === null ? this.props.children : <Alert type="error" showIcon message="预览无法显示该模板" description={this.state.error} />;
  }
}
