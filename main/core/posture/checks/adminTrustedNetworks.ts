import { NetworkRanges } from '../../detect/context/networkRanges.ts';
import { listSome } from '../../detect/findings/explain.ts';
import { adminAccounts, adminSources } from '../adminAccounts.ts';
import { fail, pass, unknown, type PostureCheck } from '../postureCheck.ts';
import { EVIDENCE_LIMIT, signInEvidence } from '../settingChanges.ts';
import { signInWindow, successfulSignIns } from '../signInWindow.ts';

const FIX =
  'A Conditional Access policy for every admin role: include all locations, exclude a named location with the trusted networks, grant: Block. If an address is yours, add it: `warden context add trustedNetworks <cidr>`';

/** Administrators sign in only from the trusted networks (the context's CIDR ranges), over the last 30 days. */
export const adminTrustedNetworks: PostureCheck = {
  id: 'admin-trusted-networks',
  title: 'Administrators sign in only from trusted networks (last 30 days)',
  scubaGear: null,
  severity: 'high',
  evaluate(inputs) {
    const window = signInWindow(inputs);
    const trusted = inputs.context.trustedNetworks;
    const basis = [window.describe, `${trusted.length} trusted network ranges in the context`, ...adminSources(inputs)];
    if (trusted.length === 0) {
      return unknown({ why: 'No trusted networks are set, so there is nothing to compare sign-ins with.', toKnow: 'set them: `warden context set trustedNetworks <cidr>...` (office egress and VPN exits)', fix: FIX, basis });
    }
    if (window.stored === 0 && window.collectedWindows === 0) {
      return unknown({ why: 'No sign-ins of the last 30 days are stored.', toKnow: 'run `warden collect signins` (or import an Entra sign-in export with `warden import`)', fix: FIX, basis });
    }
    const admins = adminAccounts(inputs);
    if (admins.length === 0) {
      return unknown({ why: 'No administrator is known.', toKnow: 'run `warden inventory roles` and `warden posture collect`, or list them: `warden context add admins <upn>...`', fix: FIX, basis });
    }
    const ranges = new NetworkRanges(trusted);
    const upns = admins.map((a) => a.upn);
    const rows = successfulSignIns(inputs, window, `lower(user_upn) IN (${upns.map(() => '?').join(', ')})`, upns).filter((r) => !ranges.has(r.client_ip));
    if (rows.length === 0) {
      const gaps = window.openWindows > 0;
      const why = `No successful sign-in of the ${admins.length} administrators from outside ${trusted.join(', ')} among the stored sign-ins of the last 30 days.`;
      if (gaps) return unknown({ why: `${why} But ${window.openWindows} sign-in window(s) are not completely collected.`, toKnow: 'run `warden collect signins --gaps`', fix: FIX, basis });
      return pass({ why, fix: FIX, basis });
    }
    const byAdmin = new Map<string, Set<string>>();
    for (const r of rows) byAdmin.set(r.user_upn!.toLowerCase(), (byAdmin.get(r.user_upn!.toLowerCase()) ?? new Set()).add(r.client_ip ?? 'no address'));
    const listed = [...byAdmin].map(([upn, ips]) => `${upn} from ${listSome([...ips], 3)}`);
    return fail({
      why: `${rows.length} successful administrator sign-in(s) from outside the trusted networks in the last 30 days: ${listSome(listed, 10)}.`,
      fix: FIX,
      basis,
      evidence: { evidence: rows.slice(-EVIDENCE_LIMIT).reverse().map(signInEvidence), total: rows.length },
    });
  },
};
