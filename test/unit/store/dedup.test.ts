import { describe, expect, it } from 'vitest';
import { BatchWriter } from '../../../main/core/store/batchWriter.ts';
import { emptyFields, type EvidenceRecord } from '../../../main/core/store/recordFields.ts';
import { verifyChain } from '../../../main/core/store/verifyChain.ts';
import { newStore } from './testStore.ts';

function record(sourceId: string | null, raw: string, dedupKey: string, timeMs: number | null = Date.UTC(2026, 5, 1, 10)): EvidenceRecord {
  return {
    kind: 'audit',
    format: 'ual',
    sourceId,
    dedupKey,
    fields: { ...emptyFields(), time_ms: timeMs, operation: 'New-InboxRule', user_upn: 'adele@contoso.com' },
    raw: Buffer.from(raw),
    text: raw,
  };
}

function writeBatch(store: ReturnType<typeof newStore>, records: EvidenceRecord[]) {
  const writer = new BatchWriter(store, { source: 'test', origin: 'dedup.test' });
  const added = records.map((r) => writer.add(r));
  return { added, result: writer.commit() };
}

const count = (store: ReturnType<typeof newStore>) => (store.db.prepare('SELECT count(*) AS n FROM records').get() as { n: number }).n;

describe('de-duplication', () => {
  it('drops a record only when its source id and raw bytes are already stored', () => {
    const store = newStore();
    const first = writeBatch(store, [record('A1', '{"Id":"A1","x":1}', 'ual:a1:h1'), record('A1', '{"Id":"A1","x":2}', 'ual:a1:h2')]);
    expect(first.added).toEqual([true, true]); // same id, different bytes: both are evidence
    // Again, also with the id in another case (ids are compared case-insensitively), and within one batch.
    const second = writeBatch(store, [
      record('a1', '{"Id":"A1","x":1}', 'ual:a1:h1'),
      record('A1', '{"Id":"A1","x":3}', 'ual:a1:h3'),
      record('A1', '{"Id":"A1","x":3}', 'ual:a1:h3'),
    ]);
    expect(second.added).toEqual([false, true, false]);
    expect(second.result).toMatchObject({ inserted: 1, duplicates: 2 });
    expect(count(store)).toBe(3);
    expect(verifyChain(store).ok).toBe(true);
  });

  it('never drops a different record whose key collides with a stored one', () => {
    // The stored key is 48 bits of a hash: two different records can share it. The same key string
    // for different bytes is the worst case of that, and both records must stay.
    const store = newStore();
    const { added } = writeBatch(store, [
      record('B1', '{"Id":"B1","v":"one"}', 'same-key'),
      record('B1', '{"Id":"B1","v":"two"}', 'same-key'),
      record('B2', '{"Id":"B1","v":"one"}', 'same-key'),
    ]);
    expect(added).toEqual([true, true, true]);
    expect(writeBatch(store, [record('B1', '{"Id":"B1","v":"two"}', 'same-key')]).added).toEqual([false]);
    expect(count(store)).toBe(3);
  });

  it('recognizes records without a time', () => {
    const store = newStore();
    expect(writeBatch(store, [record('C1', '{"Id":"C1"}', 'ual:c1:h', null)]).added).toEqual([true]);
    expect(writeBatch(store, [record('C1', '{"Id":"C1"}', 'ual:c1:h', null)]).added).toEqual([false]);
  });

  it('finds candidates through the time-first dedup index, not by scanning', () => {
    const store = newStore();
    const plan = store.db
      .prepare('EXPLAIN QUERY PLAN SELECT r.kind, r.source_id, w.raw FROM records r JOIN record_raw w ON w.id = r.id WHERE r.time_ms IS ? AND r.dedup_key = ?')
      .all(1, 2) as { detail: string }[];
    expect(plan.map((p) => p.detail).join('\n')).toMatch(/USING INDEX records_dedup \(time_ms=\? AND dedup_key=\?\)/);
  });
});
