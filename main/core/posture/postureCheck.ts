import type { PostureCheckResult, PostureEvidence, PostureSeverity } from '../../../shared/model/posture.ts';
import type { PostureInputs } from './postureInputs.ts';
import type { EvidenceList } from './settingChanges.ts';

/** What a check decides; the engine adds its id, title, baseline and severity. */
export type CheckOutcome = Omit<PostureCheckResult, 'id' | 'title' | 'scubaGear' | 'severity'>;

/** One posture check: a question about the tenant's configuration, answered from stored data only. */
export interface PostureCheck {
  id: string;
  title: string;
  /** The ScubaGear policy id it implements or is closest to (peer-tools.md), or null. */
  scubaGear: string | null;
  severity: PostureSeverity;
  evaluate(inputs: PostureInputs): CheckOutcome;
}

interface OutcomeParts {
  why: string;
  fix: string;
  basis: string[];
  evidence?: EvidenceList;
}

const evidenceOf = (e: EvidenceList | undefined): { evidence: PostureEvidence[]; evidenceTotal: number } => ({ evidence: e?.evidence ?? [], evidenceTotal: e?.total ?? 0 });

export const pass = (p: OutcomeParts): CheckOutcome => ({ status: 'pass', why: p.why, fix: p.fix, toKnow: null, basis: p.basis, ...evidenceOf(p.evidence) });
export const fail = (p: OutcomeParts): CheckOutcome => ({ status: 'fail', why: p.why, fix: p.fix, toKnow: null, basis: p.basis, ...evidenceOf(p.evidence) });
/** The data is not there: say exactly what to run. Evidence of past changes is still shown. */
export const unknown = (p: OutcomeParts & { toKnow: string }): CheckOutcome => ({ status: 'unknown', why: p.why, fix: p.fix, toKnow: p.toKnow, basis: p.basis, ...evidenceOf(p.evidence) });
