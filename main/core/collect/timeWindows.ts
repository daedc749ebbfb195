/** A half-open time window [startMs, endMs) in UTC epoch milliseconds. */
export interface TimeWindow {
  startMs: number;
  endMs: number;
}

export const SECOND_MS = 1000;
export const HOUR_MS = 3_600_000;
export const DAY_MS = 24 * HOUR_MS;

/**
 * Cuts [fromMs, toMs) at every multiple of `stepMs` (UTC hours or days), so windows of different runs
 * line up with each other and with the coverage strip's hour cells; the first and last may be shorter.
 */
export function alignedWindows(fromMs: number, toMs: number, stepMs: number): TimeWindow[] {
  const windows: TimeWindow[] = [];
  let start = fromMs;
  while (start < toMs) {
    const end = Math.min(toMs, (Math.floor(start / stepMs) + 1) * stepMs);
    windows.push({ startMs: start, endMs: end });
    start = end;
  }
  return windows;
}

/** The window widened to whole seconds: Search-UnifiedAuditLog takes dates to the second. */
export function toWholeSeconds(window: TimeWindow): TimeWindow {
  return { startMs: Math.floor(window.startMs / SECOND_MS) * SECOND_MS, endMs: Math.ceil(window.endMs / SECOND_MS) * SECOND_MS };
}

/**
 * Splits a window that holds `count` records into parts expected to hold at most `target` each, cutting on
 * whole hours while the window spans several (so the parts stay aligned with the coverage strip), else on
 * whole seconds. Null when the window is a single second: it cannot be split further.
 */
export function splitWindow(window: TimeWindow, count: number, target: number): TimeWindow[] | null {
  const { startMs, endMs } = window;
  const parts = Math.max(2, Math.ceil(count / target));
  const firstHour = Math.ceil(startMs / HOUR_MS) * HOUR_MS;
  const hourMarks: number[] = [];
  for (let t = firstHour === startMs ? startMs + HOUR_MS : firstHour; t < endMs; t += HOUR_MS) hourMarks.push(t);
  let cuts: number[];
  if (hourMarks.length >= parts - 1) {
    // parts - 1 of the inner hour marks, spread evenly.
    cuts = [];
    for (let i = 1; i < parts; i++) cuts.push(hourMarks[Math.floor((i * (hourMarks.length + 1)) / parts) - 1] ?? hourMarks[hourMarks.length - 1]!);
  } else if (hourMarks.length > 0) {
    cuts = hourMarks;
  } else {
    const seconds = Math.floor((endMs - startMs) / SECOND_MS);
    if (seconds <= 1) return null;
    const n = Math.min(parts, seconds);
    cuts = [];
    for (let i = 1; i < n; i++) cuts.push(startMs + Math.floor((i * seconds) / n) * SECOND_MS);
  }
  const unique = [...new Set(cuts)].filter((t) => t > startMs && t < endMs).sort((a, b) => a - b);
  if (unique.length === 0) return null;
  const out: TimeWindow[] = [];
  let from = startMs;
  for (const cut of unique) {
    out.push({ startMs: from, endMs: cut });
    from = cut;
  }
  out.push({ startMs: from, endMs });
  return out;
}

/** `2026-06-01T00:00:00Z`, or without the Z for APIs that take UTC without a designator. */
export function isoSeconds(ms: number, designator = true): string {
  const text = new Date(ms).toISOString().slice(0, 19);
  return designator ? `${text}Z` : text;
}

/** A window for people: `2026-06-01T00:00:00Z..2026-06-02T00:00:00Z`. */
export function describeWindow(window: TimeWindow): string {
  return `${isoSeconds(window.startMs)}..${isoSeconds(window.endMs)}`;
}
