import { listSome } from '../../detect/findings/explain.ts';
import { fail, pass, unknown, type PostureCheck } from '../postureCheck.ts';
import { RUN_TO_COLLECT } from '../postureInputs.ts';
import { POSTURE_ITEM } from '../postureSnapshot.ts';
import { settingChanges } from '../settingChanges.ts';

const FIX =
  "Set-HostedOutboundSpamFilterPolicy -Identity Default -AutoForwardingMode Off (and the same for every custom outbound policy), or Set-RemoteDomain -Identity Default -AutoForwardEnabled $false";

/** Outbound spam policy modes that stop automatic forwarding to outside recipients ('Automatic' is now the same as Off). */
const BLOCKING_MODES = new Set(['off', 'automatic']);

/**
 * Automatic forwarding to external domains blocked: every outbound spam filter policy has AutoForwardingMode
 * Off (or the system-controlled Automatic, which blocks), or every remote domain has AutoForwardEnabled False.
 * When the service did not give either setting, the check is unknown and says so: it never passes on no data.
 */
export const externalForwarding: PostureCheck = {
  id: 'external-forwarding-blocked',
  title: 'Automatic forwarding to external domains is blocked',
  scubaGear: 'MS.EXO.1.1v2',
  severity: 'high',
  evaluate(inputs) {
    const evidence = settingChanges(inputs.db, {
      operations: ['Set-HostedOutboundSpamFilterPolicy', 'New-HostedOutboundSpamFilterPolicy', 'Set-RemoteDomain', 'New-RemoteDomain'],
      parameters: ['AutoForwardingMode', 'AutoForwardEnabled'],
    });
    const basis = [inputs.basis('posture')];
    const forwarding = mailboxesForwarding(inputs);
    const forwardNote = forwarding === null ? '' : ` ${forwarding.length} mailbox(es) have a forwarding SMTP address set${forwarding.length ? `: ${listSome(forwarding)}` : ''}.`;
    if (!inputs.snapshot('posture')) {
      return unknown({ why: `The forwarding settings were never collected.${forwardNote}`, toKnow: `run ${RUN_TO_COLLECT.posture}`, fix: FIX, basis, evidence });
    }
    const policies = inputs.items('posture', POSTURE_ITEM.outboundSpamPolicy);
    const domains = inputs.items('posture', POSTURE_ITEM.remoteDomain);
    const policyRefused = inputs.unavailable('Get-HostedOutboundSpamFilterPolicy');
    const domainRefused = inputs.unavailable('Get-RemoteDomain');

    const allowingPolicies = policies.filter((p) => !BLOCKING_MODES.has(String(p.data['AutoForwardingMode'] ?? '').toLowerCase())).map((p) => `${String(p.data['Name'] ?? p.identity)} (AutoForwardingMode ${String(p.data['AutoForwardingMode'] ?? 'not set')})`);
    const allowingDomains = domains.filter((d) => d.data['AutoForwardEnabled'] !== false).map((d) => `${String(d.data['Name'] ?? d.identity)} (${String(d.data['DomainName'] ?? '?')})`);
    const policyBlocks = policies.length > 0 && allowingPolicies.length === 0;
    const domainBlocks = domains.length > 0 && allowingDomains.length === 0;

    if (policyBlocks) return pass({ why: `Every outbound spam filter policy (${policies.length}) blocks automatic external forwarding.${forwardNote}`, fix: FIX, basis, evidence });
    if (domainBlocks) return pass({ why: `Every remote domain (${domains.length}) has AutoForwardEnabled False.${forwardNote}`, fix: FIX, basis, evidence });
    if (policies.length > 0 && domains.length > 0) {
      return fail({
        why: `Automatic forwarding to outside recipients is allowed: outbound spam policies ${listSome(allowingPolicies)}; remote domains ${listSome(allowingDomains)}.${forwardNote}`,
        fix: FIX,
        basis,
        evidence,
      });
    }
    const missing = [
      policies.length === 0 ? `the outbound spam filter policies (Get-HostedOutboundSpamFilterPolicy: ${policyRefused ?? 'none returned'})` : null,
      domains.length === 0 ? `the remote domains (Get-RemoteDomain: ${domainRefused ?? 'none returned'})` : null,
    ].filter((m): m is string => m !== null);
    const seen = policies.length > 0 ? ` The policies that were read allow it: ${listSome(allowingPolicies)}.` : domains.length > 0 ? ` The remote domains that were read allow it: ${listSome(allowingDomains)}.` : '';
    return unknown({
      why: `Not collected: ${missing.join('; ')}. Without them Warden cannot tell whether external forwarding is blocked.${seen}${forwardNote}`,
      toKnow: `run ${RUN_TO_COLLECT.posture} against an Exchange Online endpoint that offers Get-HostedOutboundSpamFilterPolicy and Get-RemoteDomain, as an account that may read them`,
      fix: FIX,
      basis,
      evidence,
    });
  },
};

/** Mailboxes with a forwarding SMTP address in the mailbox inventory (null when there is none). */
function mailboxesForwarding(inputs: Parameters<PostureCheck['evaluate']>[0]): string[] | null {
  if (!inputs.snapshot('mailboxes')) return null;
  return inputs
    .items('mailboxes', 'mailbox')
    .filter((m) => typeof m.data['ForwardingSmtpAddress'] === 'string' && m.data['ForwardingSmtpAddress'] !== '')
    .map((m) => String(m.data['UserPrincipalName'] ?? m.identity));
}
