import { z } from 'zod';
import type { Database } from 'better-sqlite3-multiple-ciphers';
import type { JobKind } from '../jobs/jobKind.ts';
import { InventoryRepository, type InventoryItem } from './inventoryRepository.ts';
import { exchangeIdentity } from './mailboxInventory.ts';

const Params = z.strictObject({});
type Params = z.infer<typeof Params>;

type Phase = 'adminAuditLog' | 'organization' | 'bypass' | 'mailboxes' | 'done';

interface Checkpoint {
  snapshotId: number;
  phase: Phase;
  nextLink: string | null;
  /** Bypass rows seen so far (every mailbox has one; only those that bypass auditing are kept). */
  bypassSeen: number;
  items: number;
}

/** Item types this inventory writes. */
export const AUDIT_ITEM = {
  adminAuditLog: 'adminAuditLogConfig',
  organization: 'organizationConfig',
  bypass: 'auditBypass',
  mailboxAudit: 'mailboxAudit',
} as const;

/** How many mailboxes with auditing off the snapshot names (the count is always exact). */
const LISTED_AUDIT_OFF = 500;

/**
 * `inventory.audit-config`: whether Exchange records what admins and mailbox users do. Unified audit log
 * ingestion is read with Get-AdminAuditLogConfig through the Exchange Online API (the Security & Compliance
 * endpoint always answers False); org-wide mailbox auditing from Get-OrganizationConfig (AuditDisabled);
 * accounts that bypass mailbox auditing from Get-MailboxAuditBypassAssociation; and per-mailbox AuditEnabled
 * from the latest complete mailbox inventory (which this job does not repeat).
 */
