/**
 * What the spending page's forms need besides React: unsaved input kept in sessionStorage (so
 * going back and forth in the app loses nothing), a warning before the tab is left with unsaved
 * input, amounts as the decimal text the server reads, and 422 problems as zh-CN messages per field.
 */
import { useCallback, useEffect, useState } from 'react';
import { ApiError } from '../../api/client';
import { formatMoney } from '../../form/engine-adapter';

export interface SpendingDraft {
  month?: number;
  amount?: number;
  memo: string;
}

export interface PaymentDraft {
  /** YYYY-MM-DD, '' when not picked. */
  date: string;
  amount?: number;
  payee: string;
  memo: string;
}

export const EMPTY_SPENDING: SpendingDraft = { memo: '' };
export const EMPTY_PAYMENT: PaymentDraft = { date: '', payee: '', memo: '' };

const isRecord = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v);

function readDraft<T extends object>(key: string, empty: T): T {
  const shape: Record<string, unknown> = Object.fromEntries(Object.entries(empty));
  try {
    const raw = sessionStorage.getItem(key);
    if (raw === null) return empty;
    const v: unknown = JSON.parse(raw);
    if (!isRecord(v)) return empty;
    // keep only text keys of the empty draft and numbers (a stale or edited entry is ignored)
    const out: Record<string, unknown> = { ...shape };
    for (const [k, x] of Object.entries(v)) {
      if (k in shape ? typeof x === typeof shape[k] : typeof x === 'number' && Number.isFinite(x)) out[k] = x;
    }
    return out as T;
  } catch {
    // storage unavailable or corrupt: start empty rather than fail the page
    return empty;
  }
}

/** A form's input, restored from and saved to sessionStorage under `key`; `clear()` after a save. */
export function useDraft<T extends object>(key: string, empty: T): { draft: T; set: (patch: Partial<T>) => void; clear: () => void } {
  const [draft, setDraft] = useState<T>(() => readDraft(key, empty));
  useEffect(() => setDraft(readDraft(key, empty)), [key, empty]);
  const set = useCallback(
    (patch: Partial<T>) =>
      setDraft((d) => {
        const next = { ...d, ...patch };
        try {
          sessionStorage.setItem(key, JSON.stringify(next));
        } catch {
          // a full or disabled storage only loses the back-navigation copy
        }
        return next;
      }),
    [key],
  );
  const clear = useCallback(() => {
    sessionStorage.removeItem(key);
    setDraft(empty);
  }, [key, empty]);
  return { draft, set, clear };
}

/** Whether the user typed anything worth keeping (the month alone is a default, not input). */
export const spendingDirty = (d: SpendingDraft): boolean => d.amount !== undefined || d.memo.trim() !== '';
export const paymentDirty = (d: PaymentDraft): boolean => d.amount !== undefined || d.date !== '' || d.payee.trim() !== '' || d.memo.trim() !== '';

/** The browser asks before closing or reloading the tab while `dirty`. */
export function useLeaveWarning(dirty: boolean): void {
  useEffect(() => {
    if (!dirty) return undefined;
    const onBeforeUnload = (e: BeforeUnloadEvent): void => {
      e.preventDefault();
      e.returnValue = '';
    };
    window.addEventListener('beforeunload', onBeforeUnload);
    return () => window.removeEventListener('beforeunload', onBeforeUnload);
  }, [dirty]);
}

/** A money input's value (元) as the server's decimal text: 1234567.891 → "1234567.89". */
export function amountText(v: number | undefined): string | undefined {
  return v === undefined ? undefined : formatMoney(v).replace(/,/g, '');
}

/** Messages of 422 problems by field key ("amount"); undefined when `err` is not a 422. */
export function fieldErrors(err: unknown, labels: Record<string, string>): Record<string, string> | undefined {
  if (!(err instanceof ApiError) || err.status !== 422) return undefined;
  const out: Record<string, string> = {};
  for (const issue of err.fieldIssues()) {
    const key = issue.path.split('.')[0] ?? '';
    const label = labels[key] ?? key;
    out[key] = issue.code === 'REQUIRED' ? `请填写${label}` : issue.message;
  }
  return out;
}
