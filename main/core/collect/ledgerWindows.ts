import { listLedgerWindows, type LedgerWindow } from '../store/ledger.ts';
import type { EvidenceStore } from '../store/openStore.ts';
import type { TimeWindow } from './timeWindows.ts';

/** The statuses `--gaps` re-collects: something is known to be missing, or was never finished. */
export const RECOLLECT_STATUSES = new Set(['gap', 'partial', 'pending']);

/**
 * Drops what earlier runs recorded inside `window` for `source`, except the windows this run just recorded
 * (`keep`): after a window is collected again, possibly cut differently (a search split at other points, a
 * Graph window whose failed page now loads), the ledger shows this run's result and not a stale gap beside it.
 * Call it inside the transaction that finishes the window.
 *
 * (The store's ledger API has no "replace what lies inside" operation yet; this is the one statement it
 * would hold. See the collection report.)
 */
export function supersedeInside(store: EvidenceStore, source: string, window: TimeWindow, keep: readonly TimeWindow[]): number {
  const rows = store.db
    .prepare('SELECT id, window_start AS s, window_end AS e FROM ledger_windows WHERE source = ? AND window_start >= ? AND window_end <= ?')
    .all(source, window.startMs, window.endMs) as { id: number; s: number; e: number }[];
  const kept = new Set(keep.map((k) => `${k.startMs}/${k.endMs}`));
  const remove = store.db.prepare('DELETE FROM ledger_windows WHERE id = ?');
  let removed = 0;
  for (const row of rows) {
    if (kept.has(`${row.s}/${row.e}`)) continue;
    remove.run(row.id);
    removed++;
  }
  return removed;
}

/** The windows of `sources` that `--gaps` should collect again, oldest first, within [fromMs, toMs) when given. */
export function windowsToRecollect(store: EvidenceStore, sources: readonly string[], range: { fromMs?: number | null; toMs?: number | null }): LedgerWindow[] {
  const out: LedgerWindow[] = [];
  for (const source of sources) {
    const query: { source: string; fromMs?: number; toMs?: number } = { source };
    if (range.fromMs != null) query.fromMs = range.fromMs;
    if (range.toMs != null) query.toMs = range.toMs;
    for (const w of listLedgerWindows(store, query)) if (RECOLLECT_STATUSES.has(w.status)) out.push(w);
  }
  return out.sort((a, b) => a.startMs - b.startMs || a.source.localeCompare(b.source));
}
