import type { AuditRule, DerivedFinding } from '../engine/ruleTypes.ts';
import { actorPhrase, auditFinding } from './support/auditFinding.ts';
import { isTrue, parametersOf } from './support/auditFields.ts';

const parameters = {};

/**
 * POP or IMAP switched on for a mailbox (Set-CASMailbox), or SMTP AUTH re-enabled for a mailbox or
 * the whole organization: basic-authentication paths around MFA. Switching them off is not listed.
 */
export const legacyProtocolEnabled: AuditRule<typeof parameters> = {
  kind: 'audit',
  id: 'pop-imap-enabled',
  title: 'POP, IMAP or SMTP AUTH enabled',
  severity: 'medium',
  technique: 'T1556',
  looksAt: 'Set-CASMailbox (PopEnabled, ImapEnabled, SmtpClientAuthenticationDisabled) and Set-TransportConfig (SmtpClientAuthenticationDisabled).',
  parameters,
  explanation: '{actor} enabled {protocols} for {identity}: {consequence}',
  operations: ['Set-CASMailbox', 'Set-TransportConfig'],
  derive(rows, ctx) {
    const out: DerivedFinding[] = [];
    for (const row of rows) {
      if (row.result === 'failure') continue;
      const p = parametersOf(row);
      const enabled: string[] = [];
      if (isTrue(p.get('popenabled'))) enabled.push('POP');
      if (isTrue(p.get('imapenabled'))) enabled.push('IMAP');
      if (/^\$?false$/i.test(p.get('smtpclientauthenticationdisabled') ?? '')) enabled.push('SMTP AUTH');
      if (enabled.length === 0) continue;
      const org = row.operation === 'Set-TransportConfig';
      const identity = org ? 'the whole organization' : (p.get('identity') ?? row.object ?? 'a mailbox').toLowerCase();
      out.push(
        auditFinding(row, {
          subjectKey: `${org ? 'organization' : `mailbox:${identity}`}|${enabled.join(',')}`,
          severity: org || enabled.some((e) => e !== 'SMTP AUTH') ? 'high' : 'medium',
          title: `${enabled.join(' and ')} enabled for ${identity}`,
          facts: {
            actor: actorPhrase(row, ctx),
            protocols: enabled.join(' and '),
            identity,
            consequence: 'these protocols sign in with a password alone, so MFA does not protect the mailbox from them.',
          },
          user: org ? row.user : identity,
        }),
      );
    }
    return out;
  },
};
