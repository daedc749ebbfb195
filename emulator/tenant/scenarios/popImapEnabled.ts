// POP and IMAP enabled on a mailbox although the organization turned them off (Set-CASMailbox), to open a
// basic-authentication path around MFA.

import { compromisedExchangeAdmin, casMailboxOf } from './actors.ts';
import { LabelDraft, plannedCmdlet } from './kit.ts';
import type { Injector } from './index.ts';

export const popImapEnabled: Injector = {
  name: 'pop-imap-enabled',
  hours: 1,
  inject(env, rng, startMs) {
    const { world } = env.ctx;
    const label = new LabelDraft('pop-imap-enabled');
    const admin = compromisedExchangeAdmin(env, rng);
    const target = world.users[env.casting.member(rng)]!;
    const cas = casMailboxOf(env, target);
    plannedCmdlet(env, label, rng, admin.user, 'Set-CASMailbox', target.id, [
      { Name: 'Identity', Value: target.userPrincipalName },
      { Name: 'ImapEnabled', Value: 'True' },
      { Name: 'PopEnabled', Value: 'True' },
    ], admin.where.ip, startMs + rng.int(30 * 60_000));
    label.change(`casMailboxes['${target.userPrincipalName}']`, { PopEnabled: cas.PopEnabled, ImapEnabled: cas.ImapEnabled }, { PopEnabled: true, ImapEnabled: true });
    cas.PopEnabled = true;
    cas.ImapEnabled = true;
    label.actorUpns.add(admin.user.userPrincipalName);
    label.actorIps.add(admin.where.ip);
    label.targetUpns.add(target.userPrincipalName);
    label.techniques.push('T1556', 'T1098');
    label.summary = `${admin.user.userPrincipalName} enabled POP and IMAP on ${target.userPrincipalName}'s mailbox (off for everyone else) from ${admin.where.ip}.`;
    return [label];
  },
};
