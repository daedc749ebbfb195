/**
 * Small synthetic records in the real wire shapes (reference/microsoft-wire-formats.md): Graph
 * `signIn` (beta superset), unified audit log records (Management Activity API: Exchange cmdlets
 * RecordType 1, STS logons RecordType 15, MailItemsAccessed RecordType 50, directory changes
 * RecordType 8) and Graph `directoryAudit`. Rule tests build their positive and negative cases
 * from these, so the records go through the importers' real mappers.
 */
type Json = Record<string, unknown>;

let counter = 0;
function guid(): string {
  counter++;
  const hex = counter.toString(16).padStart(12, '0');
  return `00000000-0000-4000-8000-${hex}`;
}

export const iso = (ms: number): string => new Date(ms).toISOString().replace(/\.\d{3}Z$/, 'Z');
export const ualIso = (ms: number): string => new Date(ms).toISOString().slice(0, 19);

export interface SignInSpec {
  at: number;
  user: string;
  ip: string;
  errorCode?: number;
  failureReason?: string;
  additionalDetails?: string | null;
  app?: string;
  clientApp?: string;
  interactive?: boolean;
  country?: string;
  city?: string;
  lat?: number;
  lon?: number;
  sessionId?: string;
  deviceId?: string;
  os?: string;
  browser?: string;
  userAgent?: string;
  protocol?: 'none' | 'deviceCode' | 'ropc';
  transfer?: 'none' | 'deviceCodeFlow';
  riskLevel?: 'none' | 'low' | 'medium' | 'high';
  riskState?: string;
}

/** A Graph signIn resource. */
export function graphSignIn(s: SignInSpec): Json {
  const failed = (s.errorCode ?? 0) !== 0;
  return {
    id: guid(),
    createdDateTime: iso(s.at),
    userDisplayName: s.user.split('@')[0],
    userPrincipalName: s.user,
    userId: guid(),
    appId: '4765445b-32c6-49b0-83e6-1d93765276ca',
    appDisplayName: s.app ?? 'OfficeHome',
    ipAddress: s.ip,
    clientAppUsed: s.clientApp ?? 'Browser',
    userAgent: s.userAgent ?? 'Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/126.0.0.0 Safari/537.36',
    correlationId: guid(),
    conditionalAccessStatus: 'notApplied',
    isInteractive: s.interactive ?? true,
    riskDetail: 'none',
    riskLevelAggregated: s.riskLevel ?? 'none',
    riskLevelDuringSignIn: s.riskLevel ?? 'none',
    riskState: s.riskState ?? (s.riskLevel && s.riskLevel !== 'none' ? 'atRisk' : 'none'),
    riskEventTypes_v2: [],
    resourceDisplayName: 'Office365 Shell WCSS-Server',
    resourceId: '5f09333a-842c-47da-a157-57da27fcbca5',
    authenticationRequirement: 'singleFactorAuthentication',
    authenticationProtocol: s.protocol ?? 'none',
    originalTransferMethod: s.transfer ?? 'none',
    signInEventTypes: [s.interactive === false ? 'nonInteractiveUser' : 'interactiveUser'],
    sessionId: s.sessionId ?? '',
    uniqueTokenIdentifier: guid(),
    status: {
      errorCode: s.errorCode ?? 0,
      failureReason: failed ? (s.failureReason ?? 'Error validating credentials due to invalid username or password.') : null,
      additionalDetails: s.additionalDetails ?? null,
    },
    deviceDetail: {
      deviceId: s.deviceId ?? '',
      displayName: '',
      operatingSystem: s.os ?? 'Windows 10',
      browser: s.browser ?? 'Chrome 126.0.0',
      isCompliant: false,
      isManaged: false,
      trustType: '',
    },
    location: {
      city: s.city ?? null,
      state: null,
      countryOrRegion: s.country ?? null,
      geoCoordinates: { altitude: null, latitude: s.lat ?? null, longitude: s.lon ?? null },
    },
    authenticationDetails: [],
  };
}

/** A unified audit log STS logon (RecordType 15): UserLoggedIn / UserLoginFailed. */
export function ualLogon(s: { at: number; user: string; ip: string; errorCode?: number }): Json {
  const failed = (s.errorCode ?? 0) !== 0;
  return {
    CreationTime: ualIso(s.at),
    Id: guid(),
    Operation: failed ? 'UserLoginFailed' : 'UserLoggedIn',
    OrganizationId: '8d4121ed-0008-406d-bff9-0d5bb312183c',
    RecordType: 15,
    ResultStatus: failed ? 'Failed' : 'Success',
    UserKey: guid(),
    UserType: 0,
    Version: 1,
    Workload: 'AzureActiveDirectory',
    ClientIP: s.ip,
    ObjectId: 'Unknown',
    UserId: s.user,
    AzureActiveDirectoryEventType: 1,
    ExtendedProperties: [
      { Name: 'ResultStatusDetail', Value: failed ? 'UserError' : 'Success' },
      { Name: 'RequestType', Value: 'OAuth2:Token' },
    ],
    ActorIpAddress: s.ip,
    ApplicationId: '00000002-0000-0ff1-ce00-000000000000',
    ErrorNumber: String(s.errorCode ?? 0),
    ...(failed ? { LogonError: 'InvalidUserNameOrPassword' } : {}),
  };
}

