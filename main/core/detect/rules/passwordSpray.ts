import type { DerivedFinding, SignInRule } from '../engine/ruleTypes.ts';
import { brief, type BriefEvent, type SignInEvent } from '../engine/signInEvent.ts';
import { listSome, plural, utc } from '../findings/explain.ts';
import { HOUR, push, splitEpisodes } from './support/episodes.ts';
import { isCredentialFailure } from './support/signInCodes.ts';

const parameters = {
  /** Failures from one source this close together belong to one spray. */
  gapMs: 2 * HOUR,
  /** Distinct accounts that must fail from one source (address, or network for several addresses). */
  minAccounts: 5,
  /** A spray tries each account a few times; more per account is brute force. */
  maxAttemptsPerAccount: 4,
  /** Share of the source's sign-in attempts that failed in the episode: an office NAT with many good sign-ins is not a sprayer. */
  minFailureShare: 0.6,
  /** Successes this close before or after the failures count against the failure share. */
  nearMs: 10 * 60_000,
  /** How long after the last failure a success from the same source counts as "then a success". */
  successWithinMs: 2 * HOUR,
};

interface Source {
  failures: BriefEvent[];
  /** Successes that lie near a failure of this source: the only ones finish() looks at. */
  successes: BriefEvent[];
  /** RecentSuccesses.count when this source last took its recent successes: later ones are not taken yet. */
  claimedUpTo: number;
}

/**
 * The successes of the last nearMs from addresses with no failure shortly before them, oldest first: a failure
 * within nearMs makes those of its address count (see observe). One queue for every address, held as columns: most
 * sign-ins are such successes, and an object and a map entry per address for each of them (kept for minutes, so
 * surviving into the old generation) cost most of this rule's time over a million sign-ins.
 */
class RecentSuccesses {
  private ids: number[] = [];
  private times: number[] = [];
  private ips: string[] = [];
  private users: (string | null)[] = [];
  private errorCodes: (number | null)[] = [];
  private countries: (string | null)[] = [];
  private countrySources: BriefEvent['countrySource'][] = [];
  /** Entries before this index are forgotten. */
  private head = 0;
  /** How many entries were dropped from the front of the columns (an entry's number is its index plus this). */
  private dropped = 0;

  /** How many successes were ever added: the number the next one gets. */
  get count(): number {
    return this.dropped + this.ids.length;
  }

  add(e: SignInEvent, ip: string): void {
    this.ids.push(e.id);
    this.times.push(e.timeMs);
    this.ips.push(ip);
    this.users.push(e.user);
    this.errorCodes.push(e.errorCode);
    this.countries.push(e.country);
    this.countrySources.push(e.countrySource);
  }

  /** Forgets the successes before `ms` (events come in time order: nothing earlier is asked for again). */
  forgetBefore(ms: number): void {
    const { times } = this;
    while (this.head < times.length && times[this.head]! < ms) this.head++;
    if (this.head >= 4096 && this.head * 2 >= times.length) {
      const from = this.head;
      this.ids = this.ids.slice(from);
      this.times = this.times.slice(from);
      this.ips = this.ips.slice(from);
      this.users = this.users.slice(from);
      this.errorCodes = this.errorCodes.slice(from);
      this.countries = this.countries.slice(from);
      this.countrySources = this.countrySources.slice(from);
      this.dropped += from;
      this.head = 0;
    }
  }

  /** Appends to `into` the successes from `ip` numbered `from` or later that are not forgotten. */
  take(ip: string, from: number, into: BriefEvent[]): void {
    for (let i = Math.max(this.head, from - this.dropped); i < this.ips.length; i++) {
      if (this.ips[i] !== ip) continue;
      into.push({
        id: this.ids[i]!,
        timeMs: this.times[i]!,
        user: this.users[i]!,
        ip,
        errorCode: this.errorCodes[i]!,
        country: this.countries[i]!,
        countrySource: this.countrySources[i]!,
      });
    }
  }
}

