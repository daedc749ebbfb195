/**
 * Log times are shown and entered in UTC, the way every Microsoft export writes them: a reviewer
 * comparing Warden with a CSV or a Purview search must see the same clock.
 */

/** 2024-01-02 13:45:06, or an em dash for a record without a time. */
export function formatUtc(ms: number | null | undefined): string {
  if (ms === null || ms === undefined) return '—';
  return new Date(ms).toISOString().slice(0, 19).replace('T', ' ');
}

/** The value of a datetime-local input showing `ms` in UTC (minutes). */
export function toUtcInputValue(ms: number | undefined): string {
  return ms === undefined ? '' : new Date(ms).toISOString().slice(0, 16);
}

/** A datetime-local input's value read as UTC; undefined when empty, NaN when not a time. */
export function fromUtcInputValue(value: string): number | undefined {
  if (value.trim() === '') return undefined;
  const match = /^(\d{4})-(\d{2})-(\d{2})T(\d{2}):(\d{2})(?::(\d{2}))?$/.exec(value.trim());
  if (!match) return Number.NaN;
  const [, y, mo, d, h, mi, s] = match;
  return Date.UTC(Number(y), Number(mo) - 1, Number(d), Number(h), Number(mi), Number(s ?? 0));
}
