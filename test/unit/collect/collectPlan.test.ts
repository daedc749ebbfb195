// What a collection plans from its parameters, the watermarks and the ledger (no network).
import { describe, expect, it } from 'vitest';
import { CollectParams, collectTitle } from '../../../main/core/collect/collectParams.ts';
import { planCollection } from '../../../main/core/collect/collectPlan.ts';
import { advanceWatermark, readWatermark } from '../../../main/core/collect/collectWatermarks.ts';
import { DAY_MS, HOUR_MS } from '../../../main/core/collect/timeWindows.ts';
import { recordLedgerWindow } from '../../../main/core/store/ledger.ts';
import { newStore } from '../store/testStore.ts';

const NOW = Date.UTC(2026, 5, 20, 10, 30);
const params = (input: Record<string, unknown>) => CollectParams.parse(input);

describe('planning a collection', () => {
  it('starts a first incremental collection where each log is kept from, in day windows, oldest first', () => {
    const store = newStore();
    const plan = planCollection(store, params({ sources: ['signins', 'directory-audits'] }), NOW);
    expect(plan.pastRetention).toEqual([]);
    expect(plan.streams.map((s) => [s.kind, s.source, s.watermark])).toEqual([
      ['graph', 'graph:signIns', 'graph:signIns'],
      ['graph', 'graph:nonInteractiveSignIns', 'graph:nonInteractiveSignIns'],
      ['graph', 'graph:directoryAudits', 'graph:directoryAudits'],
    ]);
    const windows = plan.streams[0]!.windows;
    expect(windows[0]!.startMs).toBe(NOW - 30 * DAY_MS);
    expect(windows[windows.length - 1]!.endMs).toBe(NOW);
    expect(windows.slice(1).every((w) => w.startMs % DAY_MS === 0)).toBe(true);
  });

  it('continues from the watermark, less an hour', () => {
    const store = newStore();
    const mark = NOW - 3 * DAY_MS;
    advanceWatermark(store.db, 'graph:signIns', { startMs: mark - DAY_MS, endMs: mark });
    const plan = planCollection(store, params({ sources: ['signins'] }), NOW);
    expect(plan.streams[0]!.windows[0]!.startMs).toBe(mark - HOUR_MS);
    expect(plan.streams[1]!.windows[0]!.startMs).toBe(NOW - 30 * DAY_MS);
  });

  it('moves a watermark only forward, and only over a window that continues it', () => {
    const store = newStore();
    advanceWatermark(store.db, 'x', { startMs: 0, endMs: 100 });
    advanceWatermark(store.db, 'x', { startMs: 200, endMs: 300 }); // detached: would skip 100..200
    expect(readWatermark(store.db, 'x')).toBe(100);
    advanceWatermark(store.db, 'x', { startMs: 10, endMs: 50 }); // older
    expect(readWatermark(store.db, 'x')).toBe(100);
    advanceWatermark(store.db, 'x', { startMs: 90, endMs: 250 });
    expect(readWatermark(store.db, 'x')).toBe(250);
  });

  it('searches what the activity feed no longer lists, then reads the feed in day windows', () => {
    const store = newStore();
    const from = NOW - 20 * DAY_MS;
    const plan = planCollection(store, params({ sources: ['audit'], fromMs: from }), NOW);
    const [search, feed] = plan.streams;
    expect(search!.kind).toBe('search');
    expect(feed!.kind).toBe('activity');
    const feedStart = NOW - 7 * DAY_MS + HOUR_MS;
    expect(search!.windows[0]!.startMs).toBe(from);
    expect(search!.windows[search!.windows.length - 1]!.endMs).toBe(feedStart);
    expect(feed!.windows[0]!.startMs).toBe(feedStart);
    expect(feed!.windows[feed!.windows.length - 1]!.endMs).toBe(NOW);
    expect(search!.watermark).toBe('unified-audit-log');
  });

  it('records what lies beyond a log’s retention as past retention instead of asking for it', () => {
    const store = newStore();
    const from = NOW - 40 * DAY_MS;
    const plan = planCollection(store, params({ sources: ['directory-audits'], fromMs: from, toMs: NOW - DAY_MS }), NOW);
    expect(plan.pastRetention).toEqual([
      expect.objectContaining({ source: 'graph:directoryAudits', startMs: from, endMs: NOW - 30 * DAY_MS, pastRetention: true }),
    ]);
    expect(plan.streams[0]!.windows[0]!.startMs).toBe(NOW - 30 * DAY_MS);
  });

  it('re-collects exactly the open windows of the ledger, per log, moving no watermark', () => {
    const store = newStore();
    const t = Math.floor(NOW / DAY_MS) * DAY_MS - 2 * DAY_MS;
    recordLedgerWindow(store, { source: 'graph:signIns', startMs: t, endMs: t + DAY_MS, received: 3 });
    recordLedgerWindow(store, { source: 'graph:nonInteractiveSignIns', startMs: t, endMs: t + 5 * HOUR_MS, received: 0, gap: true });
    recordLedgerWindow(store, { source: 'ual-search', startMs: t - 30 * DAY_MS, endMs: t - 29 * DAY_MS, expected: 10, received: 3 });
    recordLedgerWindow(store, { source: 'activity:Audit.Exchange', startMs: t + HOUR_MS, endMs: t + 2 * HOUR_MS, received: 0, gap: true });
    recordLedgerWindow(store, { source: 'activity:Audit.General', startMs: t + HOUR_MS, endMs: t + 2 * HOUR_MS, received: 0, gap: true });
    recordLedgerWindow(store, { source: 'import:x.json', startMs: t, endMs: t + HOUR_MS, expected: 2, received: 1 });
    const plan = planCollection(store, params({ sources: ['signins', 'audit'], gaps: true }), NOW);
    expect(plan.streams).toEqual([
      { kind: 'graph', source: 'graph:nonInteractiveSignIns', windows: [{ startMs: t, endMs: t + 5 * HOUR_MS }], watermark: null },
      { kind: 'search', windows: [{ startMs: t - 30 * DAY_MS, endMs: t - 29 * DAY_MS }], watermark: null },
      { kind: 'activity', windows: [{ startMs: t + HOUR_MS, endMs: t + 2 * HOUR_MS, contentTypes: ['Audit.Exchange', 'Audit.General'] }], watermark: null },
    ]);
    const only = planCollection(store, params({ sources: ['audit'], gaps: true, ledgerSources: ['ual-search'] }), NOW);
    expect(only.streams.map((s) => s.kind)).toEqual(['search']);
    // A gap now older than the log is kept becomes past retention.
    const later = planCollection(store, params({ sources: ['signins'], gaps: true }), NOW + 40 * DAY_MS);
    expect(later.streams).toEqual([]);
    expect(later.pastRetention).toEqual([expect.objectContaining({ source: 'graph:nonInteractiveSignIns', pastRetention: true })]);
  });
});

