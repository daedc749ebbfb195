import { hash as oneShotHash } from 'node:crypto';
import type { Statement } from 'better-sqlite3-multiple-ciphers';
import { WardenError } from '../../../shared/errors.ts';
import { addRecordToHash, canonicalRow, genesisHash, startBatchHash } from './hashChain.ts';
import type { EvidenceStore } from './openStore.ts';
import { NORMALIZED_COLUMN_NAMES, type EvidenceRecord } from './recordFields.ts';

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

/**
 * Writes one ingest batch: records are de-duplicated by their key, stored with their raw bytes and
 * full text, and chained by hash. Everything happens in ONE transaction, committed by `commit()`:
 * a crash or kill before that leaves the store exactly as it was. Collection jobs pass `within` to
 * commit their checkpoint and ledger window in the same transaction.
 */
export class BatchWriter {
  readonly store: EvidenceStore;
  readonly batchId: number;
  private readonly meta: BatchMeta;
  private readonly hash;
  private readonly insertRecord: Statement;
  private readonly insertRaw: Statement;
  private readonly insertText: Statement;
  private readonly headerIds = new Map<string, number>();
  private readonly hourly = new Map<string, number>();
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
      const columns = ['batch_id', 'kind', 'format', 'source_id', 'dedup_hash', ...NORMALIZED_COLUMN_NAMES];
      this.insertRecord = db.prepare(
        `INSERT INTO records (${columns.join(', ')}) VALUES (${columns.map(() => '?').join(', ')}) ON CONFLICT (dedup_hash) DO NOTHING`,
      );
      this.insertRaw = db.prepare('INSERT INTO record_raw (id, csv_header_id, raw) VALUES (?, ?, ?)');
      this.insertText = db.prepare('INSERT INTO record_text (rowid, text) VALUES (?, ?)');
    } catch (error) {
      db.exec('ROLLBACK');
      throw error;
    }
  }

  /** Adds one record; returns false when the store already holds it (same dedup key). */
  add(record: EvidenceRecord): boolean {
    if (this.done) throw new WardenError('internal', 'This batch is already committed or aborted.');
    const f = record.fields;
    const dedupHash = oneShotHash('sha256', record.dedupKey, 'buffer').subarray(0, 16);
    const params: unknown[] = [this.batchId, record.kind, record.format, record.sourceId, dedupHash];
    for (const name of NORMALIZED_COLUMN_NAMES) params.push(f[name]);
    const info = this.insertRecord.run(params);
    if (info.changes === 0) {
      this.duplicates++;
      return false;
    }
    const id = info.lastInsertRowid;
    this.insertRaw.run(id, record.csvHeader ? this.headerId(record.csvHeader) : null, record.raw);
    if (record.text) this.insertText.run(id, record.text);
    addRecordToHash(this.hash, record.raw, canonicalRow(record.kind, record.format, record.sourceId, f));
    this.inserted++;
    const time = f.time_ms;
    if (time !== null) {
      if (this.minTime === null || time < this.minTime) this.minTime = time;
      if (this.maxTime === null || time > this.maxTime) this.maxTime = time;
    }
    const hour = time === null ? -1 : Math.floor(time / HOUR_MS);
    const key = `${record.kind}\u0001${hour}\u0001${f.operation ?? ''}\u0001${f.workload ?? ''}\u0001${f.result ?? ''}`;
    this.hourly.set(key, (this.hourly.get(key) ?? 0) + 1);
    return true;
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
        `INSERT INTO hourly_counts (kind, hour, operation, workload, result, n) VALUES (?, ?, ?, ?, ?, ?)
         ON CONFLICT (kind, hour, operation, workload, result) DO UPDATE SET n = n + excluded.n`,
      );
      for (const [key, n] of this.hourly) {
        const [kind, hour, operation, workload, result] = key.split('\u0001');
        upsert.run(kind, Number(hour), operation, workload, result, n);
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
  }
}
