/**
 * Typed clients for a submission's history and version diffs (docs/api.md, Submissions):
 * GET /api/submissions/:id/history and GET /api/submissions/:id/diff?from&to. endpoints.ts has
 * an older history type without `hasData`; these are the ones the history panel uses.
 */
import { api } from './client';
import type { SubmissionStatus } from './endpoints';

export type HistoryAction = 'create' | 'save' | 'submit' | 'return' | 'resubmit' | 'approve';

export interface HistoryItem {
  id: number;
  action: HistoryAction | string;
  fromStatus: SubmissionStatus | null;
  toStatus: SubmissionStatus;
  comment: string | null;
  /** The submission's row version after this event (the diff endpoint's version numbers). */
  rowVersion: number;
  total: number | null;
  grade: string | null;
  actor: string | null;
  at: string;
  /** Whether the event holds a snapshot of the inputs (only those can be compared). */
  hasData: boolean;
}

export interface DataChange {
  /** Data path: `funds.carryover`, `annualIndicators[2].weight`. */
  path: string;
  kind: 'added' | 'removed' | 'changed';
  before?: unknown;
  after?: unknown;
}

export interface SubmissionDiff {
  from: number;
  to: number;
  changes: DataChange[];
}

/** EXISTS: GET /api/submissions/:id/history → {items} oldest first. */
export const getHistory = (id: number) => api.get<{ items: HistoryItem[] }>(`/api/submissions/${id}/history`);

/** EXISTS: GET /api/submissions/:id/diff?from&to → leaf-level input changes between row versions (`to` defaults to the current one). */
export const getDiff = (id: number, from: number, to?: number) => api.get<SubmissionDiff>(`/api/submissions/${id}/diff`, { from, to });
