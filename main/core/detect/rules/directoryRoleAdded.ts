import type { Severity } from '../../../../shared/model/findings.ts';
import { operationVariants } from '../engine/auditRows.ts';
import type { AuditRule, DerivedFinding } from '../engine/ruleTypes.ts';
import { actorPhrase, auditFinding } from './support/auditFinding.ts';
import { modifiedPropertiesOf, targetsOf } from './support/auditFields.ts';

const parameters = {
  /** The unified audit log still names Global Administrator by its old name, Company Administrator. */
  critical: ['Global Administrator', 'Company Administrator', 'Privileged Role Administrator', 'Privileged Authentication Administrator'],
  high: [
    'Security Administrator',
    'Exchange Administrator',
    'SharePoint Administrator',
    'User Administrator',
    'Application Administrator',
    'Cloud Application Administrator',
    'Hybrid Identity Administrator',
    'Conditional Access Administrator',
    'Authentication Administrator',
    'Intune Administrator',
    'Helpdesk Administrator',
    'Password Administrator',
    'Compliance Administrator',
    'eDiscovery Administrator',
  ],
};

function severityOf(role: string): Severity {
  const r = role.toLowerCase();
  if (parameters.critical.some((n) => n.toLowerCase() === r)) return 'critical';
  if (parameters.high.some((n) => n.toLowerCase() === r)) return 'high';
  return 'medium';
}

/** Entra directory roles assigned (directly or as eligible in PIM); Global Administrator above all. */
export const directoryRoleAdded: AuditRule<typeof parameters> = {
  kind: 'audit',
  id: 'directory-role-added',
  title: 'Directory role assigned',
  severity: 'high',
  technique: 'T1098.003',
  looksAt: "'Add member to role' and the PIM 'Add eligible member to role' directory audits (Graph, Log Analytics and unified audit log).",
  parameters,
  explanation: '{actor} added {target} to the directory role {role}{alias}.',
  operations: operationVariants([
    'Add member to role',
    'Add eligible member to role',
    'Add member to role in PIM completed (permanent)',
    'Add member to role in PIM completed (timebound)',
  ]),
  derive(rows, ctx) {
    const out: DerivedFinding[] = [];
    for (const row of rows) {
      if (row.result === 'failure') continue;
      const props = modifiedPropertiesOf(row);
      const logged = props.find((p) => p.name === 'Role.DisplayName')?.newValue ?? props.find((p) => p.name === 'Role.WellKnownObjectName')?.newValue ?? null;
      const role = logged === 'Company Administrator' || logged === 'TenantAdmins' ? 'Global Administrator' : (logged ?? 'an unnamed role');
      const target = targetsOf(row).find((t) => t.upn)?.upn ?? targetsOf(row)[0]?.name ?? row.object ?? 'an unknown account';
      out.push(
        auditFinding(row, {
          subjectKey: `target:${target.toLowerCase()}|role:${role}`,
          severity: logged ? severityOf(role) : 'high',
          title: `${target} added to ${role}`,
          facts: {
            actor: actorPhrase(row, ctx),
            target,
            role,
            alias: logged === 'Company Administrator' ? ' (logged under its old name, Company Administrator)' : '',
          },
          user: target.toLowerCase(),
        }),
      );
    }
    return out;
  },
};
