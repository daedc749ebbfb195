import type { Database } from 'better-sqlite3-multiple-ciphers';
import { WardenError } from '../../../../shared/errors.ts';

/**
 * The detections' own tables, in the evidence store's file but apart from its schema: the store's
 * numbered migrations (store/migrations.ts) belong to the store, these belong to detections. Same
 * discipline: numbered, each applied once, in its own transaction, recorded in
 * `detect_schema_migrations`. Never edit a released migration: add the next number.
 *
 * Findings are reviewer work, not evidence: they are not in the hash chain, and deleting every
 * detect_* and finding* table leaves the evidence exactly as it was.
 */
export interface DetectMigration {
  version: number;
  name: string;
  sql: string;
}

export const DETECT_MIGRATIONS: readonly DetectMigration[] = [
  {
    version: 1,
    name: 'findings, evidence links, triage notes, suppressions, rule watermarks, runs, context',
    sql: `
CREATE TABLE detect_context (
  key TEXT PRIMARY KEY,          -- one of CONTEXT_KEYS
  value TEXT NOT NULL,           -- JSON, parsed by the DetectContext schema on load
  updated_at INTEGER NOT NULL
) WITHOUT ROWID;

-- One row per rule: how far it has read (records.id) and with which parameters and context.
CREATE TABLE detect_rule_state (
  rule_id TEXT PRIMARY KEY,
  watermark INTEGER NOT NULL,    -- the highest records.id the rule has seen
  config_hash TEXT NOT NULL,     -- parameters + context: a change means a full re-run
  last_run_id INTEGER
) WITHOUT ROWID;

CREATE TABLE detect_runs (
  id INTEGER PRIMARY KEY,
  started_at INTEGER NOT NULL,
  finished_at INTEGER,
  mode TEXT NOT NULL CHECK (mode IN ('incremental', 'full')),
  summary TEXT                   -- JSON RunSummary
);

CREATE TABLE findings (
  id INTEGER PRIMARY KEY,
  fingerprint TEXT NOT NULL UNIQUE,
  source TEXT NOT NULL DEFAULT 'detection' CHECK (source IN ('detection', 'posture')),
  rule_id TEXT NOT NULL,
  subject_key TEXT NOT NULL,     -- what it is about, e.g. 'ip:203.0.113.7' or 'user:a@x|country:RU'
  severity TEXT NOT NULL CHECK (severity IN ('low', 'medium', 'high', 'critical')),
  title TEXT NOT NULL,
  explanation TEXT NOT NULL,
  facts TEXT NOT NULL,           -- JSON: the values the explanation was built from
  user_upn TEXT,
  actor_upn TEXT,
  ip TEXT,
  first_ms INTEGER,
  last_ms INTEGER,
  evidence_count INTEGER NOT NULL,
  status TEXT NOT NULL DEFAULT 'active' CHECK (status IN ('active', 'withdrawn')),
  triage TEXT NOT NULL DEFAULT 'new' CHECK (triage IN ('new', 'investigating', 'benign', 'confirmed')),
  created_at INTEGER NOT NULL,
  updated_at INTEGER NOT NULL,
  run_id INTEGER
);
CREATE INDEX findings_rule_subject ON findings (rule_id, subject_key);
CREATE INDEX findings_user ON findings (user_upn);
CREATE INDEX findings_last ON findings (last_ms);

CREATE TABLE finding_evidence (
  finding_id INTEGER NOT NULL,
  record_id INTEGER NOT NULL,    -- records.id
  PRIMARY KEY (finding_id, record_id)
) WITHOUT ROWID;
CREATE INDEX finding_evidence_record ON finding_evidence (record_id);

-- Triage history: every state change and note, in order.
CREATE TABLE finding_notes (
  id INTEGER PRIMARY KEY,
  finding_id INTEGER NOT NULL,
  text TEXT NOT NULL,
  triage_from TEXT,
  triage_to TEXT,
  created_at INTEGER NOT NULL
);
CREATE INDEX finding_notes_finding ON finding_notes (finding_id);

-- Explicit, listed, reversible: removing a row brings back exactly what it hid.
CREATE TABLE suppressions (
  id INTEGER PRIMARY KEY,
  kind TEXT NOT NULL CHECK (kind IN ('ip-range', 'account', 'rule-user')),
  value TEXT NOT NULL,
  rule_id TEXT,
  reason TEXT NOT NULL,
  created_at INTEGER NOT NULL,
  removed_at INTEGER
);
`,
  },
];

const applied = new WeakSet<Database>();

/**
 * Applies the detections' migrations on an open store connection (idempotent, cheap after the
 * first call per connection). Called by every detections entry point, so a store opened by any
 * part of Warden gets these tables the first time detections touch it.
 */
export function ensureDetectSchema(db: Database, migrations: readonly DetectMigration[] = DETECT_MIGRATIONS): void {
  if (applied.has(db)) return;
  db.exec('CREATE TABLE IF NOT EXISTS detect_schema_migrations (version INTEGER PRIMARY KEY, name TEXT NOT NULL, applied_at INTEGER NOT NULL)');
  const done = new Set((db.prepare('SELECT version FROM detect_schema_migrations').all() as { version: number }[]).map((r) => r.version));
  const latest = migrations[migrations.length - 1]?.version ?? 0;
  const newest = Math.max(0, ...done);
  if (newest > latest) {
    throw new WardenError(
      'unavailable',
      `This store's findings have schema version ${newest}; this Warden knows up to ${latest}. Open it with a newer Warden.`,
    );
  }
  for (const migration of migrations) {
    if (done.has(migration.version)) continue;
    db.transaction(() => {
      db.exec(migration.sql);
      db.prepare('INSERT INTO detect_schema_migrations (version, name, applied_at) VALUES (?, ?, ?)').run(migration.version, migration.name, Date.now());
    })();
  }
  applied.add(db);
}
