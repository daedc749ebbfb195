// A hand-made five-user tenant for fast emulator tests that do not need the synthetic generator's scale:
// deterministic, a few records per hour, the same shapes as emulator/tenant/model.ts.
import { createHash } from 'node:crypto';
import type {
  Activity,
  AuditRecord,
  DirectoryAudit,
  ExchangeAdminRecord,
  Mailbox,
  RoleGroup,
  SignIn,
  StsLogonRecord,
  Tenant,
  TenantState,
  User,
} from '../../../emulator/tenant/model.ts';
import { ROLE_CMDLETS, ROLE_GROUPS } from '../../../emulator/tenant/exchangeRoles.ts';
import { defaultForwardingSettings } from '../../../emulator/tenant/exchangeState.ts';

const HOUR_MS = 3_600_000;

function guid(text: string): string {
  const h = createHash('sha256').update(text).digest('hex');
  return `${h.slice(0, 8)}-${h.slice(8, 12)}-4${h.slice(13, 16)}-a${h.slice(17, 20)}-${h.slice(20, 32)}`;
}

const BASE32 = 'ABCDEFGHIJKLMNOPQRSTUVWXYZ234567';
function base32(text: string): string {
  const bytes = createHash('sha256').update(text).digest();
  let out = '';
  for (let i = 0; i < 32; i++) out += BASE32[(bytes[i] ?? 0) % 32];
  return out;
}

interface UserSpec {
  key: string;
  name: string;
  kind: User['kind'];
  roles: string[];
  groups: string[];
  mfa: boolean;
}

const SPECS: UserSpec[] = [
  { key: 'ada', name: 'Ada Admin', kind: 'admin', roles: ['Global Administrator'], groups: ['Organization Management'], mfa: true },
  { key: 'exo', name: 'Eve Exchange', kind: 'admin', roles: ['Exchange Administrator'], groups: ['Organization Management'], mfa: true },
  { key: 'mo', name: 'Mo Member', kind: 'member', roles: [], groups: [], mfa: true },
  { key: 'svc-exo-automation', name: 'Exchange Automation (service account)', kind: 'service', roles: [], groups: ['Recipient Management'], mfa: false },
  {
    key: 'rita',
    name: 'Rita Reviewer',
    kind: 'admin',
    roles: ['Global Reader'],
    groups: ['View-Only Organization Management', 'Compliance Management'],
    mfa: true,
  },
];

export interface TinyTenantOptions {
  seed?: string;
  days?: number;
  end?: Date;
  /** Sign-ins per hour (all interactive except every third). */
  signInsPerHour?: number;
  /** Unified audit records per hour (half Exchange, half Entra). */
  auditRecordsPerHour?: number;
}

