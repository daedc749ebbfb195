import type { AuditRule, DerivedFinding } from '../engine/ruleTypes.ts';
import { actorPhrase, auditFinding } from './support/auditFinding.ts';
import { isTrue, parametersOf, smtpAddresses } from './support/auditFields.ts';

const parameters = {
  /** Forwarding to a recipient inside the organization (a leaver's mail to the manager) is a near miss. */
  includeInternal: false,
};

/**
 * Mail forwarded outside the organization by configuration: a mailbox's ForwardingSmtpAddress
 * (Set-Mailbox, also set from Outlook on the web), or a transport rule that redirects or copies mail
 * outside (every mailbox at once).
 */
export const mailForwardingSet: AuditRule<typeof parameters> = {
  kind: 'audit',
  id: 'mail-forwarding-set',
  title: 'Mail forwarding outside the organization',
  severity: 'high',
  technique: 'T1114.003',
  looksAt: 'Set-Mailbox (ForwardingSmtpAddress, ForwardingAddress) and New-/Set-TransportRule (RedirectMessageTo, BlindCopyTo, CopyTo, AddToRecipients).',
  parameters,
  explanation: '{actor} set {what} to forward mail to {recipients}{copy}.',
  operations: ['Set-Mailbox', 'New-TransportRule', 'Set-TransportRule'],
  derive(rows, ctx) {
    const out: DerivedFinding[] = [];
    for (const row of rows) {
      if (row.result === 'failure') continue;
      const p = parametersOf(row);
      const transport = row.operation.endsWith('TransportRule');
      const keys = transport ? ['redirectmessageto', 'blindcopyto', 'copyto', 'addtorecipients'] : ['forwardingsmtpaddress', 'forwardingaddress'];
      const recipients = keys.flatMap((k) => smtpAddresses(p.get(k) ?? ''));
      const shown = parameters.includeInternal ? recipients : recipients.filter((a) => !ctx.isInternalAddress(a));
      if (shown.length === 0) continue;
      const identity = (p.get('identity') ?? p.get('name') ?? row.object ?? '').toLowerCase();
      const keepsCopy = isTrue(p.get('delivertomailboxandforward'));
      out.push(
        auditFinding(row, {
          subjectKey: `${transport ? 'transport-rule' : 'mailbox'}:${identity}|to:${shown.join(',')}`,
          severity: transport ? 'critical' : 'high',
          title: transport ? `Transport rule '${identity}' sends mail to ${shown[0]}` : `Mailbox ${identity} forwards to ${shown[0]}`,
          facts: {
            actor: actorPhrase(row, ctx),
            what: transport ? `the transport rule '${identity}' (every matching message in the organization)` : `the mailbox ${identity}`,
            recipients: shown.join(', '),
            copy: transport ? '' : keepsCopy ? ', keeping a copy in the mailbox so the owner notices nothing' : '',
          },
          user: transport ? null : identity.includes('@') ? identity : row.user,
        }),
      );
    }
    return out;
  },
};
