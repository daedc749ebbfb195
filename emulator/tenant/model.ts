// The synthetic tenant's public types: the contract between the tenant generator (emulator/tenant/**) and the
// emulator's servers. Field names and casing follow ../../../shared/reference/microsoft-wire-formats.md:
// Graph objects are camelCase (§3), Exchange cmdlet output and unified audit records are PascalCase (§2.8, §4.10).
// Everything here is plain JSON-ready data, so a server can serialize it as is.

// ---------------------------------------------------------------------------------------------------------------
// Options and scenario names

/** Every scenario the generator can inject, by the name used on the command line and in labels.jsonl. */
export const SCENARIO_NAMES = [
  'password-spray',
  'brute-force',
  'impossible-travel',
  'new-country',
  'mfa-fatigue',
  'legacy-protocol-signin',
  'disabled-account-signin',
  'device-code-phishing',
  'token-replay',
  'malicious-inbox-rule',
  'mailbox-forwarding',
  'fullaccess-grant',
  'sendas-grant',
  'role-group-escalation',
  'global-admin-added',
  'per-user-mfa-disabled',
  'unified-audit-log-disabled',
  'mailbox-audit-bypass',
  'audit-log-age-limit-shortened',
  'pop-imap-enabled',
  'application-secret-added',
  'consent-grant',
  'mass-mail-items-accessed',
  'admin-signin-untrusted-network',
  'automation-account-interactive',
] as const;

export type ScenarioName = (typeof SCENARIO_NAMES)[number];

export interface TenantOptions {
  /** Any string; the same seed and options give byte-identical tenants, activity and labels. */
  seed: string;
  /**
   * Number of ordinary member users (1..100000). The tenant always adds a fixed core on top of them:
   * the administrators, the automation service account, a scanner account, shared mailboxes, a disabled
   * leaver and a guest (see Tenant.users).
   */
  users: number;
  /** Length of the history in days (1..180). */
  days: number;
  /** Exclusive end of the history; must be a whole UTC hour. */
  end: Date;
  /** Scenarios to inject (use parseScenarioList for 'all' | 'none' | 'a,b,c'). Order does not matter. */
  scenarios: readonly ScenarioName[];
}

// ---------------------------------------------------------------------------------------------------------------
// Tenant

export interface Tenant {
  /** The options the tenant was generated from (normalized: scenarios sorted and de-duplicated). */
  options: Readonly<TenantOptions>;
  info: TenantInfo;
  /**
   * Every user account. users[0..4] are the accounts the emulator's ready line prints:
   * [0] a Global Administrator (MFA), [1] an Exchange Administrator (MFA), [2] an ordinary member (MFA),
   * [3] the automation service account (no MFA, signs in only non-interactively from the automation host),
   * [4] a security reviewer with Global Reader (MFA).
   * Values reflect the end of the history (after scenarios changed them).
   */
  users: User[];
  /** Mutable admin state at the end of the history; the server mutates it for write cmdlets. */
  state: TenantState;
  activity: Activity;
  /** Ground truth, one entry per injected scenario occurrence, in the order of labels.jsonl (by start time). */
  labels: Label[];
  /**
   * Benign activity that deliberately resembles a scenario (a mistyped password, a fast but possible flight,
   * a week abroad on holiday...). Not attacks: a detector that flags these is wrong. Useful to explain false
   * positives; never served by any Microsoft endpoint.
   */
  nearMisses: NearMiss[];
}

export interface TenantInfo {
  tenantId: string;
  /** '<name>.onmicrosoft.com' */
  domain: string;
  displayName: string;
  /** Inclusive start and exclusive end of the history (whole UTC hours). */
  start: Date;
  end: Date;
  /** GUID of the first-party-like public client app Warden signs in with (redirect to loopback). */
  publicClientId: string;
  /** The app registration used for app-only certificate auth by the automation. */
  automationApp: { clientId: string; displayName: string; objectId: string; servicePrincipalId: string };
  /** The office egress networks, as CIDRs: the tenant's "trusted network" (named location). */
  trustedNetworks: string[];
  /** Country (ISO 3166 alpha-2) of the head office. */
  country: string;
  /** The tenant's initial ('*.onmicrosoft.com') and verified custom domains. */
  verifiedDomains: string[];
}

