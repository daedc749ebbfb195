import { randomUUID } from 'node:crypto';
import type { Obj } from '../importers/fieldAccess.ts';
import type { CmdletCall } from '../m365/exo/exchangeAdminClient.ts';
import type { EvidenceRecord } from '../store/recordFields.ts';
import type { PlannedWindow, Stream, WindowState } from './collectCheckpoint.ts';
import { failureScope, reasonOf } from './collectErrors.ts';
import { mapRecords, type RawRecord, type UnreadableRecord } from './collectedRecords.ts';
import type { CollectRun, CommitScope } from './collectRun.ts';
import { SEARCH_SOURCE } from './collectSources.ts';
import { failRestOfStream } from './streamFailure.ts';
import { inLane } from './tenantLanes.ts';
import { describeWindow, isoSeconds, splitWindow, type TimeWindow } from './timeWindows.ts';

/** A ReturnLargeSet session hands out at most this many results (reference §2.8). */
export const SEARCH_SESSION_CAP = 50_000;
/** A window is split into parts expected to hold this many, leaving room below the cap for an uneven spread. */
const SPLIT_TARGET = 40_000;
/** Results per cmdlet call: the cmdlet's maximum ResultSize. */
const RESULT_SIZE = 5000;
/** Objects per HTTP page of one call (the InvokeCommand page size limit). */
const PAGE_SIZE = 1000;
/** A session that hands out fewer results than its ResultCount is run again this many times before the window is a gap. */
export const SESSION_RETRIES = 2;

type SearchState = Extract<WindowState, { kind: 'search' }>;

type SessionOutcome =
  | { kind: 'split'; parts: TimeWindow[]; expected: number }
  | { kind: 'complete'; expected: number; received: number; capHit: boolean; unreadable: UnreadableRecord[] }
  | { kind: 'short'; expected: number | null; received: number; reason: string };

type LeafOutcome =
  | { kind: 'split'; parts: TimeWindow[]; expected: number }
  | { kind: 'recorded'; expected: number | null; received: number; capHit: boolean; retried: number; gap: string | null }
  | { kind: 'source-failure'; reason: string };

/**
 * The unified audit log through Search-UnifiedAuditLog, sequentially per tenant. Each planned window is run as
 * a ReturnLargeSet session; a session whose ResultCount reaches the 50,000 cap is abandoned and its window
 * split (on whole hours, then seconds) until every part fits. Every result's ResultIndex must follow the one
 * before: a session that skips (a page lost in transit advances the session anyway), times out (-1) or ends
 * short of its ResultCount is run again with a new SessionId, and after SESSION_RETRIES more tries its window
 * is recorded as a gap with the reason. The pages of each call (5,000 results) commit together with the
 * checkpoint; a resumed job runs the interrupted part again from the start of its session (what was stored
 * is not stored twice).
 */
export async function collectSearchStream(run: CollectRun, stream: Stream): Promise<void> {
  await inLane(run.tenantId, 'ual-search', async () => {
    while (run.cp.window < stream.windows.length) {
      const window = stream.windows[run.cp.window]!;
      let state: SearchState =
        run.cp.inWindow?.kind === 'search'
          ? run.cp.inWindow
          : { kind: 'search', pending: [{ startMs: window.startMs, endMs: window.endMs }], leaves: [], received: 0, failed: 0 };
      while (state.pending.length > 0) {
        const leaf = state.pending[0]!;
        const outcome = await collectLeaf(run, leaf, state);
        if (outcome.kind === 'source-failure') return failRestOfStream(run, outcome.reason);
        if (outcome.kind === 'split') {
          const next: SearchState = { ...state, pending: [...outcome.parts, ...state.pending.slice(1)] };
          run.commit(null, () => ({ ...run.cp, inWindow: next }));
          state = next;
          continue;
        }
        const next: SearchState = {
          ...state,
          pending: state.pending.slice(1),
          leaves: [...state.leaves, leaf],
          received: state.received + outcome.received,
          failed: state.failed + (outcome.gap ? 1 : 0),
        };
        run.commit(null, (scope) => {
          scope.window({
            source: SEARCH_SOURCE,
            startMs: leaf.startMs,
            endMs: leaf.endMs,
            expected: outcome.expected,
            received: outcome.received,
            capHit: outcome.capHit,
            retried: outcome.retried,
            gap: outcome.gap !== null,
            detail: outcome.gap,
          });
          return { ...run.cp, inWindow: next };
        });
        state = next;
      }
      const done = state;
      run.commit(null, (scope) => {
        scope.supersede(SEARCH_SOURCE, window, done.leaves);
        if (done.failed === 0) fillFeedWindows(scope, window, done.received);
        scope.watermark(stream.watermark, window);
        return { ...run.cp, window: run.cp.window + 1, inWindow: null };
      });
    }
    run.nextStream();
  });
}

