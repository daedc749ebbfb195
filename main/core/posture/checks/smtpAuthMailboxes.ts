import { listSome } from '../../detect/findings/explain.ts';
import { fail, pass, unknown, type PostureCheck } from '../postureCheck.ts';
import { RUN_TO_COLLECT } from '../postureInputs.ts';
import { POSTURE_ITEM } from '../postureSnapshot.ts';
import { settingChanges } from '../settingChanges.ts';

/**
 * SMTP AUTH per mailbox (Get-CASMailbox SmtpClientAuthenticationDisabled): False turns it on for that mailbox
 * whatever the organization says; null follows the organization. Accounts listed as automation accounts in the
 * context are the accepted exceptions (a scanner that sends by SMTP AUTH) and are named, not failed.
 */
export const smtpAuthMailboxes: PostureCheck = {
  id: 'smtp-auth-mailboxes',
  title: 'No mailbox has SMTP AUTH turned on for itself (except listed automation accounts)',
  scubaGear: 'MS.EXO.5.1v1',
  severity: 'medium',
  evaluate(inputs) {
    const evidence = settingChanges(inputs.db, { operations: ['Set-CASMailbox'], parameters: ['SmtpClientAuthenticationDisabled'] });
    const basis = [inputs.basis('mailboxes'), inputs.basis('posture')];
    const fix = 'Set-CASMailbox -Identity <mailbox> -SmtpClientAuthenticationDisabled $true (or $null to follow the organization, once Set-TransportConfig -SmtpClientAuthenticationDisabled $true)';
    const cas = inputs.items('mailboxes', 'casMailbox');
    if (!inputs.snapshot('mailboxes') || cas.length === 0) {
      return unknown({ why: 'The per-mailbox protocol settings (Get-CASMailbox) were never collected.', toKnow: `run ${RUN_TO_COLLECT.mailboxes}`, fix, basis, evidence });
    }
    const orgDisabled = inputs.items('posture', POSTURE_ITEM.transportConfig)[0]?.data['SmtpClientAuthenticationDisabled'];
    const enabled: string[] = [];
    const accepted: string[] = [];
    let following = 0;
    for (const c of cas) {
      const v = c.data['SmtpClientAuthenticationDisabled'];
      const name = String(c.data['PrimarySmtpAddress'] ?? c.data['Identity'] ?? c.identity).toLowerCase();
      if (v === false) (inputs.context.automationAccounts.includes(name) ? accepted : enabled).push(name);
      else if (v !== true) following++;
    }
    const followNote =
      orgDisabled === false
        ? ` ${following} more follow the organization, where SMTP AUTH is ON (see smtp-auth-organization).`
        : orgDisabled === true
          ? ''
          : ` ${following} follow the organization setting, which was not collected.`;
    const acceptedNote = accepted.length > 0 ? ` Accepted exceptions (listed automation accounts): ${listSome(accepted)}.` : '';
    if (enabled.length > 0) {
      return fail({
        why: `${enabled.length} of ${cas.length} mailboxes have SMTP AUTH turned on for themselves (SmtpClientAuthenticationDisabled False): ${listSome(enabled, 10)}.${acceptedNote}${followNote}`,
        fix: fix.replace('<mailbox>', enabled[0]!),
        basis,
        evidence,
      });
    }
    return pass({ why: `None of ${cas.length} mailboxes turns SMTP AUTH on for itself.${acceptedNote}${followNote}`, fix, basis, evidence });
  },
};
