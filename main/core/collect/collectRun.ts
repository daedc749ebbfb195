import type { MissingPart } from '../../../shared/model/jobs.ts';
import type { JobContext } from '../jobs/jobKind.ts';
import { ManagementActivityClient } from '../m365/activity/managementActivityClient.ts';
import { BatchWriter } from '../store/batchWriter.ts';
import { recordLedgerWindow, type LedgerStatus, type LedgerWindowInput } from '../store/ledger.ts';
import type { EvidenceRecord } from '../store/recordFields.ts';
import type { CollectCheckpoint, CollectTotals } from './collectCheckpoint.ts';
import type { CollectParams } from './collectParams.ts';
import { advanceWatermark } from './collectWatermarks.ts';
import { supersedeInside } from './ledgerWindows.ts';
import { describeWindow, type TimeWindow } from './timeWindows.ts';

/** A page of collected records to store. */
export interface PageToStore {
  /** The ledger source it came from (also the batch's source). */
  source: string;
  /** What was fetched, for the batch: the window and page, the blob, the search session. */
  origin: string;
  records: EvidenceRecord[];
  /** Records the service sent, including any the store cannot hold. */
  received: number;
  unreadable: number;
}

/** What one transaction may record besides the page: ledger windows, watermarks. */
export class CommitScope {
  readonly batchId: number | null;
  private readonly run: CollectRun;
  readonly statuses: LedgerStatus[] = [];
  readonly missing: MissingPart[] = [];

  constructor(run: CollectRun, batchId: number | null) {
    this.run = run;
    this.batchId = batchId;
  }

  /**
   * Records a ledger window; a gap (or a cap that could not be split away) is also a missing part of the job,
   * unless `report` is false because the caller reports a run of such windows as one part.
   */
  window(input: LedgerWindowInput, report = true): LedgerStatus {
    const status = recordLedgerWindow(this.run.ctx.store, { ...input, batchId: input.batchId ?? this.batchId });
    this.statuses.push(status);
    if (report && (status === 'gap' || status === 'partial'))
      this.missing.push({ what: `${input.source} ${describeWindow(input)}`, reason: input.detail ?? status });
    return status;
  }

  /** A missing part the job reports (in addition to the ledger windows that show it). */
  report(part: MissingPart): void {
    this.missing.push(part);
  }

  /** Drops what earlier runs recorded inside `window` except `keep` (see ledgerWindows.ts). */
  supersede(source: string, window: TimeWindow, keep: readonly TimeWindow[]): void {
    supersedeInside(this.run.ctx.store, source, window, keep);
  }

  watermark(stream: string | null, window: TimeWindow): void {
    if (stream !== null) advanceWatermark(this.run.ctx.store.db, stream, window);
  }
}

/**
 * One run of a collection job: its clients, its checkpoint as last committed, and the one way it writes.
 * Everything a page brings (records, ledger windows, watermark, checkpoint) lands in one SQLite transaction:
 * the records through the store's BatchWriter, the rest inside its commit.
 */
export class CollectRun {
  readonly ctx: JobContext<CollectParams, CollectCheckpoint>;
  readonly activity: ManagementActivityClient;
  cp: CollectCheckpoint;

  constructor(ctx: JobContext<CollectParams, CollectCheckpoint>, checkpoint: CollectCheckpoint) {
    this.ctx = ctx;
    this.cp = checkpoint;
    this.activity = new ManagementActivityClient(ctx.clients.http, ctx.clients.endpoints);
  }

  get signal(): AbortSignal {
    return this.ctx.signal;
  }

  get tenantId(): string {
    return this.ctx.clients.endpoints.tenantId;
  }

  /**
   * Commits `page` (when there is one) and what `build` records, with the checkpoint `build` returns, in one
   * transaction. `build` runs inside it and must only write through the scope and return the next checkpoint.
   */
  commit(page: PageToStore | null, build: (scope: CommitScope) => CollectCheckpoint): void {
    const { store } = this.ctx;
    let committed: { next: CollectCheckpoint; missing: MissingPart[] } | null = null;
    const inside = (batchId: number | null, inserted: number, duplicates: number) => {
      this.ctx.commit(
        () => {
          const scope = new CommitScope(this, batchId);
          const next = withTotals(build(scope), page, inserted, duplicates, scope);
          committed = { next, missing: scope.missing };
          return next;
        },
        (next) => ({ checkpoint: next, done: next.totals.received }),
      );
    };
    if (page && page.records.length > 0) {
      const writer = new BatchWriter(store, { source: page.source, origin: page.origin, details: { received: page.received, unreadable: page.unreadable } });
      try {
        for (const record of page.records) writer.add(record);
      } catch (error) {
        writer.abort();
        throw error;
      }
      writer.commit((batchId) => inside(batchId, writer.inserted, writer.duplicates));
    } else {
      inside(null, 0, 0);
    }
    const done = committed as { next: CollectCheckpoint; missing: MissingPart[] } | null;
    if (!done) return;
    this.cp = done.next;
    for (const part of done.missing) this.ctx.missing(part);
  }

  /** Moves to the next stream (the one in progress is done). */
  nextStream(): void {
    this.commit(null, () => ({ ...this.cp, stream: this.cp.stream + 1, window: 0, inWindow: null }));
  }
}

function withTotals(next: CollectCheckpoint, page: PageToStore | null, inserted: number, duplicates: number, scope: CommitScope): CollectCheckpoint {
  const t = next.totals;
  const totals: CollectTotals = { ...t, windows: { ...t.windows }, bySource: { ...t.bySource } };
  if (page) {
    totals.received += page.received;
    totals.inserted += inserted;
    totals.duplicates += duplicates;
    totals.unreadable += page.unreadable;
    const s = totals.bySource[page.source] ?? { received: 0, inserted: 0, duplicates: 0 };
    totals.bySource[page.source] = { received: s.received + page.received, inserted: s.inserted + inserted, duplicates: s.duplicates + duplicates };
  }
  for (const status of scope.statuses) totals.windows[status] = (totals.windows[status] ?? 0) + 1;
  return { ...next, totals, gaps: scope.missing.length > 0 ? [...next.gaps, ...scope.missing] : next.gaps };
}
