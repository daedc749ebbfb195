import type { EmulatorContext } from '../context.ts';
import type { Caller } from '../entra/bearer.ts';

/**
 * Entra directory roles that carry Exchange permissions, and the role group whose rights they give (Microsoft:
 * Global and Exchange Administrators are in Organization Management through TenantAdmins, Global Reader has
 * View-Only Organization Management, and so on).
 */
const DIRECTORY_ROLE_GROUPS: Record<string, string[]> = {
  'Global Administrator': ['Organization Management'],
  'Exchange Administrator': ['Organization Management'],
  'Global Reader': ['View-Only Organization Management'],
  'Exchange Recipient Administrator': ['Recipient Management'],
  'Helpdesk Administrator': ['Help Desk'],
  'Compliance Administrator': ['Compliance Management'],
  'Security Administrator': ['Compliance Management'],
  'Security Reader': ['View-Only Organization Management'],
};

/** The role groups a caller acts through: direct membership (live state) and those its directory roles imply. */
export function roleGroupsOf(ctx: EmulatorContext, caller: Caller): string[] {
  const state = ctx.tenant.state;
  const groups = new Set<string>();
  const ids = [caller.upn, caller.objectId, caller.appId].filter((v): v is string => !!v).map((v) => v.toLowerCase());
  for (const group of state.roleGroups) {
    if (group.MemberUpns.some((m) => ids.includes(m.toLowerCase())) || group.Members.some((m) => ids.includes(m.toLowerCase()))) groups.add(group.Name);
  }
  for (const role of ctx.directory.roleNames(caller.objectId)) for (const g of DIRECTORY_ROLE_GROUPS[role] ?? []) groups.add(g);
  return [...groups].sort();
}

/** Every cmdlet the caller may run (case-folded), from its role groups' roles and any direct role assignment. */
export function allowedCmdlets(ctx: EmulatorContext, caller: Caller): Set<string> {
  const state = ctx.tenant.state;
  const roles = new Set<string>();
  for (const name of roleGroupsOf(ctx, caller)) for (const role of state.roleGroups.find((g) => g.Name === name)?.Roles ?? []) roles.add(role);
  const ids = [caller.objectId, caller.appId, caller.upn].filter((v): v is string => !!v).map((v) => v.toLowerCase());
  for (const a of state.managementRoleAssignments) {
    if (a.Enabled && a.RoleAssigneeType !== 'RoleGroup' && ids.includes(a.RoleAssignee.toLowerCase())) roles.add(a.Role);
  }
  const cmdlets = new Set<string>();
  for (const role of roles) for (const c of state.managementRoleCmdlets[role] ?? []) cmdlets.add(c.toLowerCase());
  return cmdlets;
}
