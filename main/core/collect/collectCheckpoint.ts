import type { MissingPart } from '../../../shared/model/jobs.ts';
import type { AuditContentType } from '../m365/activity/managementActivityClient.ts';
import type { GraphSource } from './collectSources.ts';
import type { TimeWindow } from './timeWindows.ts';

/** A window the job will collect. */
export interface PlannedWindow extends TimeWindow {
  /** Activity feed windows: only these content types (re-collecting the gap of one type); all when absent. */
  contentTypes?: AuditContentType[];
  /**
   * A search window that stands in for feed windows which became too old to list (re-collecting their gap):
   * the feed's ledger entries it fills once it is complete.
   */
  fills?: Array<{ source: string } & TimeWindow>;
}

/** One log collected over a list of windows, oldest first. */
export interface Stream {
  kind: 'graph' | 'search' | 'activity';
  /** The Graph log (graph streams only). */
  source?: GraphSource;
  windows: PlannedWindow[];
  /** The watermark each finished window moves forward; null when re-collecting gaps (no watermark moves). */
  watermark: string | null;
}

/** Where the job is inside the window in progress. */
export type WindowState =
  /** Graph: the next page (newest first), what arrived so far and the oldest record time seen. */
  | { kind: 'graph'; nextLink: string | null; received: number; unreadable: number; oldestMs: number | null }
  /** Search: windows still to run (split ones replaced by their parts), and the leaves recorded so far. */
  | { kind: 'search'; pending: TimeWindow[]; leaves: TimeWindow[]; received: number; failed: number }
  /** Activity feed: the content type in progress and the hours of it already recorded (a resumed type lists again from there). */
  | { kind: 'activity'; typeIndex: number; doneBeforeMs: number };

export interface SourceTotals {
  received: number;
  inserted: number;
  duplicates: number;
}

export interface CollectTotals extends SourceTotals {
  /** Records the service sent that the store cannot hold (no time...): counted as gaps. */
  unreadable: number;
  /** Ledger windows recorded, by status. */
  windows: Record<string, number>;
  bySource: Record<string, SourceTotals>;
}

/**
 * A collection job's checkpoint, saved with every page. The plan is fixed at the first run (`plannedAt` is
 * its "now"), so a resumed job finishes the collection it started rather than a new one.
 */
export interface CollectCheckpoint {
  plannedAt: number;
  streams: Stream[];
  stream: number;
  window: number;
  inWindow: WindowState | null;
  totals: CollectTotals;
  /** Every gap this job found, so a resumed run still reports the earlier ones. */
  gaps: MissingPart[];
}

export function emptyTotals(): CollectTotals {
  return { received: 0, inserted: 0, duplicates: 0, unreadable: 0, windows: {}, bySource: {} };
}