export type UserKind = 'member' | 'admin' | 'service' | 'shared' | 'guest';

/**
 * A user account. The camelCase properties that share a name with the Graph `user` resource carry its values
 * (so /users can $select from them); the rest are the emulator's own (secrets, profile) and must never be served.
 */
export interface User {
  // Graph user properties
  id: string;
  userPrincipalName: string;
  displayName: string;
  givenName: string | null;
  surname: string | null;
  mail: string | null;
  jobTitle: string | null;
  department: string | null;
  officeLocation: string | null;
  mobilePhone: string | null;
  businessPhones: string[];
  preferredLanguage: string | null;
  accountEnabled: boolean;
  userType: 'Member' | 'Guest';
  usageLocation: string | null;
  /** ISO 8601 UTC */
  createdDateTime: string;
  /** Graph `country`/`city` as free text; profile below has the ISO code. */
  country: string | null;
  city: string | null;
  // The emulator's own
  kind: UserKind;
  /** The sign-in password (random; '' for shared mailboxes, which cannot sign in). */
  password: string;
  /** Base32 TOTP secret (RFC 6238, SHA-1, 6 digits, 30 s) or '' when the user has no authenticator. */
  totpSecret: string;
  /** Whether sign-in requires the second factor (every admin does). */
  mfaRequired: boolean;
  /** Entra directory role display names (e.g. 'Global Administrator'). */
  directoryRoles: string[];
  /** Exchange role group names (e.g. 'Organization Management'). */
  roleGroups: string[];
  /** Home location: ISO 3166 alpha-2 code, city, IANA time zone. */
  countryCode: string;
  timeZone: string;
  /** Local working hours [startHour, endHour) on working days (Mon-Fri). */
  workingHours: [number, number];
  /** Exchange mailbox GUID, or null for accounts without one. */
  mailboxGuid: string | null;
  /** Stable per-user identifiers seen in audit records. */
  puid: string;
  sid: string;
  devices: Device[];
}

export interface Device {
  /** Entra device id (GUID) or '' for an unregistered device. */
  deviceId: string;
  displayName: string;
  operatingSystem: string;
  browser: string;
  isCompliant: boolean;
  isManaged: boolean;
  /** 'AzureAD' | 'Hybrid Azure AD joined' | 'Azure AD registered' | '' */
  trustType: string;
  userAgent: string;
  kind: 'laptop' | 'phone' | 'personal' | 'server';
}

// ---------------------------------------------------------------------------------------------------------------
// Admin state (plain objects in the Get-* / Graph output shapes)

export interface TenantState {
  /** Get-Mailbox objects (PascalCase), including shared mailboxes. */
  mailboxes: Mailbox[];
  /** Get-CASMailbox objects, one per mailbox, same order. */
  casMailboxes: CasMailbox[];
  /** Get-MailboxPermission rows (explicit grants and the default NT AUTHORITY\SELF rows). */
  mailboxPermissions: MailboxPermission[];
  /** Get-RecipientPermission rows (SendAs grants). */
  recipientPermissions: RecipientPermission[];
  /** Get-InboxRule objects keyed by the owning mailbox's UserPrincipalName. */
  inboxRules: Record<string, InboxRule[]>;
  roleGroups: RoleGroup[];
  /** Get-ManagementRoleAssignment rows (role group → role). */
  managementRoleAssignments: ManagementRoleAssignment[];
  /** Which cmdlets each management role grants (for RBAC checks by the server). */
  managementRoleCmdlets: Record<string, string[]>;
  adminAuditLogConfig: AdminAuditLogConfig;
  organizationConfig: OrganizationConfig;
  transportConfig: TransportConfig;
  remoteDomains: RemoteDomain[];
  outboundSpamPolicies: HostedOutboundSpamFilterPolicy[];
  /** Get-MailboxAuditBypassAssociation rows (only the accounts that have one). */
  mailboxAuditBypass: MailboxAuditBypassAssociation[];
  /** Graph unifiedRoleDefinition objects (built-in roles used by the tenant). */
  roleDefinitions: UnifiedRoleDefinition[];
  /** Graph unifiedRoleAssignment objects. */
  roleAssignments: UnifiedRoleAssignment[];
  /** Graph userRegistrationDetails objects, one per user that can sign in. */
  userRegistrationDetails: UserRegistrationDetails[];
  /** Graph riskDetection objects. */
  riskDetections: RiskDetection[];
  /** Per-user MFA state by user id ('enforced' | 'enabled' | 'disabled'), the legacy per-user MFA setting. */
  perUserMfa: Record<string, 'enforced' | 'enabled' | 'disabled'>;
  /** Graph application objects (app registrations). */
  applications: Application[];
  /** Graph servicePrincipal objects. */
  servicePrincipals: ServicePrincipal[];
  /** Graph oAuth2PermissionGrant objects (delegated consents). */
  oauth2PermissionGrants: OAuth2PermissionGrant[];
}

