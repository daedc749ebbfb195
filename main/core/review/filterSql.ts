import type { RecordFilter } from '../../../shared/model/evidence.ts';
import { normalizeIp } from '../importers/normalizeIp.ts';
import { isGuid } from '../importers/searchText.ts';

/** A WHERE clause (over `records r`) and its parameters, built only from a parsed RecordFilter. */
export interface WhereClause {
  sql: string;
  params: unknown[];
}

/**
 * The FTS5 query for free text: every word must occur. Words are the tokenizer's own (letters and
 * digits), each quoted so no user input is read as FTS syntax; a trailing * makes a prefix search.
 * The index has no positions (detail=none), so a phrase is matched as all of its words.
 */
export function ftsQuery(text: string): string | null {
  const terms: string[] = [];
  for (const word of text.split(/\s+/)) {
    if (word === '' || isGuid(word)) continue;
    const prefix = word.endsWith('*');
    const tokens = word.match(/[\p{L}\p{N}]+/gu) ?? [];
    tokens.forEach((token, i) => terms.push(`"${token}"${prefix && i === tokens.length - 1 ? '*' : ''}`));
  }
  return terms.length > 0 ? terms.join(' ') : null;
}

function inList(column: string, values: readonly string[], params: unknown[]): string {
  params.push(...values);
  return values.length === 1 ? `${column} = ?` : `${column} IN (${values.map(() => '?').join(', ')})`;
}

export function whereClause(filter: RecordFilter): WhereClause {
  const parts: string[] = ['r.kind = ?'];
  const params: unknown[] = [filter.kind];
  if (filter.fromMs !== undefined) {
    parts.push('r.time_ms >= ?');
    params.push(filter.fromMs);
  }
  if (filter.toMs !== undefined) {
    parts.push('r.time_ms < ?');
    params.push(filter.toMs);
  }
  if (filter.users?.length) parts.push(inList('r.user_upn', filter.users.map((u) => u.trim().toLowerCase()), params));
  if (filter.operations?.length) parts.push(inList('r.operation', filter.operations, params));
  if (filter.workloads?.length) parts.push(inList('r.workload', filter.workloads, params));
  if (filter.recordTypes?.length) parts.push(inList('r.record_type', filter.recordTypes, params));
  if (filter.ips?.length) parts.push(inList('r.client_ip', filter.ips.map((ip) => normalizeIp(ip) ?? ip.trim()), params));
  if (filter.countries?.length) parts.push(inList('r.country', filter.countries.map((c) => c.trim().toUpperCase()), params));
  if (filter.apps?.length) {
    const a: unknown[] = [];
    const byName = inList('r.app_name', filter.apps, a);
    const byId = inList('r.app_id', filter.apps, a);
    parts.push(`(${byName} OR ${byId})`);
    params.push(...a);
  }
  if (filter.clientApps?.length) parts.push(inList('r.client_app', filter.clientApps, params));
  if (filter.results?.length) parts.push(inList('r.result', filter.results, params));
  if (filter.tag) {
    parts.push('r.id IN (SELECT record_id FROM record_tags WHERE tag = ?)');
    params.push(filter.tag);
  }
  if (filter.text) {
    for (const word of filter.text.split(/\s+/)) {
      if (!isGuid(word)) continue;
      const id = word.replace(/[{}()]/g, '').toLowerCase();
      parts.push('(lower(r.source_id) = ? OR r.session_id = ? OR r.correlation_id = ? OR r.unique_token_id = ? OR r.user_id = ? OR r.app_id = ?)');
      params.push(id, id, id, id, id, id);
    }
    const match = ftsQuery(filter.text);
    if (match) {
      parts.push('r.id IN (SELECT rowid FROM record_text WHERE record_text MATCH ?)');
      params.push(match);
    }
  }
  return { sql: parts.join(' AND '), params };
}

/** Filters that the hourly_counts rollup can answer (kind, time, operation, workload, result, client app). */
export function rollupCompatible(filter: RecordFilter): boolean {
  return !filter.users?.length && !filter.recordTypes?.length && !filter.ips?.length && !filter.countries?.length && !filter.apps?.length && !filter.tag && !filter.text;
}
