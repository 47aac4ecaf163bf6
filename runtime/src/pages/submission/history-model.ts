/**
 * Which history entries compare with which: only entries holding a snapshot of the inputs
 * (`hasData`) are versions; a submission compares with the previous submission (what the
 * reviewer saw last time), any other version with the version before it.
 */
import type { HistoryItem } from '../../api/submissions-history';

export const ACTION_LABELS: Record<string, string> = {
  create: '创建',
  save: '保存',
  submit: '提交',
  return: '退回',
  resubmit: '重新提交',
  approve: '审核通过',
};

export const ACTION_COLORS: Record<string, string> = {
  create: 'default',
  save: 'default',
  submit: 'blue',
  resubmit: 'blue',
  return: 'red',
  approve: 'green',
};

const isSubmission = (h: HistoryItem): boolean => h.action === 'submit' || h.action === 'resubmit';

/** A pair of row versions to compare, `from` older. */
export interface VersionPair {
  from: number;
  to: number;
}

/** The version `item` is compared with by "与上一版本比较", or null when it is the first. */
export function previousVersionOf(items: readonly HistoryItem[], item: HistoryItem): HistoryItem | null {
  const earlier = items.filter((h) => h.hasData && h.rowVersion < item.rowVersion);
  const lastSubmission = isSubmission(item) ? [...earlier].reverse().find(isSubmission) : undefined;
  return lastSubmission ?? earlier[earlier.length - 1] ?? null;
}

/** The last two submissions (submit/resubmit), older first: "what changed since the reviewer last saw it". */
export function lastResubmission(items: readonly HistoryItem[]): VersionPair | null {
  const subs = items.filter((h) => h.hasData && isSubmission(h));
  const a = subs[subs.length - 2];
  const b = subs[subs.length - 1];
  return a !== undefined && b !== undefined ? { from: a.rowVersion, to: b.rowVersion } : null;
}

/** Two picked entries as a version pair, older first. */
export function pairOf(a: HistoryItem, b: HistoryItem): VersionPair {
  return a.rowVersion <= b.rowVersion ? { from: a.rowVersion, to: b.rowVersion } : { from: b.rowVersion, to: a.rowVersion };
}

/** The latest return event, when the submission is (still) returned: its comment is shown to the unit. */
export function pendingReturn(items: readonly HistoryItem[], status: string): HistoryItem | null {
  if (status !== 'returned') return null;
  return [...items].reverse().find((h) => h.action === 'return') ?? null;
}

