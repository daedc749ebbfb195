import { AUDIT_ITEM } from '../../inventory/auditConfigInventory.ts';
import { listSome } from '../../detect/findings/explain.ts';
import { fail, pass, unknown, type PostureCheck } from '../postureCheck.ts';
import { RUN_TO_COLLECT } from '../postureInputs.ts';
import { settingChanges } from '../settingChanges.ts';

const FIX =
  'Set-OrganizationConfig -AuditDisabled $false; and for each account that bypasses auditing: Set-MailboxAuditBypassAssociation -Identity <account> -AuditBypassEnabled $false';

/**
 * Mailbox auditing on by default for the organization (Get-OrganizationConfig AuditDisabled False) and no
 * account exempt from it (Get-MailboxAuditBypassAssociation). A mailbox's own AuditEnabled is reported, not
 * failed: with auditing on by default Exchange audits the mailbox whatever that property says.
 */
export const mailboxAuditing: PostureCheck = {
  id: 'mailbox-auditing',
  title: 'Mailbox auditing is on by default, and no account bypasses it',
  scubaGear: 'MS.EXO.13.1v1',
  severity: 'high',
  evaluate(inputs) {
    const evidence = settingChanges(inputs.db, {
      operations: ['Set-OrganizationConfig', 'Set-MailboxAuditBypassAssociation'],
      parameters: ['AuditDisabled', 'AuditBypassEnabled'],
    });
    const basis = [inputs.basis('audit-config')];
    const org = inputs.items('audit-config', AUDIT_ITEM.organization)[0]?.data ?? null;
    const disabled = org?.['AuditDisabled'];
    if (typeof disabled !== 'boolean') {
      return unknown({
        why: inputs.snapshot('audit-config') ? 'The audit-configuration inventory did not get AuditDisabled.' : 'The audit configuration was never collected.',
        toKnow: `run ${RUN_TO_COLLECT['audit-config']}`,
        fix: FIX,
        basis,
        evidence,
      });
    }
    const bypass = inputs.items('audit-config', AUDIT_ITEM.bypass).map((b) => String(b.data['Name'] ?? b.data['Identity'] ?? b.identity));
    const summary = inputs.items('audit-config', AUDIT_ITEM.mailboxAudit)[0]?.data ?? null;
    const perMailbox = summary
      ? ` ${Number(summary['auditDisabled'] ?? 0)} of ${Number(summary['mailboxes'] ?? 0)} mailboxes have AuditEnabled False themselves (audited anyway while auditing is on by default).`
      : '';
    const problems: string[] = [];
    if (disabled) problems.push('AuditDisabled is True: no mailbox is audited, whatever each mailbox says');
    if (bypass.length > 0) problems.push(`${bypass.length} account(s) bypass mailbox auditing, so nothing they do in any mailbox is logged: ${listSome(bypass)}`);
    if (problems.length > 0) return fail({ why: `${problems.join('; ')}.${perMailbox}`, fix: FIX, basis, evidence });
    return pass({ why: `AuditDisabled is False (mailbox auditing on by default) and no account bypasses mailbox auditing.${perMailbox}`, fix: FIX, basis, evidence });
  },
};