export const auditConfigInventory: JobKind<Params, Checkpoint> = {
  kind: 'inventory.audit-config',
  params: Params,
  title: () => 'Audit configuration inventory',
  remaining(checkpoint) {
    const phase = checkpoint?.phase ?? 'adminAuditLog';
    const parts = {
      adminAuditLog: 'unified audit log ingestion (Get-AdminAuditLogConfig)',
      organization: 'org-wide mailbox auditing (Get-OrganizationConfig)',
      bypass: `mailbox audit bypass associations after the first ${(checkpoint?.bypassSeen ?? 0).toLocaleString('en-US')} (Get-MailboxAuditBypassAssociation)`,
      mailboxes: 'per-mailbox audit settings (from the mailbox inventory)',
      done: '',
    };
    const order: Phase[] = ['adminAuditLog', 'organization', 'bypass', 'mailboxes'];
    const left = order.slice(Math.max(0, order.indexOf(phase))).map((p) => parts[p]);
    return left.length ? left.join(', then ') : 'nothing (the snapshot was being closed)';
  },
  async run(ctx) {
    const repo = new InventoryRepository(ctx.store.db);
    let cp: Checkpoint = ctx.checkpoint ?? { snapshotId: 0, phase: 'adminAuditLog', nextLink: null, bypassSeen: 0, items: 0 };
    if (cp.snapshotId === 0) {
      const start = cp;
      const snapshotId = ctx.commit(
        () => repo.createSnapshot(ctx.jobId, 'audit-config', Date.now()),
        (id) => ({ checkpoint: { ...start, snapshotId: id }, done: 0 }),
      );
      cp = { ...cp, snapshotId };
    }
    const save = (next: Checkpoint, items: InventoryItem[]) => {
      ctx.commit(() => repo.putItems(next.snapshotId, items), { checkpoint: next, done: next.items });
      cp = next;
    };

    for (const [phase, cmdlet, type, then] of [
      ['adminAuditLog', 'Get-AdminAuditLogConfig', AUDIT_ITEM.adminAuditLog, 'organization'],
      ['organization', 'Get-OrganizationConfig', AUDIT_ITEM.organization, 'bypass'],
    ] as const) {
      if (cp.phase !== phase) continue;
      const found = await ctx.clients.exchange.run({ name: cmdlet }, ctx.signal);
      // One organization-wide object; its identity in the snapshot is fixed, so snapshots line up in a diff.
      const items = found.slice(0, 1).map((data) => ({ type, identity: 'organization', data }));
      save({ ...cp, phase: then, items: cp.items + items.length }, items);
    }

    if (cp.phase === 'bypass') {
      let nextLink = cp.nextLink;
      for (;;) {
        const page = await ctx.clients.exchange.page({ name: 'Get-MailboxAuditBypassAssociation', parameters: { ResultSize: 'Unlimited' } }, { nextLink, signal: ctx.signal });
        const bypassing = page.items.filter((row) => row['AuditBypassEnabled'] === true).map((data) => ({ type: AUDIT_ITEM.bypass, identity: bypassIdentity(data), data }));
        const seen = cp.bypassSeen + page.items.length;
        save(
          page.nextLink
            ? { ...cp, nextLink: page.nextLink, bypassSeen: seen, items: cp.items + bypassing.length }
            : { ...cp, phase: 'mailboxes', nextLink: null, bypassSeen: seen, items: cp.items + bypassing.length },
          bypassing,
        );
        nextLink = page.nextLink;
        if (!nextLink) break;
      }
    }

    if (cp.phase === 'mailboxes') {
      const mailboxes = repo.latestComplete('mailboxes');
      if (!mailboxes) {
        ctx.missing({
          what: 'per-mailbox audit settings (AuditEnabled)',
          reason: 'there is no complete mailbox inventory yet: run `warden inventory mailboxes` (or start it in the Mailboxes view), then this inventory again',
        });
        save({ ...cp, phase: 'done' }, []);
      } else {
        const summary = mailboxAuditSummary(ctx.store.db, mailboxes.id);
        save({ ...cp, phase: 'done', items: cp.items + 1 }, [{ type: AUDIT_ITEM.mailboxAudit, identity: 'summary', data: { ...summary, mailboxSnapshotId: mailboxes.id, mailboxSnapshotAt: new Date(mailboxes.completedAt).toISOString() } }]);
      }
    }

    ctx.commit(() => repo.complete(cp.snapshotId, Date.now()), { checkpoint: cp, done: cp.items });
    const ingestion = repo.items(cp.snapshotId, AUDIT_ITEM.adminAuditLog)[0]?.data['UnifiedAuditLogIngestionEnabled'];
    return {
      summary: {
        snapshotId: cp.snapshotId,
        items: cp.items,
        unifiedAuditLogIngestionEnabled: typeof ingestion === 'boolean' ? ingestion : null,
        auditBypassAccounts: repo.countItems(cp.snapshotId, AUDIT_ITEM.bypass),
      },
    };
  },
};

function bypassIdentity(row: Record<string, unknown>): string {
  const objectId = row['ObjectId'];
  return typeof objectId === 'string' && objectId ? objectId.toLowerCase() : exchangeIdentity(row);
}

/** How many mailboxes of a mailbox snapshot have AuditEnabled false, and the first of them by UPN. */
function mailboxAuditSummary(db: Database, mailboxSnapshotId: number): { mailboxes: number; auditDisabled: number; disabled: Array<{ upn: string; identity: string }> } {
  const totals = db
    .prepare(
      `SELECT COUNT(*) AS mailboxes, SUM(CASE WHEN json_extract(data, '$.AuditEnabled') = 0 THEN 1 ELSE 0 END) AS disabled
       FROM inventory_items WHERE snapshot_id = ? AND item_type = 'mailbox'`,
    )
    .get(mailboxSnapshotId) as { mailboxes: number; disabled: number | null };
  const disabled = db
    .prepare(
      `SELECT identity, json_extract(data, '$.UserPrincipalName') AS upn FROM inventory_items
       WHERE snapshot_id = ? AND item_type = 'mailbox' AND json_extract(data, '$.AuditEnabled') = 0 ORDER BY upn LIMIT ?`,
    )
    .all(mailboxSnapshotId, LISTED_AUDIT_OFF) as Array<{ identity: string; upn: string | null }>;
  return { mailboxes: totals.mailboxes, auditDisabled: totals.disabled ?? 0, disabled: disabled.map((d) => ({ identity: d.identity, upn: d.upn ?? d.identity })) };
}
