// Builds unified audit log records (Management Activity API shape, §4.10-4.14 of the wire-format reference):
// Exchange cmdlets (RecordType 1), mailbox item events (2/3), MailItemsAccessed (50) and directory changes (8).

import type {
  AuditRecord, AzureActiveDirectoryRecord, ContentType, ExchangeAdminRecord, ExchangeMailboxRecord, MailItemsAccessedRecord, NameValue, User,
} from '../model.ts';
import { isoTicks, ualTime } from '../time.ts';
import type { MessageRef } from './mailItems.ts';
import type { ActivityContext } from './context.ts';

/** The Management Activity content type a record is published under. */
export function contentTypeOf(record: AuditRecord): ContentType {
  return record.Workload === 'Exchange' ? 'Audit.Exchange' : 'Audit.AzureActiveDirectory';
}

export interface ExchangeAdminSpec {
  ms: number;
  id: string;
  actor: User;
  cmdlet: string;
  objectId: string;
  parameters: NameValue[];
  ip: string;
  port: number;
  sessionId: string;
  server: string;
  /** Exchange REST PowerShell (fb78d390...) for admins; '' for Outlook on the web. */
  appId: string;
  appPoolName?: string;
}

export function buildExchangeAdmin(ctx: ActivityContext, s: ExchangeAdminSpec): ExchangeAdminRecord {
  const admin = s.actor.directoryRoles.length > 0 || s.actor.roleGroups.length > 0;
  const r: ExchangeAdminRecord = {
    CreationTime: ualTime(s.ms),
    Id: s.id,
    Operation: s.cmdlet,
    OrganizationId: ctx.tenantId,
    RecordType: 1,
    ResultStatus: 'True',
    UserKey: s.actor.puid,
    UserType: admin ? 2 : 0,
    Version: 1,
    Workload: 'Exchange',
    ClientIP: `${s.ip}:${s.port}`,
    ObjectId: s.objectId,
    UserId: s.actor.userPrincipalName,
    AppId: s.appId,
    ClientAppId: '',
    ExternalAccess: false,
    OrganizationName: ctx.initialDomain,
    OriginatingServer: s.server,
    Parameters: s.parameters,
    SessionId: s.sessionId,
    TokenObjectId: s.actor.id,
    TokenTenantId: ctx.tenantId,
  };
  if (s.appPoolName) r.AppPoolName = s.appPoolName;
  return r;
}

export interface MailboxAccess {
  ms: number;
  owner: User;
  actor: User;
  ip: string;
  clientInfoString: string;
  appId: string;
  clientAppId: string;
  /** Entra session id (AppAccessContext.AADSessionId). */
  aadSessionId: string;
  uniqueTokenId: string;
  /** Exchange session id. */
  sessionId: string;
  server: string;
  logonType: 0 | 1 | 2;
  /** Shared AppAccessContext for all records of one access (built from the fields above when absent). */
  appAccessContext?: MailItemsAccessedRecord['AppAccessContext'];
}

function mailboxBase(ctx: ActivityContext, a: MailboxAccess, id: string, operation: string, recordType: 2 | 3): ExchangeMailboxRecord {
  return {
    CreationTime: ualTime(a.ms),
    Id: id,
    Operation: operation,
    OrganizationId: ctx.tenantId,
    RecordType: recordType,
    ResultStatus: 'Succeeded',
    UserKey: a.actor.puid,
    UserType: 0,
    Version: 1,
    Workload: 'Exchange',
    ClientIP: a.ip,
    ObjectId: '',
    UserId: a.actor.userPrincipalName,
    AppId: a.appId,
    ClientAppId: a.clientAppId,
    ClientIPAddress: a.ip,
    ClientInfoString: a.clientInfoString,
    ExternalAccess: false,
    InternalLogonType: a.logonType,
    LogonType: a.logonType,
    LogonUserSid: a.actor.sid,
    MailboxGuid: a.owner.mailboxGuid ?? '',
    MailboxOwnerSid: a.owner.sid,
    MailboxOwnerUPN: a.owner.userPrincipalName,
    OrganizationName: ctx.initialDomain,
    OriginatingServer: a.server,
    SessionId: a.sessionId,
  };
}

