import type { Severity } from '../../../../shared/model/findings.ts';
import type { AuditRule, DerivedFinding } from '../engine/ruleTypes.ts';
import { actorPhrase, auditFinding } from './support/auditFinding.ts';
import { parametersOf } from './support/auditFields.ts';

/** Exchange role groups by what a member can do (built-in names; any other group counts as medium). */
const parameters = {
  critical: ['Organization Management', 'Security Administrator', 'Compliance Management', 'Records Management'],
  high: ['Recipient Management', 'Discovery Management', 'Hygiene Management', 'Security Reader', 'Server Management', 'UM Management'],
  low: ['View-Only Organization Management', 'Help Desk', 'Public Folder Management'],
};

function weight(group: string): Severity {
  const g = group.toLowerCase();
  if (parameters.critical.some((n) => n.toLowerCase() === g)) return 'critical';
  if (parameters.high.some((n) => n.toLowerCase() === g)) return 'high';
  if (parameters.low.some((n) => n.toLowerCase() === g)) return 'low';
  return 'medium';
}

/** Members added to Exchange role groups, weighted by the group's power (Organization Management above all). */
export const roleGroupMemberAdded: AuditRule<typeof parameters> = {
  kind: 'audit',
  id: 'role-group-member-added',
  title: 'Exchange role group membership changed',
  severity: 'high',
  technique: 'T1098',
  looksAt: 'Add-RoleGroupMember, Update-RoleGroupMember and New-RoleGroup (Members) records.',
  parameters,
  explanation: "{actor} added {members} to the Exchange role group '{group}' ({power}).",
  operations: ['Add-RoleGroupMember', 'Update-RoleGroupMember', 'New-RoleGroup'],
  derive(rows, ctx) {
    const out: DerivedFinding[] = [];
    for (const row of rows) {
      if (row.result === 'failure') continue;
      const p = parametersOf(row);
      const group = p.get('identity') ?? p.get('name') ?? row.object ?? '';
      const members = (p.get('member') ?? p.get('members') ?? '')
        .split(/[;,]/)
        .map((m) => m.trim())
        .filter(Boolean);
      if (!group || members.length === 0) continue;
      const severity = weight(group);
      out.push(
        auditFinding(row, {
          subjectKey: `group:${group.toLowerCase()}|members:${members.join(',').toLowerCase()}`,
          severity,
          title: `${members.join(', ')} added to role group '${group}'`,
          facts: {
            actor: actorPhrase(row, ctx),
            members: members.join(', '),
            group,
            power:
              severity === 'critical'
                ? 'full control of Exchange Online administration'
                : severity === 'high'
                  ? 'broad administrative rights over mailboxes or data'
                  : severity === 'low'
                    ? 'read-only or limited rights'
                    : 'a custom or lesser-known group: check its roles',
          },
          user: members[0]!.toLowerCase(),
        }),
      );
    }
    return out;
  },
};
