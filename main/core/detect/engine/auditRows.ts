import type { Database } from 'better-sqlite3-multiple-ciphers';
import type { Obj } from '../../importers/fieldAccess.ts';
import { rawToJson } from '../../review/recordDetail.ts';

/** An audit record for an audit rule: the normalized fields, and the record itself parsed (JSON, or a CSV row as header → value). */
export interface AuditRow {
  id: number;
  format: string;
  sourceId: string | null;
  timeMs: number | null;
  operation: string;
  workload: string | null;
  recordType: string | null;
  user: string | null;
  ip: string | null;
  object: string | null;
  result: string | null;
  correlationId: string | null;
  sessionId: string | null;
  appId: string | null;
  userAgent: string | null;
  json: Obj;
}

/**
 * Unified-audit-log spellings: Entra directory events carry a trailing period there ('Add member
 * to role.') and, for some, a space before it; Graph and Log Analytics have the bare name.
 */
export function operationVariants(names: readonly string[]): string[] {
  return [...new Set(names.flatMap((n) => [n, `${n}.`, `${n} .`]))];
}

/** Audit records matching a WHERE clause over `records r`, oldest first, with their raw record parsed. */
export function loadAuditRowsWhere(db: Database, where: string, params: readonly unknown[]): AuditRow[] {
  const rows = db
    .prepare(
      `SELECT r.id, r.format, r.source_id, r.time_ms, r.operation, r.workload, r.record_type, r.user_upn, r.client_ip, r.object, r.result,
              r.correlation_id, r.session_id, r.app_id, r.user_agent, w.raw, h.header
       FROM records r JOIN record_raw w ON w.id = r.id LEFT JOIN csv_headers h ON h.id = w.csv_header_id
       WHERE +r.kind = 'audit' AND ${where}
       ORDER BY r.time_ms, r.id`,
    )
    .all(...params) as Record<string, unknown>[];
  return rows.map(toAuditRow);
}

/**
 * Audit records with these operations and records.id above `afterId`, oldest first. Several rules
 * read the same operations (Set-Mailbox feeds four); `cache` shares one read of each operation per run.
 */
export function loadAuditRows(db: Database, operations: readonly string[], afterId: number, cache?: Map<string, AuditRow[]>): AuditRow[] {
  if (operations.length === 0) return [];
  if (cache) {
    const rows: AuditRow[] = [];
    for (const op of new Set(operations)) {
      const key = `${afterId}|${op}`;
      let list = cache.get(key);
      if (!list) {
        list = loadAuditRows(db, [op], afterId);
        cache.set(key, list);
      }
      rows.push(...list);
    }
    return rows.sort((a, b) => (a.timeMs ?? -Infinity) - (b.timeMs ?? -Infinity) || a.id - b.id);
  }
  // `+r.id` (and `+r.kind` above): neither the id bound nor the kind may tempt the planner away from the
  // operation index into scanning every audit record.
  return loadAuditRowsWhere(db, `r.operation IN (${operations.map(() => '?').join(', ')}) AND +r.id > ?`, [...operations, afterId]);
}

function toAuditRow(r: Record<string, unknown>): AuditRow {
  let json: Obj = {};
  try {
    const parsed = rawToJson((r['raw'] as Buffer).toString('utf8'), (r['header'] as string | null) ?? null);
    if (parsed && typeof parsed === 'object' && !Array.isArray(parsed)) json = parsed as Obj;
  } catch {
    // The importer stored it, so it parsed once; an unreadable raw leaves the normalized fields.
  }
  return {
    id: r['id'] as number,
    format: r['format'] as string,
    sourceId: r['source_id'] as string | null,
    timeMs: r['time_ms'] as number | null,
    operation: r['operation'] as string,
    workload: r['workload'] as string | null,
    recordType: r['record_type'] as string | null,
    user: r['user_upn'] as string | null,
    ip: r['client_ip'] as string | null,
    object: r['object'] as string | null,
    result: r['result'] as string | null,
    correlationId: r['correlation_id'] as string | null,
    sessionId: r['session_id'] as string | null,
    appId: r['app_id'] as string | null,
    userAgent: r['user_agent'] as string | null,
    json,
  };
}
