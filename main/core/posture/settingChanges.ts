import type { Database } from 'better-sqlite3-multiple-ciphers';
import type { PostureEvidence } from '../../../shared/model/posture.ts';
import { loadAuditRows, type AuditRow } from '../detect/engine/auditRows.ts';
import { parametersOf, recordBody } from '../detect/rules/support/auditFields.ts';

/** Evidence lists are cut here; the total is always given. */
export const EVIDENCE_LIMIT = 20;

export interface SettingChangeQuery {
  /** Cmdlets (or directory operations) that change the setting, as the audit log names them. */
  operations: readonly string[];
  /** Keep only records that set one of these parameters (any case); omitted = every record of the operations. */
  parameters?: readonly string[];
  /** A further test (e.g. the record names an administrator). */
  where?: (row: AuditRow) => boolean;
}

export interface EvidenceList {
  evidence: PostureEvidence[];
  total: number;
}

const iso = (ms: number | null): string | null => (ms === null ? null : new Date(ms).toISOString());

/**
 * The stored audit records that changed a setting, newest first: who did it and when, and what they set.
 * Failed attempts are left out: they changed nothing.
 */
export function settingChanges(db: Database, query: SettingChangeQuery): EvidenceList {
  const wanted = query.parameters?.map((p) => p.toLowerCase()) ?? null;
  const rows = loadAuditRows(db, query.operations, 0).filter((row) => {
    if (row.result === 'failure' || /^(false|failed|failure)$/i.test(row.result ?? '')) return false;
    if (wanted && !wanted.some((p) => parametersOf(row).has(p))) return false;
    return query.where ? query.where(row) : true;
  });
  rows.reverse();
  return { evidence: rows.slice(0, EVIDENCE_LIMIT).map((row) => auditEvidence(row, wanted)), total: rows.length };
}

export function auditEvidence(row: AuditRow, onlyParameters: readonly string[] | null = null): PostureEvidence {
  const params = parametersOf(row);
  const shown = [...params].filter(([name]) => name !== 'identity' && (onlyParameters === null || onlyParameters.includes(name)));
  const identity = params.get('identity') ?? row.object;
  const set = shown.map(([name, value]) => `${displayName(row, name)}=${value}`).join(', ');
  return {
    recordId: row.id,
    sourceId: row.sourceId,
    time: iso(row.timeMs),
    operation: row.operation,
    actor: row.user ?? row.appId,
    detail: [identity ? `on ${identity}` : '', set].filter(Boolean).join(': ') || row.operation,
  };
}

/** The parameter's name as the record spells it (the map keys are lower-case). */
function displayName(row: AuditRow, lower: string): string {
  const body = recordBody(row);
  const list = Array.isArray(body['Parameters']) ? (body['Parameters'] as Array<{ Name?: unknown }>) : [];
  const found = list.find((p) => typeof p.Name === 'string' && p.Name.toLowerCase() === lower);
  return typeof found?.Name === 'string' ? found.Name : lower;
}

export interface SignInEvidenceRow {
  id: number;
  source_id: string | null;
  time_ms: number | null;
  user_upn: string | null;
  client_ip: string | null;
  client_app: string | null;
  app_name: string | null;
}

/** A sign-in counted by a check, as evidence. */
export function signInEvidence(row: SignInEvidenceRow): PostureEvidence {
  return {
    recordId: row.id,
    sourceId: row.source_id,
    time: iso(row.time_ms),
    operation: 'Sign-in',
    actor: row.user_upn,
    detail: [`from ${row.client_ip ?? 'an unknown address'}`, row.client_app ? `over ${row.client_app}` : '', row.app_name ? `to ${row.app_name}` : ''].filter(Boolean).join(' '),
  };
}
