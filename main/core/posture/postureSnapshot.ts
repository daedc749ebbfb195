import type { Database } from 'better-sqlite3-multiple-ciphers';
import { InventoryRepository } from '../inventory/inventoryRepository.ts';

/**
 * The posture inventory's snapshots live beside the other inventories' (same tables, scope 'posture'), so a
 * crash-safe page write, identities and item reads work the same way; the scope name is private to posture.
 */
export const POSTURE_SCOPE = 'posture';

/** Item types the posture inventory writes. */
export const POSTURE_ITEM = {
  transportConfig: 'transportConfig',
  remoteDomain: 'remoteDomain',
  outboundSpamPolicy: 'hostedOutboundSpamFilterPolicy',
  registration: 'userRegistrationDetails',
  /** A part the service would not give (identity = the cmdlet or endpoint; data.reason says why). */
  unavailable: 'unavailable',
} as const;

export function createPostureSnapshot(db: Database, jobId: number, now: number): number {
  new InventoryRepository(db); // applies the inventory schema
  return Number(db.prepare('INSERT INTO inventory_snapshots (job_id, scope, started_at) VALUES (?, ?, ?)').run(jobId, POSTURE_SCOPE, now).lastInsertRowid);
}

export interface PostureSnapshot {
  id: number;
  completedAt: number;
}

/** The latest complete posture snapshot; an interrupted one is never read as the tenant's state. */
export function latestPostureSnapshot(db: Database): PostureSnapshot | null {
  new InventoryRepository(db);
  const row = db.prepare('SELECT id, completed_at FROM inventory_snapshots WHERE scope = ? AND completed_at IS NOT NULL ORDER BY id DESC LIMIT 1').get(POSTURE_SCOPE) as
    | { id: number; completed_at: number }
    | undefined;
  return row ? { id: row.id, completedAt: row.completed_at } : null;
}
