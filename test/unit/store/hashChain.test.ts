import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { importFile } from '../../../main/core/importers/importFile.ts';
import { verifyChain } from '../../../main/core/store/verifyChain.ts';
import { FIXTURES, newStore } from './testStore.ts';

async function storeWithTwoBatches() {
  const store = newStore();
  await importFile(store, path.join(FIXTURES, 'otrf-m365-atomic/o365spray_default.json'));
  await importFile(store, path.join(FIXTURES, 'sentinel-training-lab/sign-in_adelete.csv'));
  return store;
}

describe('the ingest hash chain', () => {
  it('holds over untouched batches', async () => {
    const report = verifyChain(await storeWithTwoBatches());
    expect(report).toMatchObject({ ok: true, batches: 2, records: 9 + 56, problems: [] });
    expect(report.headHash).toMatch(/^[0-9a-f]{64}$/);
  });

  it('detects a changed normalized field', async () => {
    const store = await storeWithTwoBatches();
    store.db.prepare(`UPDATE records SET user_upn = 'someone.else@contoso.com' WHERE id = 3`).run();
    const report = verifyChain(store);
    expect(report.ok).toBe(false);
    expect(report.problems).toEqual([{ batchId: 1, problem: 'its records do not match its hash (a record was changed, added or removed)' }]);
  });

  it('detects changed raw bytes, a removed record and a removed batch', async () => {
    const store = await storeWithTwoBatches();
    store.db.prepare(`UPDATE record_raw SET raw = CAST(replace(CAST(raw AS TEXT), 'Henrietta', 'Nobody') AS BLOB) WHERE id = 1`).run();
    expect(verifyChain(store).problems.map((p) => p.batchId)).toContain(1);

    const second = await storeWithTwoBatches();
    second.db.prepare('DELETE FROM records WHERE id = (SELECT max(id) FROM records)').run();
    expect(verifyChain(second).problems.some((p) => /should hold 56 records but holds 55/.test(p.problem))).toBe(true);

    const third = await storeWithTwoBatches();
    third.db.prepare('DELETE FROM records WHERE batch_id = 1').run();
    third.db.prepare('DELETE FROM batches WHERE id = 1').run();
    expect(verifyChain(third).problems[0]).toMatchObject({ batchId: 2, problem: expect.stringMatching(/link to the previous batch is broken/) });
  });
});
