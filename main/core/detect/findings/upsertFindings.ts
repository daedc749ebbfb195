import { createHash } from 'node:crypto';
import type { Database } from 'better-sqlite3-multiple-ciphers';
import { SEVERITY_RANK } from '../../../../shared/model/findings.ts';
import type { DerivedFinding, RuleMeta } from '../engine/ruleTypes.ts';
import { renderExplanation } from './explain.ts';

export interface UpsertResult {
  created: number;
  updated: number;
  withdrawn: number;
}

interface StoredFinding {
  id: number;
  first_ms: number | null;
  last_ms: number | null;
  evidence_count: number;
  status: string;
}

/** Two derivations of one subject are one finding when their times are this close (or their evidence meets). */
export const DEFAULT_MERGE_GAP_MS = 2 * 3_600_000;

export function fingerprintOf(ruleId: string, subjectKey: string, firstMs: number | null): string {
  const digest = createHash('sha256')
    .update(`${subjectKey}|${firstMs ?? 'no-time'}`)
    .digest('hex')
    .slice(0, 16);
  return `${ruleId}:${digest}`;
}

function overlaps(a: { first: number | null; last: number | null }, b: { first: number | null; last: number | null }, gapMs: number): boolean {
  if (a.first === null || b.first === null) return a.first === null && b.first === null;
  return a.first <= (b.last ?? b.first) + gapMs && b.first <= (a.last ?? a.first) + gapMs;
}

/**
 * Merges derived findings of one subject that touch in time (a rule may derive the same episode
 * from two views of one event, e.g. a Graph directory audit and its unified-audit-log twin).
 */
export function coalesce(derived: readonly DerivedFinding[], gapMs = DEFAULT_MERGE_GAP_MS): DerivedFinding[] {
  const bySubject = new Map<string, DerivedFinding[]>();
  for (const d of derived) {
    const list = bySubject.get(d.subjectKey);
    if (list) list.push(d);
    else bySubject.set(d.subjectKey, [d]);
  }
  const out: DerivedFinding[] = [];
  for (const list of bySubject.values()) {
    list.sort((a, b) => (a.firstMs ?? -Infinity) - (b.firstMs ?? -Infinity));
    // One group at a time; evidence collects in a Set (a subject may merge thousands of derivations).
    let group: { best: DerivedFinding; severity: DerivedFinding['severity']; first: number | null; last: number | null; evidence: Set<number> } | null = null;
    const close = () => {
      if (!group) return;
      out.push({ ...group.best, severity: group.severity, firstMs: group.first, lastMs: group.last, evidence: [...group.evidence] });
    };
    for (const d of list) {
      if (group && overlaps({ first: group.first, last: group.last }, { first: d.firstMs, last: d.lastMs }, gapMs)) {
        if (d.evidence.length > group.best.evidence.length) group.best = d;
        if (SEVERITY_RANK[d.severity] > SEVERITY_RANK[group.severity]) group.severity = d.severity;
        if (group.first === null || (d.firstMs !== null && d.firstMs < group.first)) group.first = group.first === null ? d.firstMs : d.firstMs;
        if (d.lastMs !== null && (group.last === null || d.lastMs > group.last)) group.last = d.lastMs;
        for (const id of d.evidence) group.evidence.add(id);
      } else {
        close();
        group = { best: d, severity: d.severity, first: d.firstMs, last: d.lastMs, evidence: new Set(d.evidence) };
      }
    }
    close();
  }
  return out;
}

/**
 * Stores one rule's derived findings. A derived finding that meets a stored one of the same rule
 * and subject (overlapping time, or shared evidence) IS that finding: its id, fingerprint, triage
 * and notes stay, its evidence grows. In a full run, the rule's active findings that were not
 * derived again are withdrawn (kept, with their triage, but no longer shown as active).
 */
