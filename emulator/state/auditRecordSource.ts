import type { AuditRecord, AuditRecordsJson, ContentType, Tenant } from '../tenant/model.ts';
import type { IngestionClock } from './ingestionClock.ts';
import type { OverlayAuditLog } from './overlayAuditLog.ts';
import { parseCreationTime } from './creationTime.ts';

const HOUR_MS = 3_600_000;

/**
 * The whole unified audit log as the services see it: the generated history (per hour, lazily) plus the overlay of
 * records caused through the emulator once they are ingested. Search-UnifiedAuditLog, the Graph audit log query
 * and the Management Activity feed all read it here, so they agree.
 */
export class AuditRecordSource {
  private readonly tenant: Tenant;
  private readonly overlay: OverlayAuditLog;
  private readonly clock: IngestionClock;
  readonly startMs: number;

  constructor(tenant: Tenant, overlay: OverlayAuditLog, clock: IngestionClock) {
    this.tenant = tenant;
    this.overlay = overlay;
    this.clock = clock;
    this.startMs = tenant.info.start.getTime();
  }

  contentTypeOf(record: AuditRecord): ContentType {
    return this.tenant.activity.contentTypeOf(record);
  }

  /** Hours of generated history. */
  get hourCount(): number {
    return this.tenant.activity.hourCount;
  }

  /** Index of the hour holding epoch ms `t`, counted from the start of the history (may be past its end). */
  hourIndexOf(t: number): number {
    return Math.floor((t - this.startMs) / HOUR_MS);
  }

  hourStartMs(h: number): number {
    return this.startMs + h * HOUR_MS;
  }

  /** Generated records of hour h (none outside the history). Shared arrays: read only. */
  generated(h: number): readonly AuditRecord[] {
    if (h < 0 || h >= this.tenant.activity.hourCount) return [];
    return this.tenant.activity.auditRecords(h);
  }

  /**
   * Generated records of hour h as JSON text (each exactly JSON.stringify of the record), for readers that only
   * serialize them: the tenant writes them without building objects when it can.
   */
  generatedJson(h: number): AuditRecordsJson {
    const activity = this.tenant.activity;
    if (activity.auditRecordsJson && h >= 0 && h < activity.hourCount) return activity.auditRecordsJson(h);
    const records = this.generated(h);
    const json = records.map((r) => Buffer.from(JSON.stringify(r), 'utf8'));
    const start = new Int32Array(records.length);
    const end = new Int32Array(records.length);
    let at = 0;
    for (let i = 0; i < json.length; i++) {
      start[i] = at;
      end[i] = at += json[i]!.length;
    }
    return {
      bytes: Buffer.concat(json),
      count: records.length,
      start,
      end,
      contentTypes: records.map((r) => activity.contentTypeOf(r)),
      times: Float64Array.from(records, (r) => parseCreationTime(r.CreationTime)),
    };
  }

  /** Overlay records of hour h that are ingested at `asOf` (ingestion clock ms, default now). */
  ingested(h: number, asOf = this.clock.now()): AuditRecord[] {
    const from = this.hourStartMs(h);
    return this.overlay.visibleIn(from, from + HOUR_MS, asOf).map((e) => e.record);
  }

  /** Every record of hour h visible at `asOf`, in CreationTime order. */
  hour(h: number, asOf = this.clock.now()): readonly AuditRecord[] {
    const extra = this.ingested(h, asOf);
    const base = this.generated(h);
    if (extra.length === 0) return base;
    return [...base, ...extra].sort((a, b) => parseCreationTime(a.CreationTime) - parseCreationTime(b.CreationTime));
  }

  /** The hour range [first, last] that can hold records in [fromMs, toMs): history plus any overlay hours. */
  hourRange(fromMs: number, toMs: number): { first: number; last: number } {
    const overlayEnd = this.overlay.all().reduce((max, e) => Math.max(max, e.createdAt + 1), 0);
    const end = Math.min(toMs, Math.max(this.tenant.info.end.getTime(), overlayEnd));
    return { first: Math.max(0, this.hourIndexOf(fromMs)), last: this.hourIndexOf(end - 1) };
  }

  /** Records with CreationTime in [fromMs, toMs) visible at `asOf`, oldest first. */
  *between(fromMs: number, toMs: number, asOf = this.clock.now()): Generator<AuditRecord> {
    const { first, last } = this.hourRange(fromMs, toMs);
    for (let h = first; h <= last; h++) {
      const records = this.hour(h, asOf);
      const hourStart = this.hourStartMs(h);
      const whole = hourStart >= fromMs && hourStart + HOUR_MS <= toMs;
      for (const record of records) {
        if (whole) yield record;
        else {
          const t = parseCreationTime(record.CreationTime);
          if (t >= fromMs && t < toMs) yield record;
        }
      }
    }
  }
}
