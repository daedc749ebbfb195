/**
 * Parses the timestamp forms found in Microsoft log exports into UTC epoch milliseconds:
 * - ISO 8601 with or without a zone; without one it is UTC (Management Activity `CreationTime`
 *   "2023-07-23T06:46:28" is UTC by its schema), with up to 7 fraction digits (.NET ticks);
 * - the Log Analytics portal's CSV form "4/28/2021, 2:08:45.221 PM" (columns named "... [UTC]");
 * - US "7/23/2023 6:46:28 AM" as written by Export-Csv on an en-US machine;
 * - .NET JSON "/Date(1690094788000)/" (Windows PowerShell ConvertTo-Json).
 * Anything else returns null: the caller decides whether that rejects the record.
 */
const ISO = /^(\d{4})-(\d{2})-(\d{2})[T ](\d{2}):(\d{2})(?::(\d{2})(?:[.,](\d{1,9}))?)?\s*(Z|[+-]\d{2}:?\d{2})?$/i;
const US = /^(\d{1,2})\/(\d{1,2})\/(\d{4}),?\s+(\d{1,2}):(\d{2})(?::(\d{2})(?:\.(\d{1,9}))?)?\s*(AM|PM)?$/i;
const DOTNET = /^\/Date\((-?\d+)([+-]\d{4})?\)\/$/;

export function parseTimestamp(value: unknown): number | null {
  if (typeof value !== 'string') return null;
  const text = value.trim();
  if (text === '') return null;
  let m = ISO.exec(text);
  if (m) {
    const ms = m[7] ? Number(m[7].slice(0, 3).padEnd(3, '0')) : 0;
    let t = Date.UTC(Number(m[1]), Number(m[2]) - 1, Number(m[3]), Number(m[4]), Number(m[5]), m[6] ? Number(m[6]) : 0, ms);
    const zone = m[8];
    if (zone && zone.toUpperCase() !== 'Z') {
      const sign = zone.startsWith('-') ? -1 : 1;
      const digits = zone.slice(1).replace(':', '');
      t -= sign * (Number(digits.slice(0, 2)) * 60 + Number(digits.slice(2, 4))) * 60_000;
    }
    return validDate(m, t);
  }
  m = US.exec(text);
  if (m) {
    let hour = Number(m[4]);
    const meridiem = m[8]?.toUpperCase();
    if (meridiem) {
      if (hour < 1 || hour > 12) return null;
      if (meridiem === 'PM' && hour !== 12) hour += 12;
      if (meridiem === 'AM' && hour === 12) hour = 0;
    }
    const ms = m[7] ? Number(m[7].slice(0, 3).padEnd(3, '0')) : 0;
    const t = Date.UTC(Number(m[3]), Number(m[1]) - 1, Number(m[2]), hour, Number(m[5]), m[6] ? Number(m[6]) : 0, ms);
    const check = new Date(t);
    return check.getUTCMonth() === Number(m[1]) - 1 && check.getUTCDate() === Number(m[2]) ? t : null;
  }
  m = DOTNET.exec(text);
  if (m) return Number(m[1]);
  return null;
}

function validDate(m: RegExpExecArray, t: number): number | null {
  // Date.UTC rolls 2023-02-31 over to March: reject what is not a real calendar date.
  const local = new Date(Date.UTC(Number(m[1]), Number(m[2]) - 1, Number(m[3])));
  if (local.getUTCMonth() !== Number(m[2]) - 1 || local.getUTCDate() !== Number(m[3])) return null;
  if (Number(m[4]) > 23 || Number(m[5]) > 59 || (m[6] !== undefined && Number(m[6]) > 60)) return null;
  return Number.isFinite(t) ? t : null;
}
