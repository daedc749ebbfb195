import type { Obj } from '../fieldAccess.ts';
import { mapDirectoryAudit } from './directoryAudit.ts';
import { RecordRejected, type MapContext, type MappedRecord } from './mappedRecord.ts';
import { mapSignIn } from './signIn.ts';
import { mapUalEnvelope, mapUalRecord } from './ualRecord.ts';

export type Container = 'json' | 'csv';

const SIGNIN_TABLES = new Set(['SigninLogs', 'AADNonInteractiveUserSignInLogs', 'AADServicePrincipalSignInLogs', 'AADManagedIdentitySignInLogs']);

function has(o: Obj, name: string): boolean {
  const v = o[name];
  return v !== undefined && v !== null && v !== '';
}

/**
 * Recognizes a record by its fields (not by the file name) and maps it. The order matters: an
 * envelope with AuditData first, then the Log Analytics `Type` column when there is one, then the
 * field sets that only one shape has.
 */
export function mapAnyRecord(o: Obj, container: Container, ctx: MapContext): MappedRecord {
  if (has(o, 'AuditData')) return mapUalEnvelope(o, container === 'csv' ? 'purview-csv' : 'sual-json', ctx);
  if (has(o, 'auditData') && o['auditData'] && typeof o['auditData'] === 'object') {
    return mapUalRecord(o['auditData'] as Obj, 'graph-audit-record', ctx, o);
  }
  const table = typeof o['Type'] === 'string' ? (o['Type'] as string) : null;
  if (table !== null) {
    if (SIGNIN_TABLES.has(table)) return mapSignIn(o, 'la-signin', ctx);
    if (table === 'OfficeActivity') return mapUalRecord(o, 'la-office-activity', ctx);
    if (table === 'AuditLogs') return mapDirectoryAudit(o, 'la-audit-logs', ctx);
  }
  if (has(o, 'CreationTime') && has(o, 'Operation')) return mapUalRecord(o, 'ual', ctx);
  if (has(o, 'OfficeWorkload')) return mapUalRecord(o, 'la-office-activity', ctx);
  if (has(o, 'activityDisplayName')) return mapDirectoryAudit(o, 'graph-directory-audit', ctx);
  if (has(o, 'ActivityDisplayName') || (has(o, 'OperationName') && (has(o, 'InitiatedBy') || has(o, 'TargetResources')))) {
    return mapDirectoryAudit(o, 'la-audit-logs', ctx);
  }
  if (has(o, 'createdDateTime') && (has(o, 'status') || has(o, 'userPrincipalName') || has(o, 'appId'))) return mapSignIn(o, 'graph-signin', ctx);
  if ((has(o, 'CreatedDateTime') || has(o, 'TimeGenerated')) && has(o, 'ResultType') && (has(o, 'UserPrincipalName') || has(o, 'AppId'))) {
    return mapSignIn(o, 'la-signin', ctx);
  }
  const keys = Object.keys(o).slice(0, 8).join(', ');
  throw new RecordRejected(`not a known audit or sign-in record (fields: ${keys}${Object.keys(o).length > 8 ? ', ...' : ''})`);
}
