import { RecordFilter, type SavedSearch } from '../../../shared/model/evidence.ts';
import type { EvidenceStore } from '../store/openStore.ts';

type Row = { id: number; name: string; filter: string; created_at: number; updated_at: number };

/** Stored filters are re-checked on load: one saved by an older Warden that no longer parses is skipped. */
function toSaved(row: Row): SavedSearch | null {
  let parsed: unknown;
  try {
    parsed = JSON.parse(row.filter);
  } catch {
    return null;
  }
  const filter = RecordFilter.safeParse(parsed);
  return filter.success ? { id: row.id, name: row.name, filter: filter.data, createdAt: row.created_at, updatedAt: row.updated_at } : null;
}

export function listSavedSearches(store: EvidenceStore): SavedSearch[] {
  return (store.db.prepare('SELECT * FROM saved_searches ORDER BY name').all() as Row[]).map(toSaved).filter((s): s is SavedSearch => s !== null);
}

/** Saves under a name; saving an existing name replaces its filter. */
export function saveSearch(store: EvidenceStore, name: string, filter: RecordFilter): SavedSearch {
  const valid = RecordFilter.parse(filter);
  const now = Date.now();
  store.db
    .prepare(
      `INSERT INTO saved_searches (name, kind, filter, created_at, updated_at) VALUES (?, ?, ?, ?, ?)
       ON CONFLICT (name) DO UPDATE SET kind = excluded.kind, filter = excluded.filter, updated_at = excluded.updated_at`,
    )
    .run(name.trim(), valid.kind, JSON.stringify(valid), now, now);
  return toSaved(store.db.prepare('SELECT * FROM saved_searches WHERE name = ?').get(name.trim()) as Row)!;
}

export function deleteSavedSearch(store: EvidenceStore, id: number): boolean {
  return store.db.prepare('DELETE FROM saved_searches WHERE id = ?').run(id).changes > 0;
}
