import { listSome } from '../../detect/findings/explain.ts';
import { parametersOf } from '../../detect/rules/support/auditFields.ts';
import { automationReason } from '../adminAccounts.ts';
import { fail, pass, unknown, type PostureCheck } from '../postureCheck.ts';
import { RUN_TO_COLLECT } from '../postureInputs.ts';
import { settingChanges } from '../settingChanges.ts';

/**
 * Automation accounts in a narrow custom role group, never in a broad one (Organization Management above
 * all): a stolen automation credential has no MFA to stop it. "Broad" is the Roles view's own test (a group
 * whose roles grant organization-wide or rights-granting cmdlets).
 */
export const automationNarrowGroup: PostureCheck = {
  id: 'automation-narrow-group',
  title: 'Automation accounts are in narrow custom role groups, not broad ones',
  scubaGear: null,
  severity: 'high',
  evaluate(inputs) {
    const basis = [inputs.basis('roles'), `${inputs.context.automationAccounts.length} automation accounts listed in the context (others recognized by name or as apps)`];
    const fix = 'New-RoleGroup -Name "Automation - <task>" -Roles <only the roles its scripts need> -Members <account>; then Remove-RoleGroupMember -Identity "<broad group>" -Member <account>';
    if (!inputs.snapshot('roles')) {
      return unknown({ why: 'The role groups were never collected.', toKnow: `run ${RUN_TO_COLLECT.roles}`, fix, basis, evidence: settingChanges(inputs.db, { operations: ['Add-RoleGroupMember'] }) });
    }
    const inBroad: Array<{ account: string; group: string; because: string }> = [];
    const inNarrow: string[] = [];
    for (const group of inputs.roles.groups) {
      for (const member of group.members) {
        const because = automationReason(inputs, member);
        if (!because) continue;
        const account = member.upn ?? member.name;
        if (group.broad) inBroad.push({ account, group: group.name, because });
        else inNarrow.push(`${account} in ${group.name}`);
      }
    }
    const accounts = new Set(inBroad.map((b) => b.account.toLowerCase()));
    const evidence = settingChanges(inputs.db, {
      operations: ['Add-RoleGroupMember', 'Update-RoleGroupMember'],
      where: (row) => [...parametersOf(row).values()].some((v) => v.split(/[,;]/).some((part) => accounts.has(part.trim().toLowerCase()))),
    });
    if (inBroad.length > 0) {
      const listed = inBroad.map((b) => `${b.account} in ${b.group} (${b.because})`);
      const orgMgmt = inBroad.some((b) => b.group.toLowerCase() === 'organization management');
      return fail({
        why: `${inBroad.length} automation account membership(s) in broad role groups${orgMgmt ? ', Organization Management among them' : ''}: ${listSome(listed, 10)}.`,
        fix: fix.replace('<account>', inBroad[0]!.account).replace('<account>', inBroad[0]!.account).replace('<broad group>', inBroad[0]!.group),
        basis,
        evidence,
      });
    }
    const found = inNarrow.length > 0 ? `Automation accounts are only in narrow groups: ${listSome(inNarrow, 10)}.` : 'No automation account is a member of any role group.';
    const hint = inputs.context.automationAccounts.length === 0 ? ' (No automation accounts are listed in the context: `warden context add automationAccounts <upn>` names them for sure.)' : '';
    return pass({ why: `${found}${hint}`, fix, basis, evidence });
  },
};
