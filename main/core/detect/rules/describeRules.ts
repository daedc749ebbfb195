import type { RuleSummary } from '../../../../shared/model/findings.ts';
import { ALL_RULES } from './index.ts';

/** Every rule as the CLI, the report and the view show it. */
export function describeRules(): RuleSummary[] {
  return ALL_RULES.map((r) => ({
    id: r.id,
    title: r.title,
    severity: r.severity,
    technique: r.technique,
    looksAt: r.looksAt,
    parameters: { ...r.parameters },
  }));
}
