import { randomUUID } from 'node:crypto';
import { chmodSync, mkdirSync, statSync } from 'node:fs';
import path from 'node:path';
import Database from 'better-sqlite3-multiple-ciphers';
import type { Database as SqliteDatabase } from 'better-sqlite3-multiple-ciphers';
import { WardenError } from '../../../shared/errors.ts';
import type { Logger } from '../log.ts';
import { migrate } from './migrations.ts';

export const STORE_APP_ID = 'warden-evidence-store';
export const STORE_KEY_BYTES = 32;
export const STORE_PAGE_SIZE = 16384;

export interface OpenStoreOptions {
  /** The store file, by convention <dataDir>/stores/<profileId>.sqlite. */
  file: string;
  /** The 32-byte key (kept by the OS vault). Never logged. */
  key: Buffer;
  log: Logger;
  /** Open an existing store only; never create one. */
  mustExist?: boolean;
  readonly?: boolean;
}

/** An open, encrypted, migrated evidence store. One per tenant profile. */
export interface EvidenceStore {
  readonly db: SqliteDatabase;
  readonly file: string;
  /** A random id given to the store at creation; the hash chain starts from it. */
  readonly storeId: string;
  readonly log: Logger;
  /**
   * A copy of the key, for another connection of this process to the same file (a worker thread of a
   * detection run). A function, not a field, so that the key is never part of the store object that
   * something could log or serialize.
   */
  key(): Buffer;
  close(): void;
}

/**
 * Applies the cipher and key on a fresh connection. SQLCipher 4 scheme (AES-256-CBC, HMAC-SHA512 per
 * page) as implemented by SQLite3 Multiple Ciphers, chosen for compatibility with the sqlcipher CLI;
 * the raw-key form x'...' skips the passphrase KDF because the key is already 32 random bytes.
 */
export function applyKey(db: SqliteDatabase, key: Buffer): void {
  if (key.length !== STORE_KEY_BYTES) throw new WardenError('invalid-input', `A store key must be ${STORE_KEY_BYTES} bytes, got ${key.length}.`);
  db.pragma(`cipher='sqlcipher'`);
  db.pragma('legacy=4');
  // The SQLCipher scheme encrypts page 1 too, so the page size cannot be read from the file: it is
  // part of the cipher settings. 16 KiB: records of 1-3 KB pack with little waste, and the per-page
  // cipher cost (IV, HMAC) is paid on 4x fewer pages than with 4 KiB.
  db.pragma(`legacy_page_size=${STORE_PAGE_SIZE}`);
  db.pragma(`key="x'${key.toString('hex')}'"`);
}

function notAStore(file: string): WardenError {
  return new WardenError('not-allowed', `Cannot open ${file}: wrong key or not a Warden store.`);
}

/**
 * Opens (or creates) the encrypted store. A wrong key gives a clear error and leaves the file as it
 * was: an existing file is opened with fileMustExist, checked before anything is written, and never
 * replaced by a new empty database.
 */
export function openStore(options: OpenStoreOptions): EvidenceStore {
  const { file, key, log } = options;
  let existing = false;
  try {
    existing = statSync(file).size > 0;
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== 'ENOENT') throw error;
  }
  if (!existing && (options.mustExist || options.readonly)) throw new WardenError('not-found', `No evidence store at ${file}.`);
  if (!existing) mkdirSync(path.dirname(file), { recursive: true, mode: 0o700 });

  const db = new Database(file, { fileMustExist: existing, readonly: options.readonly === true });
  if (!existing) chmodSync(file, 0o600);
  try {
    applyKey(db, key);
    try {
      // The first read decrypts page 1: a wrong key (or a file that is not SQLCipher) fails here.
      db.prepare('SELECT count(*) FROM sqlite_master').get();
    } catch (error) {
      const code = (error as { code?: string }).code;
      if (code === 'SQLITE_NOTADB' || code === 'SQLITE_CORRUPT') throw notAStore(file);
      throw error;
    }
    if (existing) {
      const hasMeta = db.prepare(`SELECT 1 FROM sqlite_master WHERE type = 'table' AND name = 'meta'`).get();
      const app = hasMeta ? (db.prepare(`SELECT value FROM meta WHERE key = 'app'`).get() as { value: string } | undefined) : undefined;
      if (app?.value !== STORE_APP_ID) throw notAStore(file);
    }
    if (!options.readonly) {
      db.pragma('journal_mode = WAL');
      // WAL + NORMAL: a killed process loses nothing committed; the database is never corrupted.
      db.pragma('synchronous = NORMAL');
      // An import of a large file is one transaction, so the WAL grows to the file's size before
      // the checkpoint at commit copies it into the database; afterwards, cut it back to 64 MiB
      // instead of leaving gigabytes of (encrypted) WAL on disk.
      db.pragma(`journal_size_limit = ${64 * 1024 * 1024}`);
    }
    // 256 MiB of page cache: the index pages an import touches (the hours it covers, per user, IP,
    // operation) stay cached for the whole transaction instead of being evicted, re-read, decrypted
    // and re-encrypted (SQLite insert path alone, 200,000 records: 83 us of CPU per record with
    // 64 MiB, 76 with 256 MiB, on a busy machine). It is an upper bound, reached only by large
    // imports; peak RSS while ingesting 2,000,000 records stays under 500 MB (npm run bench).
    db.pragma('cache_size = -262144');
    // Temporary tables, indexes and sorts stay in memory. SQLite3 Multiple Ciphers encrypts the
    // database, its WAL and journals, but not temporary files (sorter spill files, transient
    // tables): with MEMORY, SQLite never creates them (the sorter does not spill), so nothing
    // unencrypted reaches the disk. mmap_size stays 0: every page has to be decrypted into
    // the cache anyway, so mapping the (encrypted) file saves no copy.
    db.pragma('temp_store = MEMORY');
    db.pragma('busy_timeout = 5000');

    let storeId: string;
    if (options.readonly) {
      storeId = (db.prepare(`SELECT value FROM meta WHERE key = 'store_id'`).get() as { value: string }).value;
    } else {
      const { from, to } = migrate(db);
      if (from !== to) log.info('evidence store migrated', { file: path.basename(file), from, to });
      const row = db.prepare(`SELECT value FROM meta WHERE key = 'store_id'`).get() as { value: string } | undefined;
      if (row) storeId = row.value;
      else {
        storeId = randomUUID();
        const insert = db.prepare('INSERT INTO meta (key, value) VALUES (?, ?)');
        db.transaction(() => {
          insert.run('app', STORE_APP_ID);
          insert.run('store_id', storeId);
          insert.run('created_at', new Date().toISOString());
        })();
      }
    }
    return {
      db,
      file,
      storeId,
      log,
      key: () => Buffer.from(key),
      close() {
        if (db.open) db.close();
      },
    };
  } catch (error) {
    db.close();
    throw error;
  }
}
