// Zod schemas of the served shapes, written from shared/reference/microsoft-wire-formats.md (§3.2 signIn, §3.3
// directoryAudit, §4.10 common audit schema, §4.12 ExchangeAdmin, §4.13 Exchange mailbox, §4.14 STS logon, §2.8
// cmdlet output), not from the generator. Extra properties are allowed (the real resources have more).

import { z } from 'zod';

const guid = z.string().regex(/^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/);
const graphTime = z.string().regex(/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(\.\d{1,7})?Z$/);
/** §4.10: CreationTime is UTC without Z and without fractions. */
const ualTime = z.string().regex(/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}$/);
const ipv4 = z.string().regex(/^(\d{1,3})\.(\d{1,3})\.(\d{1,3})\.(\d{1,3})$/);
const nameValue = z.object({ Name: z.string(), Value: z.string() });
const riskLevel = z.enum(['low', 'medium', 'high', 'hidden', 'none', 'unknownFutureValue']);

export const signInSchema = z.object({
  id: guid,
  createdDateTime: graphTime,
  userDisplayName: z.string(),
  userPrincipalName: z.string().min(3),
  userId: z.string(),
  appId: guid,
  appDisplayName: z.string().min(1),
  ipAddress: ipv4,
  clientAppUsed: z.string().min(1),
  correlationId: guid,
  conditionalAccessStatus: z.enum(['success', 'failure', 'notApplied', 'unknownFutureValue']),
  isInteractive: z.boolean(),
  riskDetail: z.string(),
  riskLevelAggregated: riskLevel,
  riskLevelDuringSignIn: riskLevel,
  riskState: z.enum(['none', 'confirmedSafe', 'remediated', 'dismissed', 'atRisk', 'confirmedCompromised', 'unknownFutureValue']),
  riskEventTypes: z.array(z.string()),
  riskEventTypes_v2: z.array(z.string()),
  resourceDisplayName: z.string(),
  resourceId: guid,
  status: z.object({ errorCode: z.number().int(), failureReason: z.string().nullable(), additionalDetails: z.string().nullable() }),
  deviceDetail: z.object({
    deviceId: z.string(),
    displayName: z.string(),
    operatingSystem: z.string(),
    browser: z.string(),
    isCompliant: z.boolean(),
    isManaged: z.boolean(),
    trustType: z.string(),
  }),
  location: z.object({
    city: z.string().nullable(),
    state: z.string().nullable(),
    countryOrRegion: z.string().regex(/^[A-Z]{2}$/).nullable(),
    geoCoordinates: z.object({ altitude: z.number().nullable(), latitude: z.number().nullable(), longitude: z.number().nullable() }),
  }),
  appliedConditionalAccessPolicies: z.array(
    z.object({
      id: z.string(),
      displayName: z.string(),
      enforcedGrantControls: z.array(z.string()),
      enforcedSessionControls: z.array(z.string()),
      result: z.enum(['success', 'failure', 'notApplied', 'notEnabled', 'unknown', 'unknownFutureValue', 'reportOnlySuccess', 'reportOnlyFailure', 'reportOnlyNotApplied', 'reportOnlyInterrupted']),
    }),
  ),
  // beta
  authenticationRequirement: z.enum(['multiFactorAuthentication', 'singleFactorAuthentication']),
  authenticationDetails: z.array(z.object({ authenticationStepDateTime: graphTime, succeeded: z.boolean() })),
  authenticationMethodsUsed: z.array(z.string()),
  authenticationProtocol: z.string(),
  signInEventTypes: z.array(z.enum(['interactiveUser', 'nonInteractiveUser', 'servicePrincipal', 'managedIdentity'])).min(1),
  userType: z.enum(['member', 'guest']),
  userAgent: z.string(),
  tokenIssuerType: z.string(),
  homeTenantId: guid,
  resourceTenantId: guid,
  sessionId: z.string(),
  uniqueTokenIdentifier: z.string().regex(/^[A-Za-z0-9_-]{22}$/),
  mfaDetail: z.object({ authMethod: z.string().nullable(), authDetail: z.string().nullable() }),
});

