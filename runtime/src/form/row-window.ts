/**
 * Which rows of a long table are mounted. Mounting a row costs its Formily fields and antd inputs
 * (tens of ms each on a slow machine), so only rows near the viewport are mounted; the others are
 * one-cell placeholder rows of the measured row height, keeping the scroll height and every row's
 * position. Values, computed cells and column totals do not depend on this: they come from the
 * form's data (the engine evaluates the whole array), and Formily keeps a field's state (value,
 * errors, visibility) while its row is unmounted.
 *
 * The table's own DOM is the index: every row, placeholder or not, is a `tr[data-row-key]` in
 * order, so the visible range is a binary search over their rectangles, whatever their heights.
 */
import { useCallback, useEffect, useLayoutEffect, useRef, useState, type RefObject } from 'react';
import { flushSync } from 'react-dom';

/** Rows [start, end) are mounted. */
export interface RowWindow {
  start: number;
  end: number;
}

/** Tables up to this many rows mount every row. */
export const WINDOW_MIN_ROWS = 20;
/** Rows this close to the viewport (px) must be mounted (focus moved by Tab lands in one)… */
const NEED_PX = 200;
/** …and a new window mounts this far, so scrolling re-windows every few rows, not every row. */
const MOUNT_PX = 400;
/** Placeholder height until a mounted row has been measured (an antd small row with inputs). */
export const DEFAULT_ROW_HEIGHT = 57;
/** Marks placeholder rows (also for tests and the bench). */
export const PLACEHOLDER_CLASS = 'jx-row-virtual';

/** The first i in [0, n) with pred(i), or n (pred is monotone). */
function firstIndex(n: number, pred: (i: number) => boolean): number {
  let lo = 0;
  let hi = n;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if (pred(mid)) hi = mid;
    else lo = mid + 1;
  }
  return lo;
}

/** Rows intersecting the viewport grown by `px` above and below. */
function rangeNear(rows: ArrayLike<Element>, px: number): RowWindow {
  const rect = (i: number): DOMRect => (rows[i] as Element).getBoundingClientRect();
  const start = firstIndex(rows.length, (i) => rect(i).bottom > -px);
  const end = firstIndex(rows.length, (i) => rect(i).top >= window.innerHeight + px);
  return { start, end: Math.max(start, end) };
}

const covers = (w: RowWindow, r: RowWindow): boolean => r.start >= w.start && r.end <= w.end;
const same = (a: RowWindow, b: RowWindow): boolean => a.start === b.start && a.end === b.end;

/** Average height of the mounted (non-placeholder) rows, or null when none is mounted. */
function measuredHeight(rows: ArrayLike<Element>, win: RowWindow): number | null {
  let sum = 0;
  let n = 0;
  for (let i = win.start; i < win.end && n < 8; i++) {
    const row = rows[i] as HTMLElement | undefined;
    if (row === undefined || row.classList.contains(PLACEHOLDER_CLASS)) continue;
    sum += row.offsetHeight;
    n += 1;
  }
  return n === 0 ? null : Math.round(sum / n);
}

export interface RowWindowState {
  window: RowWindow;
  rowHeight: number;
}

/**
 * The mounted window of a `count`-row table whose rows are the `tr[data-row-key]` children of
 * the `tbody` inside `container`. Starts with the rows in view (measured before the first paint),
 * grows to MOUNT_PX when the browser is idle, follows scrolling (the window's or any ancestor's)
 * and size changes, and mounts every row for printing.
 */
export function useRowWindow(count: number, container: RefObject<HTMLElement>): RowWindowState {
  const [win, setWin] = useState<RowWindow>({ start: 0, end: 0 });
  const [rowHeight, setRowHeight] = useState(DEFAULT_ROW_HEIGHT);
  const [printing, setPrinting] = useState(false);
  const whole = printing || count <= WINDOW_MIN_ROWS;
  const settled = useRef(false);
  const frame = useRef(0);

  const update = useCallback((): void => {
    const rows = container.current?.querySelectorAll(':scope tbody > tr[data-row-key]');
    // Not rendered yet with this count, or not laid out (a hidden tab): the ResizeObserver calls again.
    if (rows === undefined || rows.length !== count || container.current?.offsetHeight === 0) return;
    const need = rangeNear(rows, NEED_PX);
    const next = settled.current ? rangeNear(rows, MOUNT_PX) : need;
    setWin((old) => ((settled.current && covers(old, need)) || same(old, next) ? old : next));
  }, [container, count]);

  // Before paint: the rows in view, and the placeholder height from the first rows mounted (once:
  // re-measuring whichever rows happen to be mounted could make the window and the height chase
  // each other).
  const measured = useRef(false);
  useLayoutEffect(() => {
    if (whole) return;
    update();
    if (measured.current) return;
    const rows = container.current?.querySelectorAll(':scope tbody > tr[data-row-key]');
    const h = rows === undefined ? null : measuredHeight(rows, win);
    if (h === null) return;
    measured.current = true;
    if (Math.abs(h - rowHeight) > 1) setRowHeight(h);
  }, [whole, update, container, win, rowHeight]);

  useEffect(() => {
    if (whole) return undefined;
    const schedule = (): void => {
      if (frame.current === 0) {
        frame.current = requestAnimationFrame(() => {
          frame.current = 0;
          update();
        });
      }
    };
    const settle = (): void => {
      settled.current = true;
      update();
    };
    const idle = typeof window.requestIdleCallback === 'function' ? window.requestIdleCallback(settle, { timeout: 1000 }) : undefined;
    const timer = idle === undefined ? setTimeout(settle, 200) : undefined;
    window.addEventListener('scroll', schedule, { capture: true, passive: true });
    window.addEventListener('resize', schedule);
    // Shown after being hidden, or rows changed height: the table itself moves nothing on scroll.
    const resized = typeof ResizeObserver === 'function' ? new ResizeObserver(schedule) : undefined;
    if (container.current !== null) resized?.observe(container.current);
    return () => {
      resized?.disconnect();
      if (idle !== undefined) window.cancelIdleCallback(idle);
      if (timer !== undefined) clearTimeout(timer);
      if (frame.current !== 0) cancelAnimationFrame(frame.current);
      frame.current = 0;
      window.removeEventListener('scroll', schedule, { capture: true });
      window.removeEventListener('resize', schedule);
    };
  }, [whole, update]);

  // Printing shows every row: mount them all synchronously before the print layout.
  useEffect(() => {
    const before = (): void => flushSync(() => setPrinting(true));
    const after = (): void => setPrinting(false);
    window.addEventListener('beforeprint', before);
    window.addEventListener('afterprint', after);
    return () => {
      window.removeEventListener('beforeprint', before);
      window.removeEventListener('afterprint', after);
    };
  }, []);

  return { window: whole ? { start: 0, end: count } : win, rowHeight };
}
