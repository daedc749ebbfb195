import type { z } from 'zod';
import type { Database } from 'better-sqlite3-multiple-ciphers';
import type { MissingPart } from '../../../shared/model/jobs.ts';
import type { AuthMode } from '../auth/authService.ts';
import type { ConnectedProfile } from '../profiles/profileSchema.ts';
import type { EvidenceStore } from '../store/openStore.ts';
import type { TenantClients } from './tenantClients.ts';

/** Progress after a committed page: items done so far, and the total when the service tells it. */
export interface PageProgress<C> {
  checkpoint: C;
  done: number;
  total?: number | null;
}

/** What a running job can do. Everything it writes goes through `commit`, so a crash loses nothing and repeats nothing. */
export interface JobContext<P, C> {
  readonly jobId: number;
  readonly params: P;
  readonly profile: ConnectedProfile;
  readonly authMode: AuthMode;
  /** Where the last run stopped (null on a fresh start). */
  readonly checkpoint: C | null;
  /** The items done before this run (from the checkpoint's progress). */
  readonly doneBefore: number;
  readonly signal: AbortSignal;
  readonly store: EvidenceStore;
  readonly clients: TenantClients;
  /**
   * Writes a page of results and the new checkpoint in one SQLite transaction: either both land or neither.
   * `write` runs inside the transaction and must be synchronous; `progress` may be computed from what it
   * returned (for example the id of a row it created).
   */
  commit<T>(write: (db: Database) => T, progress: PageProgress<C> | ((written: T) => PageProgress<C>)): T;
  /** Records something the job could not get; the job then ends `incomplete`, never `succeeded`. */
  missing(part: MissingPart): void;
}

export interface JobOutcome {
  /** Facts for the result line (`items`, `snapshotId`...), shown by the UI and the CLI. */
  summary: Record<string, unknown>;
}

/** One kind of job: validated parameters, a title for people, and the work itself. */
export interface JobKind<P = unknown, C = unknown> {
  kind: string;
  params: z.ZodType<P>;
  title(params: P): string;
  /** Describes what is left from a checkpoint, for the "missing" report when a run cannot go on. */
  remaining(checkpoint: C | null, params: P): string;
  run(ctx: JobContext<P, C>): Promise<JobOutcome>;
}
