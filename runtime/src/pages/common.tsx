/** Shared page pieces: data loading with errors, labels of kinds and statuses. */
import { Alert, Spin, Tag } from 'antd';
import { useCallback, useEffect, useState, type ReactNode } from 'react';
import { ApiError } from '../api/client';
import { listProjects, type SubmissionKind, type SubmissionStatus } from '../api/endpoints';

export const KIND_LABELS: Record<SubmissionKind, string> = {
  declaration: '绩效目标申报',
  monitoring: '绩效运行监控',
  'self-evaluation': '绩效自评',
  other: '其他',
};

export const STATUS_LABELS: Record<SubmissionStatus, { text: string; color: string }> = {
  draft: { text: '草稿', color: 'default' },
  submitted: { text: '已送审', color: 'processing' },
  approved: { text: '已审核', color: 'success' },
  returned: { text: '已退回', color: 'error' },
};

export function StatusTag({ status }: { status: SubmissionStatus }) {
  const s = STATUS_LABELS[status] ?? { text: status, color: 'default' };
  return (
    <Tag color={s.color} data-testid="status">
      {s.text}
    </Tag>
  );
}

export interface Loaded<T> {
  data: T | undefined;
  error: unknown;
  loading: boolean;
  reload(): void;
}

/** Run `load` on mount and whenever `deps` change. */
export function useLoad<T>(load: () => Promise<T>, deps: readonly unknown[]): Loaded<T> {
  const [state, setState] = useState<{ data: T | undefined; error: unknown; loading: boolean }>({ data: undefined, error: undefined, loading: true });
  const [tick, setTick] = useState(0);
  // eslint-disable-next-line react-hooks/exhaustive-deps
  const run = useCallback(load, deps);
  useEffect(() => {
    let live = true;
    setState((s) => ({ ...s, loading: true, error: undefined }));
    run().then(
      (data) => live && setState({ data, error: undefined, loading: false }),
      (error: unknown) => live && setState({ data: undefined, error, loading: false }),
    );
    return () => {
      live = false;
    };
  }, [run, tick]);
  return { ...state, reload: () => setTick((t) => t + 1) };
}

/** An API failure as a page message; a missing endpoint says so plainly. */
export function ErrorBox({ error }: { error: unknown }) {
  if (error instanceof ApiError && (error.status === 404 || error.status === 405) && (error.code === 'NO_SUCH_ROUTE' || error.code === 'METHOD_NOT_ALLOWED')) {
    return <Alert type="info" showIcon message="此功能的服务器接口尚未提供" description={`${error.code}: ${error.message}`} />;
  }
  const msg = error instanceof ApiError ? error.message : error instanceof Error ? error.message : String(error);
  return <Alert type="error" showIcon message="加载失败" description={msg} />;
}

/** Loading spinner, error box, or the content. */
export function Guard<T>({ loaded, children }: { loaded: Loaded<T>; children: (data: T) => ReactNode }) {
  if (loaded.loading && loaded.data === undefined) return <Spin style={{ display: 'block', margin: 48 }} />;
  if (loaded.error !== undefined) return <ErrorBox error={loaded.error} />;
  if (loaded.data === undefined) return null;
  return <>{children(loaded.data)}</>;
}

export function PageCard({ title, extra, children }: { title?: ReactNode; extra?: ReactNode; children: ReactNode }) {
  return (
    <div className="jx-page-card">
      {title !== undefined || extra !== undefined ? (
        <div style={{ display: 'flex', justifyContent: 'space-between', alignItems: 'center', marginBottom: 12 }}>
          <h2 style={{ margin: 0 }}>{title}</h2>
          <div>{extra}</div>
        </div>
      ) : null}
      {children}
    </div>
  );
}

/** Project names by id for a year (submission lists carry only the project id). */
export function useProjectNames(year: number, department?: string): Map<number, string> {
  const loaded = useLoad(() => listProjects({ year, department, pageSize: 500 }), [year, department]);
  return new Map((loaded.data?.items ?? []).map((p) => [p.id, p.name]));
}

/**
 * The month a monitoring report of `fiscalYear` is most likely for: this month in the current year,
 * December of a past year (its last report), January of a future one.
 */
export function defaultReportMonth(fiscalYear: number, today = new Date()): number {
  const year = today.getFullYear();
  return fiscalYear === year ? today.getMonth() + 1 : fiscalYear < year ? 12 : 1;
}

/** A monthly form's period, as the server stores it: "2025-06". */
export function monthlyPeriod(year: number, month: number): string {
  return `${year}-${String(month).padStart(2, '0')}`;
}

/** Route creating a form; monitoring forms are per month (period "2025-06", by default the month above). */
export function newSubmissionPath(projectId: number, kind: SubmissionKind, year: number, month = defaultReportMonth(year)): string {
  if (kind !== 'monitoring') return `/projects/${projectId}/new/${kind}`;
  return `/projects/${projectId}/new/${kind}?period=${monthlyPeriod(year, month)}`;
}
