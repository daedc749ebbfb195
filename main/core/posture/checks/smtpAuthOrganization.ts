import { fail, pass, unknown, type PostureCheck } from '../postureCheck.ts';
import { RUN_TO_COLLECT } from '../postureInputs.ts';
import { POSTURE_ITEM } from '../postureSnapshot.ts';
import { settingChanges } from '../settingChanges.ts';

const FIX = 'Set-TransportConfig -SmtpClientAuthenticationDisabled $true';

/** SMTP AUTH (basic authentication, no MFA) off for the whole organization (Get-TransportConfig). */
export const smtpAuthOrganization: PostureCheck = {
  id: 'smtp-auth-organization',
  title: 'SMTP AUTH is off organization-wide',
  scubaGear: 'MS.EXO.5.1v1',
  severity: 'high',
  evaluate(inputs) {
    const evidence = settingChanges(inputs.db, { operations: ['Set-TransportConfig'], parameters: ['SmtpClientAuthenticationDisabled'] });
    const basis = [inputs.basis('posture')];
    const refused = inputs.unavailable('Get-TransportConfig');
    const value = inputs.items('posture', POSTURE_ITEM.transportConfig)[0]?.data['SmtpClientAuthenticationDisabled'];
    if (typeof value !== 'boolean') {
      return unknown({
        why: refused
          ? `Get-TransportConfig could not be read: ${refused}.`
          : inputs.snapshot('posture')
            ? 'The posture inventory did not get SmtpClientAuthenticationDisabled.'
            : 'The transport configuration was never collected.',
        toKnow: `run ${RUN_TO_COLLECT.posture}${refused ? ' as an account that may run Get-TransportConfig' : ''}`,
        fix: FIX,
        basis,
        evidence,
      });
    }
    if (value) return pass({ why: 'SmtpClientAuthenticationDisabled is True (Get-TransportConfig): no mailbox can send with SMTP AUTH unless it has its own exception.', fix: FIX, basis, evidence });
    return fail({
      why: 'SmtpClientAuthenticationDisabled is False (Get-TransportConfig): every mailbox without its own setting accepts SMTP AUTH, a basic-authentication protocol with no MFA.',
      fix: FIX,
      basis,
      evidence,
    });
  },
};
