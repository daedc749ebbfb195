import type { Database } from 'better-sqlite3-multiple-ciphers';
import { applyModuleMigrations } from '../sqlite/moduleMigrations.ts';
import { INVENTORY_MIGRATIONS } from './inventorySchema.ts';

export type InventoryScope = 'mailboxes' | 'roles' | 'audit-config';

export interface InventoryItem {
  type: string;
  identity: string;
  parent?: string | null;
  data: Record<string, unknown>;
}

/** Reads and writes inventory snapshots in a tenant's store. Writes run inside the caller's transaction. */
export class InventoryRepository {
  readonly db: Database;

  constructor(db: Database) {
    this.db = db;
    applyModuleMigrations(db, 'inventory', INVENTORY_MIGRATIONS);
  }

  createSnapshot(jobId: number, scope: InventoryScope, now: number): number {
    return Number(this.db.prepare('INSERT INTO inventory_snapshots (job_id, scope, started_at) VALUES (?, ?, ?)').run(jobId, scope, now).lastInsertRowid);
  }

  /** Inserts or replaces items (a page fetched again after a crash replaces itself, never doubles). */
  putItems(snapshotId: number, items: readonly InventoryItem[]): void {
    const insert = this.db.prepare('INSERT OR REPLACE INTO inventory_items (snapshot_id, item_type, identity, parent, data) VALUES (?, ?, ?, ?, ?)');
    for (const item of items) insert.run(snapshotId, item.type, item.identity, item.parent ?? null, JSON.stringify(item.data));
  }

  complete(snapshotId: number, now: number): void {
    this.db.prepare(`UPDATE inventory_snapshots SET completed_at = ?, item_count = (SELECT COUNT(*) FROM inventory_items WHERE snapshot_id = ?) WHERE id = ?`).run(now, snapshotId, snapshotId);
  }

  countItems(snapshotId: number, type: string): number {
    return (this.db.prepare('SELECT COUNT(*) AS n FROM inventory_items WHERE snapshot_id = ? AND item_type = ?').get(snapshotId, type) as { n: number }).n;
  }

  /** Identities of a type in a snapshot, in a stable order (per-mailbox work walks this list). */
  identities(snapshotId: number, type: string, after: string | null, limit: number): string[] {
    const rows = this.db
      .prepare('SELECT identity FROM inventory_items WHERE snapshot_id = ? AND item_type = ? AND identity > ? ORDER BY identity LIMIT ?')
      .all(snapshotId, type, after ?? '', limit) as Array<{ identity: string }>;
    return rows.map((r) => r.identity);
  }

  items(snapshotId: number, type: string): InventoryItem[] {
    const rows = this.db.prepare('SELECT item_type, identity, parent, data FROM inventory_items WHERE snapshot_id = ? AND item_type = ? ORDER BY identity').all(snapshotId, type) as Array<{
      item_type: string;
      identity: string;
      parent: string | null;
      data: string;
    }>;
    return rows.map((r) => ({ type: r.item_type, identity: r.identity, parent: r.parent, data: JSON.parse(r.data) as Record<string, unknown> }));
  }

  latestComplete(scope: InventoryScope): { id: number; completedAt: number } | null {
    const row = this.db.prepare('SELECT id, completed_at FROM inventory_snapshots WHERE scope = ? AND completed_at IS NOT NULL ORDER BY id DESC LIMIT 1').get(scope) as
      | { id: number; completed_at: number }
      | undefined;
    return row ? { id: row.id, completedAt: row.completed_at } : null;
  }
}
