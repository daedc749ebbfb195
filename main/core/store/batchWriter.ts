import type { Database, Statement } from 'better-sqlite3-multiple-ciphers';
import { WardenError } from '../../../shared/errors.ts';
import { dedupKey48, sameRecord } from './dedupKey.ts';
import { addRecordToHash, canonicalRow, genesisHash, startBatchHash } from './hashChain.ts';
import type { EvidenceStore } from './openStore.ts';
import { accountDomain } from './accountDomain.ts';
import { NORMALIZED_COLUMN_NAMES, type EvidenceRecord } from './recordFields.ts';
import { isSignInEventRecord } from './signInEventTable.ts';
import { SignInEventWriter } from './signInEventWriter.ts';

export interface BatchMeta {
  /** 'import', or the collecting source (e.g. 'graph:signIns', 'activity:Audit.Exchange'). */
  source: string;
  /** The file name, or what a job fetched (a window, a content blob). */
  origin: string;
  details?: Record<string, unknown>;
}

export interface BatchResult {
  batchId: number;
  inserted: number;
  duplicates: number;
  hash: string;
  minTimeMs: number | null;
  maxTimeMs: number | null;
}

const HOUR_MS = 3_600_000;

/** The columns of a records row, in the order `add` fills them. */
const ROW_COLUMNS = ['batch_id', 'kind', 'format', 'dedup_key', 'source_id', ...NORMALIZED_COLUMN_NAMES];
/** Columns always bound (never null); the rest are bound only when the record has a value. */
const ALWAYS_BOUND = 4;
/** Past this many distinct row shapes, rows are inserted with every column bound. */
const MAX_SHAPES = 512;

/** Statements prepared once per connection and reused by every batch on it. */
interface WriterStatements {
  candidates: Statement;
  insertRaw: Statement;
  insertCsvRaw: Statement;
  insertText: Statement;
  insertAllColumns: Statement;
  /** INSERT statements by row shape: which of the optional columns the row has. */
  byShape: Map<number, Statement>;
  signInEvents: SignInEventWriter;
  /** The domains account_domains holds (read at the first batch, then kept as batches commit). */
  accountDomains: Set<string>;
}
const statementsByConnection = new WeakMap<Database, WriterStatements>();

function writerStatements(db: Database): WriterStatements {
  let statements = statementsByConnection.get(db);
  if (!statements) {
    statements = {
      // Served by records_dedup (time_ms, dedup_key): the raw bytes are read only for a candidate.
      candidates: db.prepare('SELECT r.kind, r.source_id, w.raw FROM records r JOIN record_raw w ON w.id = r.id WHERE r.time_ms IS ? AND r.dedup_key = ?'),
      insertRaw: db.prepare('INSERT INTO record_raw (id, raw) VALUES (?, ?)'),
      insertCsvRaw: db.prepare('INSERT INTO record_raw (id, csv_header_id, raw) VALUES (?, ?, ?)'),
      insertText: db.prepare('INSERT INTO record_text (rowid, text) VALUES (?, ?)'),
      insertAllColumns: insertStatement(db, ROW_COLUMNS),
      byShape: new Map(),
      signInEvents: new SignInEventWriter(db),
      accountDomains: new Set(db.prepare('SELECT domain FROM account_domains').pluck().all() as string[]),
    };
    statementsByConnection.set(db, statements);
  }
  return statements;
}

function insertStatement(db: Database, columns: readonly string[]): Statement {
  return db.prepare(`INSERT INTO records (${columns.join(', ')}) VALUES (${columns.map(() => '?').join(', ')})`);
}

/**
 * Writes one ingest batch: records are de-duplicated, stored with their raw bytes and full text,
 * and chained by hash. Everything happens in ONE transaction, committed by `commit()`: a crash or
 * kill before that leaves the store exactly as it was. Collection jobs pass `within` to commit
 * their checkpoint and ledger window in the same transaction.
 *
 * A record is a duplicate only when the store already holds one of the same kind with the same
 * source id AND the same raw bytes (see dedupKey.ts). Real exports repeat an id with different
 * content (one UAL Id per expanded row, one sign-in request id per evaluation), so the id alone
 * would drop evidence; the same bytes re-imported are never stored twice.
 */
