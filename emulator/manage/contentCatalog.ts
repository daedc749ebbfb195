import { createHash } from 'node:crypto';
import type { EmulatorContext } from '../context.ts';
import type { AuditRecord, ContentType } from '../tenant/model.ts';
import { CONTENT_ABBR, CONTENT_TYPES } from './contentTypes.ts';
import type { GeneratorThread } from './generatorThread.ts';
import { HistoryBlobs, type BlobBody } from './historyBlobs.ts';

const HOUR_MS = 3_600_000;
const MINUTE_MS = 60_000;
/** A slice's blob is published this long after the slice ends. */
const PUBLISH_DELAY_MS = 5 * MINUTE_MS;
/** History blobs each hold a quarter of an hour of one content type. */
const SLICES_PER_HOUR = 4;
const SLICE_MS = HOUR_MS / SLICES_PER_HOUR;
export const CONTENT_RETENTION_MS = 7 * 24 * HOUR_MS;

/**
 * The content types the synthetic history has records of (its records are Exchange or Azure AD workload records);
 * the other types only ever hold records caused through the emulator.
 */
const HISTORY_TYPES: ReadonlySet<ContentType> = new Set(['Audit.Exchange', 'Audit.AzureActiveDirectory']);

/** One content blob: a quarter hour of the history, or the records ingested through the emulator in one minute. */
export interface BlobRef {
  type: ContentType;
  /** Start of the hour the id names (epoch ms). */
  hourMs: number;
  /** Slice index (0-3) of a history hour, or the minute (0-59) of an overlay blob. */
  part: number;
  overlay: boolean;
  contentCreatedMs: number;
}

function yyyymmddhh(ms: number): string {
  return new Date(ms).toISOString().slice(0, 13).replace(/[-T]/g, '');
}

/**
 * Which blobs exist, their ids, and their records. Blobs are cut by time, not by count, so listing content never
 * has to generate the history (which would then be generated a second time when the blobs are fetched); the price
 * is that a quiet quarter hour is listed as an empty blob (`[]`). Ids look like Microsoft's
 * (`<n>$<n>$<tenant hex><type><yyyyMMddHH><part>$<32 hex>$04`) and carry a digest, so an altered id is unknown.
 */
export class ContentCatalog {
  private readonly ctx: EmulatorContext;
  private readonly blobs: HistoryBlobs;

  constructor(ctx: EmulatorContext, thread?: GeneratorThread) {
    this.ctx = ctx;
    this.blobs = new HistoryBlobs(ctx.audit, SLICES_PER_HOUR, [...HISTORY_TYPES], { thread });
  }

  private digest(type: ContentType, hourMs: number, part: string): string {
    return createHash('sha256').update(`${this.ctx.seed}|${this.ctx.directory.tenantId}|${type}|${hourMs}|${part}`).digest('hex').slice(0, 32);
  }

  private partText(ref: Pick<BlobRef, 'overlay' | 'part'>): string {
    return ref.overlay ? `m${String(ref.part).padStart(2, '0')}` : String(ref.part).padStart(3, '0');
  }

  contentId(ref: BlobRef): string {
    const part = this.partText(ref);
    const n = String(ref.hourMs / HOUR_MS);
    const tenantHex = this.ctx.directory.tenantId.replace(/-/g, '').toLowerCase();
    return `${n}$${n}$${tenantHex}${CONTENT_ABBR[ref.type]}${yyyymmddhh(ref.hourMs)}${part}$${this.digest(ref.type, ref.hourMs, part)}$04`;
  }

