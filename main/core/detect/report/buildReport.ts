import type { DetectContext, FindingDetail, RuleSummary, Severity, Suppression } from '../../../../shared/model/findings.ts';
import type { EvidenceStore } from '../../store/openStore.ts';
import { loadContext } from '../context/contextStore.ts';
import { findingDetail, listFindings } from '../findings/findingQueries.ts';
import { listSuppressions } from '../findings/suppressions.ts';
import { describeRules } from '../rules/describeRules.ts';

/** Evidence records listed per finding in a report (the rest are counted). */
const EVIDENCE_PER_FINDING = 50;

/**
 * What a reviewer sends: every active finding with its explanation, evidence and triage, the
 * rules and context they came from, and what is suppressed. Findings carry their source
 * ('detection' today; posture checks will add theirs to the same list and sections).
 */
export interface FindingsReport {
  format: 'warden-findings-report';
  version: 1;
  generatedAt: string;
  profile: string;
  store: { records: number; audit: number; signin: number; firstMs: number | null; lastMs: number | null };
  counts: { total: number; bySeverity: Record<Severity, number>; byTriage: Record<string, number> };
  context: DetectContext;
  rules: RuleSummary[];
  findings: (FindingDetail & { evidenceListed: number })[];
  suppressions: Suppression[];
  hiddenBySuppressions: number;
}

export function buildReport(store: EvidenceStore, profile: string): FindingsReport {
  const shown = listFindings(store);
  const all = listFindings(store, { includeSuppressed: true });
  const findings = shown.map((f) => {
    const d = findingDetail(store, f.id);
    const evidence = d.evidence.slice(0, EVIDENCE_PER_FINDING);
    return { ...d, evidence, moreEvidence: d.moreEvidence + d.evidence.length - evidence.length, evidenceListed: evidence.length };
  });
  const bySeverity: Record<Severity, number> = { critical: 0, high: 0, medium: 0, low: 0 };
  const byTriage: Record<string, number> = { new: 0, investigating: 0, benign: 0, confirmed: 0 };
  for (const f of shown) {
    bySeverity[f.severity]++;
    byTriage[f.triage] = (byTriage[f.triage] ?? 0) + 1;
  }
  const stats = store.db
    .prepare(`SELECT count(*) AS n, sum(kind = 'audit') AS audit, sum(kind = 'signin') AS signin, min(time_ms) AS first, max(time_ms) AS last FROM records`)
    .get() as { n: number; audit: number | null; signin: number | null; first: number | null; last: number | null };
  return {
    format: 'warden-findings-report',
    version: 1,
    generatedAt: new Date().toISOString(),
    profile,
    store: { records: stats.n, audit: stats.audit ?? 0, signin: stats.signin ?? 0, firstMs: stats.first, lastMs: stats.last },
    counts: { total: shown.length, bySeverity, byTriage },
    context: loadContext(store),
    rules: describeRules(),
    findings,
    suppressions: listSuppressions(store),
    hiddenBySuppressions: all.length - shown.length,
  };
}