/**
 * How far after a failure a success still matters to finish(): around an episode (nearMs), after it
 * (successWithinMs), or between two of its failures (gapMs apart at most). Keeping only those, not
 * every success of every address, keeps a run over millions of sign-ins in bounded memory.
 */
const SUCCESS_REACH_MS = Math.max(parameters.gapMs, parameters.nearMs, parameters.successWithinMs);

function describeSource(events: readonly BriefEvent[], ips: readonly string[], asn: { asn: number; org: string } | null): string {
  const countries = [...new Set(events.map((e) => e.country).filter((c): c is string => !!c))];
  const fromDatabase = events.every((e) => e.countrySource !== 'record');
  const network = asn ? `AS${asn.asn} ${asn.org}` : null;
  const place = countries.length === 0 ? null : fromDatabase ? `located in ${countries.join('/')} by the offline IP database` : countries.join('/');
  const where = [network, place].filter(Boolean).join('; ');
  const addresses = ips.length === 1 ? ips[0]! : `${ips.length} addresses (${listSome([...ips], 3)})`;
  return where ? `${addresses} (${where})` : addresses;
}

/**
 * Password spray: one address (or several in one network) tries a few passwords against many
 * accounts. Near misses it leaves alone: one person's typo (one account), an office NAT address
 * where many people sign in fine (failure share), one account hammered (brute force).
 */
