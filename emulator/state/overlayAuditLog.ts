import type { AuditRecord, ContentType } from '../tenant/model.ts';

export interface OverlayEntry {
  record: AuditRecord;
  contentType: ContentType;
  /** Epoch ms of CreationTime. */
  createdAt: number;
  /** Epoch ms (ingestion clock) from which searches and feeds show it. */
  visibleAt: number;
}

/**
 * Audit records caused by changes made through the emulator (write cmdlets), kept beside the generated history.
 * Append-only and in creation order.
 */
export class OverlayAuditLog {
  private readonly entries: OverlayEntry[] = [];

  append(entry: OverlayEntry): void {
    this.entries.push(entry);
  }

  /** Entries created in [fromMs, toMs) and visible at `nowMs`, oldest first. */
  visibleIn(fromMs: number, toMs: number, nowMs: number): OverlayEntry[] {
    return this.entries.filter((e) => e.createdAt >= fromMs && e.createdAt < toMs && e.visibleAt <= nowMs);
  }

  all(): readonly OverlayEntry[] {
    return this.entries;
  }
}
