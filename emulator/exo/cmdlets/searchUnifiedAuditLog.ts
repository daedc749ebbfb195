import { createHash } from 'node:crypto';
import type { AuditRecord } from '../../tenant/model.ts';
import { compileAuditFilter } from '../../state/auditFilter.ts';
import { recordTypeFrom, recordTypeName } from '../../state/recordTypes.ts';
import { parameterError } from '../errors.ts';
import { parseDateTime } from '../parameters.ts';
import { LARGE_SET_CAP, MIXED_CAP, PREVIEW_CAP, type SearchSession, type SessionCommand } from './searchSessions.ts';
import type { CmdletDefinition, CmdletInvocation } from './types.ts';

/** One Search-UnifiedAuditLog output object (reference §2.8); AuditData is the record as a JSON string. */
function outputObject(record: AuditRecord, index: number, total: number, runspaceId: string): object {
  return {
    RunspaceId: runspaceId,
    RecordType: recordTypeName(record.RecordType),
    CreationDate: `${record.CreationTime}.0000000+00:00`,
    UserIds: record.UserId,
    Operations: record.Operation,
    AuditData: JSON.stringify(record),
    ResultIndex: index,
    ResultCount: total,
    Identity: record.Id,
    IsValid: true,
    ObjectState: 'Unchanged',
  };
}

function guid(text: string): string {
  const h = createHash('sha256').update(text).digest('hex');
  return `${h.slice(0, 8)}-${h.slice(8, 12)}-${h.slice(12, 16)}-${h.slice(16, 20)}-${h.slice(20, 32)}`;
}

/**
 * Runs the search: counts every hit in [StartDate, EndDate) and keeps the ones the session may hand out
 * (ReturnLargeSet: the first `cap`, oldest first; preview: the newest `cap`, newest first).
 */
function search(inv: CmdletInvocation, command: SessionCommand, cap: number): { records: AuditRecord[]; total: number } {
  const { params } = inv;
  const start = parseDateTime('StartDate', params.required('StartDate'));
  const end = parseDateTime('EndDate', params.required('EndDate'));
  if (end <= start) throw parameterError('The EndDate must be later than the StartDate.');
  const recordTypeText = params.string('RecordType');
  const recordType = recordTypeText === undefined ? undefined : recordTypeFrom(recordTypeText);
  if (recordTypeText !== undefined && recordType === undefined) {
    throw parameterError(
      `Cannot bind parameter 'RecordType'. Cannot convert value "${recordTypeText}" to type "Microsoft.Exchange.Management.SystemConfigurationTasks.AuditRecordType".`,
    );
  }
  const test = compileAuditFilter({
    operations: params.strings('Operations') ?? [],
    userIds: params.strings('UserIds') ?? [],
    recordTypes: recordType === undefined ? [] : [recordType],
    ipAddresses: params.strings('IPAddresses') ?? [],
    objectIds: params.strings('ObjectIds') ?? [],
    freeText: params.string('FreeText'),
  });
  let total = 0;
  const kept: AuditRecord[] = [];
  for (const record of inv.ctx.audit.between(start, end)) {
    if (!test(record)) continue;
    total += 1;
    if (command === 'ReturnLargeSet') {
      if (kept.length < cap) kept.push(record);
    } else {
      kept.push(record);
      if (kept.length > cap * 2) kept.splice(0, kept.length - cap);
    }
  }
  return { records: command === 'ReturnLargeSet' ? kept : kept.slice(-cap).reverse(), total };
}

export const searchUnifiedAuditLog: CmdletDefinition = {
  name: 'Search-UnifiedAuditLog',
  params: {
    StartDate: 'string',
    EndDate: 'string',
    Formatted: 'bool',
    FreeText: 'string',
    HighCompleteness: 'bool',
    IPAddresses: 'string[]',
    LongerRetentionEnabled: 'string',
    ObjectIds: 'string[]',
    Operations: 'string[]',
    RecordType: 'string',
    ResultSize: 'int',
    SessionCommand: 'string',
    SessionId: 'string',
    SiteIds: 'string[]',
    UserIds: 'string[]',
  },
  run(inv) {
    const { params } = inv;
    const size = params.number('ResultSize') ?? 100;
    if (size < 1 || size > 5000) {
      throw parameterError(
        `Cannot validate argument on parameter 'ResultSize'. The ${size} argument is ${size < 1 ? 'less than the minimum allowed range of 1' : 'greater than the maximum allowed range of 5000'}. Supply an argument that is ${size < 1 ? 'greater than or equal to 1' : 'less than or equal to 5000'} and then try the command again.`,
      );
    }
    const commandText = params.string('SessionCommand');
    if (commandText !== undefined && commandText !== 'ReturnLargeSet' && commandText !== 'ReturnNextPreviewPage') {
      throw parameterError(
        `Cannot bind parameter 'SessionCommand'. Cannot convert value "${commandText}" to type "SessionCommand". Valid values: ReturnLargeSet, ReturnNextPreviewPage.`,
      );
    }
    const sessionId = params.string('SessionId');
    if (!sessionId) {
      // No session: one preview page, newest first.
      const { records, total } = search(inv, 'ReturnNextPreviewPage', size);
      const runspace = guid(`${inv.ctx.seed}|runspace|oneoff`);
      return { value: records.map((r, i) => outputObject(r, i + 1, total, runspace)) };
    }
    const command: SessionCommand = commandText === 'ReturnLargeSet' ? 'ReturnLargeSet' : 'ReturnNextPreviewPage';
    const key = `${inv.caller.objectId}|${sessionId}`;
    let session: SearchSession | undefined = inv.sessions.get(key);
    if (session && session.command !== command) {
      // Mixing the two commands on one session limits it to 10,000 results (reference §2.8).
      session.records = session.records.slice(0, MIXED_CAP);
      session.command = command;
    }
    if (!session) {
      const cap = command === 'ReturnLargeSet' ? LARGE_SET_CAP : PREVIEW_CAP;
      const found = search(inv, command, cap);
      session = { command, records: found.records, total: found.total, served: 0, runspaceId: guid(`${inv.ctx.seed}|runspace|${key}`), lastUsed: Date.now() };
      inv.sessions.put(key, session);
    }
    const page = session.records.slice(session.served, session.served + size);
    const first = session.served;
    session.served += page.length;
    const current = session;
    return { value: page.map((r, i) => outputObject(r, first + i + 1, current.total, current.runspaceId)) };
  },
};
