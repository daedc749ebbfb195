// Records decided when the tenant is created (scenarios, benign configuration changes, near misses), kept per
// hour so the lazy hourly generator can merge them with the ambient activity. Also the per-person "away"
// windows that tell the ambient generator to leave a person alone at a given time.

import type { AuditRecord, DirectoryAudit, Evidence, SignIn } from '../model.ts';
import { HOUR_MS } from '../time.ts';

/** One hour's records with their times (parallel arrays: cheaper than a wrapper object per record). */
export interface HourRecords {
  signIns: SignIn[];
  signInMs: number[];
  directoryAudits: DirectoryAudit[];
  directoryMs: number[];
  auditRecords: AuditRecord[];
  auditMs: number[];
}

export function emptyHour(): HourRecords {
  return { signIns: [], signInMs: [], directoryAudits: [], directoryMs: [], auditRecords: [], auditMs: [] };
}

export interface Stay {
  fromMs: number;
  toMs: number;
}

export class Planner {
  readonly startMs: number;
  readonly hourCount: number;
  private readonly buckets = new Map<number, HourRecords>();
  /** Person index → periods when the ambient generator must not make activity for them. */
  private readonly away = new Map<number, Stay[]>();

  constructor(startMs: number, hourCount: number) {
    this.startMs = startMs;
    this.hourCount = hourCount;
  }

  hourOf(ms: number): number {
    const h = Math.floor((ms - this.startMs) / HOUR_MS);
    if (h < 0 || h >= this.hourCount) throw new RangeError(`planned record at ${new Date(ms).toISOString()} is outside the history`);
    return h;
  }

  private bucket(h: number): HourRecords {
    let b = this.buckets.get(h);
    if (!b) {
      b = emptyHour();
      this.buckets.set(h, b);
    }
    return b;
  }

  addSignIn(ms: number, record: SignIn): Evidence {
    const hour = this.hourOf(ms);
    const b = this.bucket(hour);
    b.signIns.push(record);
    b.signInMs.push(ms);
    return { source: 'signIn', id: record.id, hour, time: record.createdDateTime, operation: `signIn:${record.status.errorCode}` };
  }

  addAuditRecord(ms: number, record: AuditRecord): Evidence {
    const hour = this.hourOf(ms);
    const b = this.bucket(hour);
    b.auditRecords.push(record);
    b.auditMs.push(ms);
    return { source: 'auditRecord', id: record.Id, hour, time: record.CreationTime + 'Z', operation: record.Operation };
  }

  addDirectoryAudit(ms: number, record: DirectoryAudit): Evidence {
    const hour = this.hourOf(ms);
    const b = this.bucket(hour);
    b.directoryAudits.push(record);
    b.directoryMs.push(ms);
    return { source: 'directoryAudit', id: record.id, hour, time: record.activityDateTime, operation: record.activityDisplayName };
  }

  planned(h: number): HourRecords | undefined {
    return this.buckets.get(h);
  }

  /** Keeps the ambient generator away from a person for a period. */
  setAway(person: number, stay: Stay): void {
    const list = this.away.get(person);
    if (list) list.push(stay);
    else this.away.set(person, [stay]);
  }

  isAway(person: number, ms: number): boolean {
    const list = this.away.get(person);
    if (!list) return false;
    for (const s of list) if (ms >= s.fromMs && ms < s.toMs) return true;
    return false;
  }
}
