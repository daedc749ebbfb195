import type { ModuleMigration } from '../sqlite/moduleMigrations.ts';

/**
 * Inventory snapshots: what a tenant's Exchange configuration looked like when an inventory ran. Items
 * are the cmdlets' own objects (JSON), keyed by type and identity, so a resumed run never stores one twice,
 * and two snapshots can be compared to show what changed.
 */
export const INVENTORY_MIGRATIONS: readonly ModuleMigration[] = [
  {
    version: 1,
    name: 'inventory snapshots and items',
    sql: `
CREATE TABLE inventory_snapshots (
  id INTEGER PRIMARY KEY,
  job_id INTEGER NOT NULL,
  scope TEXT NOT NULL,              -- 'mailboxes', 'roles', 'audit-config'
  started_at INTEGER NOT NULL,
  completed_at INTEGER,             -- null until every part was fetched
  item_count INTEGER NOT NULL DEFAULT 0
);
CREATE INDEX inventory_snapshots_by_scope ON inventory_snapshots (scope, id);
CREATE TABLE inventory_items (
  snapshot_id INTEGER NOT NULL,
  item_type TEXT NOT NULL,          -- 'mailbox', 'casMailbox', 'mailboxPermission', 'inboxRule', 'roleGroup', ...
  identity TEXT NOT NULL,           -- the object's stable id (ExchangeGuid, Guid, or a composite)
  parent TEXT,                      -- for per-mailbox items: the mailbox identity
  data TEXT NOT NULL,               -- the cmdlet's object, as JSON
  PRIMARY KEY (snapshot_id, item_type, identity)
) WITHOUT ROWID;
CREATE INDEX inventory_items_by_parent ON inventory_items (snapshot_id, parent) WHERE parent IS NOT NULL;
`,
  },
];