/** Feed windows this search stood in for are complete now (their content had expired or become unlistable). */
function fillFeedWindows(scope: CommitScope, window: PlannedWindow, received: number): void {
  for (const fill of window.fills ?? []) {
    scope.window({
      source: fill.source,
      startMs: fill.startMs,
      endMs: fill.endMs,
      received: 0,
      detail: `filled through Search-UnifiedAuditLog over ${describeWindow(window)} (${received.toLocaleString('en-US')} records): the feed no longer lists content this old`,
    });
  }
}

/** One leaf: sessions until it is complete, split, or a gap after the retries. */
async function collectLeaf(run: CollectRun, leaf: TimeWindow, state: SearchState): Promise<LeafOutcome> {
  let retried = 0;
  let emptyOnce = false;
  for (;;) {
    let outcome: SessionOutcome;
    try {
      outcome = await runSession(run, leaf, state);
    } catch (error) {
      const scope = failureScope(error, run.signal);
      if (scope === 'stop') throw error;
      if (scope === 'source') return { kind: 'source-failure', reason: reasonOf(error) };
      return { kind: 'recorded', expected: null, received: 0, capHit: false, retried, gap: `Search-UnifiedAuditLog kept failing: ${reasonOf(error)}` };
    }
    if (outcome.kind === 'split') return outcome;
    if (outcome.kind === 'complete' && outcome.received === 0 && !emptyOnce) {
      // An empty answer carries no ResultCount to check it against: had the first call's response been lost
      // in transit, its retry would find the session used up and answer nothing. A second session confirms.
      emptyOnce = true;
      continue;
    }
    if (outcome.kind === 'complete') {
      const unreadable = outcome.unreadable.length;
      const capGap = outcome.capHit
        ? `one second holds ${outcome.expected.toLocaleString('en-US')} records; a search session returns at most ${SEARCH_SESSION_CAP.toLocaleString('en-US')}`
        : null;
      const readGap = unreadable > 0 ? `${unreadable} records could not be read (${outcome.unreadable[0]!.reason})` : null;
      const gap = [capGap, readGap].filter(Boolean).join('; ') || null;
      return { kind: 'recorded', expected: outcome.expected, received: outcome.received, capHit: outcome.capHit, retried, gap };
    }
    if (retried >= SESSION_RETRIES) {
      return {
        kind: 'recorded',
        expected: outcome.expected,
        received: outcome.received,
        capHit: false,
        retried,
        gap: `${outcome.reason} (tried ${retried + 1} sessions)`,
      };
    }
    retried++;
  }
}

/** Reads a Search-UnifiedAuditLog output object's audit record (AuditData is the record as a JSON string). */
function auditRecordOf(item: Record<string, unknown>): RawRecord | UnreadableRecord {
  const data = item['AuditData'];
  const id = typeof item['Identity'] === 'string' ? (item['Identity'] as string) : null;
  if (typeof data !== 'string') return { id, reason: 'the result has no AuditData' };
  try {
    const value = JSON.parse(data) as unknown;
    if (!value || typeof value !== 'object' || Array.isArray(value)) return { id, reason: 'AuditData is not a JSON object' };
    return { raw: Buffer.from(data, 'utf8'), value: value as Obj, envelope: item };
  } catch (error) {
    return { id, reason: `AuditData is not JSON (${(error as Error).message})` };
  }
}

