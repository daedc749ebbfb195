import type { ModuleMigration } from '../sqlite/moduleMigrations.ts';

/**
 * The change journal lives in the tenant's encrypted store, beside the evidence that may later prove each
 * change was logged. Entries are written before a change runs (result 'running') and completed after, so
 * a crash in between leaves a trace ('unknown'), never a silent change. Nothing deletes entries.
 */
export const JOURNAL_MIGRATIONS: readonly ModuleMigration[] = [
  {
    version: 1,
    name: 'admin change journal with audit proof',
    sql: `
CREATE TABLE journal (
  id INTEGER PRIMARY KEY,
  at INTEGER NOT NULL,                -- when the change was sent (epoch ms)
  actor TEXT NOT NULL,                -- the signed-in admin's UPN, or "app <client id>"
  auth_mode TEXT NOT NULL CHECK (auth_mode IN ('user', 'app')),
  kind TEXT NOT NULL,
  title TEXT NOT NULL,
  target TEXT NOT NULL,
  reason TEXT NOT NULL,
  change TEXT NOT NULL,               -- JSON: the ChangeRequest as sent
  state_before TEXT NOT NULL,         -- JSON: the state read live just before
  state_after TEXT,                   -- JSON: the state read live just after (null while running)
  fields TEXT NOT NULL,               -- JSON: [{ field, before, after }] for people
  calls TEXT NOT NULL,                -- JSON: [{ cmdlet, parameters }] as sent
  result TEXT NOT NULL CHECK (result IN ('running', 'succeeded', 'failed', 'unknown')),
  error TEXT,
  reversible INTEGER NOT NULL,
  undo_of INTEGER REFERENCES journal (id),
  undone_by INTEGER REFERENCES journal (id),
  finished_at INTEGER,
  audit_status TEXT NOT NULL CHECK (audit_status IN ('pending', 'verified', 'missing', 'not-applicable')),
  audit_record_id TEXT,
  audit_record_time TEXT,
  audit_checked_at INTEGER,
  audit_note TEXT
);
CREATE INDEX journal_by_audit ON journal (audit_status, id);
`,
  },
];
