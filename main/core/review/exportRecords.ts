import { once } from 'node:events';
import type { Writable } from 'node:stream';
import { RecordFilter, type ExportFormat } from '../../../shared/model/evidence.ts';
import type { EvidenceStore } from '../store/openStore.ts';
import { whereClause } from './filterSql.ts';
import { rawToJson } from './recordDetail.ts';
import { ROW_COLUMNS, toRecordRow } from './recordRow.ts';

const CSV_COLUMNS = [
  'id', 'time', 'kind', 'recordType', 'operation', 'workload', 'user', 'userName', 'ip', 'country', 'city', 'object', 'result', 'resultDetail',
  'app', 'appId', 'resource', 'clientApp', 'errorCode', 'failureReason', 'authRequirement', 'authMethods', 'caStatus', 'riskLevel',
  'userAgent', 'deviceOs', 'deviceBrowser', 'isInteractive', 'authProtocol', 'sessionId', 'correlationId', 'uniqueTokenId', 'sourceId', 'format',
] as const;

/**
 * RFC 4180 quoting, plus a leading apostrophe on cells that a spreadsheet would run as a formula
 * (=, +, -, @, tab, CR): record values come from attackers too (rule names, subjects).
 */
export function csvCell(value: unknown): string {
  if (value === null || value === undefined) return '';
  let text = String(value);
  if (/^[=+\-@\t\r]/.test(text)) text = `'${text}`;
  return /[",\r\n]/.test(text) ? `"${text.replace(/"/g, '""')}"` : text;
}

/**
 * Streams every record matching the filter, oldest first, to `out`: CSV of the normalized fields,
 * or JSONL of the records themselves (the original JSON; CSV rows as header → value). Constant
 * memory: rows are read with an iterator and written with backpressure.
 */
export async function exportRecords(store: EvidenceStore, filter: RecordFilter, format: ExportFormat, out: Writable): Promise<number> {
  const where = whereClause(RecordFilter.parse(filter));
  const statement = store.db.prepare(
    `SELECT ${ROW_COLUMNS}, w.raw, h.header FROM records r JOIN record_raw w ON w.id = r.id LEFT JOIN csv_headers h ON h.id = w.csv_header_id
     WHERE ${where.sql} ORDER BY r.time_ms ASC, r.id ASC`,
  );
  let count = 0;
  let buffer = format === 'csv' ? `${CSV_COLUMNS.join(',')}\r\n` : '';
  const flush = async () => {
    if (buffer && !out.write(buffer)) await once(out, 'drain');
    buffer = '';
  };
  // Rows are collected in slices so the iterator is never held open across an await (better-sqlite3
  // allows no other statement on the connection while an iterator is open).
  let after: { t: number | null; id: number } | null = null;
  for (;;) {
    const slice = readSlice(store, statement.source, where.params, after);
    if (slice.length === 0) break;
    for (const r of slice) {
      const row = toRecordRow(r);
      if (format === 'csv') {
        const values: Record<string, unknown> = { ...row, time: row.timeMs === null ? '' : new Date(row.timeMs).toISOString() };
        buffer += `${CSV_COLUMNS.map((c) => csvCell(values[c])).join(',')}\r\n`;
      } else {
        buffer += `${JSON.stringify(rawToJson((r['raw'] as Buffer).toString('utf8'), r['header'] as string | null))}\n`;
      }
      count++;
      if (buffer.length > 1 << 20) await flush();
    }
    const last = slice[slice.length - 1]!;
    after = { t: last['time_ms'] as number | null, id: last['id'] as number };
  }
  await flush();
  return count;
}

function readSlice(store: EvidenceStore, sql: string, params: unknown[], after: { t: number | null; id: number } | null): Record<string, unknown>[] {
  // Oldest first puts untimed rows first; continue within them, then into the timed ones.
  const [head, tail] = sql.split(' ORDER BY ');
  let cond = '';
  let extra: unknown[] = [];
  if (after && after.t === null) {
    cond = ' AND ((r.time_ms IS NULL AND r.id > ?) OR r.time_ms IS NOT NULL)';
    extra = [after.id];
  } else if (after) {
    cond = ' AND (r.time_ms, r.id) > (?, ?)';
    extra = [after.t, after.id];
  }
  return store.db.prepare(`${head}${cond} ORDER BY ${tail} LIMIT 5000`).all(...params, ...extra) as Record<string, unknown>[];
}
