// The ambient audit records as JSON, written directly: the same bytes JSON.stringify gives for the objects the
// builders in auditRecords.ts and signIns.ts make, without making them. Generating and serializing records is most
// of what the Management Activity feed costs; measured side by side on this machine (12,500 users, whole hours),
// building the objects and JSON.stringify-ing them cost ~21 µs per record, these writers ~17.5 µs (both including
// the ~6 µs of the simulation itself). Pieces are escaped once per tenant, user, device, session or message.
//
// Each writer mirrors one builder property by property, in the builder's order (JSON key order is insertion order).
// tests/auditJson.test.ts holds every writer to its builder byte for byte over whole hours of several tenants, so a
// change to a builder that is not made here fails that test.
//
// Values the generator makes from a fixed alphabet (timestamps, record ids it draws, numbers) are written as they
// are; everything else goes through JSON.stringify (once, where it is cached).

import type { ContentType, Device, User } from '../model.ts';
import { isoTicks, ualTime } from '../time.ts';
import { operationPropertiesOf, type MailboxAccess } from './auditRecords.ts';
import type { ActivityContext } from './context.ts';
import type { JsonOut } from './jsonOut.ts';
import { MESSAGE_POOL_SIZE, type MessageRef } from './mailItems.ts';
import { devicePropertyPrefix, extendedProperties, type SignInSpec } from './signIns.ts';

const str = JSON.stringify;

/**
 * A string as a JSON string literal: exactly JSON.stringify(text), several times cheaper for the common case
 * (nothing to escape: no control character, quote, backslash or lone surrogate half).
 */
function quote(text: string): string {
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (c < 0x20 || c === 0x22 || c === 0x5c || (c >= 0xd800 && c <= 0xdfff)) return str(text);
  }
  return `"${text}"`;
}

/**
 * A value the generator makes from a fixed alphabet that JSON never escapes (GUIDs, IP addresses, base64 and
 * base64url ids, timestamps) as a JSON string literal: what quote() gives, without scanning it.
 */
function literal(text: string): string {
  return `"${text}"`;
}

const EXCHANGE: ContentType = 'Audit.Exchange';
const AZURE_AD: ContentType = 'Audit.AzureActiveDirectory';

/** Whole seconds: CreationTime has no fraction. */
function createdMs(ms: number): number {
  return ms - (ms % 1000);
}

/**
 * Joins pieces into one flat string (one copy). Records are built the same way, as an array of pieces joined once;
 * pieces kept for many records are made flat, so joining a record does not walk a tree of smaller pieces again.
 */
function flat(...parts: string[]): string {
  return parts.join('');
}

/** The JSON of values records share by identity (ExtendedProperties lists, OperationProperties...). */
const sharedJson = new WeakMap<object, string>();

function jsonOf(value: object): string {
  let v = sharedJson.get(value);
  if (v === undefined) {
    v = str(value);
    sharedJson.set(value, v);
  }
  return v;
}

/** `","Operation":"<op>","OrganizationId":"<tenant>","RecordType":<n>` per operation, and other tenant pieces. */
interface TenantPieces {
  operation(operation: string, recordType: number): string;
  /**
   * quote() of values drawn from small sets (app ids, client info strings, server names, folder paths), made once
   * each: Map lookups of these (long-lived, already hashed) strings cost less than scanning them again.
   */
  quoted(text: string): string;
  /** `,"OrganizationName":"<initial domain>"` */
  organizationName: string;
  tenantId: string;
  /** Pieces of the pool's messages, by pool index (see messageOf). */
  messages: (MessagePieces | undefined)[];
}

const tenants = new WeakMap<ActivityContext, TenantPieces>();

