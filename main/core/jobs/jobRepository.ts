import type { Database } from 'better-sqlite3-multiple-ciphers';
import type { JobState, MissingPart, PauseReason } from '../../../shared/model/jobs.ts';
import type { AuthMode } from '../auth/authService.ts';
import { applyModuleMigrations } from '../sqlite/moduleMigrations.ts';
import { JOB_MIGRATIONS } from './jobSchema.ts';

export interface JobRow {
  id: number;
  kind: string;
  params: string;
  params_key: string;
  title: string;
  auth_mode: AuthMode;
  state: JobState;
  pause_reason: PauseReason | null;
  done: number;
  total: number | null;
  pages: number;
  checkpoint: string | null;
  missing: string;
  error: string | null;
  summary: string | null;
  created_at: number;
  started_at: number | null;
  finished_at: number | null;
  updated_at: number;
  lease_owner: string | null;
  lease_until: number | null;
}

/** SQL for the jobs table of one store. Statements are prepared once per store. */
export class JobRepository {
  readonly db: Database;

  constructor(db: Database) {
    this.db = db;
    applyModuleMigrations(db, 'jobs', JOB_MIGRATIONS);
  }

  insert(job: { kind: string; params: string; paramsKey: string; title: string; authMode: AuthMode; now: number }): number {
    const result = this.db
      .prepare(`INSERT INTO jobs (kind, params, params_key, title, auth_mode, state, created_at, updated_at) VALUES (?, ?, ?, ?, ?, 'queued', ?, ?)`)
      .run(job.kind, job.params, job.paramsKey, job.title, job.authMode, job.now, job.now);
    return Number(result.lastInsertRowid);
  }

  get(id: number): JobRow | null {
    return (this.db.prepare('SELECT * FROM jobs WHERE id = ?').get(id) as JobRow | undefined) ?? null;
  }

  list(limit = 200): JobRow[] {
    return this.db.prepare('SELECT * FROM jobs ORDER BY id DESC LIMIT ?').all(limit) as JobRow[];
  }

  /** The newest unfinished job with these parameters (to resume rather than start again). */
  unfinished(paramsKey: string): JobRow | null {
    return (
      (this.db.prepare(`SELECT * FROM jobs WHERE params_key = ? AND state IN ('queued', 'running', 'paused') ORDER BY id DESC LIMIT 1`).get(paramsKey) as JobRow | undefined) ?? null
    );
  }

  /** Jobs another run left behind: queued, or running under a lease that has run out (its process died). */
  interrupted(now: number): JobRow[] {
    return this.db.prepare(`SELECT * FROM jobs WHERE state = 'queued' OR (state = 'running' AND (lease_until IS NULL OR lease_until < ?)) ORDER BY id`).all(now) as JobRow[];
  }

  pausedFor(reason: PauseReason): JobRow[] {
    return this.db.prepare(`SELECT * FROM jobs WHERE state = 'paused' AND pause_reason = ? ORDER BY id`).all(reason) as JobRow[];
  }

  /**
   * Takes the job for this process unless another live process holds it (or `takeOverFrom` names a holder
   * known to be dead). True when taken.
   */
  acquire(id: number, owner: string, now: number, leaseMs: number, takeOverFrom: string | null = null): boolean {
    const result = this.db
      .prepare(
        `UPDATE jobs SET lease_owner = ?, lease_until = ?, state = 'running', pause_reason = NULL, error = NULL, missing = '[]',
           started_at = COALESCE(started_at, ?), finished_at = NULL, updated_at = ?
         WHERE id = ? AND (lease_owner IS NULL OR lease_owner = ? OR lease_owner = ? OR lease_until < ?)`,
      )
      .run(owner, now + leaseMs, now, now, id, owner, takeOverFrom, now);
    return result.changes === 1;
  }

  renewLease(id: number, owner: string, until: number): void {
    this.db.prepare('UPDATE jobs SET lease_until = ? WHERE id = ? AND lease_owner = ?').run(until, id, owner);
  }

  /** Records a committed page's progress; called inside the page's transaction. */
  saveProgress(id: number, checkpoint: string, done: number, total: number | null, now: number): void {
    this.db.prepare('UPDATE jobs SET checkpoint = ?, done = ?, total = COALESCE(?, total), pages = pages + 1, updated_at = ? WHERE id = ?').run(checkpoint, done, total, now, id);
  }

  setRunningState(id: number, state: 'running' | 'paused', reason: PauseReason | null, now: number): void {
    this.db.prepare(`UPDATE jobs SET state = ?, pause_reason = ?, updated_at = ? WHERE id = ? AND state IN ('running', 'paused')`).run(state, reason, now, id);
  }

  /** Ends a run: final or paused state, and the lease released. */
  finish(id: number, end: { state: JobState; pauseReason?: PauseReason | null; missing?: MissingPart[]; error?: string | null; summary?: Record<string, unknown> | null; now: number }): void {
    const final = end.state !== 'paused' && end.state !== 'queued';
    this.db
      .prepare(
        `UPDATE jobs SET state = ?, pause_reason = ?, missing = ?, error = ?, summary = COALESCE(?, summary), finished_at = ?, updated_at = ?,
           lease_owner = NULL, lease_until = NULL WHERE id = ?`,
      )
      .run(end.state, end.pauseReason ?? null, JSON.stringify(end.missing ?? []), end.error ?? null, end.summary ? JSON.stringify(end.summary) : null, final ? end.now : null, end.now, id);
  }
}
