import type { PrivilegeHint, RoleAssignmentView, RoleGroupView } from '../../../shared/model/adminInventory.ts';

export interface HintOptions {
  /** More members than this in Organization Management earns a warning (Microsoft: keep admins few). */
  maxOrganizationManagement: number;
}

export const DEFAULT_HINT_OPTIONS: HintOptions = { maxOrganizationManagement: 4 };

/**
 * Cmdlets that reach the whole organization or hand out rights: a group granting any of them is "broad",
 * and an account that runs a narrow task should not be in it.
 */
export const BROAD_CMDLETS = new Set(
  [
    'Add-RoleGroupMember',
    'New-ManagementRoleAssignment',
    'Set-AdminAuditLogConfig',
    'Set-OrganizationConfig',
    'Set-Mailbox',
    'Add-MailboxPermission',
    'Add-RecipientPermission',
    'Set-MailboxAuditBypassAssociation',
    'New-ComplianceSearch',
    'New-TransportRule',
    'Set-TransportConfig',
  ].map((c) => c.toLowerCase()),
);

/** Built-in groups known to be broad, for when the inventory could not read which cmdlets roles grant. */
const BROAD_GROUPS = new Set(['organization management', 'recipient management', 'discovery management', 'records management']);

export function isBroadGroup(name: string, cmdlets: readonly string[] | null): boolean {
  if (cmdlets) return cmdlets.some((c) => BROAD_CMDLETS.has(c.toLowerCase()));
  return BROAD_GROUPS.has(name.toLowerCase());
}

/**
 * An account that runs unattended: an app (service principal), or a user account named like one
 * (svc-, service, automation, scanner...). Heuristic by design: Exchange has no "service account" flag.
 */
export function looksLikeAutomation(member: { name: string; upn: string | null; type: string }): boolean {
  if (/ServicePrincipal/i.test(member.type)) return true;
  const text = `${member.name} ${member.upn ?? ''}`;
  return /(^|[^a-z])(svc|service|automation|automate|bot|daemon|scanner|sync|integration|noreply|no-reply)([^a-z]|$)/i.test(text);
}

/** Least-privilege hints over a role inventory: who holds more than they need, and where. */
export function privilegeHints(groups: readonly RoleGroupView[], direct: readonly RoleAssignmentView[], options: HintOptions = DEFAULT_HINT_OPTIONS): PrivilegeHint[] {
  const hints: PrivilegeHint[] = [];
  const orgManagement = groups.find((g) => g.name.toLowerCase() === 'organization management');
  if (orgManagement && orgManagement.members.length > options.maxOrganizationManagement) {
    hints.push({
      severity: 'warning',
      group: orgManagement.name,
      member: null,
      text: `Organization Management has ${orgManagement.members.length} members (more than ${options.maxOrganizationManagement}). Each can change anything in Exchange, including who else can; move people who manage only recipients or compliance to narrower groups.`,
    });
  }
  for (const group of groups) {
    if (!group.broad) continue;
    for (const member of group.members) {
      if (!looksLikeAutomation(member)) continue;
      hints.push({
        severity: 'warning',
        group: group.name,
        member: member.upn ?? member.name,
        text: `${member.name} looks like an automation account and is in ${group.name}, a broad group. Give it a custom role group with only the cmdlets its scripts run: a stolen automation credential has no MFA to stop it.`,
      });
    }
  }
  for (const group of groups) {
    if (group.name.toLowerCase() === 'organization management') continue;
    if (group.roles.some((r) => r.toLowerCase() === 'role management') && group.members.length > 0) {
      hints.push({
        severity: 'warning',
        group: group.name,
        member: null,
        text: `${group.name} holds the Role Management role: its ${group.members.length} member(s) can add themselves to any role group.`,
      });
    }
    if (group.name.toLowerCase() === 'discovery management' && group.members.length > 0) {
      hints.push({
        severity: 'info',
        group: group.name,
        member: null,
        text: `Discovery Management's ${group.members.length} member(s) can search every mailbox; check each still needs to.`,
      });
    }
  }
  for (const assignment of direct) {
    if (!assignment.enabled) continue;
    hints.push({
      severity: 'info',
      group: null,
      member: assignment.assignee,
      text: `${assignment.assignee} holds the ${assignment.role} role directly, outside any role group: such grants are easy to miss in a review.`,
    });
  }
  return hints;
}
