import type { PlannedWindow, Stream, WindowState } from './collectCheckpoint.ts';
import { failureScope, reasonOf } from './collectErrors.ts';
import { mapRecords } from './collectedRecords.ts';
import type { CollectRun } from './collectRun.ts';
import { GRAPH_SOURCES } from './collectSources.ts';
import { firstPageUrl, readGraphPage } from './graphLogPages.ts';
import { failRestOfStream } from './streamFailure.ts';
import { inLane } from './tenantLanes.ts';
import { describeWindow } from './timeWindows.ts';

type GraphState = Extract<WindowState, { kind: 'graph' }>;

/**
 * Collects one Graph log (sign-ins of one event type, or directory audits) window by window, oldest window
 * first; inside a window Graph pages newest first. Each page commits with its next link, so a resumed job
 * continues with the page after the last one stored. The window's last page commits with its ledger entry
 * and the watermark. A page that keeps failing ends the window: what arrived (everything newer than the
 * oldest record stored) is complete, the rest of the window is a gap.
 */
export async function collectGraphStream(run: CollectRun, stream: Stream): Promise<void> {
  const source = stream.source!;
  const log = GRAPH_SOURCES[source];
  const shape = log.family === 'signins' ? 'signin' : 'directory-audit';
  const { http, endpoints } = run.ctx.clients;
  await inLane(run.tenantId, 'graph-identity-reports', async () => {
    while (run.cp.window < stream.windows.length) {
      const window = stream.windows[run.cp.window]!;
      let state: GraphState =
        run.cp.inWindow?.kind === 'graph' ? run.cp.inWindow : { kind: 'graph', nextLink: null, received: 0, unreadable: 0, oldestMs: null };
      for (;;) {
        let page;
        try {
          page = await readGraphPage(http, endpoints, state.nextLink ?? firstPageUrl(endpoints, source, window), run.signal);
        } catch (error) {
          const scope = failureScope(error, run.signal);
          if (scope === 'stop') throw error;
          if (scope === 'source') return failRestOfStream(run, reasonOf(error));
          finishWindow(run, stream, window, state, reasonOf(error));
          break;
        }
        const mapped = mapRecords(page.items, shape, log.format);
        let oldest = state.oldestMs;
        for (const r of mapped.records) if (r.fields.time_ms !== null && (oldest === null || r.fields.time_ms < oldest)) oldest = r.fields.time_ms;
        const next: GraphState = {
          kind: 'graph',
          nextLink: page.nextLink,
          received: state.received + page.items.length,
          unreadable: state.unreadable + mapped.unreadable.length,
          oldestMs: oldest,
        };
        const stored = {
          source,
          origin: `${log.path} ${describeWindow(window)} records ${state.received + 1}-${next.received}`,
          records: mapped.records,
          received: page.items.length,
          unreadable: mapped.unreadable.length,
        };
        if (next.nextLink) {
          run.commit(stored, () => ({ ...run.cp, inWindow: next }));
          state = next;
          continue;
        }
        run.commit(stored, (scope) => {
          const detail = next.unreadable > 0 ? `${next.unreadable} records could not be read (${mapped.unreadable[0]?.reason ?? 'see earlier pages'})` : null;
          scope.window({ source, startMs: window.startMs, endMs: window.endMs, received: next.received, gap: next.unreadable > 0, detail });
          scope.supersede(source, window, [window]);
          scope.watermark(stream.watermark, window);
          return { ...run.cp, window: run.cp.window + 1, inWindow: null };
        });
        break;
      }
    }
    run.nextStream();
  });
}

/**
 * A page of the window kept failing. Graph pages newest first, so everything after the oldest record that
 * arrived is complete; from the window's start up to just after that record is a gap.
 */
function finishWindow(run: CollectRun, stream: Stream, window: PlannedWindow, state: GraphState, reason: string): void {
  const source = stream.source!;
  const cut = state.oldestMs === null ? window.startMs : Math.min(window.endMs, Math.max(window.startMs, state.oldestMs + 1));
  const detail =
    state.received === 0
      ? `the first page failed: ${reason}`
      : `a page failed after ${state.received.toLocaleString('en-US')} newer records arrived: ${reason}`;
  run.commit(null, (scope) => {
    const keep = [];
    if (cut > window.startMs) {
      scope.window({ source, startMs: window.startMs, endMs: cut, received: 0, gap: true, detail });
      keep.push({ startMs: window.startMs, endMs: cut });
    }
    if (cut < window.endMs) {
      const gap = cut === window.startMs;
      scope.window({
        source,
        startMs: cut,
        endMs: window.endMs,
        received: state.received,
        gap,
        detail: gap ? detail : `the records newer than a page that failed (the window's older part is a gap)`,
      });
      keep.push({ startMs: cut, endMs: window.endMs });
    }
    scope.supersede(source, window, keep);
    scope.watermark(stream.watermark, window);
    return { ...run.cp, window: run.cp.window + 1, inWindow: null };
  });
}
