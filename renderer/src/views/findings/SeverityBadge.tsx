import { Badge } from '@fluentui/react-components';
import type { Severity, TriageState } from '../../../../shared/model/findings.ts';

const SEVERITY_COLOR = { critical: 'danger', high: 'severe', medium: 'warning', low: 'informative' } as const;
const TRIAGE_COLOR = { new: 'brand', investigating: 'warning', benign: 'success', confirmed: 'danger' } as const;

export function SeverityBadge({ severity }: { severity: Severity }) {
  return (
    <Badge appearance="filled" color={SEVERITY_COLOR[severity]} aria-label={`severity ${severity}`}>
      {severity}
    </Badge>
  );
}

export function TriageBadge({ triage }: { triage: TriageState }) {
  return (
    <Badge appearance="outline" color={TRIAGE_COLOR[triage]} aria-label={`triage ${triage}`}>
      {triage}
    </Badge>
  );
}
