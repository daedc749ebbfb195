import type { AuditRule, DerivedFinding } from '../engine/ruleTypes.ts';
import { actorPhrase, auditFinding, changeOrigin } from './support/auditFinding.ts';
import { parametersOf } from './support/auditFields.ts';

const parameters = {
  /** Rights that let someone read or send as a mailbox. */
  rights: ['FullAccess', 'SendAs', 'SendOnBehalf', 'ReadPermission'],
};

/**
 * FullAccess, SendAs or SendOnBehalf granted on a mailbox. Administrators grant these every day
 * (shared mailboxes), so with a context the rule lists the grants made from outside the trusted
 * networks, by accounts not listed as administrators, or to oneself; without one, every grant.
 */
export const mailboxPermissionGranted: AuditRule<typeof parameters> = {
  kind: 'audit',
  id: 'mailbox-permission-granted',
  title: 'Mailbox delegation granted (FullAccess, SendAs, SendOnBehalf)',
  severity: 'high',
  technique: 'T1098.002',
  looksAt: 'Add-MailboxPermission, Add-RecipientPermission, Add-ADPermission (Send-As) and Set-Mailbox -GrantSendOnBehalfTo.',
  parameters,
  explanation: "{actor} granted {grantee} {right} on {mailbox}'s mailbox. Listed because {why}.",
  operations: ['Add-MailboxPermission', 'Add-RecipientPermission', 'Add-ADPermission', 'Set-Mailbox'],
  derive(rows, ctx) {
    const out: DerivedFinding[] = [];
    for (const row of rows) {
      if (row.result === 'failure') continue;
      const p = parametersOf(row);
      let right: string | null = null;
      let grantee: string | null = null;
      if (row.operation === 'Set-Mailbox') {
        if (!p.get('grantsendonbehalfto')) continue;
        right = 'SendOnBehalf';
        grantee = p.get('grantsendonbehalfto')!;
      } else {
        const rights = p.get('accessrights') ?? p.get('extendedrights') ?? '';
        right = parameters.rights.find((r) => rights.toLowerCase().replace('-', '').includes(r.toLowerCase())) ?? null;
        grantee = p.get('user') ?? p.get('trustee') ?? null;
      }
      if (!right || !grantee) continue;
      const mailbox = (p.get('identity') ?? row.object ?? 'an unknown').toLowerCase();
      const self = row.user !== null && grantee.toLowerCase() === row.user;
      const origin = changeOrigin(row, ctx);
      if (!origin.unusual && !self) continue;
      out.push(
        auditFinding(row, {
          subjectKey: `mailbox:${mailbox}|to:${grantee.toLowerCase()}|right:${right}`,
          severity: right === 'SendOnBehalf' ? 'medium' : 'high',
          title: `${grantee} granted ${right} on ${mailbox}`,
          facts: {
            actor: actorPhrase(row, ctx),
            grantee,
            right,
            mailbox,
            why: self ? `${row.user} granted it to themselves${origin.unusual ? `, and ${origin.why}` : ''}` : origin.why,
          },
          user: mailbox.includes('@') ? mailbox : grantee.toLowerCase(),
        }),
      );
    }
    return out;
  },
};
