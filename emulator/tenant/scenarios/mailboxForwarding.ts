// Mailbox forwarding: the compromised user's mailbox is set to forward everything to an outside address
// (Outlook on the web settings, logged as Set-Mailbox with ForwardingSmtpAddress).

import { compromisedMember, EXTERNAL_ADDRESSES, mailboxOf } from './actors.ts';
import { LabelDraft, plannedCmdlet } from './kit.ts';
import type { Injector } from './index.ts';

export const mailboxForwarding: Injector = {
  name: 'mailbox-forwarding',
  hours: 1,
  inject(env, rng, startMs) {
    const label = new LabelDraft('mailbox-forwarding');
    const op = compromisedMember(env, rng, (i) => env.ctx.world.users[i]!.mailboxGuid !== null);
    const user = op.user;
    const mb = mailboxOf(env, user);
    const address = rng.pick(EXTERNAL_ADDRESSES);
    const before = { ForwardingSmtpAddress: mb.ForwardingSmtpAddress, DeliverToMailboxAndForward: mb.DeliverToMailboxAndForward };
    plannedCmdlet(env, label, rng, user, 'Set-Mailbox', user.id, [
      { Name: 'Identity', Value: user.id },
      { Name: 'ForwardingSmtpAddress', Value: `smtp:${address}` },
      { Name: 'DeliverToMailboxAndForward', Value: 'True' },
    ], op.where.ip, startMs + rng.int(30 * 60_000), 'owa');
    mb.ForwardingSmtpAddress = `smtp:${address}`;
    mb.DeliverToMailboxAndForward = true;
    label.change(`mailboxes['${user.userPrincipalName}']`, before, { ForwardingSmtpAddress: mb.ForwardingSmtpAddress, DeliverToMailboxAndForward: true });
    label.actorUpns.add(user.userPrincipalName);
    label.actorIps.add(op.where.ip);
    label.targetUpns.add(user.userPrincipalName);
    label.targetObjects.add(address);
    label.techniques.push('T1114.003');
    label.summary = `Forwarding of ${user.userPrincipalName}'s mailbox to ${address} (keeping a copy) set from ${op.where.ip}.`;
    return [label];
  },
};
