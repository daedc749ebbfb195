import { listSome } from '../../detect/findings/explain.ts';
import { adminAccounts, adminSources } from '../adminAccounts.ts';
import { fail, pass, unknown, type PostureCheck } from '../postureCheck.ts';
import { RUN_TO_COLLECT } from '../postureInputs.ts';
import { settingChanges } from '../settingChanges.ts';

/**
 * Administrator accounts used only for administration: an admin account with a user mailbox also reads mail
 * and browses, where phishing reaches it. The admin should work from a separate, unlicensed account.
 */
export const adminSeparateAccount: PostureCheck = {
  id: 'admin-separate-account',
  title: 'Administrator accounts are used only for administration (no mailbox)',
  scubaGear: null,
  severity: 'medium',
  evaluate(inputs) {
    const admins = adminAccounts(inputs);
    const upns = new Set(admins.map((a) => a.upn));
    const evidence = settingChanges(inputs.db, {
      operations: ['Add-RoleGroupMember', 'Add member to role', 'Add member to role.'],
      where: (row) => JSON.stringify(row.json).toLowerCase().split('"').some((s) => upns.has(s)),
    });
    const basis = [inputs.basis('mailboxes'), ...adminSources(inputs)];
    const fix =
      'Give each listed administrator a separate cloud-only admin account with no licence (New-MgUser), move the admin roles to it (Remove-RoleGroupMember / New-MgRoleManagementDirectoryRoleAssignment), and keep the mailbox on the everyday account';
    if (!inputs.snapshot('mailboxes')) return unknown({ why: 'The mailboxes were never collected.', toKnow: `run ${RUN_TO_COLLECT.mailboxes}`, fix, basis, evidence });
    if (admins.length === 0) {
      return unknown({
        why: 'No administrator is known (no broad role group members, no Entra admin flags, none listed in the context).',
        toKnow: `run ${RUN_TO_COLLECT.roles} and ${RUN_TO_COLLECT.posture}, or list them: \`warden context add admins <upn>...\``,
        fix,
        basis,
        evidence,
      });
    }
    const userMailboxes = new Map<string, string>();
    for (const m of inputs.items('mailboxes', 'mailbox')) {
      if (String(m.data['RecipientTypeDetails'] ?? '') !== 'UserMailbox') continue;
      for (const key of ['UserPrincipalName', 'WindowsLiveID', 'PrimarySmtpAddress']) {
        const v = m.data[key];
        if (typeof v === 'string' && v) userMailboxes.set(v.toLowerCase(), String(m.data['PrimarySmtpAddress'] ?? v));
      }
    }
    const withMailbox = admins.filter((a) => userMailboxes.has(a.upn)).map((a) => `${a.upn} (${a.because.join(', ')})`);
    if (withMailbox.length > 0) {
      return fail({ why: `${withMailbox.length} of ${admins.length} administrator accounts have a user mailbox, so they are also used for mail: ${listSome(withMailbox, 10)}.`, fix, basis, evidence });
    }
    return pass({ why: `None of the ${admins.length} administrator accounts has a user mailbox.`, fix, basis, evidence });
  },
};
