import { M365HttpError } from '../m365/http/httpErrors.ts';
import { AUDIT_CONTENT_TYPES, type AuditContentType, type ContentBlob } from '../m365/activity/managementActivityClient.ts';
import type { LedgerWindowInput } from '../store/ledger.ts';
import type { EvidenceRecord } from '../store/recordFields.ts';
import type { PlannedWindow, Stream, WindowState } from './collectCheckpoint.ts';
import { failureScope, reasonOf } from './collectErrors.ts';
import { mapRecords, readBlob } from './collectedRecords.ts';
import type { CollectRun } from './collectRun.ts';
import { ACTIVITY_FEED_DAYS_MS, ACTIVITY_LATENCY_MS, ACTIVITY_START_MARGIN_MS, activitySource } from './collectSources.ts';
import { failRestOfStream } from './streamFailure.ts';
import { alignedWindows, describeWindow, HOUR_MS, isoSeconds, toWholeSeconds, type TimeWindow } from './timeWindows.ts';

/** The service's answer when a listing window starts more than 7 days ago (reference §4.8). */
const TOO_OLD_CODES = new Set(['AF20030', 'AF20055']);
/** Records stored per transaction at most (blobs are gathered up to this). */
const STAGE_RECORDS = 5000;

type ActivityState = Extract<WindowState, { kind: 'activity' }>;

/**
 * The unified audit log through the Management Activity API: subscriptions started where needed, then per
 * window (a day of content creation, at most the 24 hours one listing may span) and per content type, the
 * blobs listed (following NextPageUri) and fetched in order of creation, a few thousand records per
 * transaction. The ledger gets one entry per content type and hour of content creation, committed when that
 * hour's blobs are stored; a blob that keeps failing makes its hour a gap, naming the blob. A window that has
 * become too old to list (the feed reaches 7 days back) is searched instead.
 */
export async function collectActivityStream(run: CollectRun, stream: Stream): Promise<void> {
  const needed = new Set<AuditContentType>();
  for (const w of stream.windows.slice(run.cp.window)) for (const t of w.contentTypes ?? AUDIT_CONTENT_TYPES) needed.add(t);
  let started: AuditContentType[] = [];
  try {
    started = await run.activity.ensureSubscriptions([...needed], run.signal);
  } catch (error) {
    const scope = failureScope(error, run.signal);
    if (scope === 'stop') throw error;
    return failRestOfStream(run, `the Management Activity API subscriptions could not be started: ${reasonOf(error)}`);
  }
  const startedAt = Date.now();
  if (started.length > 0) run.ctx.store.log.info('started Management Activity API subscriptions', { contentTypes: started });

  while (run.cp.window < stream.windows.length) {
    const window = stream.windows[run.cp.window]!;
    if (window.startMs < Date.now() - ACTIVITY_FEED_DAYS_MS + ACTIVITY_START_MARGIN_MS / 4) return searchInstead(run, stream, false);
    const types = window.contentTypes ?? AUDIT_CONTENT_TYPES;
    const resumed = run.cp.inWindow?.kind === 'activity' ? run.cp.inWindow : null;
    for (let typeIndex = resumed?.typeIndex ?? 0; typeIndex < types.length; typeIndex++) {
      const type = types[typeIndex]!;
      const doneBeforeMs = resumed && resumed.typeIndex === typeIndex ? resumed.doneBeforeMs : window.startMs;
      const outcome = await collectType(run, stream, window, type, typeIndex, doneBeforeMs, started.includes(type) ? startedAt : null);
      if (outcome === 'converted' || outcome === 'stream-failed') return;
    }
    run.commit(null, (s) => {
      s.watermark(stream.watermark, window);
      return { ...run.cp, window: run.cp.window + 1, inWindow: null };
    });
  }
  run.nextStream();
}