function tenantOf(ctx: ActivityContext): TenantPieces {
  let v = tenants.get(ctx);
  if (!v) {
    const heads = new Map<number, Map<string, string>>();
    const quoted = new Map<string, string>();
    const tenantId = str(ctx.tenantId);
    v = {
      quoted: (text) => {
        let q = quoted.get(text);
        if (q === undefined) {
          q = quote(text);
          quoted.set(text, q);
        }
        return q;
      },
      operation: (operation, recordType) => {
        // One map per record type: no key string to build (and hash) per record.
        let byOperation = heads.get(recordType);
        if (byOperation === undefined) heads.set(recordType, (byOperation = new Map()));
        let head = byOperation.get(operation);
        if (head === undefined) {
          head = flat('","Operation":', str(operation), ',"OrganizationId":', tenantId, ',"RecordType":', String(recordType));
          byOperation.set(operation, head);
        }
        return head;
      },
      organizationName: flat(',"OrganizationName":', str(ctx.initialDomain)),
      tenantId,
      // Filled up front: writes at any index then keep a fast (not dictionary) array.
      messages: new Array<MessagePieces | undefined>(MESSAGE_POOL_SIZE).fill(undefined),
    };
    tenants.set(ctx, v);
  }
  return v;
}

// --- Mailbox records (MailItemsAccessed, Send, MoveToDeletedItems/SoftDelete) -----------------------------------

interface MessagePieces {
  /** `"Id":...,"ImmutableId":...,"InternetMessageId":...` */
  ids: string;
  /** InternetMessageId as a JSON string (Send's ObjectId). */
  internetMessageId: string;
  /** `,"SizeInBytes":n,"Subject":...` */
  sizeSubject: string;
  /** `,"Subject":...` */
  subject: string;
}

// Messages come from a fixed pool per tenant: their pieces are made once per message, and kept by pool index (an
// array read is cheaper than a WeakMap lookup, which cost ~3% of the writers' time here).
function messageOf(tenant: TenantPieces, m: MessageRef): MessagePieces {
  let v = tenant.messages[m.index];
  if (!v) {
    const subject = flat(',"Subject":', str(m.subject));
    v = {
      ids: flat('"Id":', str(m.id), ',"ImmutableId":', str(m.immutableId), ',"InternetMessageId":', str(m.internetMessageId)),
      internetMessageId: str(m.internetMessageId),
      sizeSubject: flat(',"SizeInBytes":', String(m.size), subject),
      subject,
    };
    tenant.messages[m.index] = v;
  }
  return v;
}

/** A mailbox user's properties as JSON strings (users live as long as the tenant: made once per user). */
interface MailboxUserPieces {
  puid: string;
  upn: string;
  sid: string;
  mailboxGuid: string;
}

const mailboxUsers = new WeakMap<User, MailboxUserPieces>();

function mailboxUserOf(u: User): MailboxUserPieces {
  let v = mailboxUsers.get(u);
  if (!v) {
    v = { puid: str(u.puid), upn: str(u.userPrincipalName), sid: str(u.sid), mailboxGuid: str(u.mailboxGuid ?? '') };
    mailboxUsers.set(u, v);
  }
  return v;
}

/**
 * The values of one mailbox access as JSON, made with its first record (many sessions end before writing one). Every
 * record of the access repeats the same runs of properties: joined once here, each run is one piece of a record's
 * join instead of some thirty.
 */
interface AccessValues {
  /** The access's shared AppAccessContext as JSON (null: each record has its own). */
  appAccessContext: string | null;
  /** `,"ResultStatus":...,"ObjectId":`: the base properties before the record's ObjectId. */
  beforeObjectId: string;
  /** `,"UserId":...,"MailboxOwnerUPN":<upn>`: the base properties after it. */
  afterObjectId: string;
  /** `,"OrganizationName":...,"OriginatingServer":...,"SessionId":...` */
  tail: string;
}

/**
 * The JSON writer of one mailbox access (the mailbox work of one session). A session reuses its access description
 * for every record and changes only `ms` (see mailWork in sessions.ts); a caller that changes anything else must
 * make a new writer.
 */
export class MailboxJson {
  private readonly out: JsonOut;
  private readonly tenant: TenantPieces;
  private readonly a: MailboxAccess;
  private values: AccessValues | null = null;

  constructor(out: JsonOut, ctx: ActivityContext, a: MailboxAccess) {
    this.out = out;
    this.tenant = tenantOf(ctx);
    this.a = a;
  }