export const directoryAuditSchema = z.object({
  id: z.string().min(1),
  activityDateTime: graphTime,
  activityDisplayName: z.string().min(1),
  additionalDetails: z.array(z.object({ key: z.string(), value: z.string() })),
  category: z.string().min(1),
  correlationId: guid,
  initiatedBy: z.object({
    user: z.object({ id: z.string(), displayName: z.string().nullable(), userPrincipalName: z.string(), ipAddress: z.string() }).nullable(),
    app: z.object({ appId: z.string().nullable(), displayName: z.string(), servicePrincipalId: z.string(), servicePrincipalName: z.string().nullable() }).nullable(),
  }),
  loggedByService: z.string(),
  operationType: z.string(),
  result: z.enum(['success', 'failure', 'timeout', 'unknownFutureValue']),
  resultReason: z.string(),
  targetResources: z.array(
    z.object({
      id: z.string(),
      displayName: z.string().nullable(),
      type: z.string(),
      userPrincipalName: z.string().nullable(),
      modifiedProperties: z.array(z.object({ displayName: z.string(), oldValue: z.string().nullable(), newValue: z.string().nullable() })),
    }),
  ),
});

const common = {
  Id: guid,
  CreationTime: ualTime,
  Operation: z.string().min(1),
  OrganizationId: guid,
  UserType: z.number().int().min(0).max(10),
  UserKey: z.string(),
  ResultStatus: z.string(),
  ObjectId: z.string(),
  UserId: z.string().min(1),
  Version: z.literal(1),
};

export const exchangeAdminSchema = z.object({
  ...common,
  RecordType: z.literal(1),
  Workload: z.literal('Exchange'),
  ResultStatus: z.enum(['True', 'False']),
  ClientIP: z.string().regex(/^(\d{1,3}\.){3}\d{1,3}:\d+$/),
  Parameters: z.array(nameValue),
  ExternalAccess: z.boolean(),
  OrganizationName: z.string().endsWith('.onmicrosoft.com'),
  OriginatingServer: z.string(),
});

const mailboxBase = {
  ...common,
  Workload: z.literal('Exchange'),
  ClientIPAddress: z.string(),
  ClientInfoString: z.string(),
  LogonType: z.number().int().min(0).max(6),
  InternalLogonType: z.number().int(),
  MailboxGuid: guid,
  MailboxOwnerUPN: z.string().min(3),
  MailboxOwnerSid: z.string().startsWith('S-1-5-21-'),
  LogonUserSid: z.string().startsWith('S-1-5-21-'),
  ExternalAccess: z.boolean(),
  OrganizationName: z.string(),
  OriginatingServer: z.string(),
  SessionId: z.string(),
};

export const exchangeItemSchema = z.object({ ...mailboxBase, RecordType: z.union([z.literal(2), z.literal(3)]) });

export const mailItemsAccessedSchema = z.object({
  ...mailboxBase,
  RecordType: z.literal(50),
  Operation: z.literal('MailItemsAccessed'),
  OperationCount: z.number().int().min(1),
  OperationProperties: z.array(nameValue).refine((p) => p.some((x) => x.Name === 'MailAccessType' && (x.Value === 'Bind' || x.Value === 'Sync')), 'MailAccessType Bind|Sync'),
  Folders: z.array(z.object({ Id: z.string(), Path: z.string().startsWith('\\'), FolderItems: z.array(z.object({ InternetMessageId: z.string().regex(/^<.+@.+>$/) })) })),
});

const azureAdBase = {
  ...common,
  Workload: z.literal('AzureActiveDirectory'),
  AzureActiveDirectoryEventType: z.number().int(),
  ExtendedProperties: z.array(nameValue),
  ModifiedProperties: z.array(z.object({ Name: z.string(), NewValue: z.string(), OldValue: z.string() })),
  Actor: z.array(z.object({ ID: z.string(), Type: z.number().int() })).min(1),
  ActorContextId: guid,
  InterSystemsId: guid,
  IntraSystemId: z.string(),
  Target: z.array(z.object({ ID: z.string(), Type: z.number().int() })).min(1),
  TargetContextId: guid,
};

export const azureAdSchema = z.object({ ...azureAdBase, RecordType: z.literal(8), ResultStatus: z.string() });

export const stsLogonSchema = z.object({
  ...azureAdBase,
  RecordType: z.literal(15),
  Operation: z.enum(['UserLoggedIn', 'UserLoginFailed']),
  ClientIP: ipv4,
  ActorIpAddress: ipv4,
  ApplicationId: guid,
  ErrorNumber: z.string().regex(/^\d+$/),
  DeviceProperties: z.array(nameValue),
});

