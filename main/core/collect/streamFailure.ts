import { AUDIT_CONTENT_TYPES } from '../m365/activity/managementActivityClient.ts';
import type { PlannedWindow, Stream } from './collectCheckpoint.ts';
import type { CollectRun } from './collectRun.ts';
import { activitySource, SEARCH_SOURCE } from './collectSources.ts';
import { alignedWindows, describeWindow, HOUR_MS } from './timeWindows.ts';

/** The ledger sources a window of a stream writes. */
export function ledgerSourcesOfWindow(stream: Stream, window: PlannedWindow): string[] {
  if (stream.kind === 'graph') return [stream.source!];
  if (stream.kind === 'search') return [SEARCH_SOURCE];
  return (window.contentTypes ?? AUDIT_CONTENT_TYPES).map(activitySource);
}

/**
 * The service refused a log outright (no permission or licence, a disabled subscription): the window in
 * progress and every later one of this stream are gaps, with the service's reason, and the job moves on to
 * the next stream. The job reports it once, for the whole range.
 */
export function failRestOfStream(run: CollectRun, reason: string): void {
  const stream = run.cp.streams[run.cp.stream]!;
  const rest = stream.windows.slice(run.cp.window);
  run.commit(null, (scope) => {
    const sources = new Set<string>();
    for (const window of rest) {
      // The feed is recorded per hour of content creation; the other logs per window.
      const cells = stream.kind === 'activity' ? alignedWindows(window.startMs, window.endMs, HOUR_MS) : [window];
      for (const source of ledgerSourcesOfWindow(stream, window)) {
        sources.add(source);
        for (const cell of cells) scope.window({ source, startMs: cell.startMs, endMs: cell.endMs, received: 0, gap: true, detail: reason }, false);
      }
    }
    if (rest.length > 0) {
      const span = describeWindow({ startMs: rest[0]!.startMs, endMs: rest[rest.length - 1]!.endMs });
      scope.report({ what: `${[...sources].join(', ')} ${span}${rest.length > 1 ? ` (${rest.length} windows)` : ''}`, reason });
    }
    return { ...run.cp, stream: run.cp.stream + 1, window: 0, inWindow: null };
  });
}