/** One content type over one window: list, then fetch and record hour by hour. */
async function collectType(
  run: CollectRun,
  stream: Stream,
  window: PlannedWindow,
  type: AuditContentType,
  typeIndex: number,
  doneBeforeMs: number,
  subscribedAt: number | null,
): Promise<'done' | 'converted' | 'stream-failed'> {
  const source = activitySource(type);
  const hours = alignedWindows(window.startMs, window.endMs, HOUR_MS).filter((h) => h.endMs > doneBeforeMs);
  const state = (doneBefore: number): ActivityState => ({ kind: 'activity', typeIndex, doneBeforeMs: doneBefore });
  if (hours.length === 0) return 'done';
  let blobs: ContentBlob[];
  try {
    blobs = await listWindow(run, type, { startMs: Math.max(window.startMs, doneBeforeMs), endMs: window.endMs });
  } catch (error) {
    const scope = failureScope(error, run.signal);
    if (scope === 'stop') throw error;
    if (error instanceof M365HttpError && error.serviceCode && TOO_OLD_CODES.has(error.serviceCode)) {
      searchInstead(run, stream, true);
      return 'converted';
    }
    if (scope === 'source') {
      failRestOfStream(run, reasonOf(error));
      return 'stream-failed';
    }
    run.commit(null, (s) => {
      for (const hour of hours) s.window({ source, ...hour, received: 0, gap: true, detail: `listing the content failed: ${reasonOf(error)}` }, false);
      s.report({
        what: `${source} ${describeWindow({ startMs: hours[0]!.startMs, endMs: window.endMs })}`,
        reason: `listing the content failed: ${reasonOf(error)}`,
      });
      return { ...run.cp, inWindow: state(window.endMs) };
    });
    return 'done';
  }
  blobs.sort((a, b) => Date.parse(a.contentCreated) - Date.parse(b.contentCreated));

  // Records are stored a few thousand at a time; each hour's ledger entry goes with the first commit after its
  // blobs are in (so quiet hours cost no transaction of their own), and the checkpoint then moves past it.
  let staged: { records: EvidenceRecord[]; received: number; unreadable: number; blobs: string[] } = { records: [], received: 0, unreadable: 0, blobs: [] };
  let finishedHours: Array<{ hour: TimeWindow; entry: LedgerWindowInput }> = [];
  let doneBefore = doneBeforeMs;
  const flush = (last = false) => {
    if (staged.blobs.length === 0 && finishedHours.length === 0 && !last) return;
    const page =
      staged.blobs.length === 0
        ? null
        : {
            source,
            origin: staged.blobs.length === 1 ? `${type} blob ${staged.blobs[0]}` : `${type} ${staged.blobs.length} blobs created in ${describeWindow(window)}`,
            records: staged.records,
            received: staged.received,
            unreadable: staged.unreadable,
          };
    const hoursDone = finishedHours;
    const nextDone = hoursDone.length > 0 ? hoursDone[hoursDone.length - 1]!.hour.endMs : doneBefore;
    run.commit(page, (s) => {
      for (const { hour, entry } of hoursDone) s.window(entry);
      // The window is now recorded hour by hour: what an earlier run recorded inside it otherwise goes.
      if (last) s.supersede(source, window, alignedWindows(window.startMs, window.endMs, HOUR_MS));
      return { ...run.cp, inWindow: state(nextDone) };
    });
    doneBefore = nextDone;
    finishedHours = [];
    staged = { records: [], received: 0, unreadable: 0, blobs: [] };
  };

  let next = 0;
  for (const hour of hours) {
    let received = 0;
    let unreadable = 0;
    let firstUnreadable: string | null = null;
    let listed = 0;
    const failed: string[] = [];
    for (; next < blobs.length && Date.parse(blobs[next]!.contentCreated) < hour.endMs; next++) {
      const blob = blobs[next]!;
      listed++;
      let items;
      try {
        items = await run.activity.fetchBlob(blob.contentUri, readBlob, run.signal);
      } catch (error) {
        if (failureScope(error, run.signal) === 'stop') throw error;
        failed.push(`${blob.contentId}: ${reasonOf(error)}`);
        continue;
      }
      const mapped = mapRecords(items, 'ual', 'ual');
      staged.records.push(...mapped.records);
      staged.received += items.length;
      staged.unreadable += mapped.unreadable.length;
      staged.blobs.push(blob.contentId);
      received += items.length;
      unreadable += mapped.unreadable.length;
      firstUnreadable ??= mapped.unreadable[0]?.reason ?? null;
      // Mid-hour, the checkpoint still names this hour: a resumed job fetches it again (nothing is stored twice).
      if (staged.records.length >= STAGE_RECORDS) flush();
    }
    const problems = [
      failed.length > 0
        ? `${failed.length} of ${listed} content blobs could not be fetched (${failed.slice(0, 3).join('; ')}${failed.length > 3 ? '; …' : ''})`
        : null,
      unreadable > 0 ? `${unreadable} records could not be read (${firstUnreadable})` : null,
    ].filter(Boolean);
    const note = subscribedAt !== null && hour.endMs <= subscribedAt ? `; the subscription was started by this collection at ${isoSeconds(subscribedAt)}` : '';
    finishedHours.push({
      hour,
      entry: {
        source,
        ...hour,
        received,
        gap: problems.length > 0,
        detail: problems.length > 0 ? problems.join('; ') : `${listed} content blobs created in this hour${note}`,
      },
    });
  }
  flush(true);
  return 'done';
}

