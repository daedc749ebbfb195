import type { Database } from 'better-sqlite3-multiple-ciphers';
import type { DetectContext } from '../../../../shared/model/findings.ts';
import { NetworkRanges } from '../context/networkRanges.ts';
import { withinWorkingHours } from '../context/workingHoursClock.ts';
import type { IpGeo } from '../geo/ipGeo.ts';

/** The context as rules use it: questions, not lists. */
export interface RuleContext {
  readonly context: DetectContext;
  readonly geo: IpGeo;
  readonly trusted: NetworkRanges;
  isTrusted(ip: string | null): boolean;
  isAdmin(upn: string | null): boolean;
  isAutomation(upn: string | null): boolean;
  isHomeCountry(country: string | null): boolean;
  /** An e-mail address in one of the organization's domains (configured, or of accounts in the store). */
  isInternalAddress(address: string): boolean;
  /** null when no working hours are configured. */
  withinWorkingHours(ms: number): boolean | null;
}

export function createRuleContext(context: DetectContext, geo: IpGeo, db: Database): RuleContext {
  const trusted = new NetworkRanges(context.trustedNetworks);
  const admins = new Set(context.admins);
  const automation = new Set(context.automationAccounts);
  const home = new Set(context.homeCountries);
  const trustedByIp = new Map<string, boolean>();
  let domains: Set<string> | null = null;
  const organizationDomains = (): Set<string> => {
    if (domains) return domains;
    domains = new Set(context.organizationDomains.map((d) => d.toLowerCase()));
    // The domains of the accounts that act in this tenant's logs, kept as records are written (migration 7).
    for (const domain of db.prepare('SELECT domain FROM account_domains').pluck().all() as string[]) domains.add(domain);
    return domains;
  };
  return {
    context,
    geo,
    trusted,
    isTrusted(ip) {
      // Memoized per address: a run asks about the same few thousand addresses a million times.
      if (ip === null) return false;
      let known = trustedByIp.get(ip);
      if (known === undefined) trustedByIp.set(ip, (known = trusted.has(ip)));
      return known;
    },
    isAdmin: (upn) => upn !== null && admins.has(upn.toLowerCase()),
    isAutomation: (upn) => upn !== null && automation.has(upn.toLowerCase()),
    isHomeCountry: (country) => country !== null && home.has(country.toUpperCase()),
    isInternalAddress(address) {
      const at = address.lastIndexOf('@');
      if (at < 0) return true; // a mailbox name or alias, not an SMTP address: inside the organization
      return organizationDomains().has(address.slice(at + 1).toLowerCase());
    },
    withinWorkingHours: (ms) => (context.workingHours.length === 0 ? null : withinWorkingHours(ms, context.workingHours)),
  };
}
