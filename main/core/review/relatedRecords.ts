import { RelatedRequest, type RelatedResult } from '../../../shared/model/evidence.ts';
import { WardenError } from '../../../shared/errors.ts';
import type { EvidenceStore } from '../store/openStore.ts';
import { ROW_COLUMNS, toRecordRow } from './recordRow.ts';

type Relation = 'user' | 'ip' | 'session' | 'correlation';

/**
 * Records of either kind near one record in time (± windowMs) that share its user, IP, session or
 * correlation id: the sign-in before an inbox rule, the mail access after it. One indexed query per
 * relation, merged, each row saying how it relates.
 */
export function relatedRecords(store: EvidenceStore, request: RelatedRequest): RelatedResult {
  const { id, windowMs, limit } = RelatedRequest.parse(request);
  const anchor = store.db.prepare('SELECT time_ms, user_upn, client_ip, session_id, correlation_id FROM records WHERE id = ?').get(id) as
    | { time_ms: number | null; user_upn: string | null; client_ip: string | null; session_id: string | null; correlation_id: string | null }
    | undefined;
  if (!anchor) throw new WardenError('not-found', `No record ${id} in this store.`);
  const byId = new Map<number, { row: Record<string, unknown>; relations: Set<Relation> }>();
  const collect = (relation: Relation, column: string, value: string | null) => {
    if (value === null) return;
    const timed = anchor.time_ms !== null;
    const rows = store.db
      .prepare(
        `SELECT ${ROW_COLUMNS} FROM records r WHERE r.${column} = ? AND r.id != ? ${timed ? 'AND r.time_ms BETWEEN ? AND ?' : ''} ORDER BY r.time_ms LIMIT ?`,
      )
      .all(...(timed ? [value, id, anchor.time_ms! - windowMs, anchor.time_ms! + windowMs, limit] : [value, id, limit])) as Record<string, unknown>[];
    for (const row of rows) {
      const entry = byId.get(row['id'] as number) ?? { row, relations: new Set<Relation>() };
      entry.relations.add(relation);
      byId.set(row['id'] as number, entry);
    }
  };
  collect('session', 'session_id', anchor.session_id);
  collect('correlation', 'correlation_id', anchor.correlation_id);
  collect('user', 'user_upn', anchor.user_upn);
  collect('ip', 'client_ip', anchor.client_ip);
  const rows = [...byId.values()]
    .sort((a, b) => ((a.row['time_ms'] as number | null) ?? 0) - ((b.row['time_ms'] as number | null) ?? 0) || (a.row['id'] as number) - (b.row['id'] as number))
    .slice(0, limit)
    .map(({ row, relations }) => ({ ...toRecordRow(row), relations: [...relations] }));
  return { rows };
}
