// The Exchange Online side of the tenant state as it stood at the start of the history: mailboxes, CAS settings,
// permissions, inbox rules, role groups and organization-wide settings, in Get-* cmdlet output shape.

import { ROLE_CMDLETS, ROLE_GROUPS } from './exchangeRoles.ts';
import { benignRuleSpec, inboxRule } from './inboxRules.ts';
import type {
  AdminAuditLogConfig, CasMailbox, InboxRule, Mailbox, MailboxPermission, ManagementRoleAssignment, OrganizationConfig,
  RecipientPermission, RoleGroup, TransportConfig, User, RemoteDomain, HostedOutboundSpamFilterPolicy,
} from './model.ts';
import { rngFor } from './prng.ts';
import type { World } from './world.ts';

export const DEFAULT_AUDIT_ADMIN = ['Update', 'MoveToDeletedItems', 'SoftDelete', 'HardDelete', 'SendAs', 'SendOnBehalf', 'Create', 'UpdateFolderPermissions', 'UpdateInboxRules', 'UpdateCalendarDelegation', 'ApplyRecord', 'MailItemsAccessed', 'Send'];
export const DEFAULT_AUDIT_DELEGATE = ['Update', 'MoveToDeletedItems', 'SoftDelete', 'HardDelete', 'SendAs', 'SendOnBehalf', 'Create', 'UpdateFolderPermissions', 'UpdateInboxRules', 'ApplyRecord', 'MailItemsAccessed'];
export const DEFAULT_AUDIT_OWNER = ['Update', 'MoveToDeletedItems', 'SoftDelete', 'HardDelete', 'UpdateFolderPermissions', 'UpdateInboxRules', 'UpdateCalendarDelegation', 'ApplyRecord', 'MailItemsAccessed', 'Send'];

export interface ExchangeState {
  mailboxes: Mailbox[];
  casMailboxes: CasMailbox[];
  mailboxPermissions: MailboxPermission[];
  recipientPermissions: RecipientPermission[];
  inboxRules: Record<string, InboxRule[]>;
  roleGroups: RoleGroup[];
  managementRoleAssignments: ManagementRoleAssignment[];
  managementRoleCmdlets: Record<string, string[]>;
  adminAuditLogConfig: AdminAuditLogConfig;
  organizationConfig: OrganizationConfig;
  transportConfig: TransportConfig;
  remoteDomains: RemoteDomain[];
  outboundSpamPolicies: HostedOutboundSpamFilterPolicy[];
}

/**
 * Exchange Online's defaults for automatic external forwarding: the Default remote domain (every domain, `*`) allows
 * it, and the default outbound spam policy's system-controlled mode (Automatic) blocks it.
 */
export function defaultForwardingSettings(whenChanged: string): Pick<ExchangeState, 'remoteDomains' | 'outboundSpamPolicies'> {
  return {
    remoteDomains: [
      { Identity: 'Default', Name: 'Default', DomainName: '*', AutoForwardEnabled: true, AutoReplyEnabled: true, DeliveryReportEnabled: true, NDREnabled: true, IsInternal: false, WhenChangedUTC: whenChanged },
    ],
    outboundSpamPolicies: [
      {
        Identity: 'Default',
        Name: 'Default',
        IsDefault: true,
        AutoForwardingMode: 'Automatic',
        RecipientLimitExternalPerHour: 0,
        RecipientLimitInternalPerHour: 0,
        RecipientLimitPerDay: 0,
        ActionWhenThresholdReached: 'BlockUserForToday',
        NotifyOutboundSpam: false,
        WhenChangedUTC: whenChanged,
      },
    ],
  };
}

export function aliasOf(user: User): string {
  return (user.mail ?? user.userPrincipalName).split('@')[0]!;
}

function stamp(ms: number): string {
  return new Date(ms).toISOString().slice(0, 19) + 'Z';
}

