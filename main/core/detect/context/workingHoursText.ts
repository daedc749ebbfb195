import { WardenError } from '../../../../shared/errors.ts';
import type { WorkingHours } from '../../../../shared/model/findings.ts';

const DAY_NAMES = ['mon', 'tue', 'wed', 'thu', 'fri', 'sat', 'sun'];

function dayNumber(name: string, whole: string): number {
  const i = DAY_NAMES.indexOf(name.slice(0, 3).toLowerCase());
  if (i === -1) throw new WardenError('invalid-input', `${whole}: '${name}' is not a weekday (mon, tue, ... sun).`);
  return i + 1;
}

/** "Europe/London 8-18 mon-fri" → { timeZone, start: 8, end: 18, days: [1..5] } (days default to mon-fri). */
export function parseWorkingHours(text: string): WorkingHours {
  const parts = text.trim().split(/\s+/);
  const [timeZone, hours, days = 'mon-fri'] = parts;
  const m = /^(\d{1,2})(?::00)?-(\d{1,2})(?::00)?$/.exec(hours ?? '');
  if (!timeZone || !m || parts.length > 3)
    throw new WardenError('invalid-input', `${text}: expected "TIME/ZONE START-END [DAYS]", e.g. "Europe/London 8-18 mon-fri".`);
  const list: number[] = [];
  for (const piece of days.split(',')) {
    const [a, b] = piece.split('-');
    const from = dayNumber(a!, text);
    const to = b ? dayNumber(b, text) : from;
    for (let d = from; ; d = (d % 7) + 1) {
      list.push(d);
      if (d === to) break;
    }
  }
  return { timeZone, start: Number(m[1]), end: Number(m[2]), days: [...new Set(list)].sort() };
}

export function formatWorkingHours(h: WorkingHours): string {
  return `${h.timeZone} ${h.start}-${h.end} ${h.days.map((d) => DAY_NAMES[d - 1]).join(',')}`;
}
