// Builds Graph signIn objects (beta superset) and the matching unified-audit STS logon records (RecordType 15)
// from one description of a sign-in attempt, so both views of the same event always agree.

import type { Resource } from '../apps.ts';
import type { SignInOutcome } from '../errors.ts';
import type {
  AppliedConditionalAccessPolicy, AuthenticationDetail, Device, NameValue, SignIn, StsLogonRecord, User,
} from '../model.ts';
import { isoTicks, isoZ, ualTime } from '../time.ts';
import type { ActivityContext } from './context.ts';

export interface Place {
  city: string;
  state: string;
  country: string;
  lat: number;
  lon: number;
  asn: number;
}

/**
 * How the second factor went: 'none' single factor; 'claim' satisfied by an earlier MFA in the token; 'push'/'otp'
 * performed now; 'interrupt' the password was right and MFA is now required (50074, the first half of an MFA
 * sign-in); 'denied'/'noResponse' the push was refused or ignored (500121).
 */
export type MfaStep = 'none' | 'claim' | 'push' | 'otp' | 'interrupt' | 'denied' | 'noResponse';

export interface SignInSpec {
  id: string;
  correlationId: string;
  sessionId: string;
  uniqueTokenIdentifier: string;
  ms: number;
  user: User;
  app: { appId: string; displayName: string; resource: Resource };
  clientAppUsed: string;
  ip: string;
  place: Place;
  trusted: boolean;
  device: Device;
  /** Overrides the device's user agent (desktop apps send their own). */
  userAgent?: string;
  interactive: boolean;
  outcome: SignInOutcome;
  additionalDetails: string | null;
  mfa: MfaStep;
  legacy: boolean;
  protocol: SignIn['authenticationProtocol'];
  originalTransferMethod?: SignIn['originalTransferMethod'];
  incomingTokenType: SignIn['incomingTokenType'];
  risk?: { level: 'low' | 'medium' | 'high'; eventTypes: string[]; state: 'atRisk' | 'dismissed' | 'remediated' };
  /** Extra ticks (0..9999) for the 7-digit authentication step timestamps. */
  ticks: number;
  processingMs: number;
}

// Built records are read-only, so nested values that repeat (device, location, policies, status) are built once
// and shared between records: far fewer allocations per record, and identical JSON.
const NO_RISK: string[] = [];
const EMPTY: never[] = [];
const INTERACTIVE: SignIn['signInEventTypes'] = ['interactiveUser'];
const NON_INTERACTIVE: SignIn['signInEventTypes'] = ['nonInteractiveUser'];
const MFA_NONE = { authMethod: null, authDetail: null };
const MFA_PUSH = { authMethod: 'PhoneAppNotification', authDetail: null };
const MFA_OTP = { authMethod: 'PhoneAppOTP', authDetail: null };
const CA_REQUIREMENT = [{ requirementProvider: 'multiConditionalAccess', detail: 'Conditional Access' }];
const METHODS_PASSWORD = ['Password'];
const METHODS_PUSH = ['Password', 'Mobile app notification'];
const METHODS_OTP = ['Password', 'OATH verification code'];
const deviceDetails = new WeakMap<Device, SignIn['deviceDetail']>();
const locations = new WeakMap<Place, SignIn['location']>();
const statuses = new Map<string, SignIn['status']>();
const trustedNetworkDetails = new Map<string, SignIn['networkLocationDetails']>();

function deviceDetailOf(d: Device): SignIn['deviceDetail'] {
  let v = deviceDetails.get(d);
  if (!v) {
    v = { deviceId: d.deviceId, displayName: d.displayName, operatingSystem: d.operatingSystem, browser: d.browser, isCompliant: d.isCompliant, isManaged: d.isManaged, trustType: d.trustType };
    deviceDetails.set(d, v);
  }
  return v;
}

function locationOf(p: Place): SignIn['location'] {
  let v = locations.get(p);
  if (!v) {
    v = { city: p.city, state: p.state, countryOrRegion: p.country, geoCoordinates: { altitude: null, latitude: p.lat, longitude: p.lon } };
    locations.set(p, v);
  }
  return v;
}

function statusOf(errorCode: number, failureReason: string | null, additionalDetails: string | null): SignIn['status'] {
  const key = `${errorCode}|${additionalDetails ?? ''}`;
  let v = statuses.get(key);
  if (!v) {
    v = { errorCode, failureReason, additionalDetails };
    statuses.set(key, v);
  }
  return v;
}

