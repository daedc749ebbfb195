import type { JobKind } from '../jobs/jobKind.ts';
import { collectActivityStream } from './activityFeedStream.ts';
import { collectSearchStream } from './auditSearchStream.ts';
import { emptyTotals, type CollectCheckpoint, type Stream } from './collectCheckpoint.ts';
import { CollectParams, collectTitle } from './collectParams.ts';
import { planCollection } from './collectPlan.ts';
import { CollectRun } from './collectRun.ts';
import { GRAPH_SOURCES, SEARCH_SOURCE } from './collectSources.ts';
import { collectGraphStream } from './graphLogStream.ts';
import { describeWindow } from './timeWindows.ts';

export const COLLECT_JOB_KIND = 'collect';

function streamTitle(stream: Stream): string {
  if (stream.kind === 'graph') return `${GRAPH_SOURCES[stream.source!].title} (${stream.source})`;
  if (stream.kind === 'search') return `the unified audit log through Search-UnifiedAuditLog (${SEARCH_SOURCE})`;
  return 'the unified audit log through the Management Activity API (activity:*)';
}

/**
 * `collect`: Entra sign-ins (interactive and non-interactive) and directory audits from Graph, and the unified
 * audit log (Search-UnifiedAuditLog for older history, the Management Activity API for the last 7 days), into
 * the tenant's evidence store with a completeness ledger. Incremental by watermark; `gaps` re-collects
 * exactly what the ledger marks as missing. A job never ends `succeeded` with a gap: it ends `incomplete`,
 * naming each missing source and window.
 */
export const collectJob: JobKind<CollectParams, CollectCheckpoint> = {
  kind: COLLECT_JOB_KIND,
  params: CollectParams,
  title: collectTitle,
  remaining(checkpoint) {
    if (!checkpoint) return 'the whole collection (nothing was fetched)';
    const parts: string[] = [];
    checkpoint.streams.forEach((stream, i) => {
      if (i < checkpoint.stream) return;
      const windows = stream.windows.slice(i === checkpoint.stream ? checkpoint.window : 0);
      if (windows.length === 0) return;
      parts.push(`${streamTitle(stream)} ${describeWindow({ startMs: windows[0]!.startMs, endMs: windows[windows.length - 1]!.endMs })}`);
    });
    return parts.length > 0 ? parts.join('; then ') : 'nothing (the collection had finished its windows)';
  },
  async run(ctx) {
    const checkpoint = ctx.checkpoint;
    // Gaps found before the job was interrupted are still missing.
    for (const gap of checkpoint?.gaps ?? []) ctx.missing(gap);
    const run = new CollectRun(ctx, checkpoint ?? { plannedAt: 0, streams: [], stream: 0, window: 0, inWindow: null, totals: emptyTotals(), gaps: [] });
    if (!checkpoint) {
      const now = Date.now();
      const plan = planCollection(ctx.store, ctx.params, now);
      run.commit(null, (scope) => {
        for (const window of plan.pastRetention) scope.window(window);
        return { ...run.cp, plannedAt: now, streams: plan.streams };
      });
    }
    while (run.cp.stream < run.cp.streams.length) {
      const stream = run.cp.streams[run.cp.stream]!;
      if (stream.kind === 'graph') await collectGraphStream(run, stream);
      else if (stream.kind === 'search') await collectSearchStream(run, stream);
      else await collectActivityStream(run, stream);
    }
    const t = run.cp.totals;
    return {
      summary: {
        items: t.received,
        received: t.received,
        inserted: t.inserted,
        duplicates: t.duplicates,
        unreadable: t.unreadable,
        windows: t.windows,
        sources: t.bySource,
        gaps: run.cp.gaps.length,
      },
    };
  },
};