export function auditSchemaFor(recordType: number): z.ZodType {
  switch (recordType) {
    case 1:
      return exchangeAdminSchema;
    case 2:
    case 3:
      return exchangeItemSchema;
    case 8:
      return azureAdSchema;
    case 15:
      return stsLogonSchema;
    case 50:
      return mailItemsAccessedSchema;
    default:
      throw new Error(`no schema for RecordType ${recordType}`);
  }
}

/** Get-Mailbox output (§2.8): PascalCase, lower-case 'smtp:' prefix on ForwardingSmtpAddress. */
export const mailboxSchema = z.object({
  Identity: z.string(),
  Alias: z.string(),
  DisplayName: z.string(),
  UserPrincipalName: z.string(),
  PrimarySmtpAddress: z.string().includes('@'),
  EmailAddresses: z.array(z.string().regex(/^(SMTP|smtp|SIP):/)),
  RecipientType: z.literal('UserMailbox'),
  RecipientTypeDetails: z.enum(['UserMailbox', 'SharedMailbox', 'RoomMailbox']),
  ExternalDirectoryObjectId: guid,
  ExchangeGuid: guid,
  ForwardingAddress: z.string().nullable(),
  ForwardingSmtpAddress: z.string().regex(/^smtp:/).nullable(),
  DeliverToMailboxAndForward: z.boolean(),
  AuditEnabled: z.boolean(),
  AuditLogAgeLimit: z.string().regex(/^(\d+\.)?\d{2}:\d{2}:\d{2}$/),
  AuditAdmin: z.array(z.string()),
  AuditDelegate: z.array(z.string()),
  AuditOwner: z.array(z.string()),
});

export const inboxRuleSchema = z.object({
  Name: z.string().min(1),
  Identity: z.string().includes('\\'),
  RuleIdentity: z.string().regex(/^\d+$/),
  Enabled: z.boolean(),
  Priority: z.number().int().min(1),
  ForwardTo: z.array(z.string().regex(/^".*" \[SMTP:.+@.+\]$/)).nullable(),
  RedirectTo: z.array(z.string().regex(/^".*" \[SMTP:.+@.+\]$/)).nullable(),
  DeleteMessage: z.boolean(),
  MoveToFolder: z.string().nullable(),
  MarkAsRead: z.boolean(),
  StopProcessingRules: z.boolean(),
});

export const mailboxPermissionSchema = z.object({
  Identity: z.string(),
  User: z.string(),
  AccessRights: z.array(z.enum(['ChangeOwner', 'ChangePermission', 'DeleteItem', 'ExternalAccount', 'FullAccess', 'ReadPermission'])).min(1),
  IsInherited: z.boolean(),
  Deny: z.boolean(),
});

export const roleAssignmentSchema = z.object({
  id: z.string().regex(/^[A-Za-z0-9_-]{43}-1$/),
  principalId: guid,
  roleDefinitionId: guid,
  directoryScopeId: z.string(),
});

export const userRegistrationDetailsSchema = z.object({
  id: guid,
  userPrincipalName: z.string(),
  userDisplayName: z.string(),
  isAdmin: z.boolean().nullable(),
  isMfaRegistered: z.boolean(),
  isMfaCapable: z.boolean(),
  isSsprRegistered: z.boolean(),
  methodsRegistered: z.array(z.string()),
  userPreferredMethodForSecondaryAuthentication: z.enum(['push', 'oath', 'voiceMobile', 'voiceAlternateMobile', 'voiceOffice', 'sms', 'none', 'unknownFutureValue', '']),
  userType: z.enum(['member', 'guest']),
});

export const riskDetectionSchema = z.object({
  id: z.string(),
  riskEventType: z.string(),
  riskState: z.string(),
  riskLevel: z.string(),
  detectionTimingType: z.enum(['notDefined', 'realtime', 'nearRealtime', 'offline', 'unknownFutureValue']),
  activity: z.enum(['signin', 'user', 'servicePrincipal', 'unknownFutureValue']),
  ipAddress: z.string(),
  activityDateTime: graphTime,
  userPrincipalName: z.string(),
  additionalInfo: z.string(),
});