export function buildSend(ctx: ActivityContext, a: MailboxAccess, id: string, m: MessageRef, sentFolderId: string): ExchangeMailboxRecord {
  const r = mailboxBase(ctx, a, id, 'Send', 2);
  r.ObjectId = m.internetMessageId;
  r.Item = {
    Id: m.id,
    ImmutableId: m.immutableId,
    InternetMessageId: m.internetMessageId,
    ParentFolder: { Id: sentFolderId, Path: '\\Sent Items' },
    SizeInBytes: m.size,
    Subject: m.subject,
  };
  return r;
}

export function buildMoveToDeleted(ctx: ActivityContext, a: MailboxAccess, id: string, operation: 'MoveToDeletedItems' | 'SoftDelete' | 'HardDelete', m: MessageRef, fromFolderId: string, fromPath: string, deletedFolderId: string): ExchangeMailboxRecord {
  const r = mailboxBase(ctx, a, id, operation, 3);
  r.ObjectId = '';
  r.Folder = { Id: fromFolderId, Path: fromPath };
  if (operation === 'MoveToDeletedItems') r.DestFolder = { Id: deletedFolderId, Path: '\\Deleted Items' };
  r.CrossMailboxOperation = false;
  r.AffectedItems = [{ Id: m.id, ImmutableId: m.immutableId, InternetMessageId: m.internetMessageId, ParentFolder: { Id: fromFolderId, Path: fromPath }, Subject: m.subject }];
  return r;
}

/** Mailbox-audit (UpdateInboxRules, RecordType 2) view of a rule made in Outlook for Windows. */
export function buildUpdateInboxRules(ctx: ActivityContext, a: MailboxAccess, id: string, props: NameValue[], inboxId: string): ExchangeMailboxRecord {
  const r = mailboxBase(ctx, a, id, 'UpdateInboxRules', 2);
  r.ObjectId = '';
  r.OperationProperties = props;
  r.Item = { Id: inboxId, ParentFolder: { Id: inboxId, Path: '\\Inbox' } };
  r.ClientProcessName = 'OUTLOOK.EXE';
  return r;
}

function folderItems(items: readonly MessageRef[], created: string): MailItemsAccessedRecord['Folders'][number]['FolderItems'] {
  const out: MailItemsAccessedRecord['Folders'][number]['FolderItems'] = new Array(items.length);
  for (let i = 0; i < items.length; i++) {
    const m = items[i]!;
    out[i] = { Id: m.id, ImmutableId: m.immutableId, InternetMessageId: m.internetMessageId, CreationTime: created, SizeInBytes: m.size, Subject: m.subject, ClientRequestId: '' };
  }
  return out;
}

// Records are read-only once built, so identical nested values are shared between records.
const OPERATION_PROPERTIES: Record<'Bind' | 'Sync', NameValue[][]> = {
  Bind: [[{ Name: 'MailAccessType', Value: 'Bind' }, { Name: 'IsThrottled', Value: 'False' }], [{ Name: 'MailAccessType', Value: 'Bind' }, { Name: 'IsThrottled', Value: 'True' }]],
  Sync: [[{ Name: 'MailAccessType', Value: 'Sync' }, { Name: 'IsThrottled', Value: 'False' }], [{ Name: 'MailAccessType', Value: 'Sync' }, { Name: 'IsThrottled', Value: 'True' }]],
};

/** The (shared, read-only) OperationProperties of a MailItemsAccessed record. */
export function operationPropertiesOf(accessType: 'Bind' | 'Sync', throttled: boolean): NameValue[] {
  return OPERATION_PROPERTIES[accessType][throttled ? 1 : 0]!;
}