export class BatchWriter {
  readonly store: EvidenceStore;
  readonly batchId: number;
  private readonly meta: BatchMeta;
  private readonly hash;
  private readonly statements: WriterStatements;
  private readonly headerIds = new Map<string, number>();
  private readonly hourly = new Map<string, number>();
  /** Account domains first seen in this batch. */
  private readonly newDomains = new Set<string>();
  /** Accounts whose domain this batch has checked: most records repeat an account met just before. */
  private readonly accountsChecked = new Set<string>();
  /** MailItemsAccessed records of this batch by account and hour (`user\u0001hour`). */
  private readonly mailItemsAccessed = new Map<string, number>();
  private done = false;
  inserted = 0;
  duplicates = 0;
  private minTime: number | null = null;
  private maxTime: number | null = null;

  constructor(store: EvidenceStore, meta: BatchMeta) {
    this.store = store;
    this.meta = meta;
    const { db } = store;
    if (db.inTransaction) throw new WardenError('internal', 'A batch needs its own transaction; one is already open on this store.');
    db.exec('BEGIN IMMEDIATE');
    try {
      const last = db.prepare('SELECT hash FROM batches ORDER BY id DESC LIMIT 1').get() as { hash: Buffer } | undefined;
      const prevHash = last ? last.hash : genesisHash(store.storeId);
      const info = db
        .prepare(`INSERT INTO batches (source, origin, committed_at, record_count, duplicate_count, prev_hash, hash, details) VALUES (?, ?, 0, 0, 0, ?, x'', NULL)`)
        .run(meta.source, meta.origin, prevHash);
      this.batchId = Number(info.lastInsertRowid);
      this.hash = startBatchHash(prevHash, this.batchId);
      this.statements = writerStatements(db);
    } catch (error) {
      db.exec('ROLLBACK');
      throw error;
    }
  }

  /** Adds one record; returns false when the store already holds it (same kind, source id and raw bytes). */
  add(record: EvidenceRecord): boolean {
    if (this.done) throw new WardenError('internal', 'This batch is already committed or aborted.');
    const f = record.fields;
    const time = f.time_ms;
    const key = dedupKey48(record.dedupKey);
    if (this.isStored(record, time, key)) {
      this.duplicates++;
      return false;
    }
    const id = this.insertRow(record, key);
    const { statements } = this;
    if (record.csvHeader) statements.insertCsvRaw.run(id, this.headerId(record.csvHeader), record.raw);
    else statements.insertRaw.run(id, record.raw);
    if (record.text) statements.insertText.run(id, record.text);
    if (isSignInEventRecord(record.kind, f.operation, time)) statements.signInEvents.add(id, record);
    if (f.user_upn !== null && !this.accountsChecked.has(f.user_upn)) {
      this.accountsChecked.add(f.user_upn);
      const domain = accountDomain(f.user_upn);
      if (domain !== null && !statements.accountDomains.has(domain)) this.newDomains.add(domain);
    }
    if (f.operation === 'MailItemsAccessed' && f.user_upn !== null && time !== null) {
      // Math.trunc: the hour as SQLite's integer division (and migration 6) gives it.
      const key = `${f.user_upn}\u0001${Math.trunc(time / HOUR_MS)}`;
      this.mailItemsAccessed.set(key, (this.mailItemsAccessed.get(key) ?? 0) + 1);
    }
    addRecordToHash(this.hash, record.raw, canonicalRow(record.kind, record.format, record.sourceId, f));
    this.inserted++;
    if (time !== null) {
      if (this.minTime === null || time < this.minTime) this.minTime = time;
      if (this.maxTime === null || time > this.maxTime) this.maxTime = time;
    }
    const hour = time === null ? -1 : Math.floor(time / HOUR_MS);
    const hourKey = `${record.kind}\u0001${hour}\u0001${f.operation ?? ''}\u0001${f.workload ?? ''}\u0001${f.result ?? ''}\u0001${f.client_app ?? ''}`;
    this.hourly.set(hourKey, (this.hourly.get(hourKey) ?? 0) + 1);
    return true;
  }

  /** The time span of the records this batch added so far (null when none had a time). */
  get timeSpan(): { min: number | null; max: number | null } {
    return { min: this.minTime, max: this.maxTime };
  }

  private isStored(record: EvidenceRecord, time: number | null, key: number): boolean {
    for (const stored of this.statements.candidates.all(time, key) as { kind: string; source_id: string | null; raw: Buffer }[]) {
      if (sameRecord({ kind: stored.kind, sourceId: stored.source_id, raw: stored.raw }, record)) return true;
    }
    return false;
  }

