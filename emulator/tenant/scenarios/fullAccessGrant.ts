// FullAccess grant: a compromised Exchange administrator gives a compromised member full access to a finance or
// executive mailbox (Add-MailboxPermission).

import { aliasOf } from '../exchangeState.ts';
import { compromisedExchangeAdmin, mailboxOf, valuableMember } from './actors.ts';
import { LabelDraft, plannedCmdlet } from './kit.ts';
import type { Injector } from './index.ts';

export const fullAccessGrant: Injector = {
  name: 'fullaccess-grant',
  hours: 1,
  inject(env, rng, startMs) {
    const { world } = env.ctx;
    const label = new LabelDraft('fullaccess-grant');
    const admin = compromisedExchangeAdmin(env, rng);
    const owner = world.users[env.casting.member(rng, valuableMember(env))]!;
    const grantee = world.users[env.casting.member(rng)]!;
    mailboxOf(env, owner);
    plannedCmdlet(env, label, rng, admin.user, 'Add-MailboxPermission', owner.mailboxGuid ?? owner.id, [
      { Name: 'Identity', Value: owner.userPrincipalName },
      { Name: 'User', Value: grantee.userPrincipalName },
      { Name: 'AccessRights', Value: 'FullAccess' },
      { Name: 'InheritanceType', Value: 'All' },
      { Name: 'AutoMapping', Value: 'False' },
    ], admin.where.ip, startMs + rng.int(30 * 60_000));
    const row = { Identity: aliasOf(owner), User: grantee.userPrincipalName, AccessRights: ['FullAccess'], IsInherited: false, Deny: false, InheritanceType: 'All' as const };
    env.state.mailboxPermissions.push(row);
    label.change(`mailboxPermissions['${aliasOf(owner)}'][User='${grantee.userPrincipalName}']`, null, row);
    label.actorUpns.add(admin.user.userPrincipalName);
    label.actorIps.add(admin.where.ip);
    label.targetUpns.add(owner.userPrincipalName);
    label.targetUpns.add(grantee.userPrincipalName);
    label.techniques.push('T1098.002');
    label.summary = `${admin.user.userPrincipalName} granted ${grantee.userPrincipalName} FullAccess to ${owner.userPrincipalName}'s mailbox (${owner.department ?? 'user'} mailbox, not a shared one) from ${admin.where.ip}.`;
    return [label];
  },
};