export function buildMailItemsAccessed(
  ctx: ActivityContext,
  a: MailboxAccess,
  id: string,
  accessType: 'Bind' | 'Sync',
  folderId: string,
  folderPath: string,
  items: MessageRef[],
  operationCount: number,
  throttled: boolean,
): MailItemsAccessedRecord {
  const created = items.length > 0 ? ualTime(a.ms - 5 * 3_600_000) : '';
  return {
    CreationTime: ualTime(a.ms),
    Id: id,
    Operation: 'MailItemsAccessed',
    OrganizationId: ctx.tenantId,
    RecordType: 50,
    ResultStatus: 'Succeeded',
    UserKey: a.actor.puid,
    UserType: 0,
    Version: 1,
    Workload: 'Exchange',
    ClientIP: a.ip,
    ObjectId: '',
    UserId: a.actor.userPrincipalName,
    AppId: a.appId,
    ClientAppId: a.clientAppId,
    ClientIPAddress: a.ip,
    ClientInfoString: a.clientInfoString,
    ExternalAccess: false,
    InternalLogonType: a.logonType,
    LogonType: a.logonType,
    LogonUserSid: a.actor.sid,
    MailboxGuid: a.owner.mailboxGuid ?? '',
    MailboxOwnerSid: a.owner.sid,
    MailboxOwnerUPN: a.owner.userPrincipalName,
    OperationCount: operationCount,
    OperationProperties: operationPropertiesOf(accessType, throttled),
    OrganizationName: ctx.initialDomain,
    OriginatingServer: a.server,
    SessionId: a.sessionId,
    Folders: [
      {
        Id: folderId,
        Path: folderPath,
        FolderItems: folderItems(items, created),
      },
    ],
    AppAccessContext: a.appAccessContext ?? { AADSessionId: a.aadSessionId, ClientAppId: a.clientAppId || a.appId, IssuedAtTime: isoTicks(Math.floor((a.ms - 1_200_000) / 1000) * 1000, 0), UniqueTokenId: a.uniqueTokenId },
  };
}

export interface DirectoryChangeSpec {
  ms: number;
  id: string;
  operation: string;
  actor: User | null;
  /** For app actors: the service principal id and name. */
  actorApp?: { id: string; name: string };
  objectId: string;
  target: { id: string; kind: 'User' | 'Group' | 'Role' | 'Application' | 'ServicePrincipal'; upn?: string; name?: string };
  modified: { Name: string; OldValue: string; NewValue: string }[];
  category: string;
  additionalDetails?: string;
  correlationId: string;
  clientIp?: string;
}

/** RecordType 8 as the OTRF captures show it (Actor and Target lists with typed ids). */
export function buildDirectoryChange(ctx: ActivityContext, s: DirectoryChangeSpec): AzureActiveDirectoryRecord {
  const actor = s.actor
    ? [{ ID: s.actor.userPrincipalName, Type: 5 }, { ID: s.actor.puid, Type: 3 }, { ID: `User_${s.actor.id}`, Type: 2 }, { ID: s.actor.id, Type: 2 }, { ID: 'User', Type: 2 }]
    : [{ ID: s.actorApp?.name ?? 'Microsoft Substrate Management', Type: 1 }, { ID: `ServicePrincipal_${s.actorApp?.id ?? ''}`, Type: 2 }, { ID: s.actorApp?.id ?? '', Type: 2 }, { ID: 'ServicePrincipal', Type: 2 }];
  const t = s.target;
  const target = [{ ID: `${t.kind}_${t.id}`, Type: 2 }, { ID: t.id, Type: 2 }, { ID: t.kind, Type: 2 }];
  if (t.upn) target.push({ ID: t.upn, Type: 5 });
  if (t.name && !t.upn) target.push({ ID: t.name, Type: 1 });
  const r: AzureActiveDirectoryRecord = {
    CreationTime: ualTime(s.ms),
    Id: s.id,
    Operation: s.operation,
    OrganizationId: ctx.tenantId,
    RecordType: 8,
    ResultStatus: 'Success',
    UserKey: s.actor ? `${s.actor.puid}@${ctx.initialDomain}` : (s.actorApp?.id ?? ''),
    UserType: s.actor ? 0 : 4,
    Version: 1,
    Workload: 'AzureActiveDirectory',
    ObjectId: s.objectId,
    UserId: s.actor ? s.actor.userPrincipalName : 'ServicePrincipal_' + (s.actorApp?.id ?? ''),
    AzureActiveDirectoryEventType: 1,
    ExtendedProperties: [
      { Name: 'additionalDetails', Value: s.additionalDetails ?? '{}' },
      { Name: 'extendedAuditEventCategory', Value: s.category },
    ],
    ModifiedProperties: s.modified,
    Actor: actor,
    ActorContextId: ctx.tenantId,
    InterSystemsId: s.correlationId,
    IntraSystemId: s.id,
    SupportTicketId: '',
    Target: target,
    TargetContextId: ctx.tenantId,
  };
  if (s.clientIp) r.ClientIP = s.clientIp;
  return r;
}
