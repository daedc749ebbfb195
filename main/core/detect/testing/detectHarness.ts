import { hash } from 'node:crypto';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import type { DetectContext, FindingDetail } from '../../../../shared/model/findings.ts';
import type { Obj } from '../../importers/fieldAccess.ts';
import { searchText } from '../../importers/searchText.ts';
import { mapAnyRecord } from '../../importers/shapes/classifyRecord.ts';
import { silentLogger } from '../../log.ts';
import { BatchWriter } from '../../store/batchWriter.ts';
import { openStore, type EvidenceStore } from '../../store/openStore.ts';
import { saveContextValue } from '../context/contextStore.ts';
import { runDetections } from '../engine/runDetections.ts';
import type { Rule } from '../engine/ruleTypes.ts';
import { findingDetail, listFindings } from '../findings/findingQueries.ts';

/** A fresh encrypted store in a temporary folder. */
export function tempStore(): EvidenceStore {
  const dir = mkdtempSync(path.join(tmpdir(), 'warden-detect-'));
  return openStore({ file: path.join(dir, 'store.sqlite'), key: Buffer.alloc(32, 0x5a), log: silentLogger });
}

/** Writes records in their real shapes through the importers' classifier and mappers, as one batch. */
export function addRecords(store: EvidenceStore, records: readonly Obj[]): number[] {
  const writer = new BatchWriter(store, { source: 'import', origin: 'test' });
  for (const record of records) {
    const raw = Buffer.from(JSON.stringify(record));
    const mapped = mapAnyRecord(record, 'json', { rawHash: () => hash('sha256', raw, 'hex') });
    writer.add({ ...mapped, raw, text: searchText(record) });
  }
  const result = writer.commit();
  return (store.db.prepare('SELECT id FROM records WHERE batch_id = ? ORDER BY id').all(result.batchId) as { id: number }[]).map((r) => r.id);
}

export function setContext(store: EvidenceStore, context: Partial<DetectContext>): void {
  for (const [key, value] of Object.entries(context)) saveContextValue(store, key as keyof DetectContext, value as never);
}

/** Runs one rule (in full) over the records and returns its findings with their evidence and facts. */
export async function detect(rule: Rule, records: readonly Obj[], context: Partial<DetectContext> = {}): Promise<FindingDetail[]> {
  const store = tempStore();
  try {
    addRecords(store, records);
    setContext(store, context);
    await runDetections(store, { rules: [rule], full: true });
    return listFindings(store).map((f) => findingDetail(store, f.id));
  } finally {
    store.close();
  }
}
