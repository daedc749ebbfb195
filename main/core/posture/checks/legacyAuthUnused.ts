import { listSome } from '../../detect/findings/explain.ts';
import { LEGACY_CLIENT_APPS } from '../../detect/rules/support/signInCodes.ts';
import { fail, pass, unknown, type PostureCheck } from '../postureCheck.ts';
import { EVIDENCE_LIMIT, signInEvidence } from '../settingChanges.ts';
import { signInWindow, successfulSignIns } from '../signInWindow.ts';

const FIX =
  'Block legacy authentication with a Conditional Access policy (client apps: Exchange ActiveSync clients and Other clients; grant: Block); in Exchange also New-AuthenticationPolicy -Name "Block Basic Auth" and Set-OrganizationConfig -DefaultAuthenticationPolicy "Block Basic Auth"';

/** No successful sign-in over a legacy (basic-authentication) client app in the last 30 days of stored sign-ins. */
export const legacyAuthUnused: PostureCheck = {
  id: 'legacy-auth-unused',
  title: 'Legacy authentication is not used (last 30 days of sign-ins)',
  scubaGear: 'MS.AAD.1.1v1',
  severity: 'high',
  evaluate(inputs) {
    const window = signInWindow(inputs);
    const basis = [window.describe];
    if (window.stored === 0 && window.collectedWindows === 0) {
      return unknown({ why: 'No sign-ins of the last 30 days are stored.', toKnow: 'run `warden collect signins` (or import an Entra sign-in export with `warden import`)', fix: FIX, basis });
    }
    const legacy = LEGACY_CLIENT_APPS.map((a) => a.toLowerCase());
    const rows = successfulSignIns(inputs, window, `lower(client_app) IN (${legacy.map(() => '?').join(', ')})`, legacy);
    const gaps = window.openWindows > 0 ? ` The ledger has ${window.openWindows} sign-in window(s) not completely collected: \`warden collect signins --gaps\`.` : '';
    if (rows.length === 0) {
      if (gaps) return unknown({ why: `No legacy-protocol sign-in among the stored ones, but the record is not complete.${gaps}`, toKnow: 'run `warden collect signins --gaps`', fix: FIX, basis });
      return pass({ why: `None of the ${window.stored.toLocaleString('en-US')} stored sign-ins of the last 30 days used a legacy protocol.`, fix: FIX, basis });
    }
    const byAccount = new Map<string, Set<string>>();
    for (const r of rows) {
      const key = r.user_upn ?? '(no account)';
      byAccount.set(key, (byAccount.get(key) ?? new Set()).add(r.client_app ?? '?'));
    }
    const accounts = [...byAccount].map(([upn, apps]) => `${upn} (${[...apps].join(', ')})`);
    const newest = rows.slice(-EVIDENCE_LIMIT).reverse();
    return fail({
      why: `${rows.length} successful sign-in(s) over legacy protocols in the last 30 days, by ${byAccount.size} account(s): ${listSome(accounts, 10)}.${gaps}`,
      fix: FIX,
      basis,
      evidence: { evidence: newest.map(signInEvidence), total: rows.length },
    });
  },
};