export function upsertFindings(
  db: Database,
  rule: RuleMeta,
  derived: readonly DerivedFinding[],
  runId: number,
  full: boolean,
  gapMs = DEFAULT_MERGE_GAP_MS,
): UpsertResult {
  const now = Date.now();
  const result: UpsertResult = { created: 0, updated: 0, withdrawn: 0 };
  const candidates = db.prepare('SELECT id, first_ms, last_ms, evidence_count, status FROM findings WHERE rule_id = ? AND subject_key = ?');
  const sharesEvidence = db.prepare('SELECT 1 FROM finding_evidence WHERE finding_id = ? AND record_id = ? LIMIT 1');
  const insert = db.prepare(
    `INSERT INTO findings (fingerprint, source, rule_id, subject_key, severity, title, explanation, facts, user_upn, actor_upn, ip, first_ms, last_ms,
       evidence_count, status, triage, created_at, updated_at, run_id)
     VALUES (?, 'detection', ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, 'active', 'new', ?, ?, ?)`,
  );
  const link = db.prepare('INSERT OR IGNORE INTO finding_evidence (finding_id, record_id) VALUES (?, ?)');
  const count = db.prepare('SELECT count(*) AS n FROM finding_evidence WHERE finding_id = ?');
  const refresh = db.prepare(
    `UPDATE findings SET severity = ?, title = ?, explanation = ?, facts = ?, user_upn = ?, actor_upn = ?, ip = ?, first_ms = ?, last_ms = ?,
       evidence_count = ?, status = 'active', updated_at = ?, run_id = ? WHERE id = ?`,
  );
  const touch = db.prepare(`UPDATE findings SET first_ms = ?, last_ms = ?, evidence_count = ?, status = 'active', updated_at = ?, run_id = ? WHERE id = ?`);
  const markSeen = db.prepare('UPDATE findings SET run_id = ? WHERE id = ?');
  const fingerprintTaken = db.prepare('SELECT 1 FROM findings WHERE fingerprint = ?');

  db.transaction(() => {
    for (const d of derived) {
      const explanation = renderExplanation(rule.explanation, d.facts);
      const facts = JSON.stringify(d.facts);
      const stored = (candidates.all(rule.id, d.subjectKey) as StoredFinding[]).find(
        (f) =>
          overlaps({ first: f.first_ms, last: f.last_ms }, { first: d.firstMs, last: d.lastMs }, gapMs) ||
          d.evidence.slice(0, 50).some((id) => sharesEvidence.get(f.id, id) !== undefined),
      );
      if (!stored) {
        let fingerprint = fingerprintOf(rule.id, d.subjectKey, d.firstMs);
        for (let k = 2; fingerprintTaken.get(fingerprint); k++) fingerprint = `${fingerprintOf(rule.id, d.subjectKey, d.firstMs)}-${k}`;
        const info = insert.run(
          fingerprint,
          rule.id,
          d.subjectKey,
          d.severity,
          d.title,
          explanation,
          facts,
          d.user,
          d.actor,
          d.ip,
          d.firstMs,
          d.lastMs,
          // Evidence ids are distinct: coalesce() gathers them in a Set.
          d.evidence.length,
          now,
          now,
          runId,
        );
        const id = Number(info.lastInsertRowid);
        for (const recordId of d.evidence) link.run(id, recordId);
        result.created++;
        continue;
      }
      let added = 0;
      for (const recordId of d.evidence) added += link.run(stored.id, recordId).changes;
      const total = (count.get(stored.id) as { n: number }).n;
      const first = stored.first_ms === null ? d.firstMs : d.firstMs === null ? stored.first_ms : Math.min(stored.first_ms, d.firstMs);
      const last = stored.last_ms === null ? d.lastMs : d.lastMs === null ? stored.last_ms : Math.max(stored.last_ms, d.lastMs);
      // A derivation that saw at least as much as was stored describes the finding; a partial one only adds evidence.
      if (d.evidence.length >= stored.evidence_count) {
        refresh.run(d.severity, d.title, explanation, facts, d.user, d.actor, d.ip, first, last, total, now, runId, stored.id);
      } else if (added > 0 || stored.status !== 'active') {
        touch.run(first, last, total, now, runId, stored.id);
      } else {
        markSeen.run(runId, stored.id);
      }
      if (added > 0 || stored.status !== 'active') result.updated++;
    }
    if (full) {
      result.withdrawn = db
        .prepare(`UPDATE findings SET status = 'withdrawn', updated_at = ? WHERE rule_id = ? AND status = 'active' AND (run_id IS NULL OR run_id != ?)`)
        .run(now, rule.id, runId).changes;
    }
  })();
  return result;
}
