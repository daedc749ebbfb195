// Mailbox audit bypass: Set-MailboxAuditBypassAssociation -AuditBypassEnabled $true for a compromised member,
// so nothing done in or by that mailbox is audited any more.

import { aliasOf } from '../exchangeState.ts';
import { compromisedExchangeAdmin } from './actors.ts';
import { LabelDraft, plannedCmdlet } from './kit.ts';
import type { Injector } from './index.ts';

export const mailboxAuditBypass: Injector = {
  name: 'mailbox-audit-bypass',
  hours: 1,
  inject(env, rng, startMs) {
    const { world } = env.ctx;
    const label = new LabelDraft('mailbox-audit-bypass');
    const admin = compromisedExchangeAdmin(env, rng);
    const target = world.users[env.casting.member(rng)]!;
    const ms = startMs + rng.int(30 * 60_000);
    plannedCmdlet(env, label, rng, admin.user, 'Set-MailboxAuditBypassAssociation', target.id, [
      { Name: 'AuditBypassEnabled', Value: 'True' },
      { Name: 'Identity', Value: target.userPrincipalName },
    ], admin.where.ip, ms);
    const row = { Identity: aliasOf(target), Name: aliasOf(target), AuditBypassEnabled: true, ObjectId: target.id, WhenChangedUTC: new Date(ms).toISOString().slice(0, 19) + 'Z' };
    env.state.mailboxAuditBypass.push(row);
    label.change(`mailboxAuditBypass['${aliasOf(target)}']`, null, row);
    label.actorUpns.add(admin.user.userPrincipalName);
    label.actorIps.add(admin.where.ip);
    label.targetUpns.add(target.userPrincipalName);
    label.techniques.push('T1562.008');
    label.summary = `${admin.user.userPrincipalName} enabled mailbox audit bypass for ${target.userPrincipalName} from ${admin.where.ip}.`;
    return [label];
  },
};
