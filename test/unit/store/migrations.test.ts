import { hash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import Database, { type Database as SqliteDatabase } from 'better-sqlite3-multiple-ciphers';
import { describe, expect, it } from 'vitest';
import { silentLogger } from '../../../main/core/log.ts';
import { importFile } from '../../../main/core/importers/importFile.ts';
import { JsonRecordSplitter } from '../../../main/core/importers/jsonRecordSplitter.ts';
import { searchText } from '../../../main/core/importers/searchText.ts';
import { mapAnyRecord } from '../../../main/core/importers/shapes/classifyRecord.ts';
import { dedupKey48 } from '../../../main/core/store/dedupKey.ts';
import { addRecordToHash, canonicalRow, genesisHash, startBatchHash } from '../../../main/core/store/hashChain.ts';
import { LATEST_SCHEMA_VERSION, migrate, MIGRATIONS } from '../../../main/core/store/migrations.ts';
import { applyKey, openStore, STORE_APP_ID } from '../../../main/core/store/openStore.ts';
import { NORMALIZED_COLUMN_NAMES } from '../../../main/core/store/recordFields.ts';
import { verifyChain } from '../../../main/core/store/verifyChain.ts';
import { decodedSignInEvents, FIXTURES, signInEventRecords, TEST_KEY, tempDir } from './testStore.ts';

const FIXTURE = path.join(FIXTURES, 'otrf-m365-atomic/o365spray_default.json');

/** A store as the first release wrote it: schema v1, one imported batch, UNIQUE 16-byte dedup_hash. */
function writeV1Store(file: string): { dedupKeys: string[] } {
  const db = new Database(file);
  applyKey(db, TEST_KEY);
  db.pragma('journal_mode = WAL');
  const v1 = MIGRATIONS.filter((m) => m.version === 1);
  const dedupKeys: string[] = [];
  db.transaction(() => {
    db.exec(v1[0]!.sql);
    db.exec('CREATE TABLE schema_migrations (version INTEGER PRIMARY KEY, name TEXT NOT NULL, applied_at INTEGER NOT NULL)');
    db.prepare('INSERT INTO schema_migrations VALUES (1, ?, 0)').run(v1[0]!.name);
    db.pragma('user_version = 1');
    const meta = db.prepare('INSERT INTO meta (key, value) VALUES (?, ?)');
    meta.run('app', STORE_APP_ID);
    meta.run('store_id', 'v1-store');
    const prev = genesisHash('v1-store');
    db.prepare(`INSERT INTO batches VALUES (1, 'import', 'o365spray_default.json', 1, 0, 0, ?, x'', NULL)`).run(prev);
    const chain = startBatchHash(prev, 1);
    const columns = ['batch_id', 'kind', 'format', 'source_id', 'dedup_hash', ...NORMALIZED_COLUMN_NAMES];
    const insert = db.prepare(`INSERT INTO records (${columns.join(', ')}) VALUES (${columns.map(() => '?').join(', ')})`);
    const splitter = new JsonRecordSplitter();
    for (const slice of [...splitter.push(readFileSync(FIXTURE)), ...splitter.end()]) {
      const parsed = JSON.parse(slice.bytes.toString('utf8')) as Record<string, unknown>;
      const mapped = mapAnyRecord(parsed, 'json', { rawHash: () => hash('sha256', slice.bytes, 'hex') });
      dedupKeys.push(mapped.dedupKey);
      const dedupHash = hash('sha256', mapped.dedupKey, 'buffer').subarray(0, 16);
      const id = insert.run(1, mapped.kind, mapped.format, mapped.sourceId, dedupHash, ...NORMALIZED_COLUMN_NAMES.map((c) => mapped.fields[c])).lastInsertRowid;
      db.prepare('INSERT INTO record_raw (id, csv_header_id, raw) VALUES (?, NULL, ?)').run(id, slice.bytes);
      db.prepare('INSERT INTO record_text (rowid, text) VALUES (?, ?)').run(id, searchText(parsed));
      addRecordToHash(chain, slice.bytes, canonicalRow(mapped.kind, mapped.format, mapped.sourceId, mapped.fields));
    }
    db.prepare('UPDATE batches SET record_count = ?, hash = ? WHERE id = 1').run(dedupKeys.length, chain.digest());
  })();
  db.close();
  return { dedupKeys };
}

describe('schema v2', () => {
  it('migrates a v1 store in place: same records and ids, a valid chain, and re-imports still add nothing', async () => {
    const file = path.join(tempDir(), 'v1.sqlite');
    const { dedupKeys } = writeV1Store(file);
    expect(dedupKeys.length).toBe(9);

    const store = openStore({ file, key: TEST_KEY, log: silentLogger });
    expect(store.db.pragma('user_version', { simple: true })).toBe(LATEST_SCHEMA_VERSION);
    const rows = store.db.prepare('SELECT id, dedup_key FROM records ORDER BY id').all() as { id: number; dedup_key: number }[];
    expect(rows.map((r) => r.id)).toEqual([1, 2, 3, 4, 5, 6, 7, 8, 9]);
    expect(rows.map((r) => r.dedup_key)).toEqual(dedupKeys.map(dedupKey48));
    expect(verifyChain(store)).toMatchObject({ ok: true, batches: 1, records: 9 });
    // Full text survived the table rebuild (its rowids are the record ids).
    expect(store.db.prepare(`SELECT count(*) AS n FROM record_text WHERE record_text MATCH 'UserLoginFailed'`).get()).toEqual({ n: 9 });

    // The hourly rollup was rebuilt from the records (per client app now).
    expect(store.db.prepare(`SELECT sum(n) AS n, count(DISTINCT client_app) AS apps FROM hourly_counts`).get()).toEqual({ n: 9, apps: 1 });

    const again = await importFile(store, FIXTURE);
    expect(again).toMatchObject({ inserted: 0, duplicates: 9 });
    expect(verifyChain(store)).toMatchObject({ ok: true, batches: 2, records: 9 });
    store.close();
  });

  it('keeps temporary tables and sorts in memory: the cipher does not cover temporary files', () => {
    const store = openStore({ file: path.join(tempDir(), 'temp.sqlite'), key: TEST_KEY, log: silentLogger });
    expect(store.db.pragma('temp_store', { simple: true })).toBe(2); // MEMORY
    store.close();
  });
});

describe('schema v5', () => {
  const events = (store: ReturnType<typeof openStore>) => decodedSignInEvents(store.db);
  const signInRecords = (store: ReturnType<typeof openStore>) => signInEventRecords(store.db);

  it('copies the sign-in events of an older store into signin_events, and keeps them in step as records are written', async () => {
    const file = path.join(tempDir(), 'v1.sqlite');
    writeV1Store(file);
    const store = openStore({ file, key: TEST_KEY, log: silentLogger });
    // The v1 store's nine UserLoginFailed logons, with the same values as their records.
    expect(events(store)).toHaveLength(9);
    expect(events(store)).toEqual(signInRecords(store));
    expect(store.db.prepare(`SELECT count(*) AS n FROM sqlite_schema WHERE name = 'records_signin_events'`).get()).toEqual({ n: 0 });

    // New records: Entra sign-ins (with places and sessions) and audit records that are not logons.
    const signIns = await importFile(store, path.join(FIXTURES, 'msticnb-signin-obfuscated/aad_signin_random.json'));
    const audit = await importFile(store, path.join(FIXTURES, 'otrf-m365-atomic/add_a_user_to_company_administrator_role.json'));
    expect(signIns.inserted).toBeGreaterThan(0);
    expect(audit.inserted).toBeGreaterThan(0);
    expect(events(store)).toHaveLength(9 + signIns.inserted);
    expect(events(store)).toEqual(signInRecords(store));
    // Each string once.
    const strings = store.db.prepare('SELECT count(*) AS n, count(DISTINCT value) AS distinct_ FROM signin_strings').get() as { n: number; distinct_: number };
    expect(strings.n).toBe(strings.distinct_);

    // A record removed takes its event with it.
    const first = (events(store)[0] as { id: number }).id;
    store.db.prepare('DELETE FROM records WHERE id = ?').run(first);
    expect(events(store)).toEqual(signInRecords(store));
    expect(events(store)).toHaveLength(8 + signIns.inserted);
    store.close();
  });
});

/** A plain (unencrypted) database at schema `version`, with one batch for records written with raw SQL. */
function databaseAt(version: number): SqliteDatabase {
  const db = new Database(path.join(tempDir(), `v${version}.sqlite`));
  migrate(db, MIGRATIONS.filter((m) => m.version <= version));
  db.prepare(`INSERT INTO batches VALUES (1, 'import', 'test', 1, 0, 0, x'', x'', NULL)`).run();
  return db;
}

describe('schema v6', () => {
  it('counts the MailItemsAccessed records of an older store per account and hour, then keeps counting', () => {
    const db = databaseAt(5);
    const insert = db.prepare(`INSERT INTO records (batch_id, kind, format, dedup_key, time_ms, operation, user_upn) VALUES (1, 'audit', 'ual', ?, ?, ?, ?)`);
    const H = 3_600_000;
    let key = 0;
    const add = (hour: number, operation: string, user: string | null) => insert.run(++key, hour * H + key, operation, user);
    for (let i = 0; i < 3; i++) add(10, 'MailItemsAccessed', 'megan@contoso.com');
    add(11, 'MailItemsAccessed', 'megan@contoso.com');
    add(10, 'MailItemsAccessed', 'alex@contoso.com');
    add(10, 'MailItemsAccessed', null); // no account to name: not counted
    add(10, 'Send', 'megan@contoso.com');
    migrate(db, MIGRATIONS.filter((m) => m.version <= 7)); // from 8 on, the batch writer counts them (signInEventWriter.test.ts)
    const counts = () => db.prepare('SELECT user_upn, hour, n FROM mail_items_accessed_hourly ORDER BY user_upn, hour').raw(true).all();
    expect(counts()).toEqual([
      ['alex@contoso.com', 10, 1],
      ['megan@contoso.com', 10, 3],
      ['megan@contoso.com', 11, 1],
    ]);
    // Written after the migration: counted by the trigger; removed: uncounted.
    add(11, 'MailItemsAccessed', 'megan@contoso.com');
    add(12, 'MailItemsAccessed', 'alex@contoso.com');
    db.prepare(`DELETE FROM records WHERE operation = 'MailItemsAccessed' AND user_upn = 'alex@contoso.com' AND time_ms < ?`).run(11 * H);
    expect(counts()).toEqual([
      ['alex@contoso.com', 12, 1],
      ['megan@contoso.com', 10, 3],
      ['megan@contoso.com', 11, 2],
    ]);
    db.close();
  });
});

describe('schema v7', () => {
  it("keeps the domains of the store's accounts: those stored before the migration and those written after", () => {
    const db = databaseAt(6);
    const insert = db.prepare(`INSERT INTO records (batch_id, kind, format, dedup_key, time_ms, operation, user_upn) VALUES (1, 'audit', 'ual', ?, 0, 'Send', ?)`);
    let key = 0;
    const add = (user: string | null) => insert.run(++key, user);
    add('adele@contoso.com');
    add('Alex@Fabrikam.COM');
    add('guest_gmail.com#ext#@contoso.onmicrosoft.com'); // a guest: not the organization's domain
    add('@nobody.example'); // '@' only at the start: no account name, no domain
    add('NT AUTHORITY\\SYSTEM');
    add(null);
    migrate(db, MIGRATIONS.filter((m) => m.version <= 7)); // from 8 on, the batch writer keeps them (signInEventWriter.test.ts)
    const domains = () => db.prepare('SELECT domain FROM account_domains ORDER BY domain').pluck().all();
    expect(domains()).toEqual(['contoso.com', 'fabrikam.com']);
    add('megan@sub.northwind.example');
    add('odd@name@tailspin.example'); // the last '@' counts
    expect(domains()).toEqual(['contoso.com', 'fabrikam.com', 'sub.northwind.example', 'tailspin.example']);
    db.close();
  });
});

describe('schema v9', () => {
  it("moves the few-valued columns of the stored sign-in events into shapes, each shape once, every event's values as they were", () => {
    const db = databaseAt(7); // sign-in events kept by migration 5's trigger
    const columns = ['kind', 'operation', 'time_ms', 'user_upn', 'client_ip', 'result', 'error_code', 'client_app', 'app_name', 'failure_reason', 'risk_level', 'is_interactive', 'country', 'session_id', 'latitude'];
    const insert = db.prepare(`INSERT INTO records (batch_id, format, dedup_key, ${columns.join(', ')}) VALUES (1, 'test', ?, ${columns.map(() => '?').join(', ')})`);
    const rows: unknown[][] = [
      ['signin', null, 1000, 'adele@contoso.com', '81.2.69.160', 'success', 0, 'Browser', 'OfficeHome', null, 'none', 1, 'GB', 's-1', 51.5],
      ['signin', null, 2000, 'adele@contoso.com', '81.2.69.160', 'success', 0, 'Browser', 'OfficeHome', null, 'none', 1, 'GB', 's-1', 51.5],
      ['signin', null, 3000, 'alex@contoso.com', '159.89.10.20', 'failure', 50126, 'Browser', 'OfficeHome', 'Invalid password', 'none', 1, 'DE', null, null],
      ['signin', null, 4000, null, null, null, null, null, null, null, null, null, null, null, null],
      ['audit', 'UserLoginFailed', 5000, 'alex@contoso.com', '159.89.10.20', 'failure', 50126, null, null, null, null, null, null, null, null],
      ['audit', 'UserLoggedIn', 6000, 'alex@contoso.com', '159.89.10.20', 'success', null, null, null, null, null, null, null, null, null],
      ['audit', 'Send', 7000, 'alex@contoso.com', null, 'success', null, null, null, null, null, null, null, null, null], // not a sign-in event
    ];
    rows.forEach((row, i) => insert.run(i + 1, ...row));
    migrate(db);
    expect(decodedSignInEvents(db)).toHaveLength(6);
    expect(decodedSignInEvents(db)).toEqual(signInEventRecords(db));
    // Two signins alike, one failure, one with nothing, and two logons: five shapes.
    expect(db.prepare('SELECT count(*) FROM signin_shapes').pluck().get()).toBe(5);
    // The delete trigger follows the table.
    db.prepare('DELETE FROM records WHERE time_ms = 3000').run();
    expect(decodedSignInEvents(db)).toEqual(signInEventRecords(db));
    expect(decodedSignInEvents(db)).toHaveLength(5);
    db.close();
  });
});
