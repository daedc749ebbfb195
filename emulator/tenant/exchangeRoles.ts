// Exchange Online RBAC: the built-in role groups the tenant uses, the management roles each holds, and the
// cmdlets each role grants (a subset: the cmdlets the emulator serves and the ones scenarios log).
// Role and role-group names are Exchange Online's built-in ones.

export const ROLE_CMDLETS: Record<string, string[]> = {
  'Mail Recipients': [
    'Get-Mailbox', 'Get-EXOMailbox', 'Set-Mailbox', 'Get-CASMailbox', 'Get-EXOCASMailbox', 'Set-CASMailbox', 'Get-MailboxPermission',
    'Get-EXOMailboxPermission', 'Add-MailboxPermission', 'Remove-MailboxPermission', 'Get-RecipientPermission', 'Get-EXORecipientPermission',
    'Add-RecipientPermission', 'Remove-RecipientPermission', 'Get-InboxRule', 'New-InboxRule', 'Set-InboxRule', 'Remove-InboxRule',
    'Enable-InboxRule', 'Disable-InboxRule', 'Get-Recipient', 'Get-EXORecipient', 'Get-User', 'Set-User', 'Add-MailboxFolderPermission',
    'Set-MailboxFolderPermission', 'Get-MailboxFolderPermission',
  ],
  'Mail Recipient Creation': ['New-Mailbox', 'Remove-Mailbox', 'New-MailUser', 'New-MailContact'],
  'View-Only Recipients': [
    'Get-Mailbox', 'Get-EXOMailbox', 'Get-CASMailbox', 'Get-EXOCASMailbox', 'Get-MailboxPermission', 'Get-EXOMailboxPermission',
    'Get-RecipientPermission', 'Get-EXORecipientPermission', 'Get-InboxRule', 'Get-Recipient', 'Get-EXORecipient', 'Get-User',
    'Get-MailboxFolderPermission', 'Get-MailboxStatistics', 'Get-EXOMailboxStatistics',
  ],
  'View-Only Configuration': [
    'Get-RoleGroup', 'Get-RoleGroupMember', 'Get-ManagementRole', 'Get-ManagementRoleAssignment', 'Get-ManagementRoleEntry', 'Get-AdminAuditLogConfig',
    'Get-OrganizationConfig', 'Get-TransportConfig', 'Get-MailboxAuditBypassAssociation', 'Get-TransportRule', 'Get-AcceptedDomain',
    'Get-RemoteDomain', 'Get-HostedOutboundSpamFilterPolicy',
  ],
  'Role Management': ['Get-RoleGroup', 'Get-RoleGroupMember', 'Get-ManagementRoleEntry', 'Add-RoleGroupMember', 'Remove-RoleGroupMember', 'Update-RoleGroupMember', 'Get-ManagementRoleAssignment', 'New-ManagementRoleAssignment', 'Remove-ManagementRoleAssignment', 'New-RoleGroup'],
  'Audit Logs': ['Search-UnifiedAuditLog', 'Search-AdminAuditLog', 'Search-MailboxAuditLog', 'Get-AdminAuditLogConfig', 'Set-AdminAuditLogConfig', 'Get-MailboxAuditBypassAssociation', 'Set-MailboxAuditBypassAssociation'],
  'View-Only Audit Logs': ['Search-UnifiedAuditLog', 'Search-AdminAuditLog', 'Search-MailboxAuditLog', 'Get-AdminAuditLogConfig', 'Get-MailboxAuditBypassAssociation'],
  'Organization Configuration': ['Get-OrganizationConfig', 'Set-OrganizationConfig'],
  'Organization Transport Settings': ['Get-TransportConfig', 'Set-TransportConfig'],
  'Transport Rules': ['Get-TransportRule', 'New-TransportRule', 'Set-TransportRule', 'Remove-TransportRule'],
  'Remote and Accepted Domains': ['Get-RemoteDomain', 'New-RemoteDomain', 'Set-RemoteDomain', 'Remove-RemoteDomain', 'Get-AcceptedDomain', 'Set-AcceptedDomain'],
  'Transport Hygiene': ['Get-HostedOutboundSpamFilterPolicy', 'New-HostedOutboundSpamFilterPolicy', 'Set-HostedOutboundSpamFilterPolicy', 'Remove-HostedOutboundSpamFilterPolicy'],
  'Reset Password': ['Set-User'],
  'User Options': ['Get-InboxRule', 'New-InboxRule', 'Set-InboxRule', 'Remove-InboxRule', 'Set-MailboxRegionalConfiguration'],
  'Distribution Groups': ['Get-DistributionGroup', 'New-DistributionGroup', 'Set-DistributionGroup', 'Add-DistributionGroupMember', 'Remove-DistributionGroupMember'],
  'Retention Management': ['Get-RetentionPolicy', 'Set-RetentionPolicy'],
  'Legal Hold': ['Set-Mailbox'],
  'Mailbox Search': ['New-ComplianceSearch', 'Get-ComplianceSearch'],
  'Message Tracking': ['Get-MessageTrace', 'Get-MessageTraceDetail'],
};

