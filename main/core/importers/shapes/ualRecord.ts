import { normalizeIp } from '../normalizeIp.ts';
import { parseTimestamp } from '../parseTime.ts';
import { bool01, int, lower, nameValue, obj, pick, str, type Obj } from '../fieldAccess.ts';
import { emptyFields } from '../../store/recordFields.ts';
import { auditResult } from './auditResult.ts';
import { RecordRejected, type MapContext, type MappedRecord } from './mappedRecord.ts';
import { recordTypeName } from './recordTypes.ts';

/**
 * A unified audit log record: the Management Activity API common schema (also the AuditData of
 * Search-UnifiedAuditLog / Purview exports and of Graph audit-log queries), and the same record as
 * Log Analytics' OfficeActivity table holds it (renamed columns, nested fields as JSON text).
 * Two records are the same when their Id AND their bytes are. Real exports repeat an Id with
 * different content (the OTRF password-spray capture has one Id with two UserIds; Log Analytics
 * hunting projections expand one event into several rows), so the Id alone would drop evidence.
 * A re-import adds nothing; the same event exported in two formats is kept twice, with one Id.
 */
export function mapUalRecord(record: Obj, format: string, ctx: MapContext, envelope?: Obj): MappedRecord {
  const notes: string[] = [];
  const f = emptyFields();

  const timeFields = ['CreationTime', 'TimeGenerated', 'Start_Time', 'ElevationTime'];
  let timeField: string | null = null;
  for (const name of timeFields) {
    const value = pick(record, name);
    if (value === undefined) continue;
    const t = parseTimestamp(value);
    if (t === null) throw new RecordRejected(`${name} is not a time: ${JSON.stringify(value).slice(0, 60)}`);
    f.time_ms = t;
    timeField = name;
    break;
  }
  if (f.time_ms === null && envelope) {
    const value = pick(envelope, 'CreationDate', 'createdDateTime');
    const t = parseTimestamp(value);
    if (t !== null) {
      f.time_ms = t;
      timeField = 'CreationDate';
    }
  }
  if (f.time_ms === null) throw new RecordRejected('the audit record has no CreationTime');
  if (timeField !== 'CreationTime' && timeField !== 'TimeGenerated') notes.push(`time taken from ${timeField} (no CreationTime or TimeGenerated)`);

  f.operation = str(pick(record, 'Operation')) ?? str(pick(envelope, 'Operations', 'operation'));
  f.workload = str(pick(record, 'Workload', 'OfficeWorkload')) ?? str(pick(envelope, 'service'));
  f.record_type = recordTypeName(pick(record, 'RecordType') ?? pick(envelope, 'RecordType', 'auditLogRecordType'));
  f.user_upn = lower(pick(record, 'UserId')) ?? lower(pick(envelope, 'UserIds', 'userPrincipalName'));
  f.user_name = str(pick(record, 'LogonUserDisplayName'));
  f.client_ip = normalizeIp(pick(record, 'ClientIP', 'ClientIPAddress', 'Client_IPAddress', 'ActorIpAddress') ?? pick(envelope, 'clientIp'));
  f.object = str(pick(record, 'ObjectId', 'OfficeObjectId'));
  f.result_detail = str(pick(record, 'ResultStatus'));
  f.result = auditResult(f.result_detail);

  const context = obj(pick(record, 'AppAccessContext'));
  const deviceProperties = pick(record, 'DeviceProperties');
  const extended = pick(record, 'ExtendedProperties');
  f.session_id = str(pick(record, 'SessionId')) ?? str(pick(context, 'AADSessionId')) ?? nameValue(deviceProperties, 'SessionId');
  f.correlation_id = str(pick(context, 'CorrelationId')) ?? str(pick(record, 'CorrelationId'));
  f.unique_token_id = str(pick(context, 'UniqueTokenId'));
  f.app_id = str(pick(record, 'AppId', 'ApplicationId', 'ClientAppId')) ?? str(pick(context, 'ClientAppId'));
  f.app_name = str(pick(context, 'ClientAppName')) ?? str(pick(record, 'ClientAppName', 'Application'));
  f.user_agent = nameValue(extended, 'UserAgent') ?? str(pick(record, 'UserAgent', 'ClientInfoString'));
  f.error_code = int(pick(record, 'ErrorNumber', 'ErrorCode'));
  f.failure_reason = str(pick(record, 'LogonError'));
  f.device_id = nameValue(deviceProperties, 'Id') ?? str(pick(record, 'DeviceId'));
  f.device_name = nameValue(deviceProperties, 'DisplayName') ?? nameValue(deviceProperties, 'DeviceName');
  f.device_os = nameValue(deviceProperties, 'OS');
  f.device_browser = nameValue(deviceProperties, 'BrowserType');
  f.device_compliant = bool01(nameValue(deviceProperties, 'IsCompliant') ?? nameValue(deviceProperties, 'IsCompliantAndManaged'));
  f.device_managed = bool01(nameValue(deviceProperties, 'IsManaged'));

  const id = str(pick(record, 'Id', 'OfficeId')) ?? str(pick(envelope, 'RecordId', 'id'));
  return {
    kind: 'audit',
    format,
    sourceId: id,
    dedupKey: `ual:${id ? id.toLowerCase() : ''}:${ctx.rawHash()}`,
    fields: f,
    notes,
  };
}

/** Search-UnifiedAuditLog / Purview rows and Graph audit-log records: the UAL record is their AuditData. */
export function mapUalEnvelope(row: Obj, format: string, ctx: MapContext): MappedRecord {
  const auditData = pick(row, 'AuditData');
  const inner = obj(auditData);
  if (!inner) {
    if (auditData === undefined) throw new RecordRejected('the AuditData field is empty');
    throw new RecordRejected('the AuditData field is not a JSON object');
  }
  return mapUalRecord(inner, format, ctx, row);
}
