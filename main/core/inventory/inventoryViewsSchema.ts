import type { ModuleMigration } from '../sqlite/moduleMigrations.ts';

/**
 * Read models the views query, derived from inventory snapshots (which stay the source of truth).
 * `mailbox_rows` holds one narrow row per mailbox of a snapshot with the flags the Mailboxes view filters
 * on, stored in list order, so a page of a 100,000-mailbox list is a short sequential read, not a scan
 * of JSON. It is written in list order, in small transactions (the app stays responsive meanwhile);
 * `mailbox_rows_built` is written last, and rows without it are an interrupted build, never shown,
 * written again on next use. Deleting them loses nothing.
 */
export const INVENTORY_VIEW_MIGRATIONS: readonly ModuleMigration[] = [
  {
    version: 1,
    name: 'mailbox rows for the Mailboxes view',
    sql: `
CREATE TABLE mailbox_rows (
  snapshot_id INTEGER NOT NULL,
  ord INTEGER NOT NULL,               -- position in the list (by display name): rows are stored in list order
  identity TEXT NOT NULL,             -- the snapshot item's identity (ExchangeGuid)
  display_name TEXT NOT NULL,
  upn TEXT NOT NULL,
  smtp TEXT NOT NULL,
  type TEXT NOT NULL,
  forwarding TEXT,
  forwarding_external INTEGER NOT NULL,
  audit_enabled INTEGER NOT NULL,
  litigation_hold INTEGER NOT NULL,
  delegates INTEGER,                  -- null: permissions were not collected
  suspicious_rules INTEGER,           -- null: inbox rules were not collected
  legacy_protocols INTEGER,           -- null: CAS settings were not collected
  search TEXT NOT NULL,               -- lower-case names and addresses
  PRIMARY KEY (snapshot_id, ord)
) WITHOUT ROWID;
CREATE TABLE mailbox_rows_built (
  snapshot_id INTEGER PRIMARY KEY,
  built_at INTEGER NOT NULL,
  details INTEGER NOT NULL,           -- permissions and inbox rules were part of the inventory
  org_domains TEXT NOT NULL           -- JSON array: the domains the organization's mailboxes use
);
`,
  },
];