export function tinyTenant(options: TinyTenantOptions = {}): Tenant {
  const seed = options.seed ?? 'tiny';
  const days = options.days ?? 2;
  const now = Date.now();
  const end = options.end ?? new Date(now - (now % HOUR_MS));
  const start = new Date(end.getTime() - days * 24 * HOUR_MS);
  const tenantId = guid(`${seed}|tenant`);
  const domain = 'tinytenant.onmicrosoft.com';
  const automationApp = {
    clientId: guid(`${seed}|app`),
    displayName: 'Warden Automation',
    objectId: guid(`${seed}|app-object`),
    servicePrincipalId: guid(`${seed}|app-sp`),
  };
  const users: User[] = SPECS.map((s, i) => ({
    id: guid(`${seed}|user|${s.key}`),
    userPrincipalName: `${s.key}@${domain}`,
    displayName: s.name,
    givenName: s.name.split(' ')[0] ?? null,
    surname: s.name.split(' ')[1] ?? null,
    mail: `${s.key}@${domain}`,
    jobTitle: null,
    department: 'IT',
    officeLocation: 'HQ',
    mobilePhone: null,
    businessPhones: [],
    preferredLanguage: 'en-US',
    accountEnabled: true,
    userType: 'Member',
    usageLocation: 'US',
    createdDateTime: new Date(start.getTime() - 400 * 24 * HOUR_MS).toISOString(),
    country: 'United States',
    city: 'Seattle',
    kind: s.kind,
    password: `Pw-${s.key}-${i}!x`,
    totpSecret: s.mfa ? base32(`${seed}|totp|${s.key}`) : '',
    mfaRequired: s.mfa,
    directoryRoles: s.roles,
    roleGroups: s.groups,
    countryCode: 'US',
    timeZone: 'America/Los_Angeles',
    workingHours: [8, 17],
    mailboxGuid: guid(`${seed}|mbx|${s.key}`),
    puid: `1003${createHash('sha1').update(s.key).digest('hex').slice(0, 12).toUpperCase()}`,
    sid: `S-1-5-21-1-2-3-${1000 + i}`,
    devices: [],
  }));
  const stamp = new Date(start.getTime() - 100 * 24 * HOUR_MS).toISOString().slice(0, 19) + 'Z';
  const mailboxes: Mailbox[] = users.map((u) => {
    const alias = u.userPrincipalName.split('@')[0] ?? u.userPrincipalName;
    return {
      Identity: alias,
      Id: alias,
      Name: alias,
      Alias: alias,
      DisplayName: u.displayName,
      UserPrincipalName: u.userPrincipalName,
      PrimarySmtpAddress: u.userPrincipalName,
      WindowsEmailAddress: u.userPrincipalName,
      WindowsLiveID: u.userPrincipalName,
      MicrosoftOnlineServicesID: u.userPrincipalName,
      EmailAddresses: [`SMTP:${u.userPrincipalName}`],
      RecipientType: 'UserMailbox',
      RecipientTypeDetails: 'UserMailbox',
      ExternalDirectoryObjectId: u.id,
      ExchangeGuid: u.mailboxGuid ?? '',
      ExchangeObjectId: u.mailboxGuid ?? '',
      Guid: u.mailboxGuid ?? '',
      DistinguishedName: `CN=${alias},OU=${domain}`,
      OrganizationId: domain,
      ForwardingAddress: null,
      ForwardingSmtpAddress: null,
      DeliverToMailboxAndForward: false,
      GrantSendOnBehalfTo: [],
      AuditEnabled: true,
      AuditLogAgeLimit: '90.00:00:00',
      AuditAdmin: ['Update'],
      AuditDelegate: ['Update'],
      AuditOwner: ['Update'],
      DefaultAuditSet: ['Admin', 'Delegate', 'Owner'],
      HiddenFromAddressListsEnabled: false,
      AccountDisabled: false,
      IsShared: false,
      IsDirSynced: false,
      LitigationHoldEnabled: false,
      RetentionPolicy: 'Default MRM Policy',
      ArchiveStatus: 'None',
      UsageLocation: 'US',
      WhenCreated: stamp,
      WhenChanged: stamp,
      WhenCreatedUTC: stamp,
      WhenChangedUTC: stamp,
      WhenMailboxCreated: stamp,
      IsValid: true,
      ExchangeVersion: '0.20 (15.0.0.0)',
    };
  });
  const roleGroups: RoleGroup[] = ROLE_GROUPS.map((g) => {
    const members = users.filter((u) => u.roleGroups.includes(g.name));
    return {
      Identity: g.name,
      Name: g.name,
      DisplayName: g.name,
      Description: g.description,
      ManagedBy: ['Organization Management'],
      RoleAssignments: g.roles.map((r) => `${r}-${g.name}`),
      Roles: [...g.roles],
      Members: members.map((u) => u.userPrincipalName.split('@')[0] ?? ''),
      MemberUpns: members.map((u) => u.userPrincipalName),
      ExternalDirectoryObjectId: guid(`${seed}|rg|${g.name}`),
      Guid: guid(`${seed}|rgg|${g.name}`),
      ExchangeObjectId: guid(`${seed}|rgg|${g.name}`),
      RoleGroupType: 'Standard',
      Capabilities: [],
      WhenCreatedUTC: stamp,
      WhenChangedUTC: stamp,
      IsValid: true,
    };
  });
  const roleNames = ['Global Administrator', 'Exchange Administrator', 'Global Reader'];
  const templates: Record<string, string> = {
    'Global Administrator': '62e90394-69f5-4237-9190-012177145e10',
    'Exchange Administrator': '29232cdf-9323-42fd-ade2-1d097af3e4de',
    'Global Reader': 'f2ef992c-3afb-46b9-b7cf-a126ee74c451',
  };
  const state: TenantState = {
    mailboxes,
    casMailboxes: mailboxes.map((m) => ({
      Identity: m.Identity,
      Name: m.Name,
      DisplayName: m.DisplayName,
      PrimarySmtpAddress: m.PrimarySmtpAddress,
      ExternalDirectoryObjectId: m.ExternalDirectoryObjectId,
      Guid: m.Guid,
      ActiveSyncEnabled: true,
      OWAEnabled: true,
      PopEnabled: false,
      ImapEnabled: false,
      MAPIEnabled: true,
      EwsEnabled: true,
      SmtpClientAuthenticationDisabled: null,
      UniversalOutlookEnabled: true,
      OutlookMobileEnabled: true,
      OneWinNativeOutlookEnabled: true,
    })),
    mailboxPermissions: mailboxes.map((m) => ({
      Identity: m.Identity,
      User: 'NT AUTHORITY\\SELF',
      AccessRights: ['FullAccess', 'ReadPermission'],
      IsInherited: false,
      Deny: false,
      InheritanceType: 'All' as const,
    })),
    recipientPermissions: [],
    inboxRules: Object.fromEntries(users.map((u) => [u.userPrincipalName, []])),
    roleGroups,
    managementRoleAssignments: ROLE_GROUPS.flatMap((g) =>
      g.roles.map((r) => ({
        Name: `${r}-${g.name}`,
        Identity: `${r}-${g.name}`,
        Role: r,
        RoleAssignee: g.name,
        RoleAssigneeName: g.name,
        RoleAssigneeType: 'RoleGroup' as const,
        AssignmentMethod: 'Direct' as const,
        Enabled: true,
        RoleAssignmentDelegationType: 'Regular' as const,
        RecipientReadScope: 'Organization',
        ConfigReadScope: 'OrganizationConfig',
        RecipientWriteScope: 'Organization',
        ConfigWriteScope: 'OrganizationConfig',
        CustomRecipientWriteScope: null,
        CustomConfigWriteScope: null,
        WhenCreatedUTC: stamp,
        WhenChangedUTC: stamp,
        Guid: guid(`${seed}|mra|${r}|${g.name}`),
        IsValid: true,
      })),
    ),
    managementRoleCmdlets: Object.fromEntries(Object.entries(ROLE_CMDLETS).map(([k, v]) => [k, [...v]])),
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
      WhenChangedUTC: stamp,
    },
    organizationConfig: {
      Identity: domain,
      Name: domain,
      DisplayName: 'Tiny Tenant',
      Guid: guid(`${seed}|org`),
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
    ...defaultForwardingSettings('2024-01-01T00:00:00Z'),
    mailboxAuditBypass: [],
    roleDefinitions: roleNames.map((name) => ({
      id: templates[name] ?? '',
      displayName: name,
      description: name,
      isBuiltIn: true,
      isEnabled: true,
      templateId: templates[name] ?? '',
      version: '1',
      resourceScopes: ['/'],
      rolePermissions: [{ allowedResourceActions: ['microsoft.directory/allEntities/allProperties/read'], condition: null, excludedResourceActions: [] }],
    })),
    roleAssignments: [
      ...users.flatMap((u) =>
        u.directoryRoles.map((r) => ({
          id: guid(`${seed}|ra|${u.id}|${r}`),
          principalId: u.id,
          roleDefinitionId: templates[r] ?? '',
          directoryScopeId: '/',
          appScopeId: null,
          condition: null,
          resourceScope: '/',
        })),
      ),
      {
        id: guid(`${seed}|ra|app`),
        principalId: automationApp.servicePrincipalId,
        roleDefinitionId: templates['Exchange Administrator'] ?? '',
        directoryScopeId: '/',
        appScopeId: null,
        condition: null,
        resourceScope: '/',
      },
    ],
    userRegistrationDetails: users.map((u) => ({
      id: u.id,
      userPrincipalName: u.userPrincipalName,
      userDisplayName: u.displayName,
      userType: 'member' as const,
      isAdmin: u.directoryRoles.length > 0,
      isSsprRegistered: true,
      isSsprEnabled: true,
      isSsprCapable: true,
      isMfaRegistered: u.mfaRequired,
      isMfaCapable: u.mfaRequired,
      isPasswordlessCapable: false,
      isSystemPreferredAuthenticationMethodEnabled: true,
      methodsRegistered: u.mfaRequired ? ['softwareOneTimePasscode'] : [],
      systemPreferredAuthenticationMethods: [],
      userPreferredMethodForSecondaryAuthentication: u.mfaRequired ? 'oath' : 'none',
      lastUpdatedDateTime: stamp,
    })),
    riskDetections: [],
    perUserMfa: {},
    applications: [],
    servicePrincipals: [
      {
        id: automationApp.servicePrincipalId,
        appId: automationApp.clientId,
        displayName: automationApp.displayName,
        appOwnerOrganizationId: tenantId,
        servicePrincipalType: 'Application',
        accountEnabled: true,
        publisherName: null,
        verifiedPublisher: { displayName: null, verifiedPublisherId: null },
        tags: [],
      },
    ],
    oauth2PermissionGrants: [],
  };
  return {
    options: { seed, users: 1, days, end, scenarios: [] },
    info: {
      tenantId,
      domain,
      displayName: 'Tiny Tenant',
      start,
      end,
      publicClientId: guid(`${seed}|public-client`),
      automationApp,
      trustedNetworks: ['203.0.113.0/24'],
      country: 'US',
      verifiedDomains: [domain],
    },
    users,
    state,
    activity: tinyActivity(seed, tenantId, domain, users, start.getTime(), days * 24, options.signInsPerHour ?? 3, options.auditRecordsPerHour ?? 4),
    labels: [],
    nearMisses: [],
  };
}

