import { WardenError } from '../../../shared/errors.ts';
import type { EvidenceStore } from './openStore.ts';

export const LEDGER_STATUSES = ['complete', 'partial', 'gap', 'past-retention', 'pending'] as const;
export type LedgerStatus = (typeof LEDGER_STATUSES)[number];

/** What a collector (or an import) learned about one source and time window. */
export interface LedgerWindowInput {
  /** e.g. 'activity:Audit.Exchange', 'graph:signIns', 'graph:directoryAudits', 'ual-search', 'import'. */
  source: string;
  startMs: number;
  endMs: number;
  /** What the source said it had (ResultCount, a count probe), when it says. */
  expected?: number | null;
  received: number;
  /** The window hit a service cap (50,000 / 5,000 / 1M) and was not split small enough. */
  capHit?: boolean;
  retried?: number;
  /** The source no longer holds this window (older than its retention). */
  pastRetention?: boolean;
  /** A known unrecoverable hole, e.g. a session that returned fewer than its ResultCount after retries. */
  gap?: boolean;
  pending?: boolean;
  detail?: string | null;
  batchId?: number | null;
}

export interface LedgerWindow {
  source: string;
  startMs: number;
  endMs: number;
  status: LedgerStatus;
  expected: number | null;
  received: number;
  capHit: boolean;
  retried: number;
  detail: string | null;
  batchId: number | null;
  recordedAt: number;
}

/** The status a window gets from its facts: anything short of "all that was expected arrived" is not complete. */
export function windowStatus(input: LedgerWindowInput): LedgerStatus {
  if (input.pastRetention) return 'past-retention';
  if (input.pending) return 'pending';
  if (input.gap) return 'gap';
  if (input.expected != null && input.received < input.expected) return 'gap';
  if (input.capHit) return 'partial';
  return 'complete';
}

/**
 * Records (or re-records) a window. The same source and window recorded again replaces the earlier
 * entry: re-collecting a gap turns it complete. Call it inside the batch's transaction
 * (BatchWriter.commit's `within`) so records and ledger never disagree.
 */
export function recordLedgerWindow(store: EvidenceStore, input: LedgerWindowInput): LedgerStatus {
  if (!(input.endMs > input.startMs)) throw new WardenError('invalid-input', `A ledger window must end after it starts (${input.source}).`);
  const status = windowStatus(input);
  store.db
    .prepare(
      `INSERT INTO ledger_windows (source, window_start, window_end, status, expected, received, cap_hit, retried, detail, batch_id, recorded_at)
       VALUES (@source, @start, @end, @status, @expected, @received, @capHit, @retried, @detail, @batchId, @recordedAt)
       ON CONFLICT (source, window_start, window_end) DO UPDATE SET status = excluded.status, expected = excluded.expected,
         received = excluded.received, cap_hit = excluded.cap_hit, retried = ledger_windows.retried + excluded.retried,
         detail = excluded.detail, batch_id = excluded.batch_id, recorded_at = excluded.recorded_at`,
    )
    .run({
      source: input.source,
      start: input.startMs,
      end: input.endMs,
      status,
      expected: input.expected ?? null,
      received: input.received,
      capHit: input.capHit ? 1 : 0,
      retried: input.retried ?? 0,
      detail: input.detail ?? null,
      batchId: input.batchId ?? null,
      recordedAt: Date.now(),
    });
  return status;
}

export function listLedgerWindows(store: EvidenceStore, query: { source?: string; fromMs?: number; toMs?: number } = {}): LedgerWindow[] {
  const rows = store.db
    .prepare(
      `SELECT * FROM ledger_windows WHERE (@source IS NULL OR source = @source)
       AND (@from IS NULL OR window_end > @from) AND (@to IS NULL OR window_start < @to) ORDER BY source, window_start`,
    )
    .all({ source: query.source ?? null, from: query.fromMs ?? null, to: query.toMs ?? null }) as Record<string, unknown>[];
  return rows.map((r) => ({
    source: r['source'] as string,
    startMs: r['window_start'] as number,
    endMs: r['window_end'] as number,
    status: r['status'] as LedgerStatus,
    expected: r['expected'] as number | null,
    received: r['received'] as number,
    capHit: r['cap_hit'] === 1,
    retried: r['retried'] as number,
    detail: r['detail'] as string | null,
    batchId: r['batch_id'] as number | null,
    recordedAt: r['recorded_at'] as number,
  }));
}

export type CoverageStatus = LedgerStatus | 'unknown';
export interface CoverageCell {
  startMs: number;
  endMs: number;
  status: CoverageStatus;
  expected: number | null;
  received: number;
}

/** Worst first: a bucket shows its worst window, and 'unknown' where nothing covers part of it. */
const SEVERITY: Record<CoverageStatus, number> = { gap: 6, unknown: 5, partial: 4, pending: 3, 'past-retention': 2, complete: 1 };

/**
 * The coverage map for one source: the range cut into buckets, each with the worst status of the
 * windows overlapping it ('unknown' where no window covers part of the bucket). This is the strip
 * the Audit view draws.
 */
export function coverageMap(store: EvidenceStore, query: { source: string; fromMs: number; toMs: number; bucketMs: number }): CoverageCell[] {
  const { fromMs, toMs, bucketMs } = query;
  if (!(toMs > fromMs) || !(bucketMs > 0)) throw new WardenError('invalid-input', 'A coverage map needs from < to and a positive bucket size.');
  if ((toMs - fromMs) / bucketMs > 100_000) throw new WardenError('invalid-input', 'Too many coverage buckets; use a larger bucket size.');
  const windows = listLedgerWindows(store, { source: query.source, fromMs, toMs });
  const cells: CoverageCell[] = [];
  for (let start = fromMs; start < toMs; start += bucketMs) {
    const end = Math.min(start + bucketMs, toMs);
    let worst: CoverageStatus | null = null;
    let expected: number | null = null;
    let received = 0;
    // Covered length, to tell a fully covered bucket from one with holes (windows never overlap much).
    const spans: [number, number][] = [];
    for (const w of windows) {
      if (w.endMs <= start || w.startMs >= end) continue;
      if (worst === null || SEVERITY[w.status] > SEVERITY[worst]) worst = w.status;
      spans.push([Math.max(w.startMs, start), Math.min(w.endMs, end)]);
      // Counts are attributed in proportion to the overlap.
      const share = (Math.min(w.endMs, end) - Math.max(w.startMs, start)) / (w.endMs - w.startMs);
      received += w.received * share;
      if (w.expected != null) expected = (expected ?? 0) + w.expected * share;
    }
    spans.sort((a, b) => a[0] - b[0]);
    let covered = 0;
    let cursor = start;
    for (const [s, e] of spans) {
      if (e <= cursor) continue;
      covered += e - Math.max(s, cursor);
      cursor = e;
    }
    const status: CoverageStatus = worst === null ? 'unknown' : covered < end - start && SEVERITY.unknown > SEVERITY[worst] ? 'unknown' : worst;
    cells.push({ startMs: start, endMs: end, status, expected: expected === null ? null : Math.round(expected), received: Math.round(received) });
  }
  return cells;
}