export interface Mailbox {
  Identity: string;
  Id: string;
  Name: string;
  Alias: string;
  DisplayName: string;
  UserPrincipalName: string;
  PrimarySmtpAddress: string;
  WindowsEmailAddress: string;
  WindowsLiveID: string;
  MicrosoftOnlineServicesID: string;
  EmailAddresses: string[];
  RecipientType: 'UserMailbox';
  RecipientTypeDetails: 'UserMailbox' | 'SharedMailbox';
  ExternalDirectoryObjectId: string;
  ExchangeGuid: string;
  ExchangeObjectId: string;
  Guid: string;
  DistinguishedName: string;
  OrganizationId: string;
  ForwardingAddress: string | null;
  ForwardingSmtpAddress: string | null;
  DeliverToMailboxAndForward: boolean;
  GrantSendOnBehalfTo: string[];
  AuditEnabled: boolean;
  AuditLogAgeLimit: string;
  AuditAdmin: string[];
  AuditDelegate: string[];
  AuditOwner: string[];
  DefaultAuditSet: string[];
  HiddenFromAddressListsEnabled: boolean;
  AccountDisabled: boolean;
  IsShared: boolean;
  IsDirSynced: boolean;
  LitigationHoldEnabled: boolean;
  RetentionPolicy: string;
  ArchiveStatus: string;
  UsageLocation: string;
  WhenCreated: string;
  WhenChanged: string;
  WhenCreatedUTC: string;
  WhenChangedUTC: string;
  WhenMailboxCreated: string;
  IsValid: boolean;
  ExchangeVersion: string;
}

export interface CasMailbox {
  Identity: string;
  Name: string;
  DisplayName: string;
  PrimarySmtpAddress: string;
  ExternalDirectoryObjectId: string;
  Guid: string;
  ActiveSyncEnabled: boolean;
  OWAEnabled: boolean;
  PopEnabled: boolean;
  ImapEnabled: boolean;
  MAPIEnabled: boolean;
  EwsEnabled: boolean;
  SmtpClientAuthenticationDisabled: boolean | null;
  UniversalOutlookEnabled: boolean;
  OutlookMobileEnabled: boolean;
  OneWinNativeOutlookEnabled: boolean;
}

export interface MailboxPermission {
  Identity: string;
  User: string;
  AccessRights: string[];
  IsInherited: boolean;
  Deny: boolean;
  InheritanceType: 'All' | 'None' | 'Descendents' | 'SelfAndChildren' | 'Children';
}

export interface RecipientPermission {
  Identity: string;
  Trustee: string;
  AccessControlType: 'Allow' | 'Deny';
  AccessRights: string[];
  IsInherited: boolean;
  InheritanceType: 'All' | 'None';
}

export interface InboxRule {
  Name: string;
  /** '<mailbox owner UPN>\\<RuleIdentity>' */
  Identity: string;
  /** Decimal rule id as Exchange prints it (a 64-bit number as string). */
  RuleIdentity: string;
  MailboxOwnerId: string;
  Enabled: boolean;
  Priority: number;
  Description: string;
  From: string[] | null;
  SubjectContainsWords: string[] | null;
  SubjectOrBodyContainsWords: string[] | null;
  BodyContainsWords: string[] | null;
  /** Recipients as '"Display Name" [SMTP:addr]' strings. */
  ForwardTo: string[] | null;
  ForwardAsAttachmentTo: string[] | null;
  RedirectTo: string[] | null;
  DeleteMessage: boolean;
  MoveToFolder: string | null;
  MarkAsRead: boolean;
  StopProcessingRules: boolean;
  InError: boolean;
  ErrorType: string;
}