const policySets = new WeakMap<ActivityContext, Map<string, AppliedConditionalAccessPolicy[]>>();

function caPolicies(ctx: ActivityContext, s: SignInSpec, isAdmin: boolean): AppliedConditionalAccessPolicy[] {
  const { adminMfa, allMfa, blockLegacy } = ctx.ca;
  let cache = policySets.get(ctx);
  if (!cache) {
    cache = new Map();
    policySets.set(ctx, cache);
  }
  const failed = s.outcome.errorCode !== 0;
  const passwordStage = s.mfa === 'none' || s.mfa === 'claim' || s.mfa === 'push' || s.mfa === 'otp';
  const mfaResult: AppliedConditionalAccessPolicy['result'] = s.legacy
    ? 'notApplied'
    : failed && passwordStage
      ? 'notApplied'
      : failed
        ? 'failure'
        : 'success';
  const key = `${isAdmin ? 1 : 0}${s.user.mfaRequired ? 1 : 0}${s.legacy ? 1 : 0}${mfaResult}`;
  let v = cache.get(key);
  if (!v) {
    v = [
      { id: adminMfa.id, displayName: adminMfa.displayName, enforcedGrantControls: adminMfa.enforcedGrantControls, enforcedSessionControls: [], result: isAdmin ? mfaResult : 'notApplied' },
      { id: allMfa.id, displayName: allMfa.displayName, enforcedGrantControls: allMfa.enforcedGrantControls, enforcedSessionControls: [], result: s.user.mfaRequired ? mfaResult : 'notApplied' },
      { id: blockLegacy.id, displayName: blockLegacy.displayName, enforcedGrantControls: blockLegacy.enforcedGrantControls, enforcedSessionControls: [], result: s.legacy ? 'reportOnlyFailure' : 'reportOnlyNotApplied' },
    ];
    cache.set(key, v);
  }
  return v;
}

function authDetails(s: SignInSpec): AuthenticationDetail[] {
  if (!s.interactive) return EMPTY;
  const at = isoTicks(s.ms - 2000, s.ticks);
  const passwordOk = s.outcome.errorCode !== 50126 && s.outcome.errorCode !== 50053 && s.outcome.errorCode !== 50057 && s.outcome.errorCode !== 50034 && s.outcome.errorCode !== 50055;
  const primary: AuthenticationDetail = {
    authenticationStepDateTime: at,
    authenticationMethod: 'Password',
    authenticationMethodDetail: 'Password in the cloud',
    succeeded: passwordOk,
    authenticationStepResultDetail: passwordOk ? 'Correct password' : s.outcome.errorCode === 50053 ? 'Account is locked' : s.outcome.errorCode === 50055 ? 'Password expired' : 'Invalid username or password or Invalid on-premise username or password.',
    authenticationStepRequirement: 'Primary authentication',
  };
  const later = isoTicks(s.ms, s.ticks);
  switch (s.mfa) {
    case 'claim':
      return [primary, { authenticationStepDateTime: later, authenticationMethod: 'Previously satisfied', authenticationMethodDetail: null, succeeded: true, authenticationStepResultDetail: 'MFA requirement satisfied by claim in the token', authenticationStepRequirement: 'Multifactor authentication' }];
    case 'push':
      return [primary, { authenticationStepDateTime: later, authenticationMethod: 'Mobile app notification', authenticationMethodDetail: null, succeeded: true, authenticationStepResultDetail: 'MFA successfully completed', authenticationStepRequirement: 'Multifactor authentication' }];
    case 'otp':
      return [primary, { authenticationStepDateTime: later, authenticationMethod: 'OATH verification code', authenticationMethodDetail: null, succeeded: true, authenticationStepResultDetail: 'MFA successfully completed', authenticationStepRequirement: 'Multifactor authentication' }];
    case 'interrupt':
      return [primary, { authenticationStepDateTime: later, authenticationMethod: 'Mobile app notification', authenticationMethodDetail: null, succeeded: false, authenticationStepResultDetail: 'MFA required in Azure AD', authenticationStepRequirement: 'Multifactor authentication' }];
    case 'denied':
      return [primary, { authenticationStepDateTime: later, authenticationMethod: 'Mobile app notification', authenticationMethodDetail: null, succeeded: false, authenticationStepResultDetail: 'MFA denied; user declined the authentication', authenticationStepRequirement: 'Multifactor authentication' }];
    case 'noResponse':
      return [primary, { authenticationStepDateTime: later, authenticationMethod: 'Mobile app notification', authenticationMethodDetail: null, succeeded: false, authenticationStepResultDetail: 'MFA denied; user did not respond to mobile app notification', authenticationStepRequirement: 'Multifactor authentication' }];
    default:
      return [primary];
  }
}

