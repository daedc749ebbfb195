import { CoverageRequest, CoverageStatus, type CoverageResult, type SourceCoverage } from '../../../shared/ipc/review.ts';
import { coverageMap, listLedgerWindows } from '../store/ledger.ts';
import type { EvidenceStore } from '../store/openStore.ts';

const HOUR_MS = 3_600_000;
/** More sources than this make the strip unreadable; the rest are named, not drawn. */
export const MAX_STRIP_SOURCES = 12;

/**
 * The Audit view's coverage strip: for each ledger source with windows in the range, the range cut
 * into whole-hour cells (about `buckets` of them), each with the worst status of its windows
 * (coverageMap), plus the hours in each status. Without a range: the span of the whole ledger.
 */
export function coverageStrip(store: EvidenceStore, input: CoverageRequest): CoverageResult {
  const request = CoverageRequest.parse(input);
  const windows = listLedgerWindows(store, { fromMs: request.fromMs, toMs: request.toMs });
  let fromMs = request.fromMs ?? null;
  let toMs = request.toMs ?? null;
  for (const w of windows) {
    if (request.fromMs === undefined) fromMs = Math.min(fromMs ?? w.startMs, w.startMs);
    if (request.toMs === undefined) toMs = Math.max(toMs ?? w.endMs, w.endMs);
  }
  if (fromMs === null || toMs === null || windows.length === 0) {
    return { fromMs, toMs, bucketMs: HOUR_MS, sources: [], hiddenSources: [] };
  }
  // Cells are whole hours, aligned to the hour: a reviewer reads "which hours are complete".
  const start = Math.floor(fromMs / HOUR_MS) * HOUR_MS;
  const end = Math.ceil(toMs / HOUR_MS) * HOUR_MS;
  const bucketMs = Math.max(1, Math.ceil((end - start) / request.buckets / HOUR_MS)) * HOUR_MS;
  const stripEnd = start + Math.ceil((end - start) / bucketMs) * bucketMs;

  // Most recently recorded first: the sources a reviewer just collected or imported.
  const lastRecorded = new Map<string, number>();
  for (const w of windows) lastRecorded.set(w.source, Math.max(lastRecorded.get(w.source) ?? 0, w.recordedAt));
  const names = [...lastRecorded.keys()].sort((a, b) => lastRecorded.get(b)! - lastRecorded.get(a)! || a.localeCompare(b));
  const shown = names.slice(0, MAX_STRIP_SOURCES).sort((a, b) => a.localeCompare(b));

  const sources: SourceCoverage[] = shown.map((source) => {
    const cells = coverageMap(store, { source, fromMs: start, toMs: stripEnd, bucketMs });
    const hours = Object.fromEntries(CoverageStatus.options.map((s) => [s, 0])) as SourceCoverage['hours'];
    for (const cell of cells) hours[cell.status] += (cell.endMs - cell.startMs) / HOUR_MS;
    return { source, cells, hours };
  });
  return { fromMs: start, toMs: stripEnd, bucketMs, sources, hiddenSources: names.slice(MAX_STRIP_SOURCES) };
}
