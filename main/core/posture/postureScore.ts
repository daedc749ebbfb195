import { SEVERITY_WEIGHT, type PostureCheckResult } from '../../../shared/model/posture.ts';

/**
 * passed / (passed + failed), each check weighted by its severity, as a whole percentage. Unknown checks are
 * out of the score (listed on their own): counting them as passes would hide missing data, counting them as
 * failures would punish a tenant for what Warden has not collected. null when nothing could be answered.
 */
export function postureScore(checks: readonly Pick<PostureCheckResult, 'status' | 'severity'>[]): number | null {
  let passed = 0;
  let known = 0;
  for (const c of checks) {
    if (c.status === 'unknown') continue;
    const w = SEVERITY_WEIGHT[c.severity];
    known += w;
    if (c.status === 'pass') passed += w;
  }
  return known === 0 ? null : Math.round((100 * passed) / known);
}
