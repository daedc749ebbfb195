// Global Administrator added: a compromised privileged-role administrator makes an ordinary member a Global
// Administrator ('Add member to role'; the unified audit log still calls the role 'Company Administrator').

import { DIRECTORY_ROLES, roleAssignment } from '../directoryState.ts';
import { compromisedSecurityAdmin } from './actors.ts';
import { LabelDraft, plannedDirectoryChange } from './kit.ts';
import type { Injector } from './index.ts';

export const globalAdminAdded: Injector = {
  name: 'global-admin-added',
  hours: 1,
  inject(env, rng, startMs) {
    const { world } = env.ctx;
    const label = new LabelDraft('global-admin-added');
    const admin = compromisedSecurityAdmin(env, rng);
    const targetIndex = env.casting.member(rng);
    const target = world.users[targetIndex]!;
    // As for role-group escalation: the new Global Administrator is the attacker's account from here on.
    env.planner.setAway(targetIndex, { fromMs: startMs - 2 * 3_600_000, toMs: world.endMs });
    const templateId = DIRECTORY_ROLES['Global Administrator']!.templateId;
    const ms = startMs + rng.int(30 * 60_000);
    plannedDirectoryChange(env, label, rng, {
      ms, activity: 'Add member to role', category: 'RoleManagement', operationType: 'Assign', actor: admin.user, actorIp: admin.where.ip,
      targets: [{
        id: target.id, displayName: null, type: 'User', userPrincipalName: target.userPrincipalName,
        modified: [
          { displayName: 'Role.ObjectID', oldValue: null, newValue: `"${templateId}"` },
          { displayName: 'Role.DisplayName', oldValue: null, newValue: '"Global Administrator"' },
          { displayName: 'Role.TemplateId', oldValue: null, newValue: `"${templateId}"` },
          { displayName: 'Role.WellKnownObjectName', oldValue: null, newValue: '"TenantAdmins"' },
        ],
      }],
    }, {
      operation: 'Add member to role.', actor: admin.user, objectId: target.userPrincipalName, category: 'Role', clientIp: admin.where.ip,
      target: { id: target.id, kind: 'User', upn: target.userPrincipalName },
      modified: [
        { Name: 'Role.ObjectID', NewValue: templateId, OldValue: '' },
        { Name: 'Role.DisplayName', NewValue: 'Company Administrator', OldValue: '' },
        { Name: 'Role.TemplateId', NewValue: templateId, OldValue: '' },
        { Name: 'Role.WellKnownObjectName', NewValue: 'TenantAdmins', OldValue: '' },
      ],
    });
    const assignment = roleAssignment('Global Administrator', target.id);
    env.state.roleAssignments.push(assignment);
    target.directoryRoles.push('Global Administrator');
    const reg = env.state.userRegistrationDetails.find((r) => r.id === target.id);
    if (reg) reg.isAdmin = true;
    label.change(`roleAssignments['${assignment.id}']`, null, assignment);
    label.actorUpns.add(admin.user.userPrincipalName);
    label.actorIps.add(admin.where.ip);
    label.targetUpns.add(target.userPrincipalName);
    label.targetObjects.add('Global Administrator');
    label.techniques.push('T1098.003');
    label.summary = `${admin.user.userPrincipalName} added the ordinary member ${target.userPrincipalName} to the Global Administrator role from ${admin.where.ip}.`;
    return [label];
  },
};