  private accessValues(): AccessValues {
    if (this.values) return this.values;
    const a = this.a;
    const actor = mailboxUserOf(a.actor);
    const aac = a.appAccessContext;
    const owner = a.owner === a.actor ? actor : mailboxUserOf(a.owner);
    const ip = literal(a.ip);
    const logonType = String(a.logonType);
    this.values = {
      appAccessContext: aac
        ? flat('{"AADSessionId":', literal(aac.AADSessionId), ',"ClientAppId":', this.tenant.quoted(aac.ClientAppId), ',"IssuedAtTime":', literal(aac.IssuedAtTime), ',"UniqueTokenId":', literal(aac.UniqueTokenId), '}')
        : null,
      beforeObjectId: flat(',"ResultStatus":"Succeeded","UserKey":', actor.puid, ',"UserType":0,"Version":1,"Workload":"Exchange","ClientIP":', ip, ',"ObjectId":'),
      afterObjectId: flat(
        ',"UserId":', actor.upn, ',"AppId":', this.tenant.quoted(a.appId), ',"ClientAppId":', this.tenant.quoted(a.clientAppId), ',"ClientIPAddress":', ip,
        ',"ClientInfoString":', this.tenant.quoted(a.clientInfoString), ',"ExternalAccess":false,"InternalLogonType":', logonType, ',"LogonType":', logonType,
        ',"LogonUserSid":', actor.sid, ',"MailboxGuid":', owner.mailboxGuid, ',"MailboxOwnerSid":', owner.sid, ',"MailboxOwnerUPN":', owner.upn,
      ),
      tail: flat(this.tenant.organizationName, ',"OriginatingServer":', this.tenant.quoted(a.server), ',"SessionId":', literal(a.sessionId)),
    };
    return this.values;
  }

  /** mailboxBase from CreationTime to MailboxOwnerUPN, with the record's ObjectId in place. */
  private base(v: AccessValues, id: string, operation: string, recordType: 2 | 3 | 50, objectIdJson: string): string[] {
    return ['{"CreationTime":"', ualTime(this.a.ms), '","Id":"', id, this.tenant.operation(operation, recordType), v.beforeObjectId, objectIdJson, v.afterObjectId];
  }

  /** `,"OrganizationName":...,"OriginatingServer":...,"SessionId":...` */
  private tail(parts: string[], v: AccessValues): void {
    parts.push(v.tail);
  }

  private add(parts: string[]): void {
    const ms = this.a.ms;
    this.out.add(parts.join(''), ms, createdMs(ms), EXCHANGE);
  }

  /** buildMailItemsAccessed as JSON. */
  mailItemsAccessed(id: string, accessType: 'Bind' | 'Sync', folderId: string, folderPath: string, items: readonly MessageRef[], operationCount: number, throttled: boolean): void {
    const a = this.a;
    const v = this.accessValues();
    const parts = this.base(v, id, 'MailItemsAccessed', 50, '""');
    parts.push(',"OperationCount":', String(operationCount), ',"OperationProperties":', jsonOf(operationPropertiesOf(accessType, throttled)));
    this.tail(parts, v);
    parts.push(',"Folders":[{"Id":', literal(folderId), ',"Path":', this.tenant.quoted(folderPath), ',"FolderItems":[');
    const created = items.length > 0 ? ualTime(a.ms - 5 * 3_600_000) : '';
    for (let i = 0; i < items.length; i++) {
      const m = messageOf(this.tenant, items[i]!);
      parts.push(i === 0 ? '{' : ',{', m.ids, ',"CreationTime":"', created, '"', m.sizeSubject, ',"ClientRequestId":""}');
    }
    parts.push(
      ']}],"AppAccessContext":',
      v.appAccessContext ??
        str({ AADSessionId: a.aadSessionId, ClientAppId: a.clientAppId || a.appId, IssuedAtTime: isoTicks(Math.floor((a.ms - 1_200_000) / 1000) * 1000, 0), UniqueTokenId: a.uniqueTokenId }),
      '}',
    );
    this.add(parts);
  }

  /** buildSend as JSON. */
  send(id: string, m: MessageRef, sentFolderId: string): void {
    const message = messageOf(this.tenant, m);
    const v = this.accessValues();
    const parts = this.base(v, id, 'Send', 2, message.internetMessageId);
    this.tail(parts, v);
    parts.push(',"Item":{', message.ids, ',"ParentFolder":{"Id":', literal(sentFolderId), ',"Path":"\\\\Sent Items"}', message.sizeSubject, '}}');
    this.add(parts);
  }

