// Role-group escalation: a compromised Exchange administrator adds an ordinary member to Organization Management
// (Add-RoleGroupMember), giving that account full Exchange administration.

import { aliasOf } from '../exchangeState.ts';
import { compromisedExchangeAdmin } from './actors.ts';
import { LabelDraft, plannedCmdlet } from './kit.ts';
import type { Injector } from './index.ts';

export const roleGroupEscalation: Injector = {
  name: 'role-group-escalation',
  hours: 1,
  inject(env, rng, startMs) {
    const { world } = env.ctx;
    const label = new LabelDraft('role-group-escalation');
    const admin = compromisedExchangeAdmin(env, rng);
    const memberIndex = env.casting.member(rng);
    const member = world.users[memberIndex]!;
    // The elevated account is the attacker's from now on: its owner's ordinary activity stops, so its later
    // sign-ins are not ordinary 'administrator' sign-ins from home.
    env.planner.setAway(memberIndex, { fromMs: startMs - 2 * 3_600_000, toMs: world.endMs });
    const group = env.state.roleGroups.find((g) => g.Name === 'Organization Management')!;
    const before = group.MemberUpns.slice();
    plannedCmdlet(env, label, rng, admin.user, 'Add-RoleGroupMember', group.Name, [
      { Name: 'Identity', Value: group.Name },
      { Name: 'Member', Value: member.userPrincipalName },
      { Name: 'BypassSecurityGroupManagerCheck', Value: 'True' },
    ], admin.where.ip, startMs + rng.int(30 * 60_000));
    group.Members.push(aliasOf(member));
    group.MemberUpns.push(member.userPrincipalName);
    member.roleGroups.push(group.Name);
    label.change(`roleGroups['${group.Name}'].MemberUpns`, before, group.MemberUpns.slice());
    label.actorUpns.add(admin.user.userPrincipalName);
    label.actorIps.add(admin.where.ip);
    label.targetUpns.add(member.userPrincipalName);
    label.targetObjects.add(group.Name);
    label.techniques.push('T1098');
    label.summary = `${admin.user.userPrincipalName} added the ordinary member ${member.userPrincipalName} (${member.jobTitle ?? 'member'}) to the '${group.Name}' role group from ${admin.where.ip}.`;
    return [label];
  },
};
