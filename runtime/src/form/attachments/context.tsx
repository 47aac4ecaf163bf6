/**
 * The attachments of one submission, loaded once and shared by the form's 附件 card and every
 * indicator row's 附件 button (a long table must not make a request per row); refreshed after
 * each upload or delete. Absent (null) where the form is not a saved submission (designer
 * preview, bench pages): the row column is then not shown.
 */
import { createContext, useCallback, useContext, useEffect, useMemo, useState, type ReactNode } from 'react';
import { listAttachments, type Attachment } from '../../api/files';

export interface AttachmentsState {
  submissionId: number;
  /** Upload and delete allowed (draft/returned and `submission.fill`). */
  editable: boolean;
  items: readonly Attachment[];
  /** Attachments per field path ('' for the whole form). */
  counts: ReadonlyMap<string, number>;
  loading: boolean;
  error: unknown;
  /** The list has loaded at least once (until then the counts are unknown, not zero). */
  loaded: boolean;
  refresh: () => Promise<void>;
  /** Moved rows are being saved: no upload, delete or other row operation until the list is read again. */
  moving: boolean;
  /**
   * Saves the form at once with where the rows of `table` were (`origins[new] = old`), so their
   * attachments move with them; then reads the list again. Absent where the page cannot save.
   */
  rowsMoved?: (table: string, origins: Array<number | null>, values: Record<string, unknown>) => Promise<void>;
}

/** The page's save of moved rows (SubmissionPage): rejects when the save failed. */
export type RowsMovedHandler = (table: string, origins: Array<number | null>, values: Record<string, unknown>) => Promise<void>;

export const AttachmentsContext = createContext<AttachmentsState | null>(null);

export const useAttachments = (): AttachmentsState | null => useContext(AttachmentsContext);

/**
 * Whether attachments apply, without the list: the indicator table reads only this, so that a
 * refreshed list re-renders the row buttons and not the whole table.
 */
const EnabledContext = createContext(false);

export const useAttachmentsEnabled = (): boolean => useContext(EnabledContext);

/** No attachments below (a form that is not a saved submission), even inside a provider. */
export function NoAttachments({ children }: { children: ReactNode }) {
  return (
    <EnabledContext.Provider value={false}>
      <AttachmentsContext.Provider value={null}>{children}</AttachmentsContext.Provider>
    </EnabledContext.Provider>
  );
}

export interface AttachmentsOptions {
  submissionId: number;
  editable: boolean;
  onRowsMoved?: RowsMovedHandler;
}

/**
 * Provides the attachments of `submissionId`. Inside a provider of the same submission it reuses
 * that one's list (the page's card and the form share one load), only setting `editable`.
 */
export function AttachmentsProvider({ submissionId, editable, onRowsMoved, children }: AttachmentsOptions & { children: ReactNode }) {
  const parent = useContext(AttachmentsContext);
  if (parent !== null && parent.submissionId === submissionId) {
    return <SharedProvider parent={parent} editable={editable}>{children}</SharedProvider>;
  }
  return (
    <LoadingProvider submissionId={submissionId} editable={editable} {...(onRowsMoved !== undefined ? { onRowsMoved } : {})}>
      {children}
    </LoadingProvider>
  );
}

function SharedProvider({ parent, editable, children }: { parent: AttachmentsState; editable: boolean; children: ReactNode }) {
  const value = useMemo(() => (parent.editable === editable && !parent.moving ? parent : { ...parent, editable: editable && !parent.moving }), [parent, editable]);
  return (
    <EnabledContext.Provider value>
      <AttachmentsContext.Provider value={value}>{children}</AttachmentsContext.Provider>
    </EnabledContext.Provider>
  );
}

function LoadingProvider({ submissionId, editable, onRowsMoved, children }: AttachmentsOptions & { children: ReactNode }) {
  const [moving, setMoving] = useState(false);
  const [items, setItems] = useState<readonly Attachment[]>([]);
  const [loading, setLoading] = useState(true);
  const [error, setError] = useState<unknown>(undefined);
  const [loaded, setLoaded] = useState(false);
  const refresh = useCallback(async (): Promise<void> => {
    setLoading(true);
    try {
      setItems((await listAttachments(submissionId)).items);
      setError(undefined);
      setLoaded(true);
    } catch (e) {
      setError(e);
    } finally {
      setLoading(false);
    }
  }, [submissionId]);
  useEffect(() => {
    void refresh();
  }, [refresh]);
  const rowsMoved = useCallback(
    async (table: string, origins: Array<number | null>, values: Record<string, unknown>): Promise<void> => {
      if (onRowsMoved === undefined) return;
      setMoving(true);
      try {
        await onRowsMoved(table, origins, values);
      } finally {
        await refresh();
        setMoving(false);
      }
    },
    [onRowsMoved, refresh],
  );
  const value = useMemo<AttachmentsState>(
    () => ({
      submissionId,
      editable: editable && !moving,
      items,
      counts: countByField(items),
      loading,
      error,
      loaded,
      refresh,
      moving,
      ...(onRowsMoved !== undefined ? { rowsMoved } : {}),
    }),
    [submissionId, editable, items, loading, error, loaded, refresh, moving, onRowsMoved, rowsMoved],
  );
  return (
    <EnabledContext.Provider value>
      <AttachmentsContext.Provider value={value}>{children}</AttachmentsContext.Provider>
    </EnabledContext.Provider>
  );
}

function countByField(items: readonly Attachment[]): Map<string, number> {
  const counts = new Map<string, number>();
  for (const a of items) counts.set(a.field ?? '', (counts.get(a.field ?? '') ?? 0) + 1);
  return counts;
}