export interface RoleGroupSpec {
  name: string;
  description: string;
  roles: string[];
}

export const ROLE_GROUPS: RoleGroupSpec[] = [
  {
    name: 'Organization Management',
    description: 'Members of this management role group have permissions to manage Exchange objects and their properties in the Exchange organization. Members can also delegate role groups and management roles in the organization.',
    roles: ['Audit Logs', 'Distribution Groups', 'Mail Recipient Creation', 'Mail Recipients', 'Message Tracking', 'Organization Configuration', 'Organization Transport Settings', 'Remote and Accepted Domains', 'Reset Password', 'Retention Management', 'Role Management', 'Transport Hygiene', 'Transport Rules', 'User Options', 'View-Only Audit Logs', 'View-Only Configuration', 'View-Only Recipients'],
  },
  {
    name: 'Recipient Management',
    description: 'Members of this management role group have rights to create, manage, and remove Exchange recipient objects in the Exchange organization.',
    roles: ['Distribution Groups', 'Mail Recipient Creation', 'Mail Recipients', 'Message Tracking', 'Reset Password'],
  },
  {
    name: 'View-Only Organization Management',
    description: 'Members of this management role group can view recipient and configuration objects and their properties in the Exchange organization.',
    roles: ['View-Only Configuration', 'View-Only Recipients'],
  },
  {
    name: 'Help Desk',
    description: 'Members of this management role group can view and manage the configuration for individual recipients and view recipients in an Exchange organization.',
    roles: ['Reset Password', 'User Options', 'View-Only Configuration', 'View-Only Recipients'],
  },
  {
    name: 'Compliance Management',
    description: 'This role group will allow a specified user, responsible for compliance, to properly configure and manage compliance settings within Exchange in accordance with their policy.',
    roles: ['Retention Management', 'View-Only Audit Logs', 'View-Only Configuration', 'View-Only Recipients'],
  },
  {
    name: 'Discovery Management',
    description: 'Members of this management role group can perform searches of mailboxes in the Exchange organization for data that meets specific criteria.',
    roles: ['Legal Hold', 'Mailbox Search'],
  },
  {
    name: 'Records Management',
    description: 'Members of this management role group have permissions to manage and dispose record content.',
    roles: ['Audit Logs', 'Message Tracking', 'Retention Management', 'Transport Rules'],
  },
  {
    name: 'Hygiene Management',
    description: 'Members of this management role group can manage Exchange anti-spam features and grant permissions for antivirus products to integrate with Exchange.',
    roles: ['Transport Hygiene', 'View-Only Configuration', 'View-Only Recipients'],
  },
];

/** The cmdlets a set of role groups grants, de-duplicated and sorted. */
export function cmdletsForRoleGroups(groups: readonly string[]): string[] {
  const out = new Set<string>();
  for (const g of groups) {
    const spec = ROLE_GROUPS.find((r) => r.name === g);
    for (const role of spec?.roles ?? []) for (const c of ROLE_CMDLETS[role] ?? []) out.add(c);
  }
  return [...out].sort();
}
