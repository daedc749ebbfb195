import type { Database } from 'better-sqlite3-multiple-ciphers';
import type { InventoryScope, SnapshotInfo } from '../../../shared/model/adminInventory.ts';
import { InventoryRepository } from './inventoryRepository.ts';

interface SnapshotRow {
  id: number;
  job_id: number;
  scope: InventoryScope;
  started_at: number;
  completed_at: number | null;
  item_count: number;
}

function toInfo(row: SnapshotRow): SnapshotInfo {
  return {
    id: row.id,
    scope: row.scope,
    jobId: row.job_id,
    startedAt: new Date(row.started_at).toISOString(),
    completedAt: new Date(row.completed_at!).toISOString(),
    items: row.item_count,
  };
}

/** A complete snapshot's facts, or null when there is none with that id (or it never completed). */
export function snapshotInfo(db: Database, id: number): SnapshotInfo | null {
  const row = db.prepare('SELECT * FROM inventory_snapshots WHERE id = ? AND completed_at IS NOT NULL').get(id) as SnapshotRow | undefined;
  return row ? toInfo(row) : null;
}

/**
 * The snapshot a view shows: the latest complete one of the scope. An interrupted inventory's partial
 * snapshot is never shown as if it were the tenant's state.
 */
export function latestSnapshot(db: Database, scope: InventoryScope): SnapshotInfo | null {
  new InventoryRepository(db); // applies the inventory schema
  const row = db.prepare('SELECT * FROM inventory_snapshots WHERE scope = ? AND completed_at IS NOT NULL ORDER BY id DESC LIMIT 1').get(scope) as SnapshotRow | undefined;
  return row ? toInfo(row) : null;
}

/** Every complete snapshot of a scope, newest first (for choosing what to compare). */
export function listSnapshots(db: Database, scope: InventoryScope, limit = 50): SnapshotInfo[] {
  new InventoryRepository(db);
  const rows = db.prepare('SELECT * FROM inventory_snapshots WHERE scope = ? AND completed_at IS NOT NULL ORDER BY id DESC LIMIT ?').all(scope, limit) as SnapshotRow[];
  return rows.map(toInfo);
}