function mailboxFor(world: World, user: User): Mailbox {
  const alias = aliasOf(user);
  const created = Date.parse(user.createdDateTime);
  const when = stamp(created + 3_600_000);
  const shared = user.kind === 'shared';
  const primary = user.mail ?? user.userPrincipalName;
  const initial = world.info.domain;
  return {
    Identity: alias,
    Id: alias,
    Name: alias,
    Alias: alias,
    DisplayName: user.displayName,
    UserPrincipalName: user.userPrincipalName,
    PrimarySmtpAddress: primary,
    WindowsEmailAddress: primary,
    WindowsLiveID: user.userPrincipalName,
    MicrosoftOnlineServicesID: user.userPrincipalName,
    EmailAddresses: [`SMTP:${primary}`, `smtp:${alias}@${initial}`, `SIP:${primary}`],
    RecipientType: 'UserMailbox',
    RecipientTypeDetails: shared ? 'SharedMailbox' : 'UserMailbox',
    ExternalDirectoryObjectId: user.id,
    ExchangeGuid: user.mailboxGuid ?? '',
    ExchangeObjectId: user.mailboxGuid ?? '',
    Guid: user.mailboxGuid ?? '',
    DistinguishedName: `CN=${alias},OU=${initial},OU=Microsoft Exchange Hosted Organizations,DC=EURPR05A001,DC=PROD,DC=OUTLOOK,DC=COM`,
    OrganizationId: `EURPR05A001.PROD.OUTLOOK.COM/Microsoft Exchange Hosted Organizations/${initial} - EURPR05A001.PROD.OUTLOOK.COM/ConfigurationUnits/${initial}/Configuration`,
    ForwardingAddress: null,
    ForwardingSmtpAddress: null,
    DeliverToMailboxAndForward: false,
    GrantSendOnBehalfTo: [],
    AuditEnabled: true,
    AuditLogAgeLimit: '90.00:00:00',
    AuditAdmin: DEFAULT_AUDIT_ADMIN.slice(),
    AuditDelegate: DEFAULT_AUDIT_DELEGATE.slice(),
    AuditOwner: DEFAULT_AUDIT_OWNER.slice(),
    DefaultAuditSet: ['Admin', 'Delegate', 'Owner'],
    HiddenFromAddressListsEnabled: false,
    AccountDisabled: !user.accountEnabled,
    IsShared: shared,
    IsDirSynced: false,
    LitigationHoldEnabled: false,
    RetentionPolicy: 'Default MRM Policy',
    ArchiveStatus: 'None',
    UsageLocation: user.usageLocation ?? '',
    WhenCreated: when,
    WhenChanged: when,
    WhenCreatedUTC: when,
    WhenChangedUTC: when,
    WhenMailboxCreated: when,
    IsValid: true,
    ExchangeVersion: '0.20 (15.0.0.0)',
  };
}

function casFor(user: User, mailbox: Mailbox, scannerId: string): CasMailbox {
  return {
    Identity: mailbox.Identity,
    Name: mailbox.Name,
    DisplayName: user.displayName,
    PrimarySmtpAddress: mailbox.PrimarySmtpAddress,
    ExternalDirectoryObjectId: user.id,
    Guid: mailbox.Guid,
    ActiveSyncEnabled: true,
    OWAEnabled: true,
    // The organization turned POP and IMAP off in its CAS mailbox plan; nobody needs them.
    PopEnabled: false,
    ImapEnabled: false,
    MAPIEnabled: true,
    EwsEnabled: true,
    // SMTP AUTH is off organization-wide (Get-TransportConfig); only the scanner has an exception.
    SmtpClientAuthenticationDisabled: user.id === scannerId ? false : null,
    UniversalOutlookEnabled: true,
    OutlookMobileEnabled: true,
    OneWinNativeOutlookEnabled: true,
  };
}

