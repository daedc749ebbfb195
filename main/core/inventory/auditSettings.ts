import type { Database } from 'better-sqlite3-multiple-ciphers';
import type { AuditConfigView, AuditSetting } from '../../../shared/model/adminInventory.ts';
import { AUDIT_ITEM } from './auditConfigInventory.ts';
import { InventoryRepository } from './inventoryRepository.ts';
import { latestSnapshot } from './snapshotInfo.ts';

const str = (v: unknown): string => (v === null || v === undefined ? '' : Array.isArray(v) ? v.join(', ') : String(v));

function bool(id: string, label: string, value: unknown, good: boolean, okText: string, badText: string): AuditSetting {
  if (typeof value !== 'boolean') return { id, label, value: 'not read', state: 'unknown', explanation: 'The inventory did not get this value.' };
  return { id, label, value: value ? 'True' : 'False', state: value === good ? 'ok' : 'warning', explanation: value === good ? okText : badText };
}

/** The audit settings of the latest complete audit-configuration inventory, each with its state. */
export function auditConfigView(db: Database): AuditConfigView {
  const snapshot = latestSnapshot(db, 'audit-config');
  if (!snapshot) return { snapshot: null, settings: [], bypassed: [], mailboxesAuditOff: [], mailboxesAuditOffTotal: null, ingestionEnabled: null };
  const repo = new InventoryRepository(db);
  const admin = repo.items(snapshot.id, AUDIT_ITEM.adminAuditLog)[0]?.data ?? null;
  const org = repo.items(snapshot.id, AUDIT_ITEM.organization)[0]?.data ?? null;
  const bypass = repo.items(snapshot.id, AUDIT_ITEM.bypass);
  const mailboxes = repo.items(snapshot.id, AUDIT_ITEM.mailboxAudit)[0]?.data ?? null;
  const ingestion = admin?.['UnifiedAuditLogIngestionEnabled'];
  const settings: AuditSetting[] = [
    bool(
      'unifiedAuditLogIngestion',
      'Unified audit log ingestion',
      ingestion,
      true,
      'Admin and user activity is recorded in the unified audit log. (Read through Exchange Online: the Security & Compliance endpoint always answers False.)',
      'The unified audit log is OFF: nothing admins or users do is recorded, and no change can be proven. Turn it on.',
    ),
    bool('adminAuditLog', 'Admin audit logging', admin?.['AdminAuditLogEnabled'], true, 'Exchange admin cmdlets are logged.', 'Exchange admin cmdlets are not logged.'),
    {
      id: 'adminAuditLogAgeLimit',
      label: 'Admin audit log age limit',
      value: str(admin?.['AdminAuditLogAgeLimit']) || 'not read',
      state: admin ? 'ok' : 'unknown',
      explanation: 'How long Exchange keeps admin audit entries.',
    },
    bool(
      'organizationMailboxAudit',
      'Mailbox auditing, organization-wide (AuditDisabled)',
      typeof org?.['AuditDisabled'] === 'boolean' ? !(org['AuditDisabled'] as boolean) : undefined,
      true,
      'Mailbox auditing is on by default for every mailbox (AuditDisabled is False).',
      'AuditDisabled is True: no mailbox is audited, whatever each mailbox says.',
    ),
    {
      id: 'auditBypass',
      label: 'Accounts that bypass mailbox auditing',
      value: String(bypass.length),
      state: bypass.length === 0 ? 'ok' : 'warning',
      explanation:
        bypass.length === 0
          ? 'No account is exempt from mailbox auditing.'
          : 'Mailbox access by these accounts is never logged (Set-MailboxAuditBypassAssociation). Attackers set this to hide; keep it to vetted service accounts.',
    },
    mailboxes
      ? {
          id: 'mailboxAudit',
          label: 'Mailboxes with auditing off (AuditEnabled False)',
          value: `${Number(mailboxes['auditDisabled'] ?? 0).toLocaleString('en-US')} of ${Number(mailboxes['mailboxes'] ?? 0).toLocaleString('en-US')}`,
          state: Number(mailboxes['auditDisabled'] ?? 0) === 0 ? 'ok' : 'warning',
          explanation: `From the mailbox inventory of ${str(mailboxes['mailboxSnapshotAt']).slice(0, 16).replace('T', ' ')} UTC.`,
        }
      : { id: 'mailboxAudit', label: 'Mailboxes with auditing off', value: 'not read', state: 'unknown', explanation: 'Run a mailbox inventory, then this one again.' },
  ];
  const disabled = Array.isArray(mailboxes?.['disabled']) ? (mailboxes['disabled'] as Array<{ upn?: string }>) : [];
  return {
    snapshot,
    settings,
    bypassed: bypass.map((b) => str(b.data['Name']) || str(b.data['Identity']) || b.identity),
    mailboxesAuditOff: disabled.map((d) => str(d.upn)),
    mailboxesAuditOffTotal: mailboxes ? Number(mailboxes['auditDisabled'] ?? 0) : null,
    ingestionEnabled: typeof ingestion === 'boolean' ? ingestion : null,
  };
}
