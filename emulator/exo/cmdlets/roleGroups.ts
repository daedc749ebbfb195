import type { RoleGroup } from '../../tenant/model.ts';
import { CmdletError, notFound } from '../errors.ts';
import { findMailbox, roleGroupOrThrow } from './lookup.ts';
import { exchangeStamp } from './stamp.ts';
import { limited, type CmdletDefinition, type CmdletInvocation } from './types.ts';

export const getRoleGroup: CmdletDefinition = {
  name: 'Get-RoleGroup',
  params: { Identity: 'string', Filter: 'string', ResultSize: 'resultSize', ShowPartnerLinked: 'bool', SortBy: 'string' },
  run(inv) {
    const state = inv.ctx.tenant.state;
    const identity = inv.params.string('Identity');
    return limited(identity ? [roleGroupOrThrow(state, identity)] : state.roleGroups, inv.params);
  },
};

/** A role group member as Get-RoleGroupMember shows it: the recipient (mailbox) or the bare user / app. */
function memberObject(inv: CmdletInvocation, upn: string, display: string): object {
  const state = inv.ctx.tenant.state;
  const mailbox = findMailbox(state, upn);
  if (mailbox) {
    return {
      Identity: mailbox.Identity,
      Name: mailbox.Name,
      DisplayName: mailbox.DisplayName,
      Alias: mailbox.Alias,
      PrimarySmtpAddress: mailbox.PrimarySmtpAddress,
      WindowsLiveID: mailbox.WindowsLiveID,
      RecipientType: mailbox.RecipientType,
      RecipientTypeDetails: mailbox.RecipientTypeDetails,
      ExternalDirectoryObjectId: mailbox.ExternalDirectoryObjectId,
      EmailAddresses: mailbox.EmailAddresses,
    };
  }
  const user = inv.ctx.directory.findUser(upn);
  return {
    Identity: user?.displayName ?? display,
    Name: user?.displayName ?? display,
    DisplayName: user?.displayName ?? display,
    Alias: '',
    PrimarySmtpAddress: '',
    WindowsLiveID: user?.userPrincipalName ?? '',
    RecipientType: user ? 'User' : 'ServicePrincipal',
    RecipientTypeDetails: user ? 'User' : 'ServicePrincipal',
    ExternalDirectoryObjectId: user?.id ?? upn,
    EmailAddresses: [],
  };
}

export const getRoleGroupMember: CmdletDefinition = {
  name: 'Get-RoleGroupMember',
  params: { Identity: 'string', ResultSize: 'resultSize' },
  run(inv) {
    const group = roleGroupOrThrow(inv.ctx.tenant.state, inv.params.required('Identity'));
    return limited(
      group.MemberUpns.map((upn, i) => memberObject(inv, upn, group.Members[i] ?? upn)),
      inv.params,
    );
  },
};

/** A member to add or remove: a user (UPN, mail, name) or the automation app (app id, service principal id, name). */
function resolveMember(inv: CmdletInvocation, identity: string): { upn: string; display: string } {
  const user = inv.ctx.directory.findUser(identity);
  if (user) {
    const mailbox = findMailbox(inv.ctx.tenant.state, user.userPrincipalName);
    return { upn: user.userPrincipalName, display: mailbox?.Alias ?? user.displayName };
  }
  const app = inv.ctx.directory.automationApp;
  if ([app.clientId, app.servicePrincipalId, app.displayName].some((v) => v.toLowerCase() === identity.toLowerCase())) {
    return { upn: app.servicePrincipalId, display: app.displayName };
  }
  throw notFound(identity);
}

function touch(group: RoleGroup, inv: CmdletInvocation, upn: string, add: boolean): void {
  group.WhenChangedUTC = exchangeStamp();
  const user = inv.ctx.directory.userByUpn(upn);
  if (!user) return;
  if (add && !user.roleGroups.includes(group.Name)) user.roleGroups.push(group.Name);
  if (!add) user.roleGroups = user.roleGroups.filter((g) => g !== group.Name);
}

export const addRoleGroupMember: CmdletDefinition = {
  name: 'Add-RoleGroupMember',
  params: { Identity: 'string', Member: 'string', BypassSecurityGroupManagerCheck: 'bool' },
  run(inv) {
    const group = roleGroupOrThrow(inv.ctx.tenant.state, inv.params.required('Identity'));
    const member = resolveMember(inv, inv.params.required('Member'));
    if (group.MemberUpns.some((m) => m.toLowerCase() === member.upn.toLowerCase())) {
      throw new CmdletError(
        400,
        'BadRequest',
        'Microsoft.Exchange.Management.Tasks.MemberAlreadyExistsException',
        `The recipient "${member.display}" is already a member of the group "${group.Name}".`,
        'Ex2A8A38',
      );
    }
    group.MemberUpns.push(member.upn);
    group.Members.push(member.display);
    touch(group, inv, member.upn, true);
    return { value: [], audit: { objectId: group.Name } };
  },
};