/**
 * One ReturnLargeSet session over the window: calls of 5,000 results (each read in pages of 1,000) until the
 * session is used up. Pages are stored as they arrive, each with the checkpoint (which still names this
 * window as pending: a resumed job starts it over with a new session).
 */
async function runSession(run: CollectRun, leaf: TimeWindow, state: SearchState): Promise<SessionOutcome> {
  const sessionId = randomUUID();
  const call: CmdletCall = {
    name: 'Search-UnifiedAuditLog',
    parameters: {
      StartDate: isoSeconds(leaf.startMs, false),
      EndDate: isoSeconds(leaf.endMs, false),
      SessionId: sessionId,
      SessionCommand: 'ReturnLargeSet',
      ResultSize: RESULT_SIZE,
    },
  };
  const exchange = run.ctx.clients.exchange;
  let expected: number | null = null;
  let received = 0;
  let nextIndex = 1;
  const unreadable: UnreadableRecord[] = [];
  for (;;) {
    let nextLink: string | null = null;
    let inCall = 0;
    // The pages of one call are stored together: one transaction per 5,000 results, not per 1,000.
    const staged: { records: EvidenceRecord[]; received: number } = { records: [], received: 0 };
    do {
      const page = await exchange.page(call, { nextLink, pageSize: PAGE_SIZE, signal: run.signal });
      const items = page.items;
      if (items.length > 0 && expected === null) {
        const count = Number(items[0]!['ResultCount']);
        expected = Number.isInteger(count) && count >= 0 ? count : null;
        if (expected !== null && expected >= SEARCH_SESSION_CAP) {
          const parts = splitWindow(leaf, expected, SPLIT_TARGET);
          if (parts) return { kind: 'split', parts, expected };
        }
      }
      // ResultIndex continuity: results are numbered 1..ResultCount through the session.
      for (const item of items) {
        const index = Number(item['ResultIndex']);
        if (index !== nextIndex) {
          const reason =
            index === -1
              ? 'the search timed out inside the service (ResultIndex -1)'
              : `ResultIndex jumped from ${nextIndex - 1} to ${index}: results were lost in transit`;
          return { kind: 'short', expected, received, reason };
        }
        nextIndex++;
      }
      const raw: RawRecord[] = [];
      for (const item of items) {
        const read = auditRecordOf(item);
        if ('raw' in read) raw.push(read);
        else unreadable.push(read);
      }
      const mapped = mapRecords(raw, 'ual', 'ual');
      unreadable.push(...mapped.unreadable);
      staged.records.push(...mapped.records);
      staged.received += items.length;
      inCall += items.length;
      nextLink = page.nextLink;
    } while (nextLink);
    if (staged.received > 0) {
      run.commit(
        {
          source: SEARCH_SOURCE,
          origin: `Search-UnifiedAuditLog ${describeWindow(leaf)} session ${sessionId} results ${received + 1}-${received + staged.received}`,
          records: staged.records,
          received: staged.received,
          unreadable: staged.received - staged.records.length,
        },
        () => ({ ...run.cp, inWindow: state }),
      );
    }
    received += staged.received;
    const usedUp = inCall < RESULT_SIZE || received >= SEARCH_SESSION_CAP || (expected !== null && received >= expected);
    if (usedUp) break;
  }
  const total = expected ?? 0;
  const want = Math.min(total, SEARCH_SESSION_CAP);
  if (received < want) {
    return {
      kind: 'short',
      expected: total,
      received,
      reason: `the session returned ${received.toLocaleString('en-US')} of its ${total.toLocaleString('en-US')} results`,
    };
  }
  return { kind: 'complete', expected: total, received, capHit: total > SEARCH_SESSION_CAP, unreadable };
}