function tinyActivity(
  seed: string,
  tenantId: string,
  domain: string,
  users: User[],
  startMs: number,
  hourCount: number,
  signInsPerHour: number,
  auditPerHour: number,
): Activity {
  const iso = (ms: number) => new Date(ms).toISOString().replace('Z', '0000Z');
  const signIns = (h: number): SignIn[] =>
    Array.from({ length: signInsPerHour }, (_, k) => {
      const user = users[(h + k) % users.length] as User;
      const ms = startMs + h * HOUR_MS + Math.floor(((k + 0.5) * HOUR_MS) / signInsPerHour);
      const interactive = k % 3 !== 2;
      return {
        id: guid(`${seed}|signin|${h}|${k}`),
        createdDateTime: iso(ms),
        userDisplayName: user.displayName,
        userPrincipalName: user.userPrincipalName,
        userId: user.id,
        appId: '00000002-0000-0ff1-ce00-000000000000',
        appDisplayName: 'Office 365 Exchange Online',
        ipAddress: `203.0.113.${10 + k}`,
        clientAppUsed: 'Browser',
        userAgent: 'Mozilla/5.0',
        correlationId: guid(`${seed}|corr|${h}|${k}`),
        conditionalAccessStatus: 'notApplied',
        originalRequestId: guid(`${seed}|orig|${h}|${k}`),
        isInteractive: interactive,
        tokenIssuerName: '',
        tokenIssuerType: 'AzureAD',
        processingTimeInMilliseconds: 100,
        riskDetail: 'none',
        riskLevelAggregated: 'none',
        riskLevelDuringSignIn: 'none',
        riskState: 'none',
        riskEventTypes: [],
        riskEventTypes_v2: [],
        resourceDisplayName: 'Office 365 Exchange Online',
        resourceId: '00000002-0000-0ff1-ce00-000000000000',
        resourceTenantId: tenantId,
        homeTenantId: tenantId,
        authenticationMethodsUsed: [],
        authenticationRequirement: 'singleFactorAuthentication',
        authenticationProtocol: 'none',
        originalTransferMethod: 'none',
        signInIdentifier: user.userPrincipalName,
        signInIdentifierType: 'userPrincipalName',
        servicePrincipalId: '',
        servicePrincipalName: '',
        signInEventTypes: [interactive ? 'interactiveUser' : 'nonInteractiveUser'],
        userType: 'member',
        flaggedForReview: false,
        isTenantRestricted: false,
        autonomousSystemNumber: 64500,
        crossTenantAccessType: 'none',
        incomingTokenType: interactive ? 'none' : 'refreshToken',
        clientCredentialType: 'none',
        uniqueTokenIdentifier: 'x',
        sessionId: guid(`${seed}|session|${user.id}`),
        status: { errorCode: 0, failureReason: null, additionalDetails: null },
        deviceDetail: { deviceId: '', displayName: '', operatingSystem: 'Windows10', browser: 'Edge 120', isCompliant: false, isManaged: false, trustType: '' },
        location: { city: 'Seattle', state: 'Washington', countryOrRegion: 'US', geoCoordinates: { altitude: null, latitude: 47.6, longitude: -122.3 } },
        mfaDetail: { authMethod: null, authDetail: null },
        appliedConditionalAccessPolicies: [],
        authenticationDetails: [],
        authenticationRequirementPolicies: [],
        networkLocationDetails: [],
      };
    });
  const directoryAudits = (h: number): DirectoryAudit[] => [
    {
      id: `Directory_${guid(`${seed}|da|${h}`)}`,
      category: 'UserManagement',
      correlationId: guid(`${seed}|dac|${h}`),
      result: 'success',
      resultReason: '',
      activityDisplayName: 'Update user',
      activityDateTime: iso(startMs + h * HOUR_MS + 600_000),
      loggedByService: 'Core Directory',
      operationType: 'Update',
      initiatedBy: {
        user: {
          id: users[0]?.id ?? '',
          displayName: null,
          userPrincipalName: users[0]?.userPrincipalName ?? '',
          ipAddress: '203.0.113.10',
          userType: 'Member',
        },
        app: null,
      },
      targetResources: [],
      additionalDetails: [],
    },
  ];
  const auditRecords = (h: number): AuditRecord[] =>
    Array.from({ length: auditPerHour }, (_, k): AuditRecord => {
      const user = users[(h + k) % users.length] as User;
      const time = new Date(startMs + h * HOUR_MS + Math.floor(((k + 0.5) * HOUR_MS) / auditPerHour)).toISOString().slice(0, 19);
      if (k % 2 === 0) {
        const record: ExchangeAdminRecord = {
          CreationTime: time,
          Id: guid(`${seed}|audit|${h}|${k}`),
          Operation: 'Set-Mailbox',
          OrganizationId: tenantId,
          RecordType: 1,
          ResultStatus: 'True',
          UserKey: user.puid,
          UserType: 2,
          Version: 1,
          Workload: 'Exchange',
          ObjectId: user.userPrincipalName,
          UserId: user.userPrincipalName,
          ClientIP: '203.0.113.10:443',
          AppId: '',
          ClientAppId: '',
          ExternalAccess: false,
          OrganizationName: domain,
          OriginatingServer: 'EMU (15.20)',
          Parameters: [{ Name: 'Identity', Value: user.userPrincipalName }],
          SessionId: '',
        };
        return record;
      }
      const record: StsLogonRecord = {
        CreationTime: time,
        Id: guid(`${seed}|audit|${h}|${k}`),
        Operation: 'UserLoggedIn',
        OrganizationId: tenantId,
        RecordType: 15,
        ResultStatus: 'Success',
        UserKey: user.puid,
        UserType: 0,
        Version: 1,
        Workload: 'AzureActiveDirectory',
        ObjectId: '00000002-0000-0ff1-ce00-000000000000',
        UserId: user.userPrincipalName,
        ClientIP: '203.0.113.11',
        AzureActiveDirectoryEventType: 1,
        ExtendedProperties: [],
        ModifiedProperties: [],
        Actor: [{ ID: user.id, Type: 0 }],
        ActorContextId: tenantId,
        ActorIpAddress: '203.0.113.11',
        InterSystemsId: guid(`${seed}|isi|${h}|${k}`),
        IntraSystemId: guid(`${seed}|intra|${h}|${k}`),
        SupportTicketId: '',
        Target: [{ ID: '00000002-0000-0ff1-ce00-000000000000', Type: 0 }],
        TargetContextId: tenantId,
        ApplicationId: '00000002-0000-0ff1-ce00-000000000000',
        DeviceProperties: [],
        ErrorNumber: '0',
      };
      return record;
    });
  return {
    hourCount,
    hourStart: (h) => new Date(startMs + h * HOUR_MS),
    hourOf: (t) => {
      const h = Math.floor((t.getTime() - startMs) / HOUR_MS);
      return h >= 0 && h < hourCount ? h : -1;
    },
    signIns,
    directoryAudits,
    auditRecords,
    contentTypeOf: (r) => (r.Workload === 'Exchange' ? 'Audit.Exchange' : 'Audit.AzureActiveDirectory'),
  };
}
