import type { Database } from 'better-sqlite3-multiple-ciphers';
import type { RolesOverview, SnapshotInfo } from '../../../shared/model/adminInventory.ts';
import type { DetectContext } from '../../../shared/model/findings.ts';
import { loadContext } from '../detect/context/contextStore.ts';
import { InventoryRepository, type InventoryItem } from '../inventory/inventoryRepository.ts';
import { rolesOverview } from '../inventory/roleOverview.ts';
import { latestSnapshot } from '../inventory/snapshotInfo.ts';
import type { EvidenceStore } from '../store/openStore.ts';
import { latestPostureSnapshot, POSTURE_ITEM, POSTURE_SCOPE } from './postureSnapshot.ts';

export type SourceScope = 'mailboxes' | 'roles' | 'audit-config' | 'posture';

/** What to run to get each inventory (named in every "unknown"). */
export const RUN_TO_COLLECT: Record<SourceScope, string> = {
  mailboxes: '`warden inventory mailboxes`',
  roles: '`warden inventory roles`',
  'audit-config': '`warden inventory audit-config`',
  posture: '`warden posture collect`',
};

export interface SourceSnapshot {
  id: number;
  completedAt: string;
  /** A newer run of the same inventory that never completed (its partial data is not read). */
  newerIncomplete: boolean;
}

/**
 * Everything a check reads, loaded on first use and shared by the checks of one evaluation: the latest
 * COMPLETE snapshot of each inventory, the detection context, and the store's records.
 */
export class PostureInputs {
  readonly store: EvidenceStore;
  readonly db: Database;
  readonly now: number;
  private readonly repo: InventoryRepository;
  private readonly snapshots = new Map<SourceScope, SourceSnapshot | null>();
  private readonly itemCache = new Map<string, InventoryItem[]>();
  private cachedContext: DetectContext | null = null;
  private cachedRoles: RolesOverview | null = null;

  constructor(store: EvidenceStore, now: number) {
    this.store = store;
    this.db = store.db;
    this.now = now;
    this.repo = new InventoryRepository(store.db);
  }

  get context(): DetectContext {
    this.cachedContext ??= loadContext(this.store);
    return this.cachedContext;
  }

  snapshot(scope: SourceScope): SourceSnapshot | null {
    if (!this.snapshots.has(scope)) {
      let found: { id: number; completedAt: string } | null;
      if (scope === 'posture') {
        const p = latestPostureSnapshot(this.db);
        found = p ? { id: p.id, completedAt: new Date(p.completedAt).toISOString() } : null;
      } else {
        const s: SnapshotInfo | null = latestSnapshot(this.db, scope);
        found = s ? { id: s.id, completedAt: s.completedAt } : null;
      }
      const newer = this.db
        .prepare('SELECT 1 FROM inventory_snapshots WHERE scope = ? AND completed_at IS NULL AND id > ? LIMIT 1')
        .get(scope === 'posture' ? POSTURE_SCOPE : scope, found?.id ?? 0);
      this.snapshots.set(scope, found ? { ...found, newerIncomplete: newer !== undefined } : null);
    }
    return this.snapshots.get(scope)!;
  }

  /** "the audit-config inventory #12 of 2026-06-01 10:00 UTC" (and a note when a newer run did not finish). */
  basis(scope: SourceScope): string {
    const s = this.snapshot(scope);
    if (!s) return `no complete ${scope} inventory`;
    const note = s.newerIncomplete ? ` (a newer ${scope} inventory did not finish; its partial data is not used: run ${RUN_TO_COLLECT[scope]} again)` : '';
    return `the ${scope} inventory #${s.id} of ${s.completedAt.slice(0, 16).replace('T', ' ')} UTC${note}`;
  }

  items(scope: SourceScope, type: string): InventoryItem[] {
    const s = this.snapshot(scope);
    if (!s) return [];
    const key = `${s.id}|${type}`;
    let list = this.itemCache.get(key);
    if (!list) {
      list = this.repo.items(s.id, type);
      this.itemCache.set(key, list);
    }
    return list;
  }

  /** Why a part of the posture inventory is missing, when the service would not give it. */
  unavailable(part: string): string | null {
    const item = this.items('posture', POSTURE_ITEM.unavailable).find((u) => u.identity === part.toLowerCase() || u.identity === part);
    return item ? String(item.data['reason'] ?? 'not available') : null;
  }

  /** The role groups with members and the least-privilege view of them (the Roles view's own reading). */
  get roles(): RolesOverview {
    this.cachedRoles ??= rolesOverview(this.db);
    return this.cachedRoles;
  }
}
