import type { WorkingHours } from '../../../../shared/model/findings.ts';

const formatters = new Map<string, Intl.DateTimeFormat>();

function formatter(timeZone: string): Intl.DateTimeFormat {
  let f = formatters.get(timeZone);
  if (!f) {
    f = new Intl.DateTimeFormat('en-US', { timeZone, hour: 'numeric', hourCycle: 'h23', weekday: 'short' });
    formatters.set(timeZone, f);
  }
  return f;
}

const WEEKDAYS: Record<string, number> = { Mon: 1, Tue: 2, Wed: 3, Thu: 4, Fri: 5, Sat: 6, Sun: 7 };

/** Local ISO weekday and hour of an instant in a time zone (Intl does the DST arithmetic). */
export function localHour(ms: number, timeZone: string): { weekday: number; hour: number } {
  let weekday = 1;
  let hour = 0;
  for (const part of formatter(timeZone).formatToParts(ms)) {
    if (part.type === 'weekday') weekday = WEEKDAYS[part.value] ?? 1;
    if (part.type === 'hour') hour = Number(part.value);
  }
  return { weekday, hour };
}

/** True when `ms` falls inside any of the working-hours entries (false when none is set). */
export function withinWorkingHours(ms: number, hours: readonly WorkingHours[]): boolean {
  for (const h of hours) {
    const { weekday, hour } = localHour(ms, h.timeZone);
    if (h.days.includes(weekday) && hour >= h.start && hour < h.end) return true;
  }
  return false;
}

/** Checks a time zone name before it is stored. */
export function isTimeZone(name: string): boolean {
  try {
    new Intl.DateTimeFormat('en-US', { timeZone: name });
    return true;
  } catch {
    return false;
  }
}
