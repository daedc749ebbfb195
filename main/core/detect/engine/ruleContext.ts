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

/**
 * A question about a string, answered once per distinct string: a run asks about the same few thousand
 * accounts, addresses and countries a million times, and the answers below cost a lower-cased copy (an
 * allocation) or a range search each time.
 */
function memoized(answer: (value: string) => boolean): (value: string | null) => boolean {
  const known = new Map<string, boolean>();
  return (value) => {
    if (value === null) return false;
    let yes = known.get(value);
    if (yes === undefined) known.set(value, (yes = answer(value)));
    return yes;
  };
}

export function createRuleContext(context: DetectContext, geo: IpGeo, db: Database): RuleContext {
  const trusted = new NetworkRanges(context.trustedNetworks);
  const admins = new Set(context.admins);
  const automation = new Set(context.automationAccounts);
  const home = new Set(context.homeCountries);
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
    isTrusted: memoized((ip) => trusted.has(ip)),
    isAdmin: memoized((upn) => admins.has(upn.toLowerCase())),
    isAutomation: memoized((upn) => automation.has(upn.toLowerCase())),
    isHomeCountry: memoized((country) => home.has(country.toUpperCase())),
    isInternalAddress(address) {
      const at = address.lastIndexOf('@');
      if (at < 0) return true; // a mailbox name or alias, not an SMTP address: inside the organization
      return organizationDomains().has(address.slice(at + 1).toLowerCase());
    },
    withinWorkingHours: (ms) => (context.workingHours.length === 0 ? null : withinWorkingHours(ms, context.workingHours)),
  };
}
