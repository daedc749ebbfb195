import { useEffect, useRef } from 'react';

/** Faster than this, rows pass too quickly to be worth fetching (a page of 200 rows in under 40 ms). */
const FAST_SCROLL_ROWS_PER_SECOND = 5_000;
/** How long a list must stay put, after racing, before its rows are fetched. */
const SETTLE_MS = 60;

/**
 * Tells a virtualized list's row source which rows are in view (`want(first, last)`), except while the
 * list races past them: during a scrollbar drag through a long list, pages asked of main would arrive
 * after the list has left them, and on a two-core machine that work steals the frames the drag needs.
 * Once the list slows down, or stays put for a moment, the rows in view are asked for.
 * `refresh` re-asks when it changes (for example when pages arrive and others are still missing).
 */
export function useRowsWanted(want: (first: number, last: number) => void, first: number, last: number, refresh: unknown): void {
  const previous = useRef({ first: 0, at: 0 });
  useEffect(() => {
    if (last < 0) return;
    const now = performance.now();
    const rowsPerSecond = (Math.abs(first - previous.current.first) * 1000) / Math.max(1, now - previous.current.at);
    previous.current = { first, at: now };
    if (rowsPerSecond < FAST_SCROLL_ROWS_PER_SECOND) {
      want(first, last);
      return;
    }
    const settle = setTimeout(() => want(first, last), SETTLE_MS);
    return () => clearTimeout(settle);
  }, [want, first, last, refresh]);
}
