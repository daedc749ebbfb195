// SendAs grant: a compromised Exchange administrator lets a compromised member send as a finance or executive
// mailbox (Add-RecipientPermission).

import { aliasOf } from '../exchangeState.ts';
import { compromisedExchangeAdmin, mailboxOf, valuableMember } from './actors.ts';
import { LabelDraft, plannedCmdlet } from './kit.ts';
import type { Injector } from './index.ts';

export const sendAsGrant: Injector = {
  name: 'sendas-grant',
  hours: 1,
  inject(env, rng, startMs) {
    const { world } = env.ctx;
    const label = new LabelDraft('sendas-grant');
    const admin = compromisedExchangeAdmin(env, rng);
    const owner = world.users[env.casting.member(rng, valuableMember(env))]!;
    const trustee = world.users[env.casting.member(rng)]!;
    mailboxOf(env, owner);
    plannedCmdlet(env, label, rng, admin.user, 'Add-RecipientPermission', owner.mailboxGuid ?? owner.id, [
      { Name: 'Identity', Value: owner.userPrincipalName },
      { Name: 'Trustee', Value: trustee.userPrincipalName },
      { Name: 'AccessRights', Value: 'SendAs' },
      { Name: 'Confirm', Value: 'False' },
    ], admin.where.ip, startMs + rng.int(30 * 60_000));
    const row = { Identity: aliasOf(owner), Trustee: trustee.userPrincipalName, AccessControlType: 'Allow' as const, AccessRights: ['SendAs'], IsInherited: false, InheritanceType: 'None' as const };
    env.state.recipientPermissions.push(row);
    label.change(`recipientPermissions['${aliasOf(owner)}'][Trustee='${trustee.userPrincipalName}']`, null, row);
    label.actorUpns.add(admin.user.userPrincipalName);
    label.actorIps.add(admin.where.ip);
    label.targetUpns.add(owner.userPrincipalName);
    label.targetUpns.add(trustee.userPrincipalName);
    label.techniques.push('T1098.002');
    label.summary = `${admin.user.userPrincipalName} granted ${trustee.userPrincipalName} SendAs on ${owner.userPrincipalName} from ${admin.where.ip}.`;
    return [label];
  },
};