export function createExchangeState(world: World): ExchangeState {
  const rng = rngFor(world.options.seed, 'exchange-state');
  const { users, core } = world;
  const mailboxes: Mailbox[] = [];
  const casMailboxes: CasMailbox[] = [];
  const mailboxPermissions: MailboxPermission[] = [];
  const recipientPermissions: RecipientPermission[] = [];
  const scannerId = users[core.scanner]!.id;
  for (const user of users) {
    if (!user.mailboxGuid) continue;
    const mb = mailboxFor(world, user);
    mailboxes.push(mb);
    casMailboxes.push(casFor(user, mb, scannerId));
    mailboxPermissions.push({ Identity: mb.Identity, User: 'NT AUTHORITY\\SELF', AccessRights: ['FullAccess', 'ReadPermission'], IsInherited: false, Deny: false, InheritanceType: 'All' });
    recipientPermissions.push({ Identity: mb.Identity, Trustee: 'NT AUTHORITY\\SELF', AccessControlType: 'Allow', AccessRights: ['SendAs'], IsInherited: false, InheritanceType: 'None' });
  }
  // Shared mailboxes: a few people have FullAccess and SendAs on each (set up long before the history starts).
  const pool = world.members.length > 0 ? world.members : world.people;
  for (const s of core.shared) {
    const mb = users[s]!;
    const count = Math.min(pool.length, rng.range(2, 6));
    const chosen = new Set<number>();
    while (chosen.size < count) chosen.add(pool[rng.int(pool.length)]!);
    for (const m of chosen) {
      const member = users[m]!;
      mailboxPermissions.push({ Identity: aliasOf(mb), User: member.userPrincipalName, AccessRights: ['FullAccess'], IsInherited: false, Deny: false, InheritanceType: 'All' });
      recipientPermissions.push({ Identity: aliasOf(mb), Trustee: member.userPrincipalName, AccessControlType: 'Allow', AccessRights: ['SendAs'], IsInherited: false, InheritanceType: 'None' });
    }
  }
  // Executives' assistants have FullAccess to their manager's mailbox.
  const executives = world.members.filter((i) => users[i]!.department === 'Executive').slice(0, 5);
  for (const e of executives) {
    const assistant = pool[rng.int(pool.length)]!;
    if (assistant === e) continue;
    mailboxPermissions.push({ Identity: aliasOf(users[e]!), User: users[assistant]!.userPrincipalName, AccessRights: ['FullAccess'], IsInherited: false, Deny: false, InheritanceType: 'All' });
  }

  // Benign inbox rules: about a third of people have one to three.
  const inboxRules: Record<string, InboxRule[]> = {};
  for (const i of world.people) {
    const user = users[i]!;
    const r = rngFor(world.options.seed, 'inbox-rules', i);
    if (!r.chance(0.33)) continue;
    const n = r.range(1, 3);
    const rules: InboxRule[] = [];
    const names = new Set<string>();
    for (let k = 0; k < n; k++) {
      const colleague = pool.length > 1 ? users[pool[r.int(pool.length)]!]! : null;
      const spec = benignRuleSpec(r, colleague && colleague !== user ? colleague : null, world.mailDomain);
      if (names.has(spec.name)) continue;
      names.add(spec.name);
      rules.push(inboxRule(user, spec, rules.length + 1, r));
    }
    inboxRules[user.userPrincipalName] = rules;
  }

  // Role groups and their role assignments.
  const created = stamp(world.startMs - 800 * 86_400_000);
  const roleGroups: RoleGroup[] = [];
  const managementRoleAssignments: ManagementRoleAssignment[] = [];
  const membersOf = new Map<string, number[]>();
  users.forEach((u, i) => {
    for (const g of u.roleGroups) {
      const list = membersOf.get(g);
      if (list) list.push(i);
      else membersOf.set(g, [i]);
    }
  });
  for (const spec of ROLE_GROUPS) {
    const memberIdx = membersOf.get(spec.name) ?? [];
    const guid = rng.guid();
    const assignments = spec.roles.map((role) => `${role}-${spec.name}`);
    roleGroups.push({
      Identity: spec.name,
      Name: spec.name,
      DisplayName: spec.name,
      Description: spec.description,
      ManagedBy: ['Organization Management'],
      RoleAssignments: assignments,
      Roles: spec.roles.slice(),
      Members: memberIdx.map((i) => aliasOf(users[i]!)),
      MemberUpns: memberIdx.map((i) => users[i]!.userPrincipalName),
      ExternalDirectoryObjectId: spec.name === 'Organization Management' ? '' : rng.guid(),
      Guid: guid,
      ExchangeObjectId: guid,
      RoleGroupType: 'Standard',
      Capabilities: [],
      WhenCreatedUTC: created,
      WhenChangedUTC: created,
      IsValid: true,
    });
    for (const role of spec.roles) {
      managementRoleAssignments.push({
        Name: `${role}-${spec.name}`,
        Identity: `${role}-${spec.name}`,
        Role: role,
        RoleAssignee: spec.name,
        RoleAssigneeName: spec.name,
        RoleAssigneeType: 'RoleGroup',
        AssignmentMethod: 'Direct',
        Enabled: true,
        RoleAssignmentDelegationType: 'Regular',
        RecipientReadScope: 'Organization',
        ConfigReadScope: 'OrganizationConfig',
        RecipientWriteScope: 'Organization',
        ConfigWriteScope: 'OrganizationConfig',
        CustomRecipientWriteScope: null,
        CustomConfigWriteScope: null,
        WhenCreatedUTC: created,
        WhenChangedUTC: created,
        Guid: rng.guid(),
        IsValid: true,
      });
    }
  }
  const managementRoleCmdlets: Record<string, string[]> = {};
  for (const [role, cmdlets] of Object.entries(ROLE_CMDLETS)) managementRoleCmdlets[role] = cmdlets.slice();

  const orgIdentity = world.info.domain;
  return {
    mailboxes,
    casMailboxes,
    mailboxPermissions,
    recipientPermissions,
    inboxRules,
    roleGroups,
    managementRoleAssignments,
    managementRoleCmdlets,
    adminAuditLogConfig: {
      Identity: 'Admin Audit Log Settings',
      Name: 'Admin Audit Log Settings',
      UnifiedAuditLogIngestionEnabled: true,
      AdminAuditLogEnabled: true,
      AdminAuditLogCmdlets: ['*'],
      AdminAuditLogParameters: ['*'],
      AdminAuditLogExcludedCmdlets: [],
      AdminAuditLogAgeLimit: '90.00:00:00',
      LogLevel: 'None',
      TestCmdletLoggingEnabled: false,
      WhenChangedUTC: created,
    },
    organizationConfig: {
      Identity: orgIdentity,
      Name: orgIdentity,
      DisplayName: world.orgName,
      Guid: rng.guid(),
      AuditDisabled: false,
      OAuth2ClientProfileEnabled: true,
      DefaultAuthenticationPolicy: null,
      CustomerLockboxEnabled: false,
      MailTipsExternalRecipientsTipsEnabled: true,
      AutoForwardEnabled: true,
    },
    transportConfig: {
      Identity: 'Transport Settings',
      SmtpClientAuthenticationDisabled: true,
      ExternalInOutlookEnabled: true,
      MaxSendSize: '35 MB (36,700,160 bytes)',
      MaxReceiveSize: '36 MB (37,748,736 bytes)',
    },
    ...defaultForwardingSettings(created),
  };
}
