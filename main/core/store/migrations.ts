import { hash } from 'node:crypto';
import type { Database } from 'better-sqlite3-multiple-ciphers';
import { WardenError } from '../../../shared/errors.ts';
import { dedupKey48 } from './dedupKey.ts';
import { NORMALIZED_COLUMN_NAMES, NORMALIZED_COLUMNS } from './recordFields.ts';

/**
 * Numbered schema migrations, in code. Each runs once, in its own transaction, and records its
 * number in `schema_migrations` and in `PRAGMA user_version`. Never edit a released migration:
 * add the next number.
 */
export interface Migration {
  version: number;
  name: string;
  sql: string;
  /** Registers SQL functions the migration's SQL needs (they stay registered on the connection). */
  prepare?: (db: Database) => void;
}

const normalizedColumnsSql = Object.entries(NORMALIZED_COLUMNS)
  .map(([name, type]) => `  ${name} ${type}`)
  .join(',\n');

export const MIGRATIONS: readonly Migration[] = [
  {
    version: 1,
    name: 'evidence records, raw bytes, full text, batches with a hash chain, completeness ledger',
    sql: `
CREATE TABLE meta (key TEXT PRIMARY KEY, value TEXT NOT NULL) WITHOUT ROWID;

-- One ingest batch: an imported file, or a page written by a collection job. Batches form a hash
-- chain (see hashChain.ts): hash = SHA-256 over the previous hash and the batch's records.
CREATE TABLE batches (
  id INTEGER PRIMARY KEY,
  source TEXT NOT NULL,            -- 'import' or the collecting source, e.g. 'graph:signIns'
  origin TEXT NOT NULL,            -- the file name, or what the job fetched
  committed_at INTEGER NOT NULL,   -- epoch ms
  record_count INTEGER NOT NULL,   -- records this batch added
  duplicate_count INTEGER NOT NULL,
  prev_hash BLOB NOT NULL,
  hash BLOB NOT NULL,
  details TEXT                     -- JSON: file hash, formats, warnings, ...
);

-- The normalized row of each record. Raw bytes live in record_raw so scans stay small.
CREATE TABLE records (
  id INTEGER PRIMARY KEY,
  batch_id INTEGER NOT NULL,
  kind TEXT NOT NULL CHECK (kind IN ('audit', 'signin')),
  format TEXT NOT NULL,
  source_id TEXT,
  dedup_hash BLOB NOT NULL UNIQUE,
${normalizedColumnsSql}
);
CREATE INDEX records_kind_time ON records (kind, time_ms, id);
CREATE INDEX records_user_time ON records (user_upn, time_ms) WHERE user_upn IS NOT NULL;
CREATE INDEX records_ip_time ON records (client_ip, time_ms) WHERE client_ip IS NOT NULL;
CREATE INDEX records_operation_time ON records (operation, time_ms) WHERE operation IS NOT NULL;
CREATE INDEX records_session ON records (session_id) WHERE session_id IS NOT NULL;
CREATE INDEX records_correlation ON records (correlation_id) WHERE correlation_id IS NOT NULL;
CREATE INDEX records_batch ON records (batch_id);

CREATE TABLE csv_headers (id INTEGER PRIMARY KEY, header TEXT NOT NULL UNIQUE);

CREATE TABLE record_raw (
  id INTEGER PRIMARY KEY,          -- = records.id
  csv_header_id INTEGER,           -- for CSV rows: the header line that names the columns
  raw BLOB NOT NULL
);

-- Full text over each record's values. Contentless (the text is rebuilt from raw when needed) and
-- detail=none (no positions): the smallest, fastest index; phrases are matched as AND of tokens.
CREATE VIRTUAL TABLE record_text USING fts5(text, content='', contentless_delete=1, detail=none, tokenize="unicode61 remove_diacritics 2");

-- Hourly counts per kind, operation, workload and result: timelines and counts over millions of
-- records answer from here instead of scanning the records.
CREATE TABLE hourly_counts (
  kind TEXT NOT NULL,
  hour INTEGER NOT NULL,           -- floor(time_ms / 3600000); -1 for records without a time
  operation TEXT NOT NULL,         -- '' for NULL, so the key stays unique
  workload TEXT NOT NULL,
  result TEXT NOT NULL,
  n INTEGER NOT NULL,
  PRIMARY KEY (kind, hour, operation, workload, result)
) WITHOUT ROWID;

-- Completeness ledger: per source and time window, what was expected and what arrived.
CREATE TABLE ledger_windows (
  id INTEGER PRIMARY KEY,
  source TEXT NOT NULL,
  window_start INTEGER NOT NULL,   -- epoch ms, inclusive
  window_end INTEGER NOT NULL,     -- epoch ms, exclusive
  status TEXT NOT NULL CHECK (status IN ('complete', 'partial', 'gap', 'past-retention', 'pending')),
  expected INTEGER,                -- what the source said it had (ResultCount, ...), when it says
  received INTEGER NOT NULL,
  cap_hit INTEGER NOT NULL DEFAULT 0,
  retried INTEGER NOT NULL DEFAULT 0,
  detail TEXT,
  batch_id INTEGER,
  recorded_at INTEGER NOT NULL,
  UNIQUE (source, window_start, window_end)
);
CREATE INDEX ledger_source_time ON ledger_windows (source, window_start);

-- Reviewer annotations. Not evidence: not part of the hash chain.
CREATE TABLE record_tags (
  record_id INTEGER NOT NULL,
  tag TEXT NOT NULL,
  created_at INTEGER NOT NULL,
  PRIMARY KEY (record_id, tag)
) WITHOUT ROWID;
CREATE INDEX record_tags_tag ON record_tags (tag, record_id);
CREATE TABLE record_notes (
  id INTEGER PRIMARY KEY,
  record_id INTEGER NOT NULL,
  text TEXT NOT NULL,
  created_at INTEGER NOT NULL,
  updated_at INTEGER NOT NULL
);
CREATE INDEX record_notes_record ON record_notes (record_id);
CREATE TABLE saved_searches (
  id INTEGER PRIMARY KEY,
  name TEXT NOT NULL UNIQUE,
  kind TEXT NOT NULL,
  filter TEXT NOT NULL,            -- JSON, parsed by the RecordFilter schema on load
  created_at INTEGER NOT NULL,
  updated_at INTEGER NOT NULL
);

-- Convenience views for people writing SQL (detections, ad-hoc hunting).
CREATE VIEW audit_records AS SELECT * FROM records WHERE kind = 'audit';
CREATE VIEW signins AS SELECT * FROM records WHERE kind = 'signin';
`,
  },
  {
    version: 2,
    name: 'ingest speed: dedup key beside the time instead of a random UNIQUE hash; client app index and rollup',
    prepare: (db) => db.function('warden_v1_dedup_key', { deterministic: true }, v1DedupKey as (...params: unknown[]) => unknown),
    sql: `
-- The v1 UNIQUE dedup_hash (16 random bytes) was inserted in random order: once its index outgrew
-- the page cache every record cost a page fetch and re-encryption, and ingest slowed as the store
-- grew. v2 keeps a 48-bit key that is indexed after the time (see dedupKey.ts). SQLite cannot drop
-- a UNIQUE column, so the table is rebuilt; ids, and so the hash chain and full text, are kept.
DROP VIEW audit_records;
DROP VIEW signins;
CREATE TABLE records_v2 (
  id INTEGER PRIMARY KEY,
  batch_id INTEGER NOT NULL,
  kind TEXT NOT NULL CHECK (kind IN ('audit', 'signin')),
  format TEXT NOT NULL,
  source_id TEXT,
  dedup_key INTEGER NOT NULL,      -- dedupKey48(): a candidate key only, confirmed against raw bytes
${normalizedColumnsSql}
);
INSERT INTO records_v2 (id, batch_id, kind, format, source_id, dedup_key, ${NORMALIZED_COLUMN_NAMES.join(', ')})
  SELECT r.id, r.batch_id, r.kind, r.format, r.source_id, warden_v1_dedup_key(r.format, r.source_id, w.raw), ${NORMALIZED_COLUMN_NAMES.map((c) => `r.${c}`).join(', ')}
  FROM records r LEFT JOIN record_raw w ON w.id = r.id ORDER BY r.id;
DROP TABLE records;
ALTER TABLE records_v2 RENAME TO records;
CREATE INDEX records_kind_time ON records (kind, time_ms, id);
CREATE INDEX records_dedup ON records (time_ms, dedup_key);
CREATE INDEX records_user_time ON records (user_upn, time_ms) WHERE user_upn IS NOT NULL;
CREATE INDEX records_ip_time ON records (client_ip, time_ms) WHERE client_ip IS NOT NULL;
CREATE INDEX records_operation_time ON records (operation, time_ms) WHERE operation IS NOT NULL;
-- Sign-ins by client app (legacy protocols: IMAP4, POP3, Authenticated SMTP, ...), by time.
CREATE INDEX records_client_app_time ON records (kind, client_app, time_ms) WHERE client_app IS NOT NULL;
CREATE INDEX records_session ON records (session_id) WHERE session_id IS NOT NULL;
CREATE INDEX records_correlation ON records (correlation_id) WHERE correlation_id IS NOT NULL;
CREATE INDEX records_batch ON records (batch_id);
CREATE VIEW audit_records AS SELECT * FROM records WHERE kind = 'audit';
CREATE VIEW signins AS SELECT * FROM records WHERE kind = 'signin';

-- The hourly rollup also per client app, so the legacy-protocol timeline and counts (IMAP4, POP3,
-- Authenticated SMTP, ...) answer from it: grouping 125,000 IMAP sign-ins of 1,000,000 by day took
-- 470 ms (npm run bench); sign-ins add one row per app and hour.
CREATE TABLE hourly_counts_v2 (
  kind TEXT NOT NULL,
  hour INTEGER NOT NULL,           -- floor(time_ms / 3600000); -1 for records without a time
  operation TEXT NOT NULL,         -- '' for NULL, so the key stays unique
  workload TEXT NOT NULL,
  result TEXT NOT NULL,
  client_app TEXT NOT NULL,
  n INTEGER NOT NULL,
  PRIMARY KEY (kind, hour, operation, workload, result, client_app)
) WITHOUT ROWID;
INSERT INTO hourly_counts_v2 (kind, hour, operation, workload, result, client_app, n)
  SELECT kind, CASE WHEN time_ms IS NULL THEN -1 WHEN time_ms >= 0 THEN time_ms / 3600000 ELSE (time_ms - 3599999) / 3600000 END,
    coalesce(operation, ''), coalesce(workload, ''), coalesce(result, ''), coalesce(client_app, ''), count(*)
  FROM records GROUP BY 1, 2, 3, 4, 5, 6;
DROP TABLE hourly_counts;
ALTER TABLE hourly_counts_v2 RENAME TO hourly_counts;
`,
  },
  {
    version: 3,
    name: 'detections: one covering index over the sign-in events',
    sql: `
-- The sign-in rules read every sign-in, and every unified audit log logon, in time order. Through
-- records_kind_time each of those rows cost a lookup in the records table, whose pages hold the
-- audit records too: 13 s of a 45 s detection run over 1,000,000 + 1,000,000 records (npm run
-- bench). This index holds the columns that pass reads (store/signInEventIndex.ts), in time order,
-- so the pass reads it alone: 6.5 s. Spelled out here because a released migration never changes.
CREATE INDEX records_signin_events ON records (time_ms, id, kind, operation, user_upn, client_ip, result, error_code, country, city,
  latitude, longitude, client_app, app_name, app_id, resource, session_id, is_interactive, auth_protocol, auth_detail, auth_methods,
  failure_reason, risk_level, risk_state, device_id, device_os, device_browser, user_agent)
  WHERE (kind = 'signin' OR (kind = 'audit' AND operation IN ('UserLoggedIn', 'UserLoginFailed')));
`,
  },
  {
    version: 4,
    name: 'MailItemsAccessed by time and user, for counting bulk reads',
    sql: `
-- Rules count MailItemsAccessed per user and hour (bulk mailbox reads: 574,000 records of 1,000,000
-- in npm run bench). Through records_operation_time each record cost a lookup in the records table:
-- 3.7 s of CPU for that one count; from this partial index, 1.5 s. records_operation_time keeps its
-- shape: with the user added to it, SQLite's planner chose records_kind_time for the Audit view's
-- operation filter and scanned every audit record (2.7 s for one page on 1,000,000).
CREATE INDEX records_mail_items_accessed ON records (time_ms, user_upn) WHERE operation = 'MailItemsAccessed';
`,
  },  {
    version: 5,
    name: 'detections: the sign-in events in a table of their own, strings stored once',
    sql: `
-- The sign-in rules read every sign-in event in time order. From the covering index of migration 3,
-- reading 1,200,000 of them cost 4-5 s, most of it making JavaScript strings: each row's user,
-- address, app, session... anew, a million times over the same few thousand values (and the
-- garbage collection after them). Here each string is stored once, in signin_strings, and the
-- events hold its number: the rows are small integers, the stream turns each number into its
-- string once (detect/engine/signInStrings.ts). Reading the same events: 2.3-2.6 s, and 0.7 s of
-- garbage collection instead of 2 s. Spelled out here because a released migration never changes.
CREATE TABLE signin_strings (id INTEGER PRIMARY KEY, value TEXT NOT NULL UNIQUE);

-- One row per sign-in event record (store/signInEventTable.ts): an Entra sign-in, or a unified
-- audit log logon. Text columns hold signin_strings.id; records.id is the record.
CREATE TABLE signin_events (
  time_ms INTEGER NOT NULL,
  id INTEGER NOT NULL,
  kind INTEGER NOT NULL, user_upn INTEGER, client_ip INTEGER, result INTEGER, country INTEGER, client_app INTEGER, app_name INTEGER, app_id INTEGER, session_id INTEGER, auth_protocol INTEGER, auth_detail INTEGER, failure_reason INTEGER, risk_level INTEGER, risk_state INTEGER, device_id INTEGER,
  error_code INTEGER, latitude REAL, longitude REAL, is_interactive INTEGER,
  PRIMARY KEY (time_ms, id)
) WITHOUT ROWID;
-- An incremental run reads the accounts with new events, each from its baseline on.
CREATE INDEX signin_events_user ON signin_events (user_upn, time_ms) WHERE user_upn IS NOT NULL;

-- Kept by triggers, so every way a record is written or removed keeps the events in step.
-- INSERT OR IGNORE skips a string already stored, and a NULL (which stays NULL in the event).
CREATE TRIGGER records_signin_events_insert AFTER INSERT ON records
WHEN new.time_ms IS NOT NULL AND (new.kind = 'signin' OR (new.kind = 'audit' AND new.operation IN ('UserLoggedIn', 'UserLoginFailed')))
BEGIN
  INSERT OR IGNORE INTO signin_strings (value) VALUES (new.kind), (new.user_upn), (new.client_ip), (new.result), (new.country), (new.client_app), (new.app_name), (new.app_id), (new.session_id), (new.auth_protocol), (new.auth_detail), (new.failure_reason), (new.risk_level), (new.risk_state), (new.device_id);
  INSERT INTO signin_events VALUES (new.time_ms, new.id,
    (SELECT id FROM signin_strings WHERE value = new.kind),
    (SELECT id FROM signin_strings WHERE value = new.user_upn),
    (SELECT id FROM signin_strings WHERE value = new.client_ip),
    (SELECT id FROM signin_strings WHERE value = new.result),
    (SELECT id FROM signin_strings WHERE value = new.country),
    (SELECT id FROM signin_strings WHERE value = new.client_app),
    (SELECT id FROM signin_strings WHERE value = new.app_name),
    (SELECT id FROM signin_strings WHERE value = new.app_id),
    (SELECT id FROM signin_strings WHERE value = new.session_id),
    (SELECT id FROM signin_strings WHERE value = new.auth_protocol),
    (SELECT id FROM signin_strings WHERE value = new.auth_detail),
    (SELECT id FROM signin_strings WHERE value = new.failure_reason),
    (SELECT id FROM signin_strings WHERE value = new.risk_level),
    (SELECT id FROM signin_strings WHERE value = new.risk_state),
    (SELECT id FROM signin_strings WHERE value = new.device_id),
    new.error_code, new.latitude, new.longitude, new.is_interactive);
END;
CREATE TRIGGER records_signin_events_delete AFTER DELETE ON records
WHEN old.time_ms IS NOT NULL
BEGIN
  DELETE FROM signin_events WHERE time_ms = old.time_ms AND id = old.id;
END;

-- The events already stored.
INSERT OR IGNORE INTO signin_strings (value)
  SELECT j.value FROM records r, json_each(json_array(r.kind, r.user_upn, r.client_ip, r.result, r.country, r.client_app, r.app_name, r.app_id, r.session_id, r.auth_protocol, r.auth_detail, r.failure_reason, r.risk_level, r.risk_state, r.device_id)) j
  WHERE r.time_ms IS NOT NULL AND (r.kind = 'signin' OR (r.kind = 'audit' AND r.operation IN ('UserLoggedIn', 'UserLoginFailed')));
INSERT INTO signin_events
  SELECT r.time_ms, r.id,
  (SELECT id FROM signin_strings WHERE value = r.kind),
  (SELECT id FROM signin_strings WHERE value = r.user_upn),
  (SELECT id FROM signin_strings WHERE value = r.client_ip),
  (SELECT id FROM signin_strings WHERE value = r.result),
  (SELECT id FROM signin_strings WHERE value = r.country),
  (SELECT id FROM signin_strings WHERE value = r.client_app),
  (SELECT id FROM signin_strings WHERE value = r.app_name),
  (SELECT id FROM signin_strings WHERE value = r.app_id),
  (SELECT id FROM signin_strings WHERE value = r.session_id),
  (SELECT id FROM signin_strings WHERE value = r.auth_protocol),
  (SELECT id FROM signin_strings WHERE value = r.auth_detail),
  (SELECT id FROM signin_strings WHERE value = r.failure_reason),
  (SELECT id FROM signin_strings WHERE value = r.risk_level),
  (SELECT id FROM signin_strings WHERE value = r.risk_state),
  (SELECT id FROM signin_strings WHERE value = r.device_id),
  r.error_code, r.latitude, r.longitude, r.is_interactive
  FROM records r WHERE r.time_ms IS NOT NULL AND (r.kind = 'signin' OR (r.kind = 'audit' AND r.operation IN ('UserLoggedIn', 'UserLoginFailed')));

DROP INDEX records_signin_events;
`,
  },  {
    version: 6,
    name: 'MailItemsAccessed counted per account and hour',
    sql: `
-- The bulk-read rule counts MailItemsAccessed per account and hour over the whole store: from the
-- partial index of migration 4 that GROUP BY walked 574,000 records, 1.5-2.3 s of every full
-- detection run (npm run bench). Counted here as records are written, it is a read of the counts.
-- Records without an account are not counted: the rule has no one to name for them.
CREATE TABLE mail_items_accessed_hourly (
  user_upn TEXT NOT NULL,
  hour INTEGER NOT NULL,           -- floor(time_ms / 3600000)
  n INTEGER NOT NULL,
  PRIMARY KEY (user_upn, hour)
) WITHOUT ROWID;

CREATE TRIGGER records_mail_items_accessed_count AFTER INSERT ON records
WHEN new.operation = 'MailItemsAccessed' AND new.user_upn IS NOT NULL AND new.time_ms IS NOT NULL
BEGIN
  INSERT INTO mail_items_accessed_hourly (user_upn, hour, n) VALUES (new.user_upn, new.time_ms / 3600000, 1)
    ON CONFLICT (user_upn, hour) DO UPDATE SET n = n + 1;
END;
CREATE TRIGGER records_mail_items_accessed_uncount AFTER DELETE ON records
WHEN old.operation = 'MailItemsAccessed' AND old.user_upn IS NOT NULL AND old.time_ms IS NOT NULL
BEGIN
  UPDATE mail_items_accessed_hourly SET n = n - 1 WHERE user_upn = old.user_upn AND hour = old.time_ms / 3600000;
  DELETE FROM mail_items_accessed_hourly WHERE user_upn = old.user_upn AND hour = old.time_ms / 3600000 AND n <= 0;
END;

INSERT INTO mail_items_accessed_hourly (user_upn, hour, n)
  SELECT user_upn, time_ms / 3600000, count(*) FROM records INDEXED BY records_mail_items_accessed
  WHERE operation = 'MailItemsAccessed' AND user_upn IS NOT NULL AND time_ms IS NOT NULL GROUP BY 1, 2;

-- Nothing else reads it, and every record written paid for it.
DROP INDEX records_mail_items_accessed;
`,
  },  {
    version: 7,
    name: 'the domains of the accounts in the store',
    sql: `
-- Rules tell an organization's own addresses from outside ones (forwarding, inbox rules) by the
-- domains of the accounts that act in its logs, besides the configured ones. Finding them walked the
-- user index, one seek per account: 0.5-1.2 s of every full detection run over 2,000,000 records
-- (each seek decrypting another page). Kept here as records are written, they are a read of a few rows.
-- The domain is what follows an account's last '@' (not at its start); guests (#ext#) are not the
-- organization's.
CREATE TABLE account_domains (domain TEXT PRIMARY KEY) WITHOUT ROWID;

CREATE TRIGGER records_account_domain AFTER INSERT ON records
WHEN new.user_upn IS NOT NULL AND instr(new.user_upn, '#ext#') = 0 AND length(rtrim(new.user_upn, replace(new.user_upn, '@', ''))) > 1
BEGIN
  INSERT OR IGNORE INTO account_domains (domain)
    VALUES (lower(substr(new.user_upn, length(rtrim(new.user_upn, replace(new.user_upn, '@', ''))) + 1)));
END;

INSERT OR IGNORE INTO account_domains (domain)
  SELECT DISTINCT lower(substr(user_upn, length(rtrim(user_upn, replace(user_upn, '@', ''))) + 1)) FROM records
  WHERE user_upn IS NOT NULL AND instr(user_upn, '#ext#') = 0 AND length(rtrim(user_upn, replace(user_upn, '@', ''))) > 1;
`,
  },
  {
    version: 8,
    name: 'sign-in events, account domains and MailItemsAccessed counts written by the batch writer',
    sql: `
-- The insert triggers of migrations 5, 6 and 7 made storing records about 1.6 times slower (npm run
-- bench -- --only store, 200,000 records of each kind: 342-356 us of CPU per record, against 212-216
-- us before them; with the writer below, 238-254 us). Most of it was their mere presence: dropping
-- only the MailItemsAccessed trigger, which never fires for a sign-in, took storing a sign-in from
-- 370 to 228 us. (SQLite keeps a statement journal for an INSERT whose triggers write more rows, so
-- it can undo the statement alone.) The batch writer now writes the three itself
-- (store/batchWriter.ts, store/signInEventWriter.ts), and records are written nowhere else. The
-- delete triggers stay: a record removed in any way still takes its event and its count with it.
DROP TRIGGER records_signin_events_insert;
DROP TRIGGER records_mail_items_accessed_count;
DROP TRIGGER records_account_domain;
`,
  },
  {
    version: 9,
    name: 'detections: the few-valued columns of a sign-in event held once, as its shape',
    sql: `
-- Reading the sign-in events costs per column: of 21 columns, twelve have few values between them
-- (kind, result, error code, client app, app, protocol, failure reason, risk...; a few thousand
-- combinations in a tenant). Held once in signin_shapes, an event keeps one number for them: 10
-- columns, read in 1.3 s instead of 2.1-2.2 s over the bench's 1,208,491 events
-- (store/signInEventTable.ts). Spelled out here because a released migration never changes.
CREATE TABLE signin_shapes (
  id INTEGER PRIMARY KEY,
  -- The columns below as text, comma-separated, NULL as nothing: what makes a shape the same.
  key TEXT NOT NULL UNIQUE,
  kind INTEGER NOT NULL, result INTEGER, client_app INTEGER, app_name INTEGER, app_id INTEGER, auth_protocol INTEGER,
  auth_detail INTEGER, failure_reason INTEGER, risk_level INTEGER, risk_state INTEGER,
  error_code INTEGER, is_interactive INTEGER
);
INSERT INTO signin_shapes (key, kind, result, client_app, app_name, app_id, auth_protocol, auth_detail, failure_reason, risk_level, risk_state, error_code, is_interactive)
  SELECT DISTINCT kind || ',' || ifnull(result, '') || ',' || ifnull(client_app, '') || ',' || ifnull(app_name, '') || ',' || ifnull(app_id, '') || ',' ||
      ifnull(auth_protocol, '') || ',' || ifnull(auth_detail, '') || ',' || ifnull(failure_reason, '') || ',' || ifnull(risk_level, '') || ',' ||
      ifnull(risk_state, '') || ',' || ifnull(error_code, '') || ',' || ifnull(is_interactive, ''),
    kind, result, client_app, app_name, app_id, auth_protocol, auth_detail, failure_reason, risk_level, risk_state, error_code, is_interactive
  FROM signin_events;

CREATE TABLE signin_events_v9 (
  time_ms INTEGER NOT NULL,
  id INTEGER NOT NULL,
  shape INTEGER NOT NULL,
  user_upn INTEGER, client_ip INTEGER, country INTEGER, session_id INTEGER, device_id INTEGER,
  latitude REAL, longitude REAL,
  PRIMARY KEY (time_ms, id)
) WITHOUT ROWID;
INSERT INTO signin_events_v9
  SELECT e.time_ms, e.id, s.id, e.user_upn, e.client_ip, e.country, e.session_id, e.device_id, e.latitude, e.longitude
  FROM signin_events e JOIN signin_shapes s ON s.key = e.kind || ',' || ifnull(e.result, '') || ',' || ifnull(e.client_app, '') || ',' ||
    ifnull(e.app_name, '') || ',' || ifnull(e.app_id, '') || ',' || ifnull(e.auth_protocol, '') || ',' || ifnull(e.auth_detail, '') || ',' ||
    ifnull(e.failure_reason, '') || ',' || ifnull(e.risk_level, '') || ',' || ifnull(e.risk_state, '') || ',' || ifnull(e.error_code, '') || ',' ||
    ifnull(e.is_interactive, '')
  ORDER BY e.time_ms, e.id;

-- The delete trigger names the table: dropped first, made again for the new one.
DROP TRIGGER records_signin_events_delete;
DROP TABLE signin_events;
ALTER TABLE signin_events_v9 RENAME TO signin_events;
CREATE INDEX signin_events_user ON signin_events (user_upn, time_ms) WHERE user_upn IS NOT NULL;
CREATE TRIGGER records_signin_events_delete AFTER DELETE ON records
WHEN old.time_ms IS NOT NULL
BEGIN
  DELETE FROM signin_events WHERE time_ms = old.time_ms AND id = old.id;
END;
`,
  },
];