export interface RoleGroup {
  Identity: string;
  Name: string;
  DisplayName: string;
  Description: string;
  ManagedBy: string[];
  /** Role assignment names. */
  RoleAssignments: string[];
  /** Management role names. */
  Roles: string[];
  /** Member identities (mailbox Identity / display names). Use the member UPNs in `MemberUpns` for lookups. */
  Members: string[];
  /** The emulator's own: members as UPNs (not served). */
  MemberUpns: string[];
  ExternalDirectoryObjectId: string;
  Guid: string;
  ExchangeObjectId: string;
  RoleGroupType: 'Standard' | 'Linked';
  Capabilities: string[];
  WhenCreatedUTC: string;
  WhenChangedUTC: string;
  IsValid: boolean;
}

export interface ManagementRoleAssignment {
  Name: string;
  Identity: string;
  Role: string;
  RoleAssignee: string;
  RoleAssigneeName: string;
  RoleAssigneeType: 'RoleGroup' | 'User' | 'ServicePrincipal' | 'RoleAssignmentPolicy';
  AssignmentMethod: 'Direct' | 'RoleGroup' | 'SecurityGroup' | 'RoleAssignmentPolicy';
  Enabled: boolean;
  RoleAssignmentDelegationType: 'Regular' | 'DelegatingOrgWide' | 'Delegating';
  RecipientReadScope: string;
  ConfigReadScope: string;
  RecipientWriteScope: string;
  ConfigWriteScope: string;
  CustomRecipientWriteScope: string | null;
  CustomConfigWriteScope: string | null;
  WhenCreatedUTC: string;
  WhenChangedUTC: string;
  Guid: string;
  IsValid: boolean;
}

export interface AdminAuditLogConfig {
  Identity: string;
  Name: string;
  UnifiedAuditLogIngestionEnabled: boolean;
  AdminAuditLogEnabled: boolean;
  AdminAuditLogCmdlets: string[];
  AdminAuditLogParameters: string[];
  AdminAuditLogExcludedCmdlets: string[];
  AdminAuditLogAgeLimit: string;
  LogLevel: string;
  TestCmdletLoggingEnabled: boolean;
  WhenChangedUTC: string;
}

export interface OrganizationConfig {
  Identity: string;
  Name: string;
  DisplayName: string;
  Guid: string;
  AuditDisabled: boolean;
  OAuth2ClientProfileEnabled: boolean;
  DefaultAuthenticationPolicy: string | null;
  CustomerLockboxEnabled: boolean;
  MailTipsExternalRecipientsTipsEnabled: boolean;
  AutoForwardEnabled: boolean;
}

export interface TransportConfig {
  Identity: string;
  SmtpClientAuthenticationDisabled: boolean;
  ExternalInOutlookEnabled: boolean;
  MaxSendSize: string;
  MaxReceiveSize: string;
}

/** Get-RemoteDomain: how mail to a remote domain is treated (the built-in "Default" covers every domain, `*`). */
export interface RemoteDomain {
  Identity: string;
  Name: string;
  DomainName: string;
  AutoForwardEnabled: boolean;
  AutoReplyEnabled: boolean;
  DeliveryReportEnabled: boolean;
  NDREnabled: boolean;
  IsInternal: boolean;
  WhenChangedUTC: string;
}

export const AUTO_FORWARDING_MODES = ['Automatic', 'On', 'Off'] as const;

/** Get-HostedOutboundSpamFilterPolicy: outbound spam limits, and whether mail may be forwarded outside automatically. */
export interface HostedOutboundSpamFilterPolicy {
  Identity: string;
  Name: string;
  IsDefault: boolean;
  /** Automatic is system-controlled, which now means Off. */
  AutoForwardingMode: (typeof AUTO_FORWARDING_MODES)[number];
  RecipientLimitExternalPerHour: number;
  RecipientLimitInternalPerHour: number;
  RecipientLimitPerDay: number;
  ActionWhenThresholdReached: string;
  NotifyOutboundSpam: boolean;
  WhenChangedUTC: string;
}

export interface MailboxAuditBypassAssociation {
  Identity: string;
  Name: string;
  AuditBypassEnabled: boolean;
  ObjectId: string;
  WhenChangedUTC: string;
}

