import { normalizeIp } from '../normalizeIp.ts';
import { parseTimestamp } from '../parseTime.ts';
import { arr, bool01, int, joinDistinct, lower, num, obj, pick, str, type Obj } from '../fieldAccess.ts';
import { emptyFields } from '../../store/recordFields.ts';
import { RecordRejected, type MapContext, type MappedRecord } from './mappedRecord.ts';

const TABLE_EVENT_TYPE: Record<string, string> = {
  AADNonInteractiveUserSignInLogs: 'nonInteractiveUser',
  AADServicePrincipalSignInLogs: 'servicePrincipal',
  AADManagedIdentitySignInLogs: 'managedIdentity',
};

/**
 * An Entra ID sign-in: Graph `signIn` (v1.0 or beta, camelCase) or a Log Analytics SigninLogs /
 * AADNonInteractiveUserSignInLogs row (PascalCase, nested columns as objects or JSON text).
 * A sign-in id is a request id, and Log Analytics keeps several rows per request (one per
 * evaluation: an MFA interrupt, then the success), so two records are the same only when their id
 * AND their bytes are: a re-import adds nothing, and no evaluation is lost.
 */
export function mapSignIn(record: Obj, format: string, ctx: MapContext): MappedRecord {
  const notes: string[] = [];
  const f = emptyFields();
  const authDetails = arr(pick(record, 'authenticationDetails')) ?? [];

  let timeField: string | null = null;
  for (const name of ['createdDateTime', 'TimeGenerated']) {
    const value = pick(record, name);
    if (value === undefined) continue;
    const t = parseTimestamp(value);
    if (t === null) throw new RecordRejected(`${name} is not a time: ${JSON.stringify(value).slice(0, 60)}`);
    f.time_ms = t;
    timeField = name;
    break;
  }
  if (timeField === null) {
    // Some portal projections drop CreatedDateTime/TimeGenerated; the first authentication step has the time.
    const step = authDetails.map((d) => parseTimestamp(pick(obj(d), 'authenticationStepDateTime'))).find((t) => t !== null);
    if (step === undefined || step === null) throw new RecordRejected('the sign-in has no createdDateTime, TimeGenerated or authentication step time');
    f.time_ms = step;
    notes.push('time taken from the first authenticationStepDateTime (no CreatedDateTime or TimeGenerated column)');
  }

  const table = str(pick(record, 'Type'));
  const eventTypes = arr(pick(record, 'signInEventTypes'));
  f.is_interactive = bool01(pick(record, 'isInteractive'));
  f.record_type =
    str(eventTypes?.[0]) ?? (table ? TABLE_EVENT_TYPE[table] : undefined) ?? (f.is_interactive === 1 ? 'interactiveUser' : f.is_interactive === 0 ? 'nonInteractiveUser' : null);
  f.operation = 'Sign-in activity';
  f.workload = 'AzureActiveDirectory';
  f.user_upn = lower(pick(record, 'userPrincipalName'));
  f.user_id = str(pick(record, 'userId'));
  f.user_name = str(pick(record, 'userDisplayName'));
  f.client_ip = normalizeIp(pick(record, 'ipAddress', 'IPAddress'));

  const status = obj(pick(record, 'status'));
  f.error_code = int(pick(status, 'errorCode')) ?? int(pick(record, 'ResultType'));
  f.result = f.error_code === null ? null : f.error_code === 0 ? 'success' : 'failure';
  f.failure_reason = str(pick(status, 'failureReason')) ?? (f.error_code !== 0 ? str(pick(record, 'ResultDescription')) : null);
  f.auth_detail = str(pick(status, 'additionalDetails'));

  // Log Analytics has both LocationDetails (the object) and Location (the country code).
  const location = obj(pick(record, 'LocationDetails')) ?? obj(pick(record, 'location'));
  const country = str(pick(location, 'countryOrRegion')) ?? str(pick(record, 'Location'));
  f.country = country ? country.toUpperCase() : null;
  f.city = str(pick(location, 'city'));
  const geo = obj(pick(location, 'geoCoordinates'));
  f.latitude = num(pick(geo, 'latitude'));
  f.longitude = num(pick(geo, 'longitude'));

  f.session_id = str(pick(record, 'sessionId'));
  f.correlation_id = str(pick(record, 'correlationId'));
  f.unique_token_id = str(pick(record, 'uniqueTokenIdentifier'));
  f.app_id = str(pick(record, 'appId'));
  f.app_name = str(pick(record, 'appDisplayName'));
  f.resource = str(pick(record, 'resourceDisplayName'));
  f.client_app = str(pick(record, 'clientAppUsed'));
  f.auth_requirement = str(pick(record, 'authenticationRequirement'));
  const mfa = obj(pick(record, 'mfaDetail'));
  f.auth_methods = joinDistinct(authDetails.map((d) => pick(obj(d), 'authenticationMethod'))) ?? str(pick(mfa, 'authMethod'));
  f.ca_status = str(pick(record, 'conditionalAccessStatus'));
  f.risk_level = str(pick(record, 'riskLevelDuringSignIn'));
  f.risk_state = str(pick(record, 'riskState'));
  f.user_agent = str(pick(record, 'userAgent'));
  const device = obj(pick(record, 'deviceDetail'));
  f.device_id = str(pick(device, 'deviceId'));
  f.device_name = str(pick(device, 'displayName'));
  f.device_os = str(pick(device, 'operatingSystem'));
  f.device_browser = str(pick(device, 'browser'));
  f.device_trust = str(pick(device, 'trustType'));
  f.device_compliant = bool01(pick(device, 'isCompliant'));
  f.device_managed = bool01(pick(device, 'isManaged'));
  const protocol = str(pick(record, 'authenticationProtocol'));
  const transfer = str(pick(record, 'originalTransferMethod'));
  f.auth_protocol = protocol && protocol !== 'none' ? protocol : transfer === 'deviceCodeFlow' ? 'deviceCode' : protocol;

  const id = str(pick(record, 'id'));
  return {
    kind: 'signin',
    format,
    sourceId: id,
    dedupKey: `signin:${id ? id.toLowerCase() : ''}:${ctx.rawHash()}`,
    fields: f,
    notes,
  };
}
