import { WardenError } from '../../../../shared/errors.ts';
import {
  SEVERITY_RANK,
  type EvidenceSummary,
  type Finding,
  type FindingDetail,
  type FindingFilter,
  type FindingNote,
  type TriageState,
} from '../../../../shared/model/findings.ts';
import type { EvidenceStore } from '../../store/openStore.ts';
import { ruleById } from '../rules/index.ts';
import { ensureDetectSchema } from '../schema/detectSchema.ts';
import { activeSuppressions, suppressionMatcher } from './suppressions.ts';

const COLUMNS = `id, fingerprint, source, rule_id, severity, title, explanation, user_upn, actor_upn, ip, first_ms, last_ms, evidence_count, status, triage, created_at, updated_at`;

function toFinding(r: Record<string, unknown>, suppressedBy: number | null): Finding {
  const rule = ruleById(r['rule_id'] as string);
  return {
    id: r['id'] as number,
    fingerprint: r['fingerprint'] as string,
    source: r['source'] as Finding['source'],
    ruleId: r['rule_id'] as string,
    ruleTitle: rule?.title ?? (r['rule_id'] as string),
    technique: rule?.technique ?? '',
    severity: r['severity'] as Finding['severity'],
    title: r['title'] as string,
    explanation: r['explanation'] as string,
    user: r['user_upn'] as string | null,
    actor: r['actor_upn'] as string | null,
    ip: r['ip'] as string | null,
    firstMs: r['first_ms'] as number | null,
    lastMs: r['last_ms'] as number | null,
    evidenceCount: r['evidence_count'] as number,
    status: r['status'] as Finding['status'],
    triage: r['triage'] as TriageState,
    suppressedBy,
    createdAt: r['created_at'] as number,
    updatedAt: r['updated_at'] as number,
  };
}

/** Findings, most severe and most recent first; suppressed and withdrawn ones only when asked. */
export function listFindings(store: EvidenceStore, filter: FindingFilter = {}): Finding[] {
  ensureDetectSchema(store.db);
  const where: string[] = [];
  const params: unknown[] = [];
  if (!filter.includeWithdrawn) where.push(`status = 'active'`);
  const inList = (column: string, values: readonly string[] | undefined) => {
    if (!values || values.length === 0) return;
    where.push(`${column} IN (${values.map(() => '?').join(', ')})`);
    params.push(...values);
  };
  inList('rule_id', filter.ruleIds);
  inList(
    'user_upn',
    filter.users?.map((u) => u.toLowerCase()),
  );
  inList('severity', filter.severities);
  inList('triage', filter.triage);
  if (filter.sinceMs !== undefined) {
    where.push('(last_ms IS NULL OR last_ms >= ?)');
    params.push(filter.sinceMs);
  }
  const rows = store.db.prepare(`SELECT ${COLUMNS} FROM findings ${where.length ? `WHERE ${where.join(' AND ')}` : ''}`).all(...params) as Record<
    string,
    unknown
  >[];
  const match = suppressionMatcher(activeSuppressions(store));
  const out: Finding[] = [];
  for (const r of rows) {
    const by = match({ ruleId: r['rule_id'] as string, user: r['user_upn'] as string | null, ip: r['ip'] as string | null });
    if (by !== null && !filter.includeSuppressed) continue;
    out.push(toFinding(r, by));
  }
  return out.sort((a, b) => SEVERITY_RANK[b.severity] - SEVERITY_RANK[a.severity] || (b.lastMs ?? 0) - (a.lastMs ?? 0) || b.id - a.id);
}

export function getFinding(store: EvidenceStore, id: number): Finding {
  ensureDetectSchema(store.db);
  const r = store.db.prepare(`SELECT ${COLUMNS} FROM findings WHERE id = ?`).get(id) as Record<string, unknown> | undefined;
  if (!r) throw new WardenError('not-found', `No finding ${id} in this store (see \`warden detect\`).`);
  const by = suppressionMatcher(activeSuppressions(store))({
    ruleId: r['rule_id'] as string,
    user: r['user_upn'] as string | null,
    ip: r['ip'] as string | null,
  });
  return toFinding(r, by);
}