export const passwordSpray: SignInRule<typeof parameters> = {
  kind: 'signin',
  id: 'password-spray',
  title: 'Password spray',
  severity: 'high',
  technique: 'T1110.003',
  looksAt: 'Failed sign-ins with a wrong password or unknown account (Entra sign-ins and UAL UserLoginFailed), grouped by source address and network.',
  parameters,
  explanation:
    '{accounts} accounts failed to sign in from {source} between {from} and {to}: {attempts} failed attempts, at most {maxPerAccount} per account ({sample}){unknownNote}. {successNote}',
  lookbackMs: 6 * HOUR,
  start(ctx) {
    const byIp = new Map<string, Source>();
    const recent = new RecentSuccesses();
    return {
      observe(e) {
        const ip = e.ip;
        if (!ip) return;
        if (e.result === 'success') {
          const s = byIp.get(ip);
          const lastFailure = s?.failures[s.failures.length - 1];
          if (lastFailure && lastFailure.timeMs >= e.timeMs - SUCCESS_REACH_MS) s!.successes.push(brief(e));
          else {
            recent.forgetBefore(e.timeMs - parameters.nearMs);
            recent.add(e, ip);
          }
          return;
        }
        if (!isCredentialFailure(e)) return;
        let s = byIp.get(ip);
        if (!s) byIp.set(ip, (s = { failures: [], successes: [], claimedUpTo: 0 }));
        // Successes just before this failure now count (they are later than every success kept so far).
        recent.forgetBefore(e.timeMs - parameters.nearMs);
        recent.take(ip, s.claimedUpTo, s.successes);
        s.claimedUpTo = recent.count;
        s.failures.push(brief(e));
      },
      finish() {
        // Episodes of failures per address that look like spraying (many accounts, few tries each, mostly failures).
        type Episode = { ip: string; failures: BriefEvent[]; successes: BriefEvent[] };
        const sprayLike: Episode[] = [];
        for (const [ip, source] of byIp) {
          if (source.failures.length === 0) continue;
          for (const failures of splitEpisodes(source.failures, parameters.gapMs)) {
            const from = failures[0]!.timeMs;
            const to = failures[failures.length - 1]!.timeMs;
            // Successes just around the failures too: a typo corrected a minute later is not an attack.
            const during = source.successes.filter((s) => s.timeMs >= from - parameters.nearMs && s.timeMs <= to + parameters.nearMs);
            if (failures.length / (failures.length + during.length) < parameters.minFailureShare) continue;
            const perAccount = new Map<string, number>();
            for (const f of failures) perAccount.set(f.user ?? '', (perAccount.get(f.user ?? '') ?? 0) + 1);
            // One account alone is never part of a spray (and must not add up with other people's typos in a big network).
            if (perAccount.size < 2 || Math.max(...perAccount.values()) > parameters.maxAttemptsPerAccount) continue;
            const successes = source.successes.filter((s) => s.timeMs >= from && s.timeMs <= to + parameters.successWithinMs);
            sprayLike.push({ ip, failures, successes });
          }
        }
        // Addresses of one network that spray together are one spray; a lone address must reach the threshold itself.
        const byNetwork = new Map<string, Episode[]>();
        for (const ep of sprayLike) push(byNetwork, String(ctx.geo.asn(ep.ip)?.asn ?? `ip:${ep.ip}`), ep);
        const groups: Episode[][] = [];
        for (const episodes of byNetwork.values()) {
          episodes.sort((a, b) => a.failures[0]!.timeMs - b.failures[0]!.timeMs);
          let current: Episode[] = [];
          let currentEnd = -Infinity;
          for (const ep of episodes) {
            if (current.length > 0 && ep.failures[0]!.timeMs - currentEnd > parameters.gapMs) {
              groups.push(current);
              current = [];
            }
            current.push(ep);
            currentEnd = Math.max(currentEnd, ep.failures[ep.failures.length - 1]!.timeMs);
          }
          if (current.length > 0) groups.push(current);
        }
        const out: DerivedFinding[] = [];
        for (const group of groups) {
          const failures = group.flatMap((g) => g.failures).sort((a, b) => a.timeMs - b.timeMs);
          const perAccount = new Map<string, number>();
          for (const f of failures) perAccount.set(f.user ?? '(no name)', (perAccount.get(f.user ?? '(no name)') ?? 0) + 1);
          if (perAccount.size < parameters.minAccounts) continue;
          const ips = [...new Set(group.map((g) => g.ip))].sort();
          const asn = ctx.geo.asn(ips[0]!);
          const targeted = new Set(perAccount.keys());
          // During a spray, an account whose password was guessed shows as a success from the same source.
          const compromised = group.flatMap((g) => g.successes).filter((s) => s.user !== null);
          const compromisedUsers = [...new Set(compromised.map((s) => s.user!))].sort();
          const unknown = failures.filter((f) => f.errorCode === 50034).length;
          const first = failures[0]!.timeMs;
          const last = Math.max(failures[failures.length - 1]!.timeMs, ...compromised.map((s) => s.timeMs));
          out.push({
            subjectKey: ips.length > 1 && asn ? `asn:${asn.asn}` : `ip:${ips[0]}`,
            severity: compromisedUsers.length > 0 ? 'critical' : 'high',
            title: `Password spray against ${perAccount.size} accounts from ${ips.length === 1 ? ips[0] : `${ips.length} addresses of AS${asn?.asn ?? '?'}`}${compromisedUsers.length > 0 ? ', then a successful sign-in' : ''}`,
            facts: {
              accounts: perAccount.size,
              source: describeSource(failures, ips, asn),
              ips,
              asn: asn?.asn ?? null,
              from: utc(first),
              to: utc(failures[failures.length - 1]!.timeMs),
              attempts: failures.length,
              maxPerAccount: Math.max(...perAccount.values()),
              sample: listSome([...targeted].sort(), 4),
              targetedAccounts: [...targeted].sort(),
              unknownNote: unknown > 0 ? `; ${plural(unknown, 'attempt')} named accounts that do not exist (50034)` : '',
              compromisedAccounts: compromisedUsers,
              successNote:
                compromisedUsers.length > 0
                  ? `${listSome(compromisedUsers)} signed in successfully from the same source during or right after the spray (${utc(compromised[0]!.timeMs)}): treat ${compromisedUsers.length === 1 ? 'that account' : 'those accounts'} as compromised.`
                  : 'No account signed in successfully from this source during or after the spray.',
            },
            user: compromisedUsers[0] ?? null,
            actor: null,
            ip: ips[0]!,
            firstMs: first,
            lastMs: last,
            evidence: [...failures.map((f) => f.id), ...compromised.map((s) => s.id)],
          });
        }
        return out;
      },
    };
  },
};
