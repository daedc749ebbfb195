import { listSome } from '../../detect/findings/explain.ts';
import { DEFAULT_HINT_OPTIONS } from '../../inventory/privilegeHints.ts';
import { fail, pass, unknown, type PostureCheck } from '../postureCheck.ts';
import { RUN_TO_COLLECT } from '../postureInputs.ts';
import { settingChanges } from '../settingChanges.ts';

const GROUP = 'Organization Management';

/**
 * Organization Management no larger than needed: each member can change anything in Exchange, including who
 * else may. The threshold is the Roles view's (privilegeHints), so the two never disagree.
 */
export const orgManagementSize: PostureCheck = {
  id: 'org-management-size',
  title: `${GROUP} has no more members than needed`,
  scubaGear: null,
  severity: 'medium',
  evaluate(inputs) {
    const max = DEFAULT_HINT_OPTIONS.maxOrganizationManagement;
    const isGroup = (name: string | null | undefined) => (name ?? '').toLowerCase() === GROUP.toLowerCase();
    const evidence = settingChanges(inputs.db, {
      operations: ['Add-RoleGroupMember', 'Update-RoleGroupMember'],
      where: (row) => isGroup(paramIdentity(row.json, row.object)),
    });
    const basis = [inputs.basis('roles')];
    const fix = `Remove-RoleGroupMember -Identity "${GROUP}" -Member <account> (move people who manage only recipients or compliance to Recipient Management or a custom role group)`;
    if (!inputs.snapshot('roles')) return unknown({ why: 'The role groups were never collected.', toKnow: `run ${RUN_TO_COLLECT.roles}`, fix, basis, evidence });
    const group = inputs.roles.groups.find((g) => isGroup(g.name));
    if (!group) return unknown({ why: `The role inventory has no ${GROUP} group.`, toKnow: `run ${RUN_TO_COLLECT.roles} as an account that may read role groups`, fix, basis, evidence });
    const names = group.members.map((m) => m.upn ?? m.name);
    if (group.members.length > max) {
      return fail({ why: `${GROUP} has ${group.members.length} members (more than ${max}): ${listSome(names, 10)}.`, fix, basis, evidence });
    }
    return pass({ why: `${GROUP} has ${group.members.length} member(s) (at most ${max}): ${listSome(names, 10) || 'none'}.`, fix, basis, evidence });
  },
};

/** The role group a role-group cmdlet record names (its Identity parameter, else the record's object). */
export function paramIdentity(json: Record<string, unknown>, object: string | null): string | null {
  const body = (json['AuditData'] && typeof json['AuditData'] === 'object' ? json['AuditData'] : json) as Record<string, unknown>;
  const params = Array.isArray(body['Parameters']) ? (body['Parameters'] as Array<{ Name?: unknown; Value?: unknown }>) : [];
  const identity = params.find((p) => typeof p.Name === 'string' && p.Name.toLowerCase() === 'identity');
  if (typeof identity?.Value === 'string') return identity.Value;
  return object;
}
