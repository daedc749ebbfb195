import type { Label } from '../../emulator/tenant/index.ts';

/**
 * When a finding counts as having found a label (written down, per the brief): either
 *  (a) its evidence includes a record the label lists (records.source_id ∈ label.recordIds), or
 *  (b) it is about an account the label names (finding.user or finding.actor ∈ the label's target
 *      or actor accounts) and its time span overlaps the label's [start, end] widened by an hour.
 * (a) is the strong form and holds for every scenario whose records carry ids; (b) covers rules
 * that read the state a scenario's records describe rather than those records themselves.
 */
export interface EvaluatedFinding {
  id: number;
  ruleId: string;
  user: string | null;
  actor: string | null;
  firstMs: number | null;
  lastMs: number | null;
  sourceIds: Set<string>;
}

const SLACK_MS = 3_600_000;

export function findingMatchesLabel(f: EvaluatedFinding, label: Label): boolean {
  if (label.recordIds.some((id) => f.sourceIds.has(id))) return true;
  const people = new Set([...label.targets.upns, ...label.actors.upns].map((u) => u.toLowerCase()));
  const about = [f.user, f.actor].some((u) => u !== null && people.has(u));
  if (!about || f.firstMs === null) return false;
  const start = Date.parse(label.start) - SLACK_MS;
  const end = Date.parse(label.end) + SLACK_MS;
  return f.firstMs <= end && (f.lastMs ?? f.firstMs) >= start;
}
