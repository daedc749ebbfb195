// The lazy, per-hour activity of a tenant: ambient activity generated from (seed, hour) merged with the records
// planned at creation (scenarios, benign changes, trips), sorted by time. Sign-ins and audit records are built by
// separate passes over the same random draws (a consumer of one rarely needs the other), and a few recent hours
// of each are cached because servers page through an hour in several requests.

import type { Activity, AuditRecord, AuditRecordsJson, DirectoryAudit, SignIn } from '../model.ts';
import { HOUR_MS } from '../time.ts';
import { generateAmbientHour, generateAmbientHourJson } from './ambient.ts';
import { contentTypeOf } from './auditRecords.ts';
import type { ActivityContext } from './context.ts';
import { JsonOut, RecordColumns } from './jsonOut.ts';
import type { Planner } from './planner.ts';

interface SortedSignIns {
  signIns: SignIn[];
  directoryAudits: DirectoryAudit[];
}

/** Records kept per cache (sign-ins, audit records) at most: each costs roughly 2-3 kB of heap. */
const CACHE_RECORDS = 80_000;

export { contentTypeOf } from './auditRecords.ts';

/**
 * Where each of the first n records goes in a stable sort by second within the hour (counting sort: linear, and
 * records of the same second keep their generation order), written into `to` (and `slot`, scratch), both at least
 * n long. Records' times all lie in [t0, t0 + 1 h).
 */
function secondOrder(ms: ArrayLike<number>, n: number, t0: number, slot: Int32Array, to: Int32Array): Int32Array {
  const counts = new Int32Array(3601);
  for (let i = 0; i < n; i++) {
    const s = Math.min(3599, Math.max(0, Math.floor((ms[i]! - t0) / 1000)));
    slot[i] = s;
    counts[s + 1]!++;
  }
  for (let s = 1; s <= 3600; s++) counts[s]! += counts[s - 1]!;
  for (let i = 0; i < n; i++) to[i] = counts[slot[i]!]!++;
  return to;
}

function reorder<T>(items: T[], to: Int32Array): T[] {
  const out = new Array<T>(items.length);
  for (let i = 0; i < items.length; i++) out[to[i]!] = items[i]!;
  return out;
}

function sortBySecond<T>(records: T[], ms: number[], t0: number): T[] {
  return reorder(records, secondOrder(ms, ms.length, t0, new Int32Array(ms.length), new Int32Array(ms.length)));
}

class HourCache<T extends object> {
  private readonly entries = new Map<number, { value: T; size: number }>();
  private total = 0;

  get(h: number): T | undefined {
    const hit = this.entries.get(h);
    if (!hit) return undefined;
    this.entries.delete(h);
    this.entries.set(h, hit);
    return hit.value;
  }

  set(h: number, value: T, size: number): void {
    this.entries.set(h, { value, size });
    this.total += size;
    while (this.total > CACHE_RECORDS && this.entries.size > 1) {
      const [oldest, entry] = this.entries.entries().next().value as [number, { size: number }];
      this.entries.delete(oldest);
      this.total -= entry.size;
    }
  }
}

export function createActivity(ctx: ActivityContext, planner: Planner): Activity {
  const hourCount = planner.hourCount;
  const signInCache = new HourCache<SortedSignIns>();
  const auditCache = new HourCache<AuditRecord[]>();
  const check = (h: number): void => {
    if (!Number.isInteger(h) || h < 0 || h >= hourCount) throw new RangeError(`hour ${h} is outside the history (0..${hourCount - 1})`);
  };
  const signInHour = (h: number): SortedSignIns => {
    check(h);
    const hit = signInCache.get(h);
    if (hit) return hit;
    const t0 = planner.startMs + h * HOUR_MS;
    const out = generateAmbientHour(ctx, planner, h, 'signIns');
    const planned = planner.planned(h);
    if (planned) {
      out.signIns.push(...planned.signIns);
      out.signInMs.push(...planned.signInMs);
      out.directoryAudits.push(...planned.directoryAudits);
      out.directoryMs.push(...planned.directoryMs);
    }
    const value = { signIns: sortBySecond(out.signIns, out.signInMs, t0), directoryAudits: sortBySecond(out.directoryAudits, out.directoryMs, t0) };
    signInCache.set(h, value, value.signIns.length + value.directoryAudits.length);
    return value;
  };
  const auditHour = (h: number): AuditRecord[] => {
    check(h);
    const hit = auditCache.get(h);
    if (hit) return hit;
    const t0 = planner.startMs + h * HOUR_MS;
    const out = generateAmbientHour(ctx, planner, h, 'audit');
    const planned = planner.planned(h);
    if (planned) {
      out.auditRecords.push(...planned.auditRecords);
      out.auditMs.push(...planned.auditMs);
    }
    const value = sortBySecond(out.auditRecords, out.auditMs, t0);
    auditCache.set(h, value, value.length);
    return value;
  };
  // Not cached: the one reader (the Management Activity feed) keeps the bytes it serves. The text is written into
  // one buffer reused hour after hour, and the columns too: every new ArrayBuffer counts as external memory, and V8
  // answers each ~64 MB of it with a full mark-compact of the whole tenant (~150 ms CPU for 12,500 users); fresh
  // per-hour arrays are promoted to the old generation and bring on the same (see jsonOut.ts).
  const out = new JsonOut();
  const sorted = new RecordColumns();
  let slot = new Int32Array(0);
  let to = new Int32Array(0);
  const auditJsonHour = (h: number, into?: Buffer): AuditRecordsJson => {
    check(h);
    const t0 = planner.startMs + h * HOUR_MS;
    const scratch = out.buffer;
    if (into) out.buffer = into;
    let bytes: Buffer;
    try {
      generateAmbientHourJson(ctx, planner, h, out);
      const planned = planner.planned(h);
      if (planned) for (let i = 0; i < planned.auditRecords.length; i++) out.record(planned.auditMs[i]!, planned.auditRecords[i]!);
      bytes = out.bytes;
    } finally {
      // The caller's buffer is for this hour only.
      if (into) out.buffer = scratch;
    }
    const n = out.count;
    if (to.length < n) {
      slot = new Int32Array(n * 2);
      to = new Int32Array(n * 2);
    }
    secondOrder(out.ms, n, t0, slot, to);
    sorted.reserve(n);
    sorted.count = n;
    for (let i = 0; i < n; i++) {
      const j = to[i]!;
      sorted.start[j] = out.start[i]!;
      sorted.end[j] = out.end[i]!;
      sorted.times[j] = out.times[i]!;
      sorted.contentTypes[j] = out.contentTypes[i]!;
    }
    return { bytes, count: n, start: sorted.start, end: sorted.end, times: sorted.times, contentTypes: sorted.contentTypes };
  };
  return {
    hourCount,
    hourStart: (h: number) => {
      if (!Number.isInteger(h) || h < 0 || h > hourCount) throw new RangeError(`hour ${h} is outside the history (0..${hourCount})`);
      return new Date(planner.startMs + h * HOUR_MS);
    },
    hourOf: (t: Date) => {
      const h = Math.floor((t.getTime() - planner.startMs) / HOUR_MS);
      return h >= 0 && h < hourCount ? h : -1;
    },
    signIns: (h: number) => signInHour(h).signIns,
    directoryAudits: (h: number) => signInHour(h).directoryAudits,
    auditRecords: (h: number) => auditHour(h),
    auditRecordsJson: (h: number, into?: Buffer) => auditJsonHour(h, into),
    contentTypeOf,
  };
}