  /** buildMoveToDeleted as JSON. */
  moveToDeleted(id: string, operation: 'MoveToDeletedItems' | 'SoftDelete' | 'HardDelete', m: MessageRef, fromFolderId: string, fromPath: string, deletedFolderId: string): void {
    const message = messageOf(this.tenant, m);
    const v = this.accessValues();
    const fromId = literal(fromFolderId);
    const fromPathJson = this.tenant.quoted(fromPath);
    const parts = this.base(v, id, operation, 3, '""');
    this.tail(parts, v);
    parts.push(',"Folder":{"Id":', fromId, ',"Path":', fromPathJson, '}');
    if (operation === 'MoveToDeletedItems') parts.push(',"DestFolder":{"Id":', literal(deletedFolderId), ',"Path":"\\\\Deleted Items"}');
    parts.push(',"CrossMailboxOperation":false,"AffectedItems":[{', message.ids, ',"ParentFolder":{"Id":', fromId, ',"Path":', fromPathJson, '}', message.subject, '}]}');
    this.add(parts);
  }
}

// --- STS logon (RecordType 15) ------------------------------------------------------------------------------------

interface UserPieces {
  /** `,"UserKey":...,"UserType":0,"Version":1,"Workload":"AzureActiveDirectory","ClientIP":` */
  key: string;
  /** `,"UserId":...,"AzureActiveDirectoryEventType":1,"ExtendedProperties":` */
  upn: string;
  /** `,"ModifiedProperties":[],"Actor":[...],"ActorContextId":"<tenant>","ActorIpAddress":` */
  actor: string;
}

const users = new WeakMap<User, UserPieces>();

function userOf(tenant: TenantPieces, u: User): UserPieces {
  let v = users.get(u);
  if (!v) {
    const id = str(u.id);
    const upn = str(u.userPrincipalName);
    v = {
      key: flat(',"UserKey":', id, ',"UserType":0,"Version":1,"Workload":"AzureActiveDirectory","ClientIP":'),
      upn: flat(',"UserId":', upn, ',"AzureActiveDirectoryEventType":1,"ExtendedProperties":'),
      actor: flat(',"ModifiedProperties":[],"Actor":[{"ID":', id, ',"Type":0},{"ID":', upn, ',"Type":5}],"ActorContextId":', tenant.tenantId, ',"ActorIpAddress":'),
    };
    users.set(u, v);
  }
  return v;
}

/** A device's DeviceProperties up to where SessionId comes (the list without its closing `]`, then `,`). */
const devices = new WeakMap<Device, string>();

function devicePropertiesOpen(d: Device): string {
  let v = devices.get(d);
  if (v === undefined) {
    const prefix = devicePropertyPrefix(d);
    v = flat(',"DeviceProperties":', str(prefix).slice(0, -1), prefix.length > 0 ? ',' : '');
    devices.set(d, v);
  }
  return v;
}

/** buildStsLogon as JSON, into `out`. */
export function stsLogonJson(out: JsonOut, ctx: ActivityContext, s: SignInSpec, recordId: string): void {
  const success = s.outcome.errorCode === 0;
  const tenant = tenantOf(ctx);
  const u = userOf(tenant, s.user);
  const ip = literal(s.ip);
  const target = quote(success ? s.app.resource.id : 'Unknown');
  const parts = [
    '{"CreationTime":"', ualTime(s.ms), '","Id":"', recordId, tenant.operation(success ? 'UserLoggedIn' : 'UserLoginFailed', 15),
    success ? ',"ResultStatus":"Success"' : ',"ResultStatus":"Failed"', u.key, ip, ',"ObjectId":', target, u.upn, jsonOf(extendedProperties(s, success)),
    u.actor, ip, ',"InterSystemsId":', literal(s.correlationId), ',"IntraSystemId":', literal(s.id), ',"SupportTicketId":"","Target":[{"ID":', target,
    ',"Type":0}],"TargetContextId":', tenant.tenantId, ',"ApplicationId":', tenant.quoted(s.app.appId), devicePropertiesOpen(s.device),
    '{"Name":"SessionId","Value":', literal(s.sessionId), '}],"ErrorNumber":"', String(s.outcome.errorCode), '"',
  ];
  if (!success) parts.push(',"LogonError":', quote(s.outcome.logonError));
  parts.push('}');
  out.add(parts.join(''), s.ms, createdMs(s.ms), AZURE_AD);
}