  /**
   * Inserts the normalized row, binding only the columns that have a value: most of the 40 fields
   * are null for any one source, and each bound value (a null too) costs about 0.3 us in the
   * driver (45 values: 12-17 us per row in a micro-benchmark). One statement per row shape.
   */
  private insertRow(record: EvidenceRecord, key: number): number {
    const values: unknown[] = [this.batchId, record.kind, record.format, key];
    let shape = 0;
    let bit = 1;
    const optional = [record.sourceId as unknown];
    const f = record.fields as unknown as Record<string, unknown>;
    for (const name of NORMALIZED_COLUMN_NAMES) optional.push(f[name]);
    for (const value of optional) {
      if (value !== null && value !== undefined) {
        values.push(value);
        shape += bit;
      }
      bit *= 2; // 41 optional columns: the shape stays an exact integer below 2^53
    }
    const { byShape } = this.statements;
    let statement = byShape.get(shape);
    if (!statement) {
      if (byShape.size >= MAX_SHAPES) {
        const all = [this.batchId, record.kind, record.format, key, ...optional.map((v) => v ?? null)];
        return Number(this.statements.insertAllColumns.run(...all).lastInsertRowid);
      }
      statement = insertStatement(this.store.db, ROW_COLUMNS.filter((_, i) => i < ALWAYS_BOUND || optional[i - ALWAYS_BOUND] != null));
      byShape.set(shape, statement);
    }
    return Number(statement.run(...values).lastInsertRowid);
  }

  private headerId(header: string): number {
    let id = this.headerIds.get(header);
    if (id === undefined) {
      const { db } = this.store;
      db.prepare('INSERT OR IGNORE INTO csv_headers (header) VALUES (?)').run(header);
      id = (db.prepare('SELECT id FROM csv_headers WHERE header = ?').get(header) as { id: number }).id;
      this.headerIds.set(header, id);
    }
    return id;
  }

  /** Seals the batch (hash, counts) and commits; `within` runs inside the same transaction first. */
  commit(within?: (batchId: number) => void): BatchResult {
    if (this.done) throw new WardenError('internal', 'This batch is already committed or aborted.');
    const { db } = this.store;
    try {
      const upsert = db.prepare(
        `INSERT INTO hourly_counts (kind, hour, operation, workload, result, client_app, n) VALUES (?, ?, ?, ?, ?, ?, ?)
         ON CONFLICT (kind, hour, operation, workload, result, client_app) DO UPDATE SET n = n + excluded.n`,
      );
      for (const [key, n] of this.hourly) {
        const [kind, hour, operation, workload, result, clientApp] = key.split('\u0001');
        upsert.run(kind, Number(hour), operation, workload, result, clientApp, n);
      }
      const addDomain = db.prepare('INSERT OR IGNORE INTO account_domains (domain) VALUES (?)');
      for (const domain of this.newDomains) addDomain.run(domain);
      const countReads = db.prepare(
        'INSERT INTO mail_items_accessed_hourly (user_upn, hour, n) VALUES (?, ?, ?) ON CONFLICT (user_upn, hour) DO UPDATE SET n = n + excluded.n',
      );
      for (const [key, n] of this.mailItemsAccessed) {
        const [user, hour] = key.split('\u0001');
        countReads.run(user, Number(hour), n);
      }
      const digest = this.hash.digest();
      const details = { ...this.meta.details, minTimeMs: this.minTime, maxTimeMs: this.maxTime };
      db.prepare('UPDATE batches SET committed_at = ?, record_count = ?, duplicate_count = ?, hash = ?, details = ? WHERE id = ?').run(
        Date.now(),
        this.inserted,
        this.duplicates,
        digest,
        JSON.stringify(details),
        this.batchId,
      );
      within?.(this.batchId);
      db.exec('COMMIT');
      this.done = true;
      this.statements.signInEvents.committed();
      for (const domain of this.newDomains) this.statements.accountDomains.add(domain);
      return {
        batchId: this.batchId,
        inserted: this.inserted,
        duplicates: this.duplicates,
        hash: digest.toString('hex'),
        minTimeMs: this.minTime,
        maxTimeMs: this.maxTime,
      };
    } catch (error) {
      this.abort();
      throw error;
    }
  }

  /** Drops everything this batch wrote. */
  abort(): void {
    if (this.done) return;
    this.done = true;
    if (this.store.db.inTransaction) this.store.db.exec('ROLLBACK');
    this.statements.signInEvents.rolledBack();
  }
}
