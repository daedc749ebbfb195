import { CountResult, PageRequest, WindowRequest, type PageResult, type RecordFilter, type WindowResult } from '../../../shared/model/evidence.ts';
import type { EvidenceStore } from '../store/openStore.ts';
import { rollupCompatible, whereClause } from './filterSql.ts';
import { ROW_COLUMNS, toRecordRow } from './recordRow.ts';

/**
 * One page of records, newest (or oldest) first, by keyset: the next page starts after the last
 * row's (time, id), so page 10,000 costs what page 1 costs. Records without a time come after all
 * timed ones (newest first) or before them (oldest first).
 */
export function queryPage(store: EvidenceStore, request: PageRequest): PageResult {
  const { filter, order, after, limit } = PageRequest.parse(request);
  const where = whereClause(filter);
  const desc = order === 'newest';
  const dir = desc ? 'DESC' : 'ASC';
  const cmp = desc ? '<' : '>';
  const run = (extra: string, params: unknown[], n: number) =>
    store.db
      .prepare(`SELECT ${ROW_COLUMNS} FROM records r WHERE ${where.sql} AND ${extra} ORDER BY r.time_ms ${dir}, r.id ${dir} LIMIT ?`)
      .all(...where.params, ...params, n) as Record<string, unknown>[];
  // Two segments: timed rows, and rows without a time. Newest first: timed, then untimed; oldest first: the reverse.
  const timed = (cursor: typeof after, n: number) =>
    cursor && cursor.timeMs !== null ? run(`(r.time_ms, r.id) ${cmp} (?, ?)`, [cursor.timeMs, cursor.id], n) : run('r.time_ms IS NOT NULL', [], n);
  const untimed = (cursor: typeof after, n: number) =>
    cursor && cursor.timeMs === null ? run(`r.time_ms IS NULL AND r.id ${cmp} ?`, [cursor.id], n) : run('r.time_ms IS NULL', [], n);
  let rows: Record<string, unknown>[];
  if (desc) {
    if (after && after.timeMs === null) rows = untimed(after, limit);
    else {
      rows = timed(after, limit);
      if (rows.length < limit) rows = rows.concat(untimed(null, limit - rows.length));
    }
  } else if (after && after.timeMs !== null) rows = timed(after, limit);
  else {
    rows = untimed(after, limit);
    if (rows.length < limit) rows = rows.concat(timed(null, limit - rows.length));
  }
  const mapped = rows.map(toRecordRow);
  const last = mapped[mapped.length - 1];
  return { rows: mapped, next: mapped.length === limit && last ? { timeMs: last.timeMs, id: last.id } : null };
}

const HOUR_MS = 3_600_000;

/**
 * The rows at a position (a virtualized table scrolled to row N). When the hourly rollup can count
 * the filter, it finds the hour that holds row N and the query skips only within that hour;
 * otherwise it skips rows with OFFSET.
 */
export function queryWindow(store: EvidenceStore, request: WindowRequest): WindowResult {
  const { filter, order, offset, limit } = WindowRequest.parse(request);
  const desc = order === 'newest';
  let bounded: RecordFilter = filter;
  let skip = offset;
  if (rollupCompatible(filter) && offset > 10_000) {
    const hours = hourlyCounts(store, filter, desc);
    let seen = 0;
    for (const { hour, n } of hours) {
      if (hour < 0) break; // untimed rows: fall back to OFFSET from here
      if (seen + n > offset) {
        const edge = hour * HOUR_MS;
        bounded = desc ? { ...filter, toMs: Math.min(filter.toMs ?? Infinity, edge + HOUR_MS) } : { ...filter, fromMs: Math.max(filter.fromMs ?? -Infinity, edge) };
        skip = offset - seen;
        break;
      }
      seen += n;
    }
  }
  const where = whereClause(bounded);
  const dir = desc ? 'DESC' : 'ASC';
  const nulls = desc ? 'NULLS LAST' : 'NULLS FIRST';
  const rows = store.db
    .prepare(`SELECT ${ROW_COLUMNS} FROM records r WHERE ${where.sql} ORDER BY r.time_ms ${dir} ${nulls}, r.id ${dir} LIMIT ? OFFSET ?`)
    .all(...where.params, limit, skip) as Record<string, unknown>[];
  return { offset, rows: rows.map(toRecordRow) };
}

/** Per-hour counts for a rollup-compatible filter, in display order (untimed hour -1 last when newest first). */
export function hourlyCounts(store: EvidenceStore, filter: RecordFilter, desc: boolean): { hour: number; n: number }[] {
  const parts = ['kind = ?'];
  const params: unknown[] = [filter.kind];
  const add = (column: string, values: readonly string[] | undefined) => {
    if (!values?.length) return;
    parts.push(`${column} IN (${values.map(() => '?').join(', ')})`);
    params.push(...values);
  };
  add('operation', filter.operations);
  add('workload', filter.workloads);
  add('result', filter.results);
  add('client_app', filter.clientApps);
  const rows = store.db
    .prepare(`SELECT hour, sum(n) AS n FROM hourly_counts WHERE ${parts.join(' AND ')} GROUP BY hour ORDER BY hour ${desc ? 'DESC' : 'ASC'}`)
    .all(...params) as { hour: number; n: number }[];
  return rows;
}

const COUNT_CAP = 100_000;

/**
 * How many records match. Exact from the hourly rollup when it can answer (the range is whole
 * hours); otherwise counted up to 100,000 and reported as "more than" beyond that.
 */
export function countRecords(store: EvidenceStore, filter: RecordFilter): CountResult {
  const aligned = (t: number | undefined) => t === undefined || t % HOUR_MS === 0;
  if (rollupCompatible(filter) && aligned(filter.fromMs) && aligned(filter.toMs)) {
    let count = 0;
    for (const { hour, n } of hourlyCounts(store, filter, false)) {
      if (hour < 0) {
        if (filter.fromMs === undefined && filter.toMs === undefined) count += n;
        continue;
      }
      const t = hour * HOUR_MS;
      if ((filter.fromMs === undefined || t >= filter.fromMs) && (filter.toMs === undefined || t < filter.toMs)) count += n;
    }
    return CountResult.parse({ count, exact: true });
  }
  const where = whereClause(filter);
  const row = store.db.prepare(`SELECT count(*) AS n FROM (SELECT 1 FROM records r WHERE ${where.sql} LIMIT ${COUNT_CAP + 1})`).get(...where.params) as { n: number };
  return row.n > COUNT_CAP ? { count: COUNT_CAP, exact: false } : { count: row.n, exact: true };
}
