// Per-user MFA disabled: the legacy per-user MFA requirement of an administrator is removed ('Disable Strong
// Authentication' and the 'Update user' of StrongAuthenticationRequirement, as the OTRF capture shows).

import { compromisedSecurityAdmin } from './actors.ts';
import { LabelDraft, plannedDirectoryChange } from './kit.ts';
import type { Injector } from './index.ts';

const ENFORCED = (since: string): string => `[\r\n  {\r\n    "RelyingParty": "*",\r\n    "State": 1,\r\n    "RememberDevicesNotIssuedBefore": "${since}"\r\n  }\r\n]`;

export const perUserMfaDisabled: Injector = {
  name: 'per-user-mfa-disabled',
  hours: 1,
  inject(env, rng, startMs) {
    const { world } = env.ctx;
    const label = new LabelDraft('per-user-mfa-disabled');
    const admin = compromisedSecurityAdmin(env, rng);
    const enforced = world.core.helpdesk.filter((i) => env.state.perUserMfa[world.users[i]!.id] === 'enforced');
    const targetIndex = enforced.length > 0 ? env.casting.oneOf(rng, enforced) : admin.index;
    const target = world.users[targetIndex]!;
    const since = new Date(world.startMs - 200 * 86_400_000).toISOString().slice(0, 19) + '+00:00';
    const ms = startMs + rng.int(30 * 60_000);
    const mods = [
      { Name: 'StrongAuthenticationRequirement', NewValue: '[]', OldValue: ENFORCED(since) },
      { Name: 'Included Updated Properties', NewValue: 'StrongAuthenticationRequirement', OldValue: '' },
      { Name: 'TargetId.UserType', NewValue: 'Member', OldValue: '' },
    ];
    plannedDirectoryChange(env, label, rng, {
      ms, activity: 'Update user', category: 'UserManagement', operationType: 'Update', actor: admin.user, actorIp: admin.where.ip,
      targets: [{ id: target.id, displayName: null, type: 'User', userPrincipalName: target.userPrincipalName, modified: [{ displayName: 'StrongAuthenticationRequirement', oldValue: JSON.stringify(JSON.parse(ENFORCED(since))), newValue: '[]' }, { displayName: 'Included Updated Properties', oldValue: null, newValue: '"StrongAuthenticationRequirement"' }] }],
    }, {
      operation: 'Update user.', actor: admin.user, objectId: target.userPrincipalName, category: 'User', clientIp: admin.where.ip,
      target: { id: target.id, kind: 'User', upn: target.userPrincipalName }, modified: mods, additionalDetails: '{"UserType":"Member"}',
    });
    plannedDirectoryChange(env, label, rng, {
      ms, activity: 'Disable Strong Authentication', category: 'UserManagement', operationType: 'Update', actor: admin.user, actorIp: admin.where.ip,
      targets: [{ id: target.id, displayName: null, type: 'User', userPrincipalName: target.userPrincipalName, modified: [{ displayName: 'StrongAuthenticationRequirement', oldValue: JSON.stringify(JSON.parse(ENFORCED(since))), newValue: '[]' }] }],
    }, {
      operation: 'Disable Strong Authentication.', actor: admin.user, objectId: target.userPrincipalName, category: 'User', clientIp: admin.where.ip,
      target: { id: target.id, kind: 'User', upn: target.userPrincipalName }, modified: mods.slice(0, 1),
    });
    label.change(`perUserMfa['${target.id}']`, env.state.perUserMfa[target.id] ?? 'disabled', 'disabled');
    env.state.perUserMfa[target.id] = 'disabled';
    label.actorUpns.add(admin.user.userPrincipalName);
    label.actorIps.add(admin.where.ip);
    label.targetUpns.add(target.userPrincipalName);
    label.techniques.push('T1556.006');
    label.summary = `${admin.user.userPrincipalName} removed the per-user MFA requirement of the administrator ${target.userPrincipalName} from ${admin.where.ip}.`;
    return [label];
  },
};
