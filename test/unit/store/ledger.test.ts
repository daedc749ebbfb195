import { describe, expect, it } from 'vitest';
import { coverageMap, listLedgerWindows, recordLedgerWindow } from '../../../main/core/store/ledger.ts';
import { newStore } from './testStore.ts';

const H = 3_600_000;
const T = Date.UTC(2026, 5, 1);

describe('the completeness ledger', () => {
  it('derives each window status from what was expected and received, and maps coverage', () => {
    const store = newStore();
    const source = 'activity:Audit.Exchange';
    expect(recordLedgerWindow(store, { source, startMs: T, endMs: T + H, expected: 100, received: 100 })).toBe('complete');
    expect(recordLedgerWindow(store, { source, startMs: T + H, endMs: T + 2 * H, expected: 60_000, received: 50_000, capHit: true, retried: 2 })).toBe('gap');
    expect(recordLedgerWindow(store, { source, startMs: T + 2 * H, endMs: T + 3 * H, received: 5, capHit: true })).toBe('partial');
    expect(recordLedgerWindow(store, { source, startMs: T + 4 * H, endMs: T + 5 * H, received: 0, pastRetention: true })).toBe('past-retention');
    const cells = coverageMap(store, { source, fromMs: T, toMs: T + 5 * H, bucketMs: H });
    expect(cells.map((c) => c.status)).toEqual(['complete', 'gap', 'partial', 'unknown', 'past-retention']);
    expect(cells[1]).toMatchObject({ expected: 60_000, received: 50_000 });
    // Re-collecting the gap replaces it.
    recordLedgerWindow(store, { source, startMs: T + H, endMs: T + 2 * H, expected: 60_000, received: 60_000, retried: 1 });
    const window = listLedgerWindows(store, { source }).find((w) => w.startMs === T + H)!;
    expect(window).toMatchObject({ status: 'complete', retried: 3 });
  });
});
