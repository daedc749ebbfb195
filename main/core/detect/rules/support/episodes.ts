import type { SignInEvent } from '../../engine/signInEvent.ts';

/** Splits time-ordered items into episodes: a new one starts after a quiet gap longer than `gapMs`. */
export function splitEpisodes<T extends { timeMs: number }>(items: readonly T[], gapMs: number): T[][] {
  const out: T[][] = [];
  let current: T[] = [];
  for (const item of items) {
    const last = current[current.length - 1];
    if (last && item.timeMs - last.timeMs > gapMs) {
      out.push(current);
      current = [];
    }
    current.push(item);
  }
  if (current.length > 0) out.push(current);
  return out;
}

/** The largest number of items inside any window of `windowMs` (items time-ordered). */
export function maxInWindow<T extends { timeMs: number }>(items: readonly T[], windowMs: number): number {
  let best = 0;
  let start = 0;
  for (let end = 0; end < items.length; end++) {
    while (items[end]!.timeMs - items[start]!.timeMs > windowMs) start++;
    best = Math.max(best, end - start + 1);
  }
  return best;
}

/** Appends to a list in a map of lists. */
export function push<K, V>(map: Map<K, V[]>, key: K, value: V): void {
  const list = map.get(key);
  if (list) list.push(value);
  else map.set(key, [value]);
}

/** The value that occurs most often. */
export function mostCommon<T>(values: readonly T[]): T | null {
  const counts = new Map<T, number>();
  let best: T | null = null;
  let bestCount = 0;
  for (const v of values) {
    const n = (counts.get(v) ?? 0) + 1;
    counts.set(v, n);
    if (n > bestCount) {
      best = v;
      bestCount = n;
    }
  }
  return best;
}

export function timesOf(events: readonly SignInEvent[]): { firstMs: number; lastMs: number } {
  return { firstMs: events[0]!.timeMs, lastMs: events[events.length - 1]!.timeMs };
}

export const MINUTE = 60_000;
export const HOUR = 3_600_000;
export const DAY = 86_400_000;
