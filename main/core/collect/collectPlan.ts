import type { LedgerWindowInput } from '../store/ledger.ts';
import type { EvidenceStore } from '../store/openStore.ts';
import type { AuditContentType } from '../m365/activity/managementActivityClient.ts';
import type { PlannedWindow, Stream } from './collectCheckpoint.ts';
import type { CollectParams } from './collectParams.ts';
import {
  ACTIVITY_FEED_DAYS_MS,
  ACTIVITY_LATENCY_MS,
  ACTIVITY_START_MARGIN_MS,
  AUDIT_WATERMARK,
  GRAPH_SOURCE_NAMES,
  GRAPH_SOURCES,
  RETENTION_MS,
  SEARCH_SOURCE,
  WATERMARK_OVERLAP_MS,
  familyOfLedgerSource,
  ledgerSourcesOf,
  type CollectFamily,
  type GraphSource,
} from './collectSources.ts';
import { readWatermark } from './collectWatermarks.ts';
import { windowsToRecollect } from './ledgerWindows.ts';
import { alignedWindows, DAY_MS, toWholeSeconds } from './timeWindows.ts';

export interface CollectPlan {
  streams: Stream[];
  /** Windows older than their log keeps: recorded in the ledger as past retention, never asked for. */
  pastRetention: LedgerWindowInput[];
}

/**
 * What a collection will fetch, log by log, in the order it runs: Graph logs in day windows (oldest first);
 * the unified audit log through Search-UnifiedAuditLog for what is older than the activity feed reaches (day
 * windows, split when a search hits its cap), then through the Management Activity API in day windows of
 * content creation (recorded in the ledger per hour). Searching first keeps the audit watermark moving forward only.
 */
export function planCollection(store: EvidenceStore, params: CollectParams, now: number): CollectPlan {
  const plan: CollectPlan = { streams: [], pastRetention: [] };
  for (const family of params.sources) {
    if (params.gaps) planGaps(store, params, family, now, plan);
    else if (family === 'audit') planAudit(store, params, now, plan);
    else for (const source of GRAPH_SOURCE_NAMES.filter((s) => GRAPH_SOURCES[s].family === family)) planGraph(store, params, source, now, plan);
  }
  return plan;
}

/** The range to collect, from the parameters or the watermark; what lies before the retention is cut off. */
function range(
  store: EvidenceStore,
  params: CollectParams,
  family: CollectFamily,
  watermark: string,
  now: number,
): { fromMs: number; toMs: number; retentionStart: number } {
  const retentionStart = now - RETENTION_MS[family];
  const mark = readWatermark(store.db, watermark);
  const fromMs = params.fromMs ?? (mark !== null ? Math.max(retentionStart, mark - WATERMARK_OVERLAP_MS) : retentionStart);
  return { fromMs, toMs: Math.min(params.toMs ?? now, now), retentionStart };
}

function pastRetention(source: string, fromMs: number, toMs: number, retentionStart: number, plan: CollectPlan, days: number): number {
  if (fromMs >= retentionStart) return fromMs;
  const end = Math.min(toMs, retentionStart);
  if (end > fromMs) {
    plan.pastRetention.push({ source, startMs: fromMs, endMs: end, received: 0, pastRetention: true, detail: `older than the ${days} days this log is kept` });
  }
  return Math.max(fromMs, retentionStart);
}

function planGraph(store: EvidenceStore, params: CollectParams, source: GraphSource, now: number, plan: CollectPlan): void {
  const family = GRAPH_SOURCES[source].family;
  const r = range(store, params, family, source, now);
  const fromMs = pastRetention(source, r.fromMs, r.toMs, r.retentionStart, plan, RETENTION_MS[family] / DAY_MS);
  if (fromMs < r.toMs) plan.streams.push({ kind: 'graph', source, windows: alignedWindows(fromMs, r.toMs, DAY_MS), watermark: source });
}

function planAudit(store: EvidenceStore, params: CollectParams, now: number, plan: CollectPlan): void {
  const r = range(store, params, 'audit', AUDIT_WATERMARK, now);
  const fromMs = pastRetention(SEARCH_SOURCE, r.fromMs, r.toMs, r.retentionStart, plan, RETENTION_MS.audit / DAY_MS);
  const feedStart = now - ACTIVITY_FEED_DAYS_MS + ACTIVITY_START_MARGIN_MS;
  const searchEnd = Math.min(r.toMs, feedStart);
  if (fromMs < searchEnd) {
    const whole = toWholeSeconds({ startMs: fromMs, endMs: searchEnd });
    plan.streams.push({ kind: 'search', windows: alignedWindows(whole.startMs, whole.endMs, DAY_MS), watermark: AUDIT_WATERMARK });
  }
  // Records reach the feed in blobs created after them: a range that ends before now lists a little past its end.
  const feedEnd = r.toMs >= now ? now : Math.min(now, r.toMs + ACTIVITY_LATENCY_MS);
  const feedFrom = Math.max(fromMs, feedStart);
  if (feedFrom < feedEnd) plan.streams.push({ kind: 'activity', windows: alignedWindows(feedFrom, feedEnd, DAY_MS), watermark: AUDIT_WATERMARK });
}

/** Re-collecting gaps: exactly the windows the ledger marks, grouped per log; nothing moves a watermark. */
function planGaps(store: EvidenceStore, params: CollectParams, family: CollectFamily, now: number, plan: CollectPlan): void {
  const sources = ledgerSourcesOf(family).filter((s) => params.ledgerSources === null || params.ledgerSources.includes(s));
  const retentionStart = now - RETENTION_MS[family];
  const found = windowsToRecollect(store, sources, { fromMs: params.fromMs, toMs: params.toMs });
  const graph = new Map<GraphSource, PlannedWindow[]>();
  const search: PlannedWindow[] = [];
  const activity = new Map<string, PlannedWindow>();
  for (const w of found) {
    if (familyOfLedgerSource(w.source) !== family) continue;
    if (w.endMs <= retentionStart) {
      plan.pastRetention.push({
        source: w.source,
        startMs: w.startMs,
        endMs: w.endMs,
        received: 0,
        pastRetention: true,
        detail: `was ${w.status}; now older than the ${RETENTION_MS[family] / DAY_MS} days this log is kept`,
      });
      continue;
    }
    if (w.source in GRAPH_SOURCES) {
      const list = graph.get(w.source as GraphSource) ?? [];
      list.push({ startMs: w.startMs, endMs: w.endMs });
      graph.set(w.source as GraphSource, list);
    } else if (w.source === SEARCH_SOURCE) {
      search.push(toWholeSeconds(w));
    } else {
      const key = `${w.startMs}/${w.endMs}`;
      const window = activity.get(key) ?? { startMs: w.startMs, endMs: w.endMs, contentTypes: [] };
      window.contentTypes!.push(w.source.slice('activity:'.length) as AuditContentType);
      activity.set(key, window);
    }
  }
  for (const [source, windows] of graph) plan.streams.push({ kind: 'graph', source, windows, watermark: null });
  if (search.length > 0) plan.streams.push({ kind: 'search', windows: search, watermark: null });
  if (activity.size > 0) plan.streams.push({ kind: 'activity', windows: [...activity.values()].sort((a, b) => a.startMs - b.startMs), watermark: null });
}
