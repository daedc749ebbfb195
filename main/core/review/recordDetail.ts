import type { RecordDetail } from '../../../shared/model/evidence.ts';
import { WardenError } from '../../../shared/errors.ts';
import { parse } from 'csv-parse/sync';
import type { EvidenceStore } from '../store/openStore.ts';
import { listNotes, listTags } from './annotations.ts';
import { ROW_COLUMNS, toRecordRow } from './recordRow.ts';

/** The raw record as text, and as JSON (a CSV row becomes header → value). */
export function rawRecord(store: EvidenceStore, id: number): { raw: string; json: unknown } {
  const row = store.db
    .prepare('SELECT w.raw, h.header FROM record_raw w LEFT JOIN csv_headers h ON h.id = w.csv_header_id WHERE w.id = ?')
    .get(id) as { raw: Buffer; header: string | null } | undefined;
  if (!row) throw new WardenError('not-found', `No record ${id} in this store.`);
  const raw = row.raw.toString('utf8');
  return { raw, json: rawToJson(raw, row.header) };
}

export function rawToJson(raw: string, header: string | null): unknown {
  if (header === null) return JSON.parse(raw) as unknown;
  const [names] = parse(header, { bom: true }) as string[][];
  const [values] = parse(raw, { relax_column_count: true }) as string[][];
  const out: Record<string, string> = {};
  (names ?? []).forEach((name, i) => (out[name] = values?.[i] ?? ''));
  return out;
}

export function recordDetail(store: EvidenceStore, id: number): RecordDetail {
  const row = store.db.prepare(`SELECT ${ROW_COLUMNS}, r.batch_id FROM records r WHERE r.id = ?`).get(id) as Record<string, unknown> | undefined;
  if (!row) throw new WardenError('not-found', `No record ${id} in this store.`);
  const batch = store.db.prepare('SELECT id, source, origin, committed_at FROM batches WHERE id = ?').get(row['batch_id']) as {
    id: number;
    source: string;
    origin: string;
    committed_at: number;
  };
  const { raw, json } = rawRecord(store, id);
  return {
    row: toRecordRow(row),
    raw,
    json,
    batch: { id: batch.id, source: batch.source, origin: batch.origin, committedAt: batch.committed_at },
    tags: listTags(store, id),
    notes: listNotes(store, id),
  };
}