export interface UnifiedRoleDefinition {
  id: string;
  displayName: string;
  description: string;
  isBuiltIn: boolean;
  isEnabled: boolean;
  templateId: string;
  version: string;
  resourceScopes: string[];
  rolePermissions: { allowedResourceActions: string[]; condition: string | null; excludedResourceActions: string[] }[];
}

export interface UnifiedRoleAssignment {
  id: string;
  principalId: string;
  roleDefinitionId: string;
  directoryScopeId: string;
  appScopeId: string | null;
  condition: string | null;
  resourceScope: string;
}

export interface UserRegistrationDetails {
  id: string;
  userPrincipalName: string;
  userDisplayName: string;
  userType: 'member' | 'guest';
  isAdmin: boolean;
  isSsprRegistered: boolean;
  isSsprEnabled: boolean;
  isSsprCapable: boolean;
  isMfaRegistered: boolean;
  isMfaCapable: boolean;
  isPasswordlessCapable: boolean;
  isSystemPreferredAuthenticationMethodEnabled: boolean;
  methodsRegistered: string[];
  systemPreferredAuthenticationMethods: string[];
  userPreferredMethodForSecondaryAuthentication: string;
  lastUpdatedDateTime: string;
}

export interface RiskDetection {
  id: string;
  requestId: string;
  correlationId: string;
  riskEventType: string;
  riskState: string;
  riskLevel: string;
  riskDetail: string;
  source: string;
  detectionTimingType: string;
  activity: 'signin' | 'user';
  tokenIssuerType: string;
  ipAddress: string;
  location: SignInLocation;
  activityDateTime: string;
  detectedDateTime: string;
  lastUpdatedDateTime: string;
  userId: string;
  userDisplayName: string;
  userPrincipalName: string;
  additionalInfo: string;
}

export interface PasswordCredential {
  keyId: string;
  displayName: string | null;
  hint: string;
  startDateTime: string;
  endDateTime: string;
  secretText: null;
}

export interface KeyCredential {
  keyId: string;
  displayName: string;
  type: 'AsymmetricX509Cert';
  usage: 'Verify';
  customKeyIdentifier: string;
  startDateTime: string;
  endDateTime: string;
}

export interface Application {
  id: string;
  appId: string;
  displayName: string;
  createdDateTime: string;
  signInAudience: string;
  publisherDomain: string;
  passwordCredentials: PasswordCredential[];
  keyCredentials: KeyCredential[];
  requiredResourceAccess: { resourceAppId: string; resourceAccess: { id: string; type: 'Scope' | 'Role' }[] }[];
}

export interface ServicePrincipal {
  id: string;
  appId: string;
  displayName: string;
  appOwnerOrganizationId: string;
  servicePrincipalType: 'Application';
  accountEnabled: boolean;
  publisherName: string | null;
  verifiedPublisher: { displayName: string | null; verifiedPublisherId: string | null };
  tags: string[];
}

export interface OAuth2PermissionGrant {
  id: string;
  clientId: string;
  consentType: 'AllPrincipals' | 'Principal';
  principalId: string | null;
  resourceId: string;
  scope: string;
}

// ---------------------------------------------------------------------------------------------------------------
// Activity (generated lazily per hour)

export type ContentType = 'Audit.AzureActiveDirectory' | 'Audit.Exchange' | 'Audit.SharePoint' | 'Audit.General' | 'DLP.All';

export interface Activity {
  /** Number of whole hours in the history: days * 24. Hour h covers [hourStart(h), hourStart(h + 1)). */
  hourCount: number;
  hourStart(h: number): Date;
  /** The hour index that contains `t`, or -1 when t is outside the history. */
  hourOf(t: Date): number;
  /**
   * Graph signIn objects (beta superset; v1.0 serves the interactive ones with the v1.0 properties), sorted by
   * createdDateTime ascending. Every object has isInteractive and signInEventTypes.
   * The arrays returned are cached for a few hours and shared: treat them as read-only.
   */
  signIns(h: number): SignIn[];
  /** Graph directoryAudit objects, sorted by activityDateTime ascending. Read-only, like signIns. */
  directoryAudits(h: number): DirectoryAudit[];
  /** Unified audit log records (Management Activity API shape), sorted by CreationTime ascending. Read-only. */
  auditRecords(h: number): AuditRecord[];
  /**
   * The same records as auditRecords(h), in the same order, as JSON text (each exactly JSON.stringify of the
   * object), made without building the objects: for servers that only serialize them. Optional: a hand-made
   * Activity may leave it out, and readers then stringify auditRecords(h). Not cached, and the returned bytes and
   * columns are overwritten by the next call: copy what you keep. With `into`, the text is written there when it
   * fits (`bytes` then lies in it; otherwise in a buffer of its own).
   */
  auditRecordsJson?(h: number, into?: Buffer): AuditRecordsJson;
  contentTypeOf(record: AuditRecord): ContentType;
}

