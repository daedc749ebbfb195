import type { CompiledFilter } from './filter.ts';

export interface FeedCursor {
  /** Hour to continue in. */
  h: number;
  /** Items of that hour already passed, counted from its newest. */
  i: number;
}

export function isFeedCursor(value: unknown): value is FeedCursor {
  const v = value as FeedCursor;
  return typeof v === 'object' && v !== null && Number.isInteger(v.h) && Number.isInteger(v.i) && v.i >= 0;
}

export interface HourFeed<T> {
  hourCount: number;
  hourStartMs(h: number): number;
  /** Items of hour h, oldest first. */
  items(h: number): readonly T[];
  timeOf(item: T): number;
}

const HOUR_MS = 3_600_000;
/** Items examined per request before a sparse filter answers with a partial page and a nextLink. */
const SCAN_BUDGET = 250_000;

/**
 * One page of a newest-first collection built from per-hour activity (sign-ins, directory audits): walks hours
 * backwards from the end of the requested window, the newest item first, as Graph orders these logs.
 */
export function readPage<T extends object>(
  feed: HourFeed<T>,
  filter: CompiledFilter,
  top: number,
  cursor: FeedCursor | undefined,
  extraTest?: (item: T) => boolean,
): { page: T[]; next: FeedCursor | undefined } {
  const firstHour = Math.max(0, filter.from === undefined ? 0 : Math.floor((filter.from - feed.hourStartMs(0)) / HOUR_MS));
  const lastHour = Math.min(feed.hourCount - 1, filter.to === undefined ? feed.hourCount - 1 : Math.floor((filter.to - 1 - feed.hourStartMs(0)) / HOUR_MS));
  const page: T[] = [];
  let h = cursor ? Math.min(cursor.h, lastHour) : lastHour;
  let skip = cursor && cursor.h <= lastHour ? cursor.i : 0;
  let scanned = 0;
  while (h >= firstHour) {
    const items = feed.items(h);
    const hourStart = feed.hourStartMs(h);
    const partial = (filter.from !== undefined && filter.from > hourStart) || (filter.to !== undefined && filter.to < hourStart + HOUR_MS);
    let consumed = skip;
    for (let k = items.length - 1 - skip; k >= 0; k--) {
      const item = items[k] as T;
      consumed += 1;
      scanned += 1;
      let keep = true;
      if (partial) {
        const t = feed.timeOf(item);
        keep = (filter.from === undefined || t >= filter.from) && (filter.to === undefined || t < filter.to);
      }
      if (keep && filter.test(item) && (!extraTest || extraTest(item))) page.push(item);
      if (page.length >= top || scanned >= SCAN_BUDGET) {
        if (consumed < items.length) return { page, next: { h, i: consumed } };
        return { page, next: h - 1 >= firstHour ? { h: h - 1, i: 0 } : undefined };
      }
    }
    h -= 1;
    skip = 0;
  }
  return { page, next: undefined };
}
