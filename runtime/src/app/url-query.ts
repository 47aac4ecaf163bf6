/**
 * Page filters kept in the hash query (`#/reports?tab=ranking&month=3`, `#/audit?user=admin&page=2`),
 * so back/forward, reload and a shared link restore them: each change is a new history entry.
 */
import { useState } from 'react';
import { navigate, useLocation } from './router';

export type QueryPatch = Record<string, string | number | undefined>;

export interface UrlQuery {
  get(key: string): string | undefined;
  /** A positive integer parameter (month, page …), undefined when absent or not one (`page=abc`, `page=0`). */
  int(key: string): number | undefined;
  /**
   * Set (or with undefined/'' remove) parameters, keeping the others. False when the URL already
   * was that: no navigation happens then, so a page that wants a fresh load must reload itself.
   */
  update(patch: QueryPatch): boolean;
}

export function useUrlQuery(): UrlQuery {
  const location = useLocation();
  const q = location.query;
  return {
    get: (key) => q.get(key) ?? undefined,
    int: (key) => {
      const v = q.get(key);
      if (v === null || !/^\d+$/.test(v) || Number(v) < 1) return undefined;
      return Number(v);
    },
    update: (patch) => {
      const next = new URLSearchParams(q);
      for (const [k, v] of Object.entries(patch)) {
        if (v === undefined || v === '') next.delete(k);
        else next.set(k, String(v));
      }
      const qs = next.toString();
      if (qs === q.toString()) return false;
      navigate(qs === '' ? location.path : `${location.path}?${qs}`);
      return true;
    },
  };
}

/**
 * The editable copy of filters the URL holds: typing stays local until applied, and when the URL's
 * filters change underneath (back/forward, a link), the copy follows them — set during render,
 * React's pattern for state derived from a changed prop, so the controls never show stale values.
 * `key` identifies the applied filters (their query string).
 */
export function useDraft<T>(applied: T, key: string): [T, (next: T) => void] {
  const [draft, setDraft] = useState(applied);
  const [seen, setSeen] = useState(key);
  if (seen !== key) {
    setSeen(key);
    setDraft(applied);
  }
  return [draft, setDraft];
}
