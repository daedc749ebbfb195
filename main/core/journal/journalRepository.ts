import type { Database } from 'better-sqlite3-multiple-ciphers';
import type { AuditProofStatus, ChangeRequest, FieldValue, JournalEntry, JournalResult, SentCall } from '../../../shared/model/adminChanges.ts';
import type { AuthMode } from '../auth/authService.ts';
import type { ChangeState } from '../changes/changeDefinition.ts';
import { applyModuleMigrations } from '../sqlite/moduleMigrations.ts';
import { JOURNAL_MIGRATIONS } from './journalSchema.ts';

interface JournalRow {
  id: number;
  at: number;
  actor: string;
  auth_mode: AuthMode;
  kind: string;
  title: string;
  target: string;
  reason: string;
  change: string;
  state_before: string;
  state_after: string | null;
  fields: string;
  calls: string;
  result: JournalResult;
  error: string | null;
  reversible: number;
  undo_of: number | null;
  undone_by: number | null;
  finished_at: number | null;
  audit_status: AuditProofStatus;
  audit_record_id: string | null;
  audit_record_time: string | null;
  audit_checked_at: number | null;
  audit_note: string | null;
}

/** A journal entry with what Undo and audit proof need (the raw states), beyond what people see. */
export interface StoredEntry {
  entry: JournalEntry;
  authMode: AuthMode;
  change: ChangeRequest;
  before: ChangeState;
  after: ChangeState | null;
  atMs: number;
}

/** A change left 'running' longer than this by a process that is gone ended without Warden knowing how. */
const RUNNING_TOO_LONG_MS = 10 * 60_000;

/** SQL for the journal of one store. */
export class JournalRepository {
  readonly db: Database;

  constructor(db: Database, now = Date.now()) {
    this.db = db;
    applyModuleMigrations(db, 'journal', JOURNAL_MIGRATIONS);
    this.db
      .prepare(
        `UPDATE journal SET result = 'unknown', finished_at = ?, error = COALESCE(error, 'Warden stopped while this change was running, before it could read the result back. Check the target in Exchange.')
         WHERE result = 'running' AND at < ?`,
      )
      .run(now, now - RUNNING_TOO_LONG_MS);
  }

  begin(e: {
    at: number;
    actor: string;
    authMode: AuthMode;
    kind: string;
    title: string;
    target: string;
    reason: string;
    change: ChangeRequest;
    before: ChangeState;
    fields: FieldValue[];
    calls: SentCall[];
    reversible: boolean;
    undoOf: number | null;
  }): number {
    const result = this.db
      .prepare(
        `INSERT INTO journal (at, actor, auth_mode, kind, title, target, reason, change, state_before, fields, calls, result, reversible, undo_of, audit_status)
         VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, 'running', ?, ?, 'pending')`,
      )
      .run(
        e.at,
        e.actor,
        e.authMode,
        e.kind,
        e.title,
        e.target,
        e.reason,
        JSON.stringify(e.change),
        JSON.stringify(e.before),
        JSON.stringify(e.fields),
        JSON.stringify(e.calls),
        e.reversible ? 1 : 0,
        e.undoOf,
      );
    return Number(result.lastInsertRowid);
  }

  /** Records how a change ended. A failed change changed nothing, so there is no audit record to wait for. */
  finish(id: number, end: { result: Exclude<JournalResult, 'running'>; after: ChangeState | null; fields: FieldValue[]; error: string | null; now: number }): void {
    this.db
      .prepare(
        `UPDATE journal SET result = ?, state_after = ?, fields = ?, error = ?, finished_at = ?,
           audit_status = CASE WHEN ? = 'failed' THEN 'not-applicable' ELSE audit_status END
         WHERE id = ?`,
      )
      .run(end.result, end.after === null ? null : JSON.stringify(end.after), JSON.stringify(end.fields), end.error, end.now, end.result, id);
  }

  markUndone(id: number, undoId: number): void {
    this.db.prepare('UPDATE journal SET undone_by = ? WHERE id = ?').run(undoId, id);
  }

  setProof(id: number, proof: { status: AuditProofStatus; recordId: string | null; recordTime: string | null; checkedAt: number; note: string }): void {
    this.db
      .prepare('UPDATE journal SET audit_status = ?, audit_record_id = ?, audit_record_time = ?, audit_checked_at = ?, audit_note = ? WHERE id = ?')
      .run(proof.status, proof.recordId, proof.recordTime, proof.checkedAt, proof.note, id);
  }

  get(id: number): StoredEntry | null {
    const row = this.db.prepare('SELECT * FROM journal WHERE id = ?').get(id) as JournalRow | undefined;
    return row ? stored(row) : null;
  }

  list(options: { limit?: number; offset?: number } = {}): JournalEntry[] {
    const rows = this.db.prepare('SELECT * FROM journal ORDER BY id DESC LIMIT ? OFFSET ?').all(options.limit ?? 500, options.offset ?? 0) as JournalRow[];
    return rows.map((r) => stored(r).entry);
  }

  count(): number {
    return (this.db.prepare('SELECT COUNT(*) AS n FROM journal').get() as { n: number }).n;
  }

  /** Changes that ran (or may have) and whose audit record has not been found yet, oldest first. */
  awaitingProof(): StoredEntry[] {
    const rows = this.db
      .prepare(`SELECT * FROM journal WHERE result IN ('succeeded', 'unknown') AND audit_status IN ('pending', 'missing') ORDER BY id`)
      .all() as JournalRow[];
    return rows.map(stored);
  }

  /** Record ids already proving an entry (one audit record proves one change). */
  usedRecordIds(): Set<string> {
    const rows = this.db.prepare(`SELECT audit_record_id AS id FROM journal WHERE audit_record_id IS NOT NULL`).all() as Array<{ id: string }>;
    return new Set(rows.map((r) => r.id.toLowerCase()));
  }
}

function defaultNote(status: AuditProofStatus): string {
  switch (status) {
    case 'pending':
      return 'Waiting for Exchange to log it (usually within 60-90 minutes, at most 24 hours).';
    case 'verified':
      return 'The unified audit log has the record of this change.';
    case 'missing':
      return 'No audit record found yet.';
    case 'not-applicable':
      return 'Nothing changed, so there is nothing to prove.';
  }
}

function stored(row: JournalRow): StoredEntry {
  const change = JSON.parse(row.change) as ChangeRequest;
  return {
    authMode: row.auth_mode,
    change,
    before: JSON.parse(row.state_before) as ChangeState,
    after: row.state_after === null ? null : (JSON.parse(row.state_after) as ChangeState),
    atMs: row.at,
    entry: {
      id: row.id,
      at: new Date(row.at).toISOString(),
      actor: row.actor,
      kind: row.kind,
      title: row.title,
      target: row.target,
      reason: row.reason,
      change: change as unknown as Record<string, unknown>,
      fields: JSON.parse(row.fields) as FieldValue[],
      result: row.result,
      error: row.error,
      calls: JSON.parse(row.calls) as SentCall[],
      reversible: row.reversible === 1,
      undoOf: row.undo_of,
      undoneBy: row.undone_by,
      audit: {
        status: row.audit_status,
        recordId: row.audit_record_id,
        recordTime: row.audit_record_time,
        checkedAt: row.audit_checked_at === null ? null : new Date(row.audit_checked_at).toISOString(),
        note: row.audit_note ?? defaultNote(row.audit_status),
      },
    },
  };
}