/**
 * One hour of audit records as JSON text: record i < count (in CreationTime order) is the UTF-8 text
 * bytes[start[i], end[i]); the spans are not in that order within `bytes`. The columns may be longer than `count`
 * (they are reused from hour to hour): entries from `count` on mean nothing.
 */
export interface AuditRecordsJson {
  bytes: Buffer;
  count: number;
  start: Int32Array;
  end: Int32Array;
  contentTypes: readonly ContentType[];
  /** CreationTime as epoch ms. */
  times: Float64Array;
}

export interface SignInStatus {
  errorCode: number;
  failureReason: string | null;
  additionalDetails: string | null;
}

export interface GeoCoordinates {
  altitude: number | null;
  latitude: number | null;
  longitude: number | null;
}

export interface SignInLocation {
  city: string | null;
  state: string | null;
  countryOrRegion: string | null;
  geoCoordinates: GeoCoordinates;
}

export interface DeviceDetail {
  deviceId: string;
  displayName: string;
  operatingSystem: string;
  browser: string;
  isCompliant: boolean;
  isManaged: boolean;
  trustType: string;
}

export interface AppliedConditionalAccessPolicy {
  id: string;
  displayName: string;
  enforcedGrantControls: string[];
  enforcedSessionControls: string[];
  result: 'success' | 'failure' | 'notApplied' | 'notEnabled' | 'unknown' | 'reportOnlySuccess' | 'reportOnlyFailure' | 'reportOnlyNotApplied' | 'reportOnlyInterrupted';
}

export interface AuthenticationDetail {
  authenticationStepDateTime: string;
  authenticationMethod: string;
  authenticationMethodDetail: string | null;
  succeeded: boolean;
  authenticationStepResultDetail: string;
  authenticationStepRequirement: string;
}

export interface SignIn {
  id: string;
  createdDateTime: string;
  userDisplayName: string;
  userPrincipalName: string;
  userId: string;
  appId: string;
  appDisplayName: string;
  ipAddress: string;
  clientAppUsed: string;
  userAgent: string;
  correlationId: string;
  conditionalAccessStatus: 'success' | 'failure' | 'notApplied';
  originalRequestId: string;
  isInteractive: boolean;
  tokenIssuerName: string;
  tokenIssuerType: 'AzureAD';
  processingTimeInMilliseconds: number;
  riskDetail: string;
  riskLevelAggregated: string;
  riskLevelDuringSignIn: string;
  riskState: string;
  riskEventTypes: string[];
  riskEventTypes_v2: string[];
  resourceDisplayName: string;
  resourceId: string;
  resourceTenantId: string;
  homeTenantId: string;
  authenticationMethodsUsed: string[];
  authenticationRequirement: 'singleFactorAuthentication' | 'multiFactorAuthentication';
  authenticationProtocol: 'none' | 'oAuth2' | 'deviceCode' | 'ropc' | 'saml20' | 'wsFederation';
  originalTransferMethod: 'none' | 'deviceCodeFlow' | 'authenticationTransfer';
  signInIdentifier: string;
  signInIdentifierType: string;
  servicePrincipalId: string;
  servicePrincipalName: string;
  signInEventTypes: ('interactiveUser' | 'nonInteractiveUser' | 'servicePrincipal' | 'managedIdentity')[];
  userType: 'member' | 'guest';
  flaggedForReview: boolean;
  isTenantRestricted: boolean;
  autonomousSystemNumber: number;
  crossTenantAccessType: 'none' | 'b2bCollaboration';
  incomingTokenType: 'none' | 'primaryRefreshToken' | 'refreshToken';
  clientCredentialType: 'none' | 'clientSecret' | 'certificate' | 'clientAssertion';
  uniqueTokenIdentifier: string;
  sessionId: string;
  status: SignInStatus;
  deviceDetail: DeviceDetail;
  location: SignInLocation;
  mfaDetail: { authMethod: string | null; authDetail: string | null };
  appliedConditionalAccessPolicies: AppliedConditionalAccessPolicy[];
  authenticationDetails: AuthenticationDetail[];
  authenticationRequirementPolicies: { requirementProvider: string; detail: string }[];
  networkLocationDetails: { networkType: string; networkNames: string[] }[];
}

