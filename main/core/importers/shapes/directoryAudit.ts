import { normalizeIp } from '../normalizeIp.ts';
import { parseTimestamp } from '../parseTime.ts';
import { arr, lower, obj, pick, str, type Obj } from '../fieldAccess.ts';
import { emptyFields } from '../../store/recordFields.ts';
import { auditResult } from './auditResult.ts';
import { RecordRejected, type MapContext, type MappedRecord } from './mappedRecord.ts';

/**
 * An Entra ID directory audit: Graph `directoryAudit` (camelCase) or Log Analytics `AuditLogs`
 * (PascalCase, nested fields as JSON text; hunting projections may drop the time columns).
 * Same rule as UAL records: the same id AND the same bytes (hunting projections expand one event
 * into several rows with one id).
 */
export function mapDirectoryAudit(record: Obj, format: string, ctx: MapContext): MappedRecord {
  const notes: string[] = [];
  const f = emptyFields();
  let timeField: string | null = null;
  for (const name of ['activityDateTime', 'TimeGenerated']) {
    const value = pick(record, name);
    if (value === undefined) continue;
    const t = parseTimestamp(value);
    if (t === null) throw new RecordRejected(`${name} is not a time: ${JSON.stringify(value).slice(0, 60)}`);
    f.time_ms = t;
    timeField = name;
    break;
  }
  if (timeField === null) notes.push('directory audit without a time column (activityDateTime / TimeGenerated): stored without a time');

  f.operation = str(pick(record, 'activityDisplayName', 'OperationName'));
  f.workload = 'AzureActiveDirectory';
  f.record_type = 'EntraDirectoryAudit';
  const initiatedBy = obj(pick(record, 'initiatedBy'));
  const user = obj(pick(initiatedBy, 'user'));
  const app = obj(pick(initiatedBy, 'app'));
  f.user_upn = lower(pick(user, 'userPrincipalName')) ?? lower(pick(record, 'InitiatingUserOrApp'));
  f.user_id = str(pick(user, 'id'));
  f.user_name = str(pick(user, 'displayName')) ?? str(pick(app, 'displayName'));
  f.client_ip = normalizeIp(pick(user, 'ipAddress') ?? pick(record, 'InitiatingIpAddress'));
  f.app_id = str(pick(app, 'appId'));
  f.app_name = str(pick(app, 'displayName'));
  const targets = arr(pick(record, 'targetResources'));
  const first = targets && targets.length > 0 ? obj(targets[0]) : null;
  f.object = str(pick(first, 'userPrincipalName', 'displayName', 'id')) ?? str(pick(record, 'targetDisplayName'));
  const result = str(pick(record, 'result'));
  const reason = str(pick(record, 'resultReason'));
  f.result = auditResult(result);
  f.result_detail = reason ? `${result ?? ''}: ${reason}` : result;
  f.correlation_id = str(pick(record, 'correlationId'));
  for (const item of arr(pick(record, 'additionalDetails')) ?? []) {
    const o = obj(item);
    if (o && str(pick(o, 'key'))?.toLowerCase() === 'user-agent') f.user_agent = str(pick(o, 'value'));
  }
  f.user_agent ??= str(pick(record, 'UserAgent'));

  const id = str(pick(record, 'id'));
  return {
    kind: 'audit',
    format,
    sourceId: id,
    dedupKey: `diraudit:${id ? id.toLowerCase() : ''}:${ctx.rawHash()}`,
    fields: f,
    notes,
  };
}