function methodsUsed(s: SignInSpec): string[] {
  if (!s.interactive) return EMPTY;
  return s.mfa === 'push' ? METHODS_PUSH : s.mfa === 'otp' ? METHODS_OTP : METHODS_PASSWORD;
}

function trustedDetails(name: string): SignIn['networkLocationDetails'] {
  let v = trustedNetworkDetails.get(name);
  if (!v) {
    v = [{ networkType: 'namedNetwork', networkNames: [name] }];
    trustedNetworkDetails.set(name, v);
  }
  return v;
}

export function buildSignIn(ctx: ActivityContext, s: SignInSpec): SignIn {
  const isAdmin = s.user.directoryRoles.length > 0;
  const mfaFlow = s.mfa !== 'none';
  const success = s.outcome.errorCode === 0;
  const caStatus: SignIn['conditionalAccessStatus'] = s.legacy || (!success && (s.mfa === 'none' || s.mfa === 'claim' || s.mfa === 'push' || s.mfa === 'otp'))
    ? 'notApplied'
    : success
      ? (s.user.mfaRequired || isAdmin ? 'success' : 'notApplied')
      : 'failure';
  const risk = s.risk;
  const d = s.device;
  return {
    id: s.id,
    createdDateTime: isoZ(s.ms),
    userDisplayName: s.user.displayName,
    userPrincipalName: s.user.userPrincipalName,
    userId: s.user.id,
    appId: s.app.appId,
    appDisplayName: s.app.displayName,
    ipAddress: s.ip,
    clientAppUsed: s.clientAppUsed,
    userAgent: s.userAgent ?? d.userAgent,
    correlationId: s.correlationId,
    conditionalAccessStatus: caStatus,
    originalRequestId: s.id,
    isInteractive: s.interactive,
    tokenIssuerName: '',
    tokenIssuerType: 'AzureAD',
    processingTimeInMilliseconds: s.processingMs,
    riskDetail: risk ? 'none' : 'none',
    riskLevelAggregated: risk ? risk.level : 'none',
    riskLevelDuringSignIn: risk ? risk.level : 'none',
    riskState: risk ? risk.state : 'none',
    riskEventTypes: risk ? risk.eventTypes : NO_RISK,
    riskEventTypes_v2: risk ? risk.eventTypes : NO_RISK,
    resourceDisplayName: s.app.resource.displayName,
    resourceId: s.app.resource.id,
    resourceTenantId: ctx.tenantId,
    homeTenantId: ctx.tenantId,
    authenticationMethodsUsed: methodsUsed(s),
    authenticationRequirement: mfaFlow && !s.legacy ? 'multiFactorAuthentication' : 'singleFactorAuthentication',
    authenticationProtocol: s.protocol,
    originalTransferMethod: s.originalTransferMethod ?? 'none',
    signInIdentifier: s.user.userPrincipalName,
    signInIdentifierType: 'userPrincipalName',
    servicePrincipalId: '',
    servicePrincipalName: '',
    signInEventTypes: s.interactive ? INTERACTIVE : NON_INTERACTIVE,
    userType: s.user.userType === 'Guest' ? 'guest' : 'member',
    flaggedForReview: false,
    isTenantRestricted: false,
    autonomousSystemNumber: s.place.asn,
    crossTenantAccessType: 'none',
    incomingTokenType: s.incomingTokenType,
    clientCredentialType: 'none',
    uniqueTokenIdentifier: s.uniqueTokenIdentifier,
    sessionId: s.sessionId,
    status: statusOf(s.outcome.errorCode, s.outcome.failureReason, s.additionalDetails),
    deviceDetail: deviceDetailOf(d),
    location: locationOf(s.place),
    mfaDetail: s.mfa === 'push' ? MFA_PUSH : s.mfa === 'otp' ? MFA_OTP : MFA_NONE,
    appliedConditionalAccessPolicies: s.interactive || s.legacy ? caPolicies(ctx, s, isAdmin) : EMPTY,
    authenticationDetails: authDetails(s),
    authenticationRequirementPolicies: mfaFlow && !s.legacy ? CA_REQUIREMENT : EMPTY,
    networkLocationDetails: s.trusted ? trustedDetails(ctx.trustedLocationName) : EMPTY,
  };
}

