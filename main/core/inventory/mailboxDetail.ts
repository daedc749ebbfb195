import type { Database } from 'better-sqlite3-multiple-ciphers';
import { WardenError } from '../../../shared/errors.ts';
import type { MailboxDetail, MailboxRow, SnapshotInfo } from '../../../shared/model/adminInventory.ts';
import { classifyInboxRule, isExternal } from './inboxRuleRisk.ts';
import { MailboxRows } from './mailboxRows.ts';

/** The Get-Mailbox properties the detail pane lists, in this order. */
const PROPERTIES = [
  'UserPrincipalName',
  'PrimarySmtpAddress',
  'Alias',
  'RecipientTypeDetails',
  'ForwardingSmtpAddress',
  'ForwardingAddress',
  'DeliverToMailboxAndForward',
  'AuditEnabled',
  'AuditLogAgeLimit',
  'AuditOwner',
  'AuditDelegate',
  'AuditAdmin',
  'LitigationHoldEnabled',
  'RetentionPolicy',
  'HiddenFromAddressListsEnabled',
  'AccountDisabled',
  'WhenCreatedUTC',
  'WhenChangedUTC',
  'ExchangeGuid',
  'ExternalDirectoryObjectId',
];
const PROTOCOLS = ['OWAEnabled', 'ActiveSyncEnabled', 'MAPIEnabled', 'EwsEnabled', 'PopEnabled', 'ImapEnabled'];

const text = (v: unknown): string => (v === null || v === undefined ? '' : Array.isArray(v) ? v.join(', ') : String(v));

function item(db: Database, snapshotId: number, type: string, identity: string): Record<string, unknown> | null {
  const row = db.prepare('SELECT data FROM inventory_items WHERE snapshot_id = ? AND item_type = ? AND identity = ?').get(snapshotId, type, identity) as { data: string } | undefined;
  return row ? (JSON.parse(row.data) as Record<string, unknown>) : null;
}

function children(db: Database, snapshotId: number, type: string, parent: string): Record<string, unknown>[] {
  const rows = db.prepare('SELECT data FROM inventory_items WHERE snapshot_id = ? AND item_type = ? AND parent = ? ORDER BY identity').all(snapshotId, type, parent) as Array<{ data: string }>;
  return rows.map((r) => JSON.parse(r.data) as Record<string, unknown>);
}

/** Principals a mailbox grants itself or the system: not delegates (the same rule as the list's SQL). */
function isSystemPrincipal(user: string): boolean {
  return /^NT AUTHORITY\\/i.test(user) || /^S-1-5-/i.test(user);
}

/** One mailbox of a snapshot for the detail pane: properties, protocols, permissions and inbox rules (flagged). */
export async function mailboxDetail(db: Database, snapshot: SnapshotInfo, identity: string): Promise<MailboxDetail> {
  const { details, orgDomains } = await new MailboxRows(db).ensure(snapshot.id);
  const mailbox = item(db, snapshot.id, 'mailbox', identity);
  if (!mailbox) throw new WardenError('not-found', `There is no mailbox ${identity} in the inventory of ${snapshot.completedAt.slice(0, 16).replace('T', ' ')} UTC.`);
  const guid = typeof mailbox['Guid'] === 'string' ? mailbox['Guid'].toLowerCase() : '';
  const cas = guid ? item(db, snapshot.id, 'casMailbox', guid) : null;
  const permissions = details
    ? children(db, snapshot.id, 'mailboxPermission', identity).map((p) => ({
        user: text(p['User']),
        accessRights: Array.isArray(p['AccessRights']) ? p['AccessRights'].map(String) : [text(p['AccessRights'])],
        inherited: p['IsInherited'] === true,
        deny: p['Deny'] === true,
      }))
    : null;
  const inboxRules = details ? children(db, snapshot.id, 'inboxRule', identity).map((r) => classifyInboxRule(r, orgDomains)) : null;
  const sendOnBehalf = Array.isArray(mailbox['GrantSendOnBehalfTo']) ? mailbox['GrantSendOnBehalfTo'].map(String) : [];
  const forwarding = text(mailbox['ForwardingSmtpAddress']).replace(/^smtp:/i, '') || text(mailbox['ForwardingAddress']) || null;
  const row: MailboxRow = {
    identity,
    displayName: text(mailbox['DisplayName']) || text(mailbox['Name']) || text(mailbox['UserPrincipalName']) || identity,
    upn: text(mailbox['UserPrincipalName']),
    primarySmtpAddress: text(mailbox['PrimarySmtpAddress']),
    type: text(mailbox['RecipientTypeDetails']) || 'Unknown',
    forwarding,
    forwardingExternal: forwarding !== null && forwarding.includes('@') && isExternal(forwarding, orgDomains),
    auditEnabled: mailbox['AuditEnabled'] !== false,
    litigationHold: mailbox['LitigationHoldEnabled'] === true,
    delegates: permissions ? permissions.filter((p) => !p.inherited && !p.deny && !isSystemPrincipal(p.user)).length + sendOnBehalf.length : null,
    suspiciousRules: inboxRules ? inboxRules.filter((r) => r.risks.length > 0).length : null,
    legacyProtocols: cas ? cas['PopEnabled'] === true || cas['ImapEnabled'] === true : null,
  };
  return {
    snapshot,
    row,
    properties: PROPERTIES.filter((p) => p in mailbox).map((name) => ({ name, value: text(mailbox[name]) })),
    protocols: cas ? PROTOCOLS.filter((p) => p in cas).map((name) => ({ name, enabled: cas[name] === true })) : null,
    permissions,
    sendOnBehalf,
    inboxRules,
  };
}