describe('collection parameters', () => {
  it('name what is wrong', () => {
    expect(() => params({ sources: [] })).toThrow(/at least one of signins, directory-audits, audit/);
    expect(() => params({ sources: ['mail'] })).toThrow();
    expect(() => params({ sources: ['audit'], fromMs: NOW, toMs: NOW - 1 })).toThrow(/must end after it starts/);
    expect(() => params({ sources: ['audit'], ledgerSources: ['ual-search'] })).toThrow(/only when re-collecting gaps/);
    expect(() => params({ sources: ['audit'], gaps: true, ledgerSources: ['import:x.json'] })).toThrow(/not a ledger source collection writes/);
    expect(() => params({ sources: ['signins'], gaps: true, ledgerSources: ['ual-search'] })).toThrow(/belong to one of the sources/);
  });

  it('are the same whatever order the sources are named in (a resumed job is found by its parameters)', () => {
    expect(params({ sources: ['audit', 'signins', 'audit'] }).sources).toEqual(['signins', 'audit']);
    expect(collectTitle(params({ sources: ['audit', 'signins'] }))).toBe('Collect sign-ins, unified audit log (incremental)');
    expect(collectTitle(params({ sources: ['audit'], gaps: true, ledgerSources: ['ual-search'] }))).toBe('Re-collect the gaps of ual-search');
  });
});