export function findingNotes(store: EvidenceStore, id: number): FindingNote[] {
  return (
    store.db.prepare('SELECT id, finding_id, text, triage_from, triage_to, created_at FROM finding_notes WHERE finding_id = ? ORDER BY id').all(id) as Record<
      string,
      unknown
    >[]
  ).map((n) => ({
    id: n['id'] as number,
    findingId: n['finding_id'] as number,
    text: n['text'] as string,
    triageFrom: n['triage_from'] as TriageState | null,
    triageTo: n['triage_to'] as TriageState | null,
    createdAt: n['created_at'] as number,
  }));
}

const EVIDENCE_LISTED = 500;

/** The evidence record ids of a finding, oldest first. */
export function evidenceIds(store: EvidenceStore, id: number): number[] {
  return (
    store.db
      .prepare('SELECT e.record_id AS id FROM finding_evidence e JOIN records r ON r.id = e.record_id WHERE e.finding_id = ? ORDER BY r.time_ms, r.id')
      .all(id) as { id: number }[]
  ).map((r) => r.id);
}

export function findingDetail(store: EvidenceStore, id: number): FindingDetail {
  const finding = getFinding(store, id);
  const facts = JSON.parse((store.db.prepare('SELECT facts FROM findings WHERE id = ?').get(id) as { facts: string }).facts) as Record<string, unknown>;
  const total = (store.db.prepare('SELECT count(*) AS n FROM finding_evidence WHERE finding_id = ?').get(id) as { n: number }).n;
  const evidence = (
    store.db
      .prepare(
        `SELECT r.id, r.kind, r.time_ms, r.operation, r.user_upn, r.client_ip, r.result, r.country, r.error_code, r.client_app, r.app_name, r.object
         FROM finding_evidence e JOIN records r ON r.id = e.record_id WHERE e.finding_id = ? ORDER BY r.time_ms, r.id LIMIT ${EVIDENCE_LISTED}`,
      )
      .all(id) as Record<string, unknown>[]
  ).map((r): EvidenceSummary => ({
    id: r['id'] as number,
    kind: r['kind'] as EvidenceSummary['kind'],
    timeMs: r['time_ms'] as number | null,
    operation: r['operation'] as string | null,
    user: r['user_upn'] as string | null,
    ip: r['client_ip'] as string | null,
    result: r['result'] as string | null,
    country: r['country'] as string | null,
    detail:
      r['kind'] === 'signin'
        ? [r['app_name'], r['client_app'], r['error_code'] ? `error ${r['error_code']}` : null].filter(Boolean).join(' · ') || null
        : ((r['object'] as string | null) ?? null),
  }));
  return { finding, facts, evidence, moreEvidence: Math.max(0, total - evidence.length), notes: findingNotes(store, id) };
}

/** Sets the triage state, with a note; both are kept in the finding's history and survive re-runs. */
export function triageFinding(store: EvidenceStore, id: number, state: TriageState | null, note: string | null): FindingDetail {
  const finding = getFinding(store, id);
  if (state === null && (note === null || note.trim() === ''))
    throw new WardenError('invalid-input', 'Give a triage state (--state), a note (--note), or both.');
  const now = Date.now();
  store.db.transaction(() => {
    if (state !== null && state !== finding.triage) store.db.prepare('UPDATE findings SET triage = ?, updated_at = ? WHERE id = ?').run(state, now, id);
    store.db
      .prepare('INSERT INTO finding_notes (finding_id, text, triage_from, triage_to, created_at) VALUES (?, ?, ?, ?, ?)')
      .run(
        id,
        note?.trim() ?? '',
        state !== null && state !== finding.triage ? finding.triage : null,
        state !== null && state !== finding.triage ? state : null,
        now,
      );
  })();
  return findingDetail(store, id);
}
