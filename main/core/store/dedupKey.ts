import { hash } from 'node:crypto';

/**
 * The de-duplication key as stored: the first 48 bits of SHA-256 over the producer's `dedupKey`
 * string, indexed together with the record's time (records_dedup: time_ms, dedup_key).
 *
 * Why not the full hash under a UNIQUE index (schema v1): 16 random bytes inserted in random order
 * land on a random page of an index that outgrows the page cache, so every record cost a page
 * fetch, a re-encryption and a WAL write, and ingest slowed as the store grew. With the time
 * first, an import touches only the index pages of the hours it covers.
 *
 * 48 bits keep the key a plain JS number (no BigInt binding). The key only finds candidates: a
 * candidate is a duplicate only when its kind, source id and raw bytes are the record's own
 * (BatchWriter.isStored), so a hash collision can never drop a record.
 */
export function dedupKey48(dedupKey: string): number {
  return hash('sha256', dedupKey, 'buffer').readUIntBE(0, 6);
}

/** The producers' rule, which the stored check repeats: same kind, same source id (any case), same bytes. */
export function sameRecord(
  a: { kind: string; sourceId: string | null; raw: Uint8Array },
  b: { kind: string; sourceId: string | null; raw: Uint8Array },
): boolean {
  return a.kind === b.kind && (a.sourceId ?? '').toLowerCase() === (b.sourceId ?? '').toLowerCase() && Buffer.compare(a.raw, b.raw) === 0;
}
