import type { Database } from 'better-sqlite3-multiple-ciphers';

export interface ModuleMigration {
  version: number;
  name: string;
  sql: string;
}

/**
 * Numbered schema migrations for one module that keeps its tables in a tenant's evidence store (jobs,
 * journal, inventory...), beside the store's own migrations. Each runs once, in its own transaction, and
 * is recorded in `module_migrations`; a store migrated by a newer Warden is refused, not damaged.
 */
export function applyModuleMigrations(db: Database, module: string, migrations: readonly ModuleMigration[]): void {
  db.exec(`CREATE TABLE IF NOT EXISTS module_migrations (
    module TEXT NOT NULL,
    version INTEGER NOT NULL,
    name TEXT NOT NULL,
    applied_at INTEGER NOT NULL,
    PRIMARY KEY (module, version)
  ) WITHOUT ROWID`);
  const row = db.prepare('SELECT MAX(version) AS version FROM module_migrations WHERE module = ?').get(module) as { version: number | null };
  const current = row.version ?? 0;
  const newest = migrations.reduce((max, m) => Math.max(max, m.version), 0);
  if (current > newest) {
    throw new Error(`The ${module} tables in this store were written by a newer Warden (schema ${current}; this one knows up to ${newest}).`);
  }
  const record = db.prepare('INSERT INTO module_migrations (module, version, name, applied_at) VALUES (?, ?, ?, ?)');
  for (const migration of [...migrations].sort((a, b) => a.version - b.version)) {
    if (migration.version <= current) continue;
    db.transaction(() => {
      db.exec(migration.sql);
      record.run(module, migration.version, migration.name, Date.now());
    })();
  }
}