export const removeRoleGroupMember: CmdletDefinition = {
  name: 'Remove-RoleGroupMember',
  params: { Identity: 'string', Member: 'string', BypassSecurityGroupManagerCheck: 'bool' },
  run(inv) {
    const group = roleGroupOrThrow(inv.ctx.tenant.state, inv.params.required('Identity'));
    const member = resolveMember(inv, inv.params.required('Member'));
    const index = group.MemberUpns.findIndex((m) => m.toLowerCase() === member.upn.toLowerCase());
    if (index < 0) {
      throw new CmdletError(
        400,
        'BadRequest',
        'Microsoft.Exchange.Management.Tasks.MemberNotFoundException',
        `The recipient "${member.display}" isn't a member of the group "${group.Name}".`,
        'Ex7A9B1C',
      );
    }
    group.MemberUpns.splice(index, 1);
    group.Members.splice(index, 1);
    touch(group, inv, member.upn, false);
    return { value: [], audit: { objectId: group.Name } };
  },
};

export const getManagementRoleAssignment: CmdletDefinition = {
  name: 'Get-ManagementRoleAssignment',
  params: {
    Identity: 'string',
    Role: 'string',
    RoleAssignee: 'string',
    RoleAssigneeType: 'string',
    AssignmentMethod: 'string',
    Enabled: 'bool',
    Delegating: 'bool',
    Exclusive: 'bool',
    GetEffectiveUsers: 'bool',
    ResultSize: 'resultSize',
  },
  run(inv) {
    const { params } = inv;
    let rows = inv.ctx.tenant.state.managementRoleAssignments;
    const eq = (a: string, b: string | undefined) => b === undefined || a.toLowerCase() === b.toLowerCase();
    rows = rows.filter(
      (r) =>
        eq(r.Identity, params.string('Identity')) &&
        eq(r.Role, params.string('Role')) &&
        eq(r.RoleAssignee, params.string('RoleAssignee')) &&
        eq(r.RoleAssigneeType, params.string('RoleAssigneeType')) &&
        eq(r.AssignmentMethod, params.string('AssignmentMethod')) &&
        (params.bool('Enabled') === undefined || r.Enabled === params.bool('Enabled')) &&
        (params.bool('Delegating') === undefined || (r.RoleAssignmentDelegationType !== 'Regular') === params.bool('Delegating')),
    );
    if (params.bool('GetEffectiveUsers')) {
      const groups = inv.ctx.tenant.state.roleGroups;
      const expanded = rows.flatMap((r) => {
        const group = groups.find((g) => g.Name === r.RoleAssignee);
        if (!group) return [{ ...r, EffectiveUserName: r.RoleAssigneeName }];
        return group.Members.map((m) => ({ ...r, EffectiveUserName: m, AssignmentMethod: 'RoleGroup' }));
      });
      return limited(expanded, params);
    }
    return limited(rows, params);
  },
};

/**
 * Get-ManagementRoleEntry: the cmdlets a management role grants. Identity is "Role\\Cmdlet", and either part may
 * be a wildcard ("Mail Recipients\\*"), as in Exchange Online. Unknown roles are Exchange's not-found error.
 */
export const getManagementRoleEntry: CmdletDefinition = {
  name: 'Get-ManagementRoleEntry',
  params: { Identity: 'string', Parameters: 'string', PSSnapinName: 'string', Type: 'string', ResultSize: 'resultSize' },
  run(inv) {
    const identity = inv.params.required('Identity');
    const slash = identity.indexOf('\\');
    const rolePattern = slash < 0 ? identity : identity.slice(0, slash);
    const cmdletPattern = slash < 0 ? '*' : identity.slice(slash + 1);
    const catalog = inv.ctx.tenant.state.managementRoleCmdlets;
    const roles = Object.keys(catalog).filter((role) => wildcardMatch(rolePattern, role)).sort();
    if (roles.length === 0 && !rolePattern.includes('*')) throw notFound(rolePattern);
    const rows = roles.flatMap((role) =>
      (catalog[role] ?? [])
        .filter((cmdlet) => wildcardMatch(cmdletPattern, cmdlet))
        .map((cmdlet) => ({
          Identity: `${role}\\${cmdlet}`,
          Name: cmdlet,
          Role: role,
          Type: 'Cmdlet',
          PSSnapinName: 'Microsoft.Exchange.Management.PowerShell.E2010',
          Parameters: [],
        })),
    );
    return limited(rows, inv.params);
  },
};

/** PowerShell's -like for a role-entry identity part: `*` matches any run, case-insensitively. */
function wildcardMatch(pattern: string, value: string): boolean {
  const source = pattern
    .split('*')
    .map((part) => part.replace(/[.+?^${}()|[\]\\]/g, '\\$&'))
    .join('.*');
  return new RegExp(`^${source}$`, 'i').test(value);
}
