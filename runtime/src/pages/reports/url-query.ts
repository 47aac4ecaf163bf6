/**
 * Page filters kept in the hash query (`#/reports?tab=ranking&month=3`), so back/forward and reload
 * restore them: each change is a new history entry.
 */
import { navigate, useLocation } from '../../app/router';

export type QueryPatch = Record<string, string | number | undefined>;

export interface UrlQuery {
  get(key: string): string | undefined;
  /** A positive integer parameter (month, page …), undefined when absent or not a number. */
  int(key: string): number | undefined;
  /** Set (or with undefined/'' remove) parameters, keeping the others. */
  update(patch: QueryPatch): void;
}

export function useUrlQuery(): UrlQuery {
  const location = useLocation();
  const q = location.query;
  return {
    get: (key) => q.get(key) ?? undefined,
    int: (key) => {
      const v = q.get(key);
      if (v === null || !/^\d+$/.test(v)) return undefined;
      return Number(v);
    },
    update: (patch) => {
      const next = new URLSearchParams(q);
      for (const [k, v] of Object.entries(patch)) {
        if (v === undefined || v === '') next.delete(k);
        else next.set(k, String(v));
      }
      const qs = next.toString();
      navigate(qs === '' ? location.path : `${location.path}?${qs}`);
    },
  };
}