export interface DirectoryAuditModifiedProperty {
  displayName: string;
  oldValue: string | null;
  newValue: string | null;
}

export interface DirectoryAuditTargetResource {
  id: string;
  displayName: string | null;
  type: 'User' | 'Group' | 'Role' | 'Application' | 'ServicePrincipal' | 'Device' | 'Policy' | 'Other';
  userPrincipalName: string | null;
  groupType: string | null;
  modifiedProperties: DirectoryAuditModifiedProperty[];
}

export interface DirectoryAudit {
  id: string;
  category: string;
  correlationId: string;
  result: 'success' | 'failure';
  resultReason: string;
  activityDisplayName: string;
  activityDateTime: string;
  loggedByService: string;
  operationType: string;
  initiatedBy: {
    user: { id: string; displayName: string | null; userPrincipalName: string; ipAddress: string; userType: 'Member' } | null;
    app: { appId: string | null; displayName: string; servicePrincipalId: string; servicePrincipalName: string | null } | null;
  };
  targetResources: DirectoryAuditTargetResource[];
  additionalDetails: { key: string; value: string }[];
}

/** A {Name, Value} pair as the unified audit log writes it (values are strings). */
export interface NameValue {
  Name: string;
  Value: string;
}

/** Fields every unified audit record has (§4.10). */
export interface AuditRecordCommon {
  CreationTime: string;
  Id: string;
  Operation: string;
  OrganizationId: string;
  RecordType: number;
  ResultStatus: string;
  UserKey: string;
  UserType: number;
  Version: 1;
  Workload: 'Exchange' | 'AzureActiveDirectory';
  ObjectId: string;
  UserId: string;
  ClientIP?: string;
}

/** RecordType 1: an Exchange cmdlet (§4.12). */
export interface ExchangeAdminRecord extends AuditRecordCommon {
  RecordType: 1;
  Workload: 'Exchange';
  ClientIP: string;
  AppId: string;
  ClientAppId: string;
  ExternalAccess: boolean;
  OrganizationName: string;
  OriginatingServer: string;
  Parameters: NameValue[];
  SessionId: string;
  AppPoolName?: string;
  TokenObjectId?: string;
  TokenTenantId?: string;
}

/** RecordType 2 / 3: a mailbox audit event (§4.13). */
export interface ExchangeMailboxRecord extends AuditRecordCommon {
  RecordType: 2 | 3;
  Workload: 'Exchange';
  ClientIP: string;
  AppId: string;
  ClientAppId: string;
  ClientIPAddress: string;
  ClientInfoString: string;
  ExternalAccess: boolean;
  InternalLogonType: number;
  LogonType: number;
  LogonUserSid: string;
  MailboxGuid: string;
  MailboxOwnerSid: string;
  MailboxOwnerUPN: string;
  OrganizationName: string;
  OriginatingServer: string;
  SessionId: string;
  OperationProperties?: NameValue[];
  Item?: Record<string, unknown>;
  Folder?: Record<string, unknown>;
  DestFolder?: Record<string, unknown>;
  CrossMailboxOperation?: boolean;
  AffectedItems?: Record<string, unknown>[];
  ClientProcessName?: string;
  ClientVersion?: string;
  SendAsUserSmtp?: string;
}