/**
 * The dedup key a v1 record gets in v2: the importers' dedupKey string (mapper prefix, source id in
 * lower case, SHA-256 of the raw bytes), rebuilt from what v1 stored. Only the importers wrote v1
 * stores, and their format names say which mapper (and so which prefix) read each record.
 */
const V1_SIGNIN_FORMATS = new Set(['graph-signin', 'la-signin']);
const V1_DIRECTORY_AUDIT_FORMATS = new Set(['graph-directory-audit', 'la-audit-logs']);
function v1DedupKey(format: string, sourceId: string | null, raw: Buffer | null): number {
  const prefix = V1_SIGNIN_FORMATS.has(format) ? 'signin' : V1_DIRECTORY_AUDIT_FORMATS.has(format) ? 'diraudit' : 'ual';
  const rawHash = hash('sha256', raw ?? Buffer.alloc(0), 'hex');
  return dedupKey48(`${prefix}:${sourceId ? sourceId.toLowerCase() : ''}:${rawHash}`);
}

export const LATEST_SCHEMA_VERSION = MIGRATIONS[MIGRATIONS.length - 1]!.version;

/** Applies every migration newer than the store's version; refuses a store from a newer Warden. */
export function migrate(db: Database, migrations: readonly Migration[] = MIGRATIONS): { from: number; to: number } {
  const from = db.pragma('user_version', { simple: true }) as number;
  const latest = migrations[migrations.length - 1]?.version ?? 0;
  if (from > latest) {
    throw new WardenError('unavailable', `This evidence store has schema version ${from}; this Warden knows up to ${latest}. Open it with a newer Warden.`);
  }
  for (const migration of migrations) {
    if (migration.version <= from) continue;
    migration.prepare?.(db);
    db.transaction(() => {
      db.exec(migration.sql);
      if (migration.version === 1) {
        db.exec('CREATE TABLE schema_migrations (version INTEGER PRIMARY KEY, name TEXT NOT NULL, applied_at INTEGER NOT NULL)');
      }
      db.prepare('INSERT INTO schema_migrations (version, name, applied_at) VALUES (?, ?, ?)').run(migration.version, migration.name, Date.now());
      db.pragma(`user_version = ${migration.version}`);
    })();
  }
  return { from, to: Math.max(from, latest) };
}
