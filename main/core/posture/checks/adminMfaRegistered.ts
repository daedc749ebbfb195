import { listSome } from '../../detect/findings/explain.ts';
import { targetsOf } from '../../detect/rules/support/auditFields.ts';
import { adminAccounts, adminSources } from '../adminAccounts.ts';
import { fail, pass, unknown, type PostureCheck } from '../postureCheck.ts';
import { RUN_TO_COLLECT } from '../postureInputs.ts';
import { POSTURE_ITEM } from '../postureSnapshot.ts';
import { settingChanges } from '../settingChanges.ts';

/** Directory audits that change an account's MFA methods or per-user MFA requirement. */
const MFA_OPERATIONS = [
  'User registered security info',
  'User deleted security info',
  'User changed default security info',
  'Admin registered security info',
  'Admin updated security info',
  'Admin deleted security info',
  'Disable Strong Authentication',
].flatMap((n) => [n, `${n}.`]);

/** Every administrator has MFA registered (Graph userRegistrationDetails isMfaRegistered). */
export const adminMfaRegistered: PostureCheck = {
  id: 'admin-mfa-registered',
  title: 'Every administrator has MFA registered',
  scubaGear: 'MS.AAD.3.2v2',
  severity: 'critical',
  evaluate(inputs) {
    const admins = adminAccounts(inputs);
    const upns = new Set(admins.map((a) => a.upn));
    const evidence = settingChanges(inputs.db, {
      operations: MFA_OPERATIONS,
      where: (row) => targetsOf(row).some((t) => t.upn !== null && upns.has(t.upn)) || (row.user !== null && upns.has(row.user.toLowerCase())),
    });
    const basis = adminSources(inputs);
    const fix =
      'Have each listed administrator register MFA (https://aka.ms/mysecurityinfo), and require it: a Conditional Access policy that requires MFA (phishing-resistant for admin roles) for every directory role';
    const refused = inputs.unavailable('reports/authenticationMethods/userRegistrationDetails');
    const registrations = inputs.items('posture', POSTURE_ITEM.registration);
    if (!inputs.snapshot('posture') || refused || registrations.length === 0) {
      return unknown({
        why: refused ? `The MFA registration report could not be read: ${refused}.` : 'MFA registration (Graph userRegistrationDetails) was never collected.',
        toKnow: `run ${RUN_TO_COLLECT.posture}${refused ? ' as an account or app with AuditLog.Read.All' : ''}`,
        fix,
        basis,
        evidence,
      });
    }
    if (admins.length === 0) {
      return unknown({
        why: 'No administrator is known: the registration report flags none, no broad role group has people in it, and the context lists none.',
        toKnow: `run ${RUN_TO_COLLECT.roles}, or list them: \`warden context add admins <upn>...\``,
        fix,
        basis,
        evidence,
      });
    }
    const byUpn = new Map(registrations.map((r) => [String(r.data['userPrincipalName'] ?? '').toLowerCase(), r.data]));
    const unregistered = admins.filter((a) => byUpn.get(a.upn)?.['isMfaRegistered'] === false).map((a) => `${a.upn} (${a.because.join(', ')})`);
    const notInReport = admins.filter((a) => !byUpn.has(a.upn)).map((a) => a.upn);
    const notInNote = notInReport.length > 0 ? ` ${notInReport.length} not in the registration report (so not verified): ${listSome(notInReport)}.` : '';
    if (unregistered.length > 0) {
      return fail({ why: `${unregistered.length} of ${admins.length} administrators have no MFA method registered: ${listSome(unregistered, 10)}.${notInNote}`, fix, basis, evidence });
    }
    if (notInReport.length > 0) {
      return unknown({
        why: `${admins.length - notInReport.length} of ${admins.length} administrators have MFA registered;${notInNote}`,
        toKnow: `run ${RUN_TO_COLLECT.posture} again (the report lists every account that can sign in)`,
        fix,
        basis,
        evidence,
      });
    }
    return pass({ why: `All ${admins.length} administrators have MFA registered: ${listSome(admins.map((a) => a.upn), 10)}.`, fix, basis, evidence });
  },
};
