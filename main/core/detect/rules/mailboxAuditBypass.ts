import type { AuditRule, DerivedFinding } from '../engine/ruleTypes.ts';
import { actorPhrase, auditFinding } from './support/auditFinding.ts';
import { isTrue, parametersOf } from './support/auditFields.ts';

const parameters = {};

/**
 * Mailbox auditing bypassed or turned off: Set-MailboxAuditBypassAssociation -AuditBypassEnabled
 * $true (nothing done by or in that mailbox is audited), Set-Mailbox -AuditEnabled $false, and
 * Set-OrganizationConfig -AuditDisabled $true (every mailbox).
 */
export const mailboxAuditBypass: AuditRule<typeof parameters> = {
  kind: 'audit',
  id: 'mailbox-audit-bypass',
  title: 'Mailbox audit bypass set or mailbox auditing turned off',
  severity: 'high',
  technique: 'T1562.008',
  looksAt: 'Set-MailboxAuditBypassAssociation (AuditBypassEnabled), Set-Mailbox (AuditEnabled) and Set-OrganizationConfig (AuditDisabled).',
  parameters,
  explanation: '{actor} {what}: {consequence}',
  operations: ['Set-MailboxAuditBypassAssociation', 'Set-Mailbox', 'Set-OrganizationConfig'],
  derive(rows, ctx) {
    const out: DerivedFinding[] = [];
    for (const row of rows) {
      if (row.result === 'failure') continue;
      const p = parametersOf(row);
      const identity = (p.get('identity') ?? row.object ?? '').toLowerCase();
      let what: string | null = null;
      let consequence = '';
      let severity: 'high' | 'critical' = 'high';
      if (row.operation === 'Set-MailboxAuditBypassAssociation' && isTrue(p.get('auditbypassenabled'))) {
        what = `enabled mailbox audit bypass for ${identity}`;
        consequence = `nothing ${identity} does, in any mailbox, is audited any more.`;
      } else if (row.operation === 'Set-Mailbox' && /^\$?false$/i.test(p.get('auditenabled') ?? '')) {
        what = `turned mailbox auditing off for ${identity}`;
        consequence = `access to ${identity}'s mailbox is no longer audited.`;
      } else if (row.operation === 'Set-OrganizationConfig' && isTrue(p.get('auditdisabled'))) {
        what = 'turned mailbox auditing off for the whole organization (AuditDisabled)';
        consequence = 'no mailbox access is audited any more.';
        severity = 'critical';
      }
      if (!what) continue;
      out.push(
        auditFinding(row, {
          subjectKey: `${row.operation}:${identity}`,
          severity,
          title: `${what[0]!.toUpperCase()}${what.slice(1)}`,
          facts: { actor: actorPhrase(row, ctx), what, consequence, identity },
          user: identity.includes('@') ? identity : row.user,
        }),
      );
    }
    return out;
  },
};
