import type { PostureCheckResult, PostureReport } from '../../../shared/model/posture.ts';
import type { EvidenceStore } from '../store/openStore.ts';
import { POSTURE_CHECKS } from './checks/index.ts';
import type { PostureCheck } from './postureCheck.ts';
import { PostureInputs } from './postureInputs.ts';
import { postureScore } from './postureScore.ts';

export interface EvaluateOptions {
  /** "Now" for the sign-in window (tests fix it). */
  now?: number;
  checks?: readonly PostureCheck[];
}

/**
 * Every posture check over one tenant's store: the latest complete inventory snapshots, the detection
 * context and the stored records. Reads only; nothing touches the network.
 */
export function evaluatePosture(store: EvidenceStore, options: EvaluateOptions = {}): PostureReport {
  const now = options.now ?? Date.now();
  const inputs = new PostureInputs(store, now);
  const checks: PostureCheckResult[] = (options.checks ?? POSTURE_CHECKS).map((check) => ({
    id: check.id,
    title: check.title,
    scubaGear: check.scubaGear,
    severity: check.severity,
    ...check.evaluate(inputs),
  }));
  return {
    evaluatedAt: new Date(now).toISOString(),
    score: postureScore(checks),
    passed: checks.filter((c) => c.status === 'pass').length,
    failed: checks.filter((c) => c.status === 'fail').length,
    unknown: checks.filter((c) => c.status === 'unknown').length,
    checks,
  };
}
