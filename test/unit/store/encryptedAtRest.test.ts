import { existsSync, readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { BatchWriter } from '../../../main/core/store/batchWriter.ts';
import { emptyFields } from '../../../main/core/store/recordFields.ts';
import { newStore } from './testStore.ts';

const MARKER = 'in-flight-marker@contoso.onmicrosoft.com';

function plaintextIn(file: string): boolean {
  return existsSync(file) && readFileSync(file).includes(Buffer.from(MARKER));
}

describe('the store at rest', () => {
  it('writes only encrypted pages to the WAL, also while a large import is still open', () => {
    const store = newStore();
    // A tiny page cache makes the open transaction spill its pages to the WAL, as a large import does.
    store.db.pragma('cache_size = 20');
    const writer = new BatchWriter(store, { source: 'test', origin: 'at-rest' });
    for (let i = 0; i < 3000; i++) {
      const raw = JSON.stringify({ Id: `id-${i}`, UserId: MARKER, Operation: 'MailItemsAccessed', Subject: `quarterly payroll ${i}` });
      writer.add({
        kind: 'audit',
        format: 'ual',
        sourceId: `id-${i}`,
        dedupKey: `ual:id-${i}`,
        fields: { ...emptyFields(), time_ms: Date.UTC(2026, 5, 1) + i * 1000, user_upn: MARKER, operation: 'MailItemsAccessed' },
        raw: Buffer.from(raw),
        text: `${MARKER} MailItemsAccessed quarterly payroll ${i}`,
      });
    }
    const wal = `${store.file}-wal`;
    expect(readFileSync(wal).length).toBeGreaterThan(1_000_000); // the open transaction did spill
    expect(plaintextIn(wal)).toBe(false);
    expect(plaintextIn(store.file)).toBe(false);

    writer.commit();
    expect(plaintextIn(wal)).toBe(false);
    store.db.pragma('wal_checkpoint(TRUNCATE)');
    expect(plaintextIn(store.file)).toBe(false);
    expect((store.db.prepare('SELECT count(*) AS n FROM records WHERE user_upn = ?').get(MARKER) as { n: number }).n).toBe(3000);
    store.close();
  });
});
