import type { Database } from 'better-sqlite3-multiple-ciphers';
import { WardenError } from '../../../shared/errors.ts';
import type { DiffEntry, FieldChange, InventoryScope, SnapshotDiff } from '../../../shared/model/adminInventory.ts';
import { InventoryRepository } from './inventoryRepository.ts';
import { snapshotInfo } from './snapshotInfo.ts';

/**
 * Properties that change without anything a reviewer cares about changing (Exchange stamps WhenChanged on
 * every save; search and bookkeeping fields differ per run). A diff ignores them.
 */
const VOLATILE = /^(WhenChanged(UTC)?|RunspaceId|ResultIndex|ResultCount|ObjectState|mailboxSnapshotId|mailboxSnapshotAt)$/;

const LABEL_KEYS = ['DisplayName', 'Name', 'UserPrincipalName', 'PrimarySmtpAddress', 'Identity', 'User', 'upn'];

/** How long a value may be in a diff line before it is cut (a whole inbox rule description can be kilobytes). */
const MAX_VALUE = 300;

export interface DiffOptions {
  /** The newer snapshot; default the latest complete one of the scope. */
  to?: number;
  /** The older snapshot; default the complete one just before `to`. */
  from?: number;
  /** At most this many entries are listed (counts are always complete). */
  limit?: number;
}

/**
 * What changed between two complete snapshots of one scope: items added, removed, or changed (with the
 * properties that changed, volatile ones aside). Items are matched by type and identity, which the
 * inventories keep stable (GUIDs, or composites of them), so a renamed mailbox is "changed", not
 * "removed and added".
 */
export function diffSnapshots(db: Database, scope: InventoryScope, options: DiffOptions = {}): SnapshotDiff {
  new InventoryRepository(db); // applies the inventory schema
  const limit = options.limit ?? 500;
  const to = options.to ?? latestCompleteBefore(db, scope, null);
  if (to === null) return { scope, from: null, to: null, counts: [], entries: [], truncated: false };
  const toInfo = snapshotInfo(db, to);
  if (!toInfo || toInfo.scope !== scope) throw new WardenError('not-found', `There is no complete ${scope} snapshot ${to}.`);
  const from = options.from ?? latestCompleteBefore(db, scope, to);
  const fromInfo = from === null ? null : snapshotInfo(db, from);
  if (from !== null && (!fromInfo || fromInfo.scope !== scope)) throw new WardenError('not-found', `There is no complete ${scope} snapshot ${from}.`);

  const counts = new Map<string, { added: number; removed: number; changed: number }>();
  const count = (type: string, change: DiffEntry['change']) => {
    let c = counts.get(type);
    if (!c) counts.set(type, (c = { added: 0, removed: 0, changed: 0 }));
    c[change] += 1;
  };
  const entries: DiffEntry[] = [];
  let truncated = false;
  const list = (entry: DiffEntry) => {
    count(entry.type, entry.change);
    if (entries.length < limit) entries.push(entry);
    else truncated = true;
  };

  // With no earlier snapshot, everything in this one is new.
  const older = from ?? -1;
  const onlyIn = db.prepare(
    `SELECT a.item_type AS type, a.identity, a.data FROM inventory_items a
     WHERE a.snapshot_id = ? AND NOT EXISTS (SELECT 1 FROM inventory_items b WHERE b.snapshot_id = ? AND b.item_type = a.item_type AND b.identity = a.identity)
     ORDER BY a.item_type, a.identity`,
  );
  for (const row of onlyIn.iterate(to, older) as Iterable<ItemRow>) list({ change: 'added', type: row.type, identity: row.identity, label: labelOf(row.data), fields: [] });
  for (const row of onlyIn.iterate(older, to) as Iterable<ItemRow>) list({ change: 'removed', type: row.type, identity: row.identity, label: labelOf(row.data), fields: [] });
  const both = db.prepare(
    `SELECT a.item_type AS type, a.identity, b.data AS before, a.data AS after FROM inventory_items a
     JOIN inventory_items b ON b.snapshot_id = ? AND b.item_type = a.item_type AND b.identity = a.identity
     WHERE a.snapshot_id = ? AND a.data <> b.data ORDER BY a.item_type, a.identity`,
  );
  for (const row of both.iterate(older, to) as Iterable<{ type: string; identity: string; before: string; after: string }>) {
    const fields = changedFields(JSON.parse(row.before) as Record<string, unknown>, JSON.parse(row.after) as Record<string, unknown>);
    if (fields.length > 0) list({ change: 'changed', type: row.type, identity: row.identity, label: labelOf(row.after), fields });
  }
  return {
    scope,
    from: fromInfo,
    to: toInfo,
    counts: [...counts].sort((a, b) => a[0].localeCompare(b[0])).map(([type, c]) => ({ type, ...c })),
    entries,
    truncated,
  };
}

interface ItemRow {
  type: string;
  identity: string;
  data: string;
}

/** The top-level properties whose values differ, volatile ones aside. */
export function changedFields(before: Record<string, unknown>, after: Record<string, unknown>): FieldChange[] {
  const keys = [...new Set([...Object.keys(before), ...Object.keys(after)])].filter((k) => !VOLATILE.test(k)).sort();
  const changes: FieldChange[] = [];
  for (const key of keys) {
    const a = render(before[key]);
    const b = render(after[key]);
    if (a !== b) changes.push({ field: key, before: a, after: b });
  }
  return changes;
}

function render(value: unknown): string {
  if (value === undefined) return '(absent)';
  if (value === null) return '(empty)';
  const text = typeof value === 'string' ? value : JSON.stringify(value);
  return text.length > MAX_VALUE ? `${text.slice(0, MAX_VALUE - 1)}…` : text;
}

function labelOf(json: string): string {
  const data = JSON.parse(json) as Record<string, unknown>;
  for (const key of LABEL_KEYS) {
    const value = data[key];
    if (typeof value === 'string' && value) return value;
  }
  return '';
}

function latestCompleteBefore(db: Database, scope: InventoryScope, before: number | null): number | null {
  const row = db
    .prepare('SELECT id FROM inventory_snapshots WHERE scope = ? AND completed_at IS NOT NULL AND id < ? ORDER BY id DESC LIMIT 1')
    .get(scope, before ?? Number.MAX_SAFE_INTEGER) as { id: number } | undefined;
  return row?.id ?? null;
}
