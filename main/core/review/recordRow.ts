import type { RecordRow } from '../../../shared/model/evidence.ts';

/** The columns a table row needs (never raw). */
export const ROW_COLUMNS = `r.id, r.kind, r.format, r.source_id, r.time_ms, r.operation, r.workload, r.record_type, r.user_upn, r.user_name,
  r.client_ip, r.object, r.result, r.result_detail, r.country, r.city, r.app_name, r.app_id, r.resource, r.client_app, r.error_code,
  r.failure_reason, r.auth_requirement, r.auth_methods, r.ca_status, r.risk_level, r.user_agent, r.device_os, r.device_browser,
  r.is_interactive, r.auth_protocol, r.session_id, r.correlation_id, r.unique_token_id`;

type Row = Record<string, unknown>;
const s = (v: unknown) => (v === null || v === undefined ? null : String(v));
const n = (v: unknown) => (typeof v === 'number' ? v : null);

export function toRecordRow(r: Row): RecordRow {
  return {
    id: r['id'] as number,
    kind: r['kind'] as RecordRow['kind'],
    format: r['format'] as string,
    sourceId: s(r['source_id']),
    timeMs: n(r['time_ms']),
    operation: s(r['operation']),
    workload: s(r['workload']),
    recordType: s(r['record_type']),
    user: s(r['user_upn']),
    userName: s(r['user_name']),
    ip: s(r['client_ip']),
    object: s(r['object']),
    result: s(r['result']),
    resultDetail: s(r['result_detail']),
    country: s(r['country']),
    city: s(r['city']),
    app: s(r['app_name']),
    appId: s(r['app_id']),
    resource: s(r['resource']),
    clientApp: s(r['client_app']),
    errorCode: n(r['error_code']),
    failureReason: s(r['failure_reason']),
    authRequirement: s(r['auth_requirement']),
    authMethods: s(r['auth_methods']),
    caStatus: s(r['ca_status']),
    riskLevel: s(r['risk_level']),
    userAgent: s(r['user_agent']),
    deviceOs: s(r['device_os']),
    deviceBrowser: s(r['device_browser']),
    isInteractive: r['is_interactive'] === null || r['is_interactive'] === undefined ? null : r['is_interactive'] === 1,
    authProtocol: s(r['auth_protocol']),
    sessionId: s(r['session_id']),
    correlationId: s(r['correlation_id']),
    uniqueTokenId: s(r['unique_token_id']),
  };
}
