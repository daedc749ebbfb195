import { addRecordToHash, canonicalRow, genesisHash, startBatchHash } from './hashChain.ts';
import type { EvidenceStore } from './openStore.ts';
import { NORMALIZED_COLUMN_NAMES } from './recordFields.ts';

export interface ChainProblem {
  batchId: number;
  problem: string;
}

export interface ChainReport {
  ok: boolean;
  batches: number;
  records: number;
  /** The last batch's hash: write it down (or keep the case manifest) to detect a removed tail. */
  headHash: string | null;
  problems: ChainProblem[];
}

/**
 * Recomputes every batch hash from the stored raw bytes and normalized rows, and checks the links.
 * Detects changed, added or removed records and changed or removed batches (except the removal of
 * the newest batches, which only a head hash kept elsewhere can show).
 */
export function verifyChain(store: EvidenceStore, onProgress?: (records: number) => void): ChainReport {
  const { db } = store;
  const problems: ChainProblem[] = [];
  const batches = db.prepare('SELECT id, record_count, prev_hash, hash FROM batches ORDER BY id').all() as {
    id: number;
    record_count: number;
    prev_hash: Buffer;
    hash: Buffer;
  }[];
  const rows = db.prepare(
    `SELECT r.kind, r.format, r.source_id, ${NORMALIZED_COLUMN_NAMES.map((c) => `r.${c}`).join(', ')}, w.raw
     FROM records r LEFT JOIN record_raw w ON w.id = r.id WHERE r.batch_id = ? ORDER BY r.id`,
  );
  let expectedPrev = genesisHash(store.storeId);
  let records = 0;
  for (const batch of batches) {
    if (!batch.prev_hash.equals(expectedPrev)) {
      problems.push({ batchId: batch.id, problem: 'its link to the previous batch is broken (a batch before it was changed or removed)' });
    }
    const hash = startBatchHash(batch.prev_hash, batch.id);
    let count = 0;
    for (const row of rows.iterate(batch.id) as Iterable<Record<string, unknown>>) {
      const raw = row['raw'] as Buffer | null;
      if (!raw) {
        problems.push({ batchId: batch.id, problem: 'a record has lost its raw bytes' });
        continue;
      }
      addRecordToHash(hash, raw, canonicalRow(row['kind'] as string, row['format'] as string, row['source_id'] as string | null, row));
      count++;
      records++;
      if (onProgress && records % 50_000 === 0) onProgress(records);
    }
    if (count !== batch.record_count) {
      problems.push({ batchId: batch.id, problem: `it should hold ${batch.record_count} records but holds ${count}` });
    }
    if (!hash.digest().equals(batch.hash)) {
      problems.push({ batchId: batch.id, problem: 'its records do not match its hash (a record was changed, added or removed)' });
    }
    expectedPrev = batch.hash;
  }
  const orphans = db.prepare('SELECT count(*) AS n FROM records WHERE batch_id NOT IN (SELECT id FROM batches)').get() as { n: number };
  if (orphans.n > 0) problems.push({ batchId: 0, problem: `${orphans.n} records belong to no batch` });
  const rawOrphans = db.prepare('SELECT count(*) AS n FROM record_raw WHERE id NOT IN (SELECT id FROM records)').get() as { n: number };
  if (rawOrphans.n > 0) problems.push({ batchId: 0, problem: `${rawOrphans.n} raw records belong to no record` });
  const last = batches[batches.length - 1];
  return { ok: problems.length === 0, batches: batches.length, records, headHash: last ? last.hash.toString('hex') : null, problems };
}
