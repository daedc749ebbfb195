const DAY_MS = 86_400_000;

/** `YYYY-MM-DD`, `YYYY-MM-DDTHH:MM` or `YYYY-MM-DDTHH:MM:SS` (UTC; a trailing Z or fraction is tolerated). */
export function parseFeedTime(text: string): number | undefined {
  const m = /^(\d{4}-\d{2}-\d{2})(?:T(\d{2}:\d{2})(:\d{2}(?:\.\d{1,7})?)?)?Z?$/.exec(text.trim());
  if (!m) return undefined;
  const t = Date.parse(`${m[1]}T${m[2] ?? '00:00'}${m[3] ?? ':00'}Z`);
  return Number.isNaN(t) ? undefined : t;
}

export type WindowResult =
  { ok: true; fromMs: number; toMs: number; defaulted: boolean } | { ok: false; code: 'AF20030' | 'AF20055' | 'AF20002'; message: string };

const AF20030 =
  'Start time and end time must both be specified (or both omitted) and must be less than or equal to 24 hours apart, with the start time no more than 7 days in the past.';
const AF20055 =
  'Start time and end time must both be specified (or both omitted) and must be less than or equal to 24 hours apart, with the start time prior to end time and start time no more than 7 days in the past.';

/** The content-listing window rules (reference §4.5): both or neither; at most 24 h; start within 7 days. */
export function contentWindow(startText: string | null, endText: string | null, nowMs: number): WindowResult {
  if (startText === null && endText === null) return { ok: true, fromMs: nowMs - DAY_MS, toMs: nowMs, defaulted: true };
  if (startText === null || endText === null) return { ok: false, code: 'AF20030', message: AF20030 };
  const from = parseFeedTime(startText);
  const to = parseFeedTime(endText);
  if (from === undefined) return { ok: false, code: 'AF20002', message: `Invalid parameter type: startTime. Expected type: DateTime` };
  if (to === undefined) return { ok: false, code: 'AF20002', message: `Invalid parameter type: endTime. Expected type: DateTime` };
  if (from >= to) return { ok: false, code: 'AF20055', message: AF20055 };
  if (to - from > DAY_MS || from < nowMs - 7 * DAY_MS) return { ok: false, code: 'AF20030', message: AF20030 };
  return { ok: true, fromMs: from, toMs: to, defaulted: false };
}

/** `2015-10-01T00:00:00` for NextPageUri. */
export function formatFeedTime(ms: number): string {
  return new Date(ms).toISOString().slice(0, 19);
}