function browserType(device: Device): string {
  const b = device.browser;
  if (b.startsWith('Edge')) return 'Edge';
  if (b.startsWith('Chrome')) return 'Chrome';
  if (b.startsWith('Safari') || b.startsWith('Mobile Safari')) return 'Safari';
  if (b.startsWith('Firefox')) return 'Firefox';
  return 'Other';
}

// Shared (read-only) ExtendedProperties lists, by user agent and then by the few values that vary.
const extendedCache = new Map<string, Map<number, NameValue[]>>();
const STATUS_DETAILS = ['Success', 'UserError', 'Redirect'] as const;
const REQUEST_TYPES = ['OAuth2:Authorize', 'OAuth2:Token', 'OAuth2:DeviceAuth'] as const;

export function extendedProperties(s: SignInSpec, success: boolean): NameValue[] {
  const ua = s.userAgent ?? s.device.userAgent;
  const status = STATUS_DETAILS.indexOf(s.outcome.statusDetail);
  const mfa = s.mfa === 'push' || s.mfa === 'otp' ? 1 : 0;
  const request = s.legacy || s.protocol === 'ropc' ? 1 : s.protocol === 'deviceCode' ? 2 : 0;
  const kmsi = success && s.clientAppUsed === 'Browser' ? 1 : 0;
  const key = status * 16 + mfa * 8 + request * 2 + kmsi;
  let byKey = extendedCache.get(ua);
  if (!byKey) {
    byKey = new Map();
    extendedCache.set(ua, byKey);
  }
  let v = byKey.get(key);
  if (!v) {
    v = [
      { Name: 'ResultStatusDetail', Value: s.outcome.statusDetail },
      { Name: 'UserAgent', Value: ua },
      { Name: 'UserAuthenticationMethod', Value: mfa ? '4' : '1' },
      { Name: 'RequestType', Value: REQUEST_TYPES[request]! },
    ];
    if (kmsi) v.push({ Name: 'KeepMeSignedIn', Value: 'True' });
    byKey.set(key, v);
  }
  return v;
}

const devicePrefixes = new WeakMap<Device, NameValue[]>();

export function devicePropertyPrefix(d: Device): NameValue[] {
  let v = devicePrefixes.get(d);
  if (!v) {
    v = [];
    if (d.deviceId) v.push({ Name: 'Id', Value: d.deviceId }, { Name: 'DisplayName', Value: d.displayName });
    v.push(
      { Name: 'OS', Value: d.operatingSystem },
      { Name: 'BrowserType', Value: browserType(d) },
      { Name: 'IsCompliantAndManaged', Value: d.isCompliant && d.isManaged ? 'True' : 'False' },
    );
    devicePrefixes.set(d, v);
  }
  return v;
}

/** The unified-audit view (RecordType 15) of an interactive sign-in. */
export function buildStsLogon(ctx: ActivityContext, s: SignInSpec, recordId: string): StsLogonRecord {
  const success = s.outcome.errorCode === 0;
  const d = s.device;
  const extended = extendedProperties(s, success);
  const deviceProps: NameValue[] = devicePropertyPrefix(d).slice();
  deviceProps.push({ Name: 'SessionId', Value: s.sessionId });
  const target = success ? s.app.resource.id : 'Unknown';
  const record: StsLogonRecord = {
    CreationTime: ualTime(s.ms),
    Id: recordId,
    Operation: success ? 'UserLoggedIn' : 'UserLoginFailed',
    OrganizationId: ctx.tenantId,
    RecordType: 15,
    ResultStatus: success ? 'Success' : 'Failed',
    UserKey: s.user.id,
    UserType: 0,
    Version: 1,
    Workload: 'AzureActiveDirectory',
    ClientIP: s.ip,
    ObjectId: target,
    UserId: s.user.userPrincipalName,
    AzureActiveDirectoryEventType: 1,
    ExtendedProperties: extended,
    ModifiedProperties: [],
    Actor: [{ ID: s.user.id, Type: 0 }, { ID: s.user.userPrincipalName, Type: 5 }],
    ActorContextId: ctx.tenantId,
    ActorIpAddress: s.ip,
    InterSystemsId: s.correlationId,
    IntraSystemId: s.id,
    SupportTicketId: '',
    Target: [{ ID: target, Type: 0 }],
    TargetContextId: ctx.tenantId,
    ApplicationId: s.app.appId,
    DeviceProperties: deviceProps,
    ErrorNumber: String(s.outcome.errorCode),
  };
  if (!success) record.LogonError = s.outcome.logonError;
  return record;
}