/** Every blob of one content type created in the window, following NextPageUri to the end. */
async function listWindow(run: CollectRun, type: AuditContentType, window: TimeWindow): Promise<ContentBlob[]> {
  const blobs: ContentBlob[] = [];
  const seen = new Set<string>();
  let next: string | null = null;
  do {
    const page = await run.activity.listContent(type, window.startMs, window.endMs, next, run.signal);
    for (const blob of page.blobs) {
      if (seen.has(blob.contentId)) continue;
      seen.add(blob.contentId);
      blobs.push(blob);
    }
    next = page.nextPageUri;
  } while (next);
  return blobs;
}

/**
 * The feed windows from the one in progress that start too long ago to be listed become one
 * Search-UnifiedAuditLog window over the same time (from an hour earlier: a blob holds records created
 * before it). It runs next, before the rest of the feed, so the watermark only moves forward. When
 * re-collecting gaps, the search fills the feed's ledger entries once it is complete.
 */
function searchInstead(run: CollectRun, stream: Stream, atLeastOne: boolean): void {
  const cutoff = Date.now() - ACTIVITY_FEED_DAYS_MS + ACTIVITY_START_MARGIN_MS;
  const from = run.cp.window;
  let to = from;
  while (to < stream.windows.length && stream.windows[to]!.startMs < cutoff) to++;
  if (to === from && atLeastOne) to = from + 1;
  const old = stream.windows.slice(from, to);
  const span = toWholeSeconds({ startMs: old[0]!.startMs - ACTIVITY_LATENCY_MS, endMs: old[old.length - 1]!.endMs });
  const fills =
    stream.watermark === null
      ? old.flatMap((w) => (w.contentTypes ?? AUDIT_CONTENT_TYPES).map((t) => ({ source: activitySource(t), startMs: w.startMs, endMs: w.endMs })))
      : undefined;
  const here = run.cp.stream;
  const streams: Stream[] = [
    ...run.cp.streams.slice(0, here),
    { ...stream, windows: stream.windows.slice(0, from) },
    { kind: 'search', windows: [{ ...span, ...(fills ? { fills } : {}) }], watermark: stream.watermark },
    { ...stream, windows: stream.windows.slice(to) },
    ...run.cp.streams.slice(here + 1),
  ];
  run.ctx.store.log.info('activity feed windows too old to list; searching them instead', { window: describeWindow(span) });
  run.commit(null, () => ({ ...run.cp, streams, stream: here + 1, window: 0, inWindow: null }));
}