/** RecordType 50: MailItemsAccessed (§4.13). */
export interface MailItemsAccessedRecord extends AuditRecordCommon {
  RecordType: 50;
  Workload: 'Exchange';
  Operation: 'MailItemsAccessed';
  ClientIP: string;
  AppId: string;
  ClientAppId: string;
  ClientIPAddress: string;
  ClientInfoString: string;
  ExternalAccess: boolean;
  InternalLogonType: number;
  LogonType: number;
  LogonUserSid: string;
  MailboxGuid: string;
  MailboxOwnerSid: string;
  MailboxOwnerUPN: string;
  OperationCount: number;
  OperationProperties: NameValue[];
  OrganizationName: string;
  OriginatingServer: string;
  SessionId: string;
  Folders: { Id: string; Path: string; FolderItems: { Id: string; ImmutableId: string; InternetMessageId: string; CreationTime: string; SizeInBytes: number; Subject: string; ClientRequestId: string }[] }[];
  AppAccessContext: { AADSessionId: string; ClientAppId: string; ClientAppName?: string; IssuedAtTime: string; UniqueTokenId: string };
}

export interface ActorOrTarget {
  ID: string;
  Type: number;
}

/** RecordType 8 (directory changes) and 15 (STS logons) share the Azure AD schema (§4.14). */
export interface AzureActiveDirectoryRecord extends AuditRecordCommon {
  RecordType: 8;
  Workload: 'AzureActiveDirectory';
  AzureActiveDirectoryEventType: 1;
  ExtendedProperties: NameValue[];
  ModifiedProperties: { Name: string; NewValue: string; OldValue: string }[];
  Actor: ActorOrTarget[];
  ActorContextId: string;
  InterSystemsId: string;
  IntraSystemId: string;
  SupportTicketId: string;
  Target: ActorOrTarget[];
  TargetContextId: string;
}

export interface StsLogonRecord extends AuditRecordCommon {
  RecordType: 15;
  Workload: 'AzureActiveDirectory';
  Operation: 'UserLoggedIn' | 'UserLoginFailed';
  ClientIP: string;
  AzureActiveDirectoryEventType: 1;
  ExtendedProperties: NameValue[];
  ModifiedProperties: [];
  Actor: ActorOrTarget[];
  ActorContextId: string;
  ActorIpAddress: string;
  InterSystemsId: string;
  IntraSystemId: string;
  SupportTicketId: string;
  Target: ActorOrTarget[];
  TargetContextId: string;
  ApplicationId: string;
  DeviceProperties: NameValue[];
  ErrorNumber: string;
  LogonError?: string;
}

export type AuditRecord = ExchangeAdminRecord | ExchangeMailboxRecord | MailItemsAccessedRecord | AzureActiveDirectoryRecord | StsLogonRecord;

// ---------------------------------------------------------------------------------------------------------------
// Ground truth

export type EvidenceSource = 'signIn' | 'directoryAudit' | 'auditRecord';

export interface Evidence {
  source: EvidenceSource;
  /** signIn.id, directoryAudit.id or AuditRecord.Id */
  id: string;
  /** The hour index that holds the record (activity.signIns(hour) etc.). */
  hour: number;
  /** ISO 8601 UTC time of the record. */
  time: string;
  /** signIn: 'signIn:<errorCode>'; directoryAudit: activityDisplayName; auditRecord: Operation. */
  operation: string;
}

export interface StateChange {
  /** Where in TenantState (or users) the change is, e.g. "inboxRules['a@x']['Name=.']" or "mailboxes['a@x'].ForwardingSmtpAddress". */
  path: string;
  before: unknown;
  after: unknown;
}

export interface Label {
  /** Stable id: '<scenario>#<n>' */
  id: string;
  scenario: ScenarioName;
  /** Finer kind for scenarios with several shapes, e.g. 'forward-external' for malicious-inbox-rule. */
  variant: string | null;
  summary: string;
  /** ISO 8601 UTC; the first and last evidence times. */
  start: string;
  end: string;
  actors: { upns: string[]; ips: string[]; apps: string[] };
  targets: { upns: string[]; objects: string[] };
  /** The office networks (CIDRs) that count as trusted for this tenant. */
  trustedNetworks: string[];
  /** ATT&CK technique ids that describe it. */
  techniques: string[];
  /** Every record id that shows it (sign-ins, directory audits, unified audit records). */
  recordIds: string[];
  evidence: Evidence[];
  stateChanges: StateChange[];
}

export interface NearMiss {
  /** The scenario it resembles. */
  resembles: ScenarioName;
  summary: string;
  upn: string;
  start: string;
  end: string;
  recordIds: string[];
}
