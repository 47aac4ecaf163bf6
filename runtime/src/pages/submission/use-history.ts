/**
 * The 处理记录 of the open submission: the page's first load, then fetched again whenever the page
 * says something new was stored (an answered save). Only the answer of the
 * latest request is kept, so two saves in quick succession cannot leave the older list on screen.
 */
import { message } from 'antd';
import { useCallback, useRef, useState } from 'react';
import { ApiError } from '../../api/client';
import { getHistory, type HistoryItem } from '../../api/submissions-history';

export function useSubmissionHistory(submissionId: number, initial: HistoryItem[]): { items: HistoryItem[]; refresh: () => void } {
  const [items, setItems] = useState(initial);
  // a page reload hands in a new first list: it replaces whatever was fetched since
  const [loaded, setLoaded] = useState(initial);
  if (loaded !== initial) {
    setLoaded(initial);
    setItems(initial);
  }
  const latest = useRef(0);
  const refresh = useCallback(() => {
    const request = ++latest.current;
    getHistory(submissionId).then(
      (r) => {
        if (request === latest.current) setItems(r.items);
      },
      (e: unknown) => {
        // the save itself succeeded: the list stays as it was and says it may be behind
        if (request === latest.current) void message.warning(`处理记录未能刷新：${e instanceof ApiError ? e.message : String(e)}`);
      },
    );
  }, [submissionId]);
  return { items, refresh };
}
