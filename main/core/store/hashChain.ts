import { createHash, type Hash } from 'node:crypto';
import { NORMALIZED_COLUMN_NAMES, type NormalizedFields } from './recordFields.ts';

/**
 * The tamper-evidence chain over ingest batches:
 *   batch.hash = SHA-256("warden-batch-v1" ‖ prev_hash ‖ batch id ‖ for each record in id order:
 *                len(raw) ‖ raw ‖ len(row) ‖ row)
 * where `row` is the canonical JSON of the record's kind, format, source id and normalized fields.
 * Changing, adding or removing a stored record, or a batch, breaks every later hash.
 */
const BATCH_DOMAIN = Buffer.from('warden-batch-v1\0');

export function genesisHash(storeId: string): Buffer {
  return createHash('sha256').update('warden-genesis-v1\0').update(storeId).digest();
}

export function startBatchHash(prevHash: Buffer, batchId: number): Hash {
  const id = Buffer.alloc(8);
  id.writeBigUInt64BE(BigInt(batchId));
  return createHash('sha256').update(BATCH_DOMAIN).update(prevHash).update(id);
}

/** The canonical normalized row of a record, as hashed. Must read back identically from SQLite. */
export function canonicalRow(kind: string, format: string, sourceId: string | null, fields: NormalizedFields | Record<string, unknown>): string {
  const values: unknown[] = [kind, format, sourceId];
  for (const name of NORMALIZED_COLUMN_NAMES) values.push((fields as Record<string, unknown>)[name] ?? null);
  return JSON.stringify(values);
}

const lengthBuffer = Buffer.alloc(4);
export function addRecordToHash(hash: Hash, raw: Uint8Array, row: string): void {
  lengthBuffer.writeUInt32BE(raw.byteLength);
  hash.update(lengthBuffer);
  hash.update(raw);
  lengthBuffer.writeUInt32BE(Buffer.byteLength(row, 'utf8'));
  hash.update(lengthBuffer);
  hash.update(row, 'utf8'); // the same bytes as Buffer.from(row), without the copy
}