  /** 'malformed' for an id that is not one of ours in form; 'unknown' when well formed but never issued. */
  parse(contentId: string): BlobRef | 'malformed' | 'unknown' {
    const m = /^(\d+)\$(\d+)\$([0-9a-f]{32})(aad|exc|spo|gen|dlp)(\d{10})(\d{3}|m\d{2})\$([0-9a-f]{32})\$04$/.exec(contentId);
    if (!m) return 'malformed';
    const type = CONTENT_TYPES.find((t) => CONTENT_ABBR[t] === m[4]);
    const hourMs = Number(m[1]) * HOUR_MS;
    const partText = m[6] ?? '';
    if (!type || m[1] !== m[2] || m[3] !== this.ctx.directory.tenantId.replace(/-/g, '').toLowerCase() || yyyymmddhh(hourMs) !== m[5]) return 'unknown';
    if (this.digest(type, hourMs, partText) !== m[7]) return 'unknown';
    const overlay = partText.startsWith('m');
    const part = Number(overlay ? partText.slice(1) : partText);
    if (overlay) {
      const ref: BlobRef = { type, hourMs, part, overlay, contentCreatedMs: hourMs + (part + 1) * MINUTE_MS };
      return this.overlayRecords(ref).length ? ref : 'unknown';
    }
    const h = this.ctx.audit.hourIndexOf(hourMs);
    if (!HISTORY_TYPES.has(type) || part >= SLICES_PER_HOUR || h < 0 || h >= this.ctx.tenant.activity.hourCount) return 'unknown';
    return { type, hourMs, part, overlay, contentCreatedMs: hourMs + (part + 1) * SLICE_MS + PUBLISH_DELAY_MS };
  }

  /** Blobs of a content type created in [fromMs, toMs) and published by `nowMs`, oldest first. */
  list(type: ContentType, fromMs: number, toMs: number, nowMs: number): BlobRef[] {
    const refs: BlobRef[] = [];
    const until = Math.min(toMs, nowMs + 1);
    if (HISTORY_TYPES.has(type)) {
      const source = this.ctx.audit;
      const first = Math.max(0, source.hourIndexOf(fromMs - PUBLISH_DELAY_MS - HOUR_MS));
      const last = Math.min(this.ctx.tenant.activity.hourCount - 1, source.hourIndexOf(until - PUBLISH_DELAY_MS));
      for (let h = first; h <= last; h++) {
        const hourMs = source.hourStartMs(h);
        for (let part = 0; part < SLICES_PER_HOUR; part++) {
          const created = hourMs + (part + 1) * SLICE_MS + PUBLISH_DELAY_MS;
          if (created >= fromMs && created < until) refs.push({ type, hourMs, part, overlay: false, contentCreatedMs: created });
        }
      }
    }
    const minutes = new Set<number>();
    for (const entry of this.ctx.overlay.all()) {
      if (entry.contentType !== type) continue;
      const minuteStart = Math.floor(entry.visibleAt / MINUTE_MS) * MINUTE_MS;
      const created = minuteStart + MINUTE_MS;
      if (created >= fromMs && created < until) minutes.add(minuteStart);
    }
    for (const minuteStart of minutes) {
      const hourMs = Math.floor(minuteStart / HOUR_MS) * HOUR_MS;
      refs.push({ type, hourMs, part: (minuteStart - hourMs) / MINUTE_MS, overlay: true, contentCreatedMs: minuteStart + MINUTE_MS });
    }
    return refs.sort((a, b) => a.contentCreatedMs - b.contentCreatedMs);
  }

  /** The blob's body: the JSON array of its records. Release it once sent. */
  body(ref: BlobRef): Promise<BlobBody> | BlobBody {
    if (ref.overlay) {
      const records = this.overlayRecords(ref);
      const bytes = Buffer.from(JSON.stringify(records), 'utf8');
      return { chunks: [bytes], size: bytes.length, records: records.length, release: () => {} };
    }
    return this.blobs.blob(this.ctx.audit.hourIndexOf(ref.hourMs), ref.type, ref.part);
  }

  private overlayRecords(ref: BlobRef): AuditRecord[] {
    const minuteStart = ref.hourMs + ref.part * MINUTE_MS;
    return this.ctx.overlay
      .all()
      .filter((e) => e.contentType === ref.type && e.visibleAt >= minuteStart && e.visibleAt < minuteStart + MINUTE_MS)
      .map((e) => e.record);
  }
}
