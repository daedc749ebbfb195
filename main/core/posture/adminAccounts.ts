import { looksLikeAutomation } from '../inventory/privilegeHints.ts';
import type { PostureInputs } from './postureInputs.ts';
import { POSTURE_ITEM } from './postureSnapshot.ts';

export interface AdminAccount {
  upn: string;
  /** Why it counts as an administrator: "listed in the context", "Entra admin role", "Organization Management"... */
  because: string[];
}

export interface AutomationAccount {
  upn: string;
  name: string;
  because: string;
}

/** Whether an account runs unattended: listed as such in the context, or an app / named like a service account. */
export function automationReason(inputs: PostureInputs, member: { name: string; upn: string | null; type: string }): string | null {
  const upn = member.upn?.toLowerCase() ?? null;
  if (upn && inputs.context.automationAccounts.includes(upn)) return 'listed as an automation account in the context';
  if (looksLikeAutomation(member)) return /ServicePrincipal/i.test(member.type) ? 'an app (service principal)' : 'named like a service account';
  return null;
}

/**
 * The tenant's administrators, from every source Warden has: the context's list, the Entra registration
 * report's isAdmin (an Entra admin role), and the people in Exchange role groups that can change the
 * organization (broad groups). Automation accounts are not people: they are checked on their own.
 */
export function adminAccounts(inputs: PostureInputs): AdminAccount[] {
  const admins = new Map<string, Set<string>>();
  const add = (upn: string | null | undefined, because: string) => {
    if (!upn) return;
    const key = upn.toLowerCase();
    const set = admins.get(key) ?? new Set<string>();
    set.add(because);
    admins.set(key, set);
  };
  for (const upn of inputs.context.admins) add(upn, 'listed as an administrator in the context');
  for (const r of inputs.items('posture', POSTURE_ITEM.registration)) {
    if (r.data['isAdmin'] === true) add(typeof r.data['userPrincipalName'] === 'string' ? r.data['userPrincipalName'] : null, 'holds an Entra admin role');
  }
  for (const group of inputs.roles.groups) {
    if (!group.broad) continue;
    for (const member of group.members) {
      if (automationReason(inputs, member) !== null) continue;
      add(member.upn, `member of ${group.name}`);
    }
  }
  return [...admins].map(([upn, because]) => ({ upn, because: [...because] })).sort((a, b) => a.upn.localeCompare(b.upn));
}

/** Where the admin list came from, for a check's basis. */
export function adminSources(inputs: PostureInputs): string[] {
  const out = [`${inputs.context.admins.length} administrators listed in the context`];
  out.push(inputs.snapshot('posture') ? `admin flags of ${inputs.basis('posture')}` : 'no Entra admin flags (no posture inventory)');
  out.push(inputs.snapshot('roles') ? `broad role groups of ${inputs.basis('roles')}` : 'no role groups (no role inventory)');
  return out;
}
