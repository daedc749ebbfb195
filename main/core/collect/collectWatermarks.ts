import type { Database } from 'better-sqlite3-multiple-ciphers';
import { applyModuleMigrations, type ModuleMigration } from '../sqlite/moduleMigrations.ts';

const MIGRATIONS: readonly ModuleMigration[] = [
  {
    version: 1,
    name: 'collection watermarks',
    sql: `
-- How far each log has been collected without a hole in the order windows were taken (oldest first):
-- an incremental collection starts here, less a small overlap. Gaps are not holes here: the ledger keeps them.
CREATE TABLE collect_watermarks (
  stream TEXT PRIMARY KEY,          -- a Graph ledger source, or 'unified-audit-log'
  watermark_ms INTEGER NOT NULL,    -- epoch ms: collected up to here
  updated_at INTEGER NOT NULL
) WITHOUT ROWID;
`,
  },
];

const prepared = new WeakSet<Database>();

function ready(db: Database): Database {
  if (!prepared.has(db)) {
    applyModuleMigrations(db, 'collect', MIGRATIONS);
    prepared.add(db);
  }
  return db;
}

export function readWatermark(db: Database, stream: string): number | null {
  const row = ready(db).prepare('SELECT watermark_ms FROM collect_watermarks WHERE stream = ?').get(stream) as { watermark_ms: number } | undefined;
  return row ? row.watermark_ms : null;
}

export function listWatermarks(db: Database): Map<string, number> {
  const rows = ready(db).prepare('SELECT stream, watermark_ms FROM collect_watermarks').all() as { stream: string; watermark_ms: number }[];
  return new Map(rows.map((r) => [r.stream, r.watermark_ms]));
}

/**
 * Moves the watermark to `endMs` after the window [startMs, endMs) was taken, but only forward and only when
 * the window continues what was collected (it starts at or before the watermark): collecting an old or a
 * later, detached range never makes an incremental run skip what lies between. Call it inside the window's
 * transaction.
 */
export function advanceWatermark(db: Database, stream: string, window: { startMs: number; endMs: number }, now = Date.now()): void {
  const current = readWatermark(db, stream);
  if (current !== null && (window.startMs > current || window.endMs <= current)) return;
  db.prepare(
    `INSERT INTO collect_watermarks (stream, watermark_ms, updated_at) VALUES (?, ?, ?)
     ON CONFLICT (stream) DO UPDATE SET watermark_ms = excluded.watermark_ms, updated_at = excluded.updated_at`,
  ).run(stream, window.endMs, now);
}
