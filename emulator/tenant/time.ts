// Time formats of the wire (Graph: ISO 8601 with Z; unified audit log: no zone, no fraction) and local time in
// a user's IANA zone (DST-correct, cached per zone and day because Intl is slow).

export const HOUR_MS = 3_600_000;
export const DAY_MS = 86_400_000;

// Timestamps are formatted from char codes with the 'YYYY-MM-DDTHH:' prefix cached per hour: one flat string per
// timestamp (Date#toISOString plus slicing and concatenation costs several times more, and most records of a
// request share the hour).
// Prefixes of recently used hours (records often mix a few hours, e.g. an access time and a message's time).
const prefixes = new Map<number, number[]>();
const Z19 = new Array<number>(19).fill(48);
const Z20 = new Array<number>(20).fill(48);
const Z28 = new Array<number>(28).fill(48);

function fillSeconds(ms: number, out: number[]): void {
  const hour = Math.floor(ms / HOUR_MS);
  let prefix = prefixes.get(hour);
  if (!prefix) {
    if (prefixes.size >= 256) prefixes.clear();
    const text = new Date(hour * HOUR_MS).toISOString();
    prefix = Array.from({ length: 14 }, (_, i) => text.charCodeAt(i));
    prefixes.set(hour, prefix);
  }
  for (let i = 0; i < 14; i++) out[i] = prefix[i]!;
  const rest = ms - hour * HOUR_MS;
  const minute = Math.floor(rest / 60_000);
  const second = Math.floor(rest / 1000) % 60;
  out[14] = 48 + Math.floor(minute / 10);
  out[15] = 48 + (minute % 10);
  out[16] = 58;
  out[17] = 48 + Math.floor(second / 10);
  out[18] = 48 + (second % 10);
}

/** '2024-06-01T10:11:12Z' (Graph signIn/directoryAudit timestamps). */
export function isoZ(ms: number): string {
  fillSeconds(ms, Z20);
  Z20[19] = 90;
  return String.fromCharCode.apply(null, Z20);
}

/** '2024-06-01T10:11:12' (unified audit log CreationTime: UTC without zone or fraction). */
export function ualTime(ms: number): string {
  fillSeconds(ms, Z19);
  return String.fromCharCode.apply(null, Z19);
}

/** '2024-06-01T10:11:12.3456789Z' (authenticationStepDateTime and other 7-digit .NET timestamps). */
export function isoTicks(ms: number, extraTicks: number): string {
  fillSeconds(ms, Z28);
  Z28[19] = 46;
  let frac = (((ms % 1000) + 1000) % 1000) * 10000 + (extraTicks % 10000);
  for (let i = 26; i >= 20; i--) {
    Z28[i] = 48 + (frac % 10);
    frac = Math.floor(frac / 10);
  }
  Z28[27] = 90;
  return String.fromCharCode.apply(null, Z28);
}

const formatters = new Map<string, Intl.DateTimeFormat>();
const offsetCache = new Map<string, number>();

/** Minutes to add to UTC to get local time in `timeZone` at instant `ms` (resolved per UTC day at noon). */
export function utcOffsetMinutes(timeZone: string, ms: number): number {
  const day = Math.floor(ms / DAY_MS);
  const key = timeZone + '|' + day;
  const cached = offsetCache.get(key);
  if (cached !== undefined) return cached;
  let f = formatters.get(timeZone);
  if (!f) {
    f = new Intl.DateTimeFormat('en-US', { timeZone, hourCycle: 'h23', year: 'numeric', month: 'numeric', day: 'numeric', hour: 'numeric', minute: 'numeric' });
    formatters.set(timeZone, f);
  }
  const at = day * DAY_MS + 12 * HOUR_MS;
  const parts: Record<string, number> = {};
  for (const p of f.formatToParts(new Date(at))) if (p.type !== 'literal') parts[p.type] = Number(p.value);
  const local = Date.UTC(parts['year'] ?? 1970, (parts['month'] ?? 1) - 1, parts['day'] ?? 1, parts['hour'] ?? 0, parts['minute'] ?? 0);
  const offset = Math.round((local - at) / 60_000);
  offsetCache.set(key, offset);
  return offset;
}

/** Local hour (0-23) and weekday (0 = Sunday) in `timeZone` at `ms`. */
export function localClock(timeZone: string, ms: number): { hour: number; weekday: number } {
  const local = ms + utcOffsetMinutes(timeZone, ms) * 60_000;
  const day = Math.floor(local / DAY_MS);
  // 1970-01-01 was a Thursday (4).
  return { hour: Math.floor((local - day * DAY_MS) / HOUR_MS), weekday: (((day + 4) % 7) + 7) % 7 };
}