/** An Exchange cmdlet as the unified audit log records it (RecordType 1). */
export function ualCmdlet(s: {
  at: number;
  user: string;
  ip: string;
  operation: string;
  parameters: Record<string, string>;
  objectId?: string;
  failed?: boolean;
}): Json {
  return {
    CreationTime: ualIso(s.at),
    Id: guid(),
    Operation: s.operation,
    OrganizationId: '8d4121ed-0008-406d-bff9-0d5bb312183c',
    RecordType: 1,
    ResultStatus: s.failed ? 'False' : 'True',
    UserKey: '10032002643F6746',
    UserType: 2,
    Version: 1,
    Workload: 'Exchange',
    ClientIP: `${s.ip.includes(':') ? `[${s.ip}]` : s.ip}:51234`,
    ObjectId: s.objectId ?? '',
    UserId: s.user,
    AppId: 'fb78d390-0c51-40cd-8e17-fdbfab77341b',
    ClientAppId: '',
    ExternalAccess: false,
    OrganizationName: 'contoso.onmicrosoft.com',
    OriginatingServer: 'TYUPR03MB7029 (15.20.6609.024)',
    Parameters: Object.entries(s.parameters).map(([Name, Value]) => ({ Name, Value })),
    SessionId: guid(),
  };
}

/** A directory change in the unified audit log (RecordType 8), e.g. 'Add member to role.'. */
export function ualDirectoryChange(s: {
  at: number;
  user: string;
  operation: string;
  target: string;
  modified: { Name: string; NewValue: string; OldValue: string }[];
}): Json {
  return {
    CreationTime: ualIso(s.at),
    Id: guid(),
    Operation: s.operation,
    OrganizationId: '8d4121ed-0008-406d-bff9-0d5bb312183c',
    RecordType: 8,
    ResultStatus: 'Success',
    UserKey: '10032002643F6746@contoso.onmicrosoft.com',
    UserType: 0,
    Version: 1,
    Workload: 'AzureActiveDirectory',
    ObjectId: s.target,
    UserId: s.user,
    AzureActiveDirectoryEventType: 1,
    ExtendedProperties: [{ Name: 'additionalDetails', Value: '{}' }],
    ModifiedProperties: s.modified,
    Actor: [{ ID: s.user, Type: 5 }],
    Target: [{ ID: s.target, Type: 5 }],
  };
}

/** A Graph directoryAudit. */
export function graphDirectoryAudit(s: {
  at: number;
  user: string;
  ip?: string;
  activity: string;
  category?: string;
  targets: {
    id?: string;
    displayName?: string | null;
    type?: string;
    userPrincipalName?: string | null;
    modifiedProperties?: { displayName: string; oldValue: string | null; newValue: string | null }[];
  }[];
}): Json {
  const correlationId = guid();
  return {
    id: `Directory_${correlationId}_ABCDE_12345678`,
    category: s.category ?? 'UserManagement',
    correlationId,
    result: 'success',
    resultReason: '',
    activityDisplayName: s.activity,
    activityDateTime: iso(s.at),
    loggedByService: 'Core Directory',
    operationType: 'Update',
    initiatedBy: { user: { id: guid(), displayName: null, userPrincipalName: s.user, ipAddress: s.ip ?? '', userType: 'Member' }, app: null },
    targetResources: s.targets.map((t) => ({
      id: t.id ?? guid(),
      displayName: t.displayName ?? null,
      type: t.type ?? 'User',
      userPrincipalName: t.userPrincipalName ?? null,
      groupType: null,
      modifiedProperties: t.modifiedProperties ?? [],
    })),
    additionalDetails: [],
  };
}

/** A MailItemsAccessed record (RecordType 50). */
export function mailItemsAccessed(s: { at: number; user: string; owner?: string; ip: string; items?: number; throttled?: boolean }): Json {
  return {
    CreationTime: ualIso(s.at),
    Id: guid(),
    Operation: 'MailItemsAccessed',
    OrganizationId: '8d4121ed-0008-406d-bff9-0d5bb312183c',
    RecordType: 50,
    ResultStatus: 'Succeeded',
    UserKey: '10032002643F6746',
    UserType: 0,
    Version: 1,
    Workload: 'Exchange',
    ClientIP: s.ip,
    ObjectId: '',
    UserId: s.user,
    AppId: '00000003-0000-0000-c000-000000000000',
    ClientAppId: '14d82eec-204b-4c2f-b7e8-296a70dab67e',
    ClientIPAddress: s.ip,
    ClientInfoString: 'Client=REST;;',
    ExternalAccess: false,
    InternalLogonType: 0,
    LogonType: 0,
    MailboxOwnerUPN: s.owner ?? s.user,
    OperationCount: s.items ?? 1,
    OperationProperties: [
      { Name: 'MailAccessType', Value: 'Bind' },
      { Name: 'IsThrottled', Value: s.throttled ? 'True' : 'False' },
    ],
    SessionId: guid(),
    AppAccessContext: {
      AADSessionId: guid(),
      ClientAppId: '14d82eec-204b-4c2f-b7e8-296a70dab67e',
      IssuedAtTime: ualIso(s.at - 600_000),
      UniqueTokenId: 'abcDEF123',
    },
  };
}

export const T0 = Date.UTC(2026, 2, 2, 9, 0, 0); // a Monday, 09:00 UTC
export const MIN = 60_000;
export const HOURS = 3_600_000;
export const DAYS = 86_400_000;
