import type { DerivedFinding, SignInRule } from '../engine/ruleTypes.ts';
import type { SignInEvent } from '../engine/signInEvent.ts';
import { utc } from '../findings/explain.ts';
import { DAY, HOUR } from './support/episodes.ts';
import { describeDevice, where } from './support/signInCodes.ts';

const parameters = {
  /** How far back an account's countries, networks and devices are remembered. */
  baselineDays: 30,
  /** An account needs this much history before a new country inside the home countries is judged. */
  minHistoryMs: DAY,
  minHistorySignIns: 3,
  /** A new network (AS) alone is judged only for accounts with a long, settled history. */
  networkHistoryMs: 7 * DAY,
  networkHistorySignIns: 20,
  /** Sign-ins from the same place this soon after the first one join the finding as evidence. */
  followMs: 2 * HOUR,
};

interface Account {
  firstMs: number;
  successes: number;
  countries: Map<string, number>;
  networks: Map<number, number>;
  devices: Set<string>;
}

interface Open {
  finding: DerivedFinding;
  match: (e: SignInEvent) => boolean;
  untilMs: number;
}

/**
 * A successful sign-in from a country (or, for accounts with a settled history, a network) the
 * account has not used in the baseline period, on a device it has not used. The device matters:
 * a holiday abroad on the person's own registered phone is a near miss, a stranger's browser is not.
 * Without history, only countries outside the configured home countries are judged.
 */
export const newCountryOrNetwork: SignInRule<typeof parameters> = {
  kind: 'signin',
  id: 'new-country-or-network',
  title: 'Sign-in from a new country or network',
  severity: 'medium',
  technique: 'T1078.004',
  looksAt: 'Successful sign-ins per account: country (Entra location, else the offline IP database), network (AS), device.',
  parameters,
  explanation: '{user} signed in successfully from {place} at {time} on {device} ({app}). {novelty} {history}',
  lookbackMs: 30 * DAY,
  scope: 'account',
  memory: 'per-account',
  start(ctx, judgeFromMs) {
    const accounts = new Map<string, Account>();
    const open = new Map<string, Open>();
    const out: DerivedFinding[] = [];
    const baselineMs = parameters.baselineDays * DAY;
    return {
      observe(e) {
        if (e.result !== 'success' || !e.user) return;
        const pending = open.get(e.user);
        if (pending) {
          if (e.timeMs > pending.untilMs) open.delete(e.user);
          else if (pending.match(e)) {
            pending.finding.evidence.push(e.id);
            pending.finding.lastMs = e.timeMs;
          }
        }
        let account = accounts.get(e.user);
        if (!account) {
          account = { firstMs: e.timeMs, successes: 0, countries: new Map(), networks: new Map(), devices: new Set() };
          accounts.set(e.user, account);
        }
        const network = ctx.geo.asn(e.ip);
        const seenCountry = e.country ? (account.countries.get(e.country) ?? -Infinity) >= e.timeMs - baselineMs : true;
        const seenNetwork = network ? (account.networks.get(network.asn) ?? -Infinity) >= e.timeMs - baselineMs : true;
        const device = e.deviceId ? e.deviceId.toLowerCase() : null;
        const knownDevice = device !== null && account.devices.has(device);
        const history = e.timeMs - account.firstMs;
        const hasHistory = history >= parameters.minHistoryMs && account.successes >= parameters.minHistorySignIns;
        const settled = history >= parameters.networkHistoryMs && account.successes >= parameters.networkHistorySignIns;
        const homeKnown = ctx.context.homeCountries.length > 0;
        const outsideHome = homeKnown && !ctx.isHomeCountry(e.country);
        if (e.timeMs >= judgeFromMs && !knownDevice && !ctx.isTrusted(e.ip) && !ctx.isAutomation(e.user)) {
          let novelty: string | null = null;
          let severity: DerivedFinding['severity'] = 'medium';
          let subject = '';
          if (!seenCountry && (outsideHome || hasHistory)) {
            novelty = `No sign-in of this account from ${e.country} in the ${parameters.baselineDays} days before${outsideHome ? `, and ${e.country} is not one of the home countries (${ctx.context.homeCountries.join(', ')})` : ''}.`;
            severity = outsideHome ? 'high' : 'medium';
            subject = `country:${e.country}`;
          } else if (!seenNetwork && settled && network) {
            novelty = `No sign-in of this account from network AS${network.asn} (${network.org}) in the ${parameters.baselineDays} days before.`;
            subject = `asn:${network.asn}`;
          }
          if (novelty) {
            const hours = ctx.withinWorkingHours(e.timeMs);
            const finding: DerivedFinding = {
              subjectKey: `user:${e.user}|${subject}`,
              severity,
              title: subject.startsWith('country')
                ? `${e.user} signed in from a new country, ${e.country}`
                : `${e.user} signed in from a new network, AS${network?.asn}`,
              facts: {
                user: e.user,
                place: where(e),
                time: `${utc(e.timeMs)}${hours === false ? ', outside working hours' : ''}`,
                device: e.deviceId ? `a device never seen for this account (${describeDevice(e)})` : describeDevice(e),
                app: e.app ?? 'unknown app',
                novelty,
                history:
                  account.successes === 0
                    ? 'It is the first successful sign-in of this account in the store.'
                    : `Earlier: ${account.successes} successful sign-ins since ${utc(account.firstMs)}, from ${[...account.countries.keys()].join(', ') || 'no known country'}.`,
                country: e.country,
                countrySource: e.countrySource,
                asn: network?.asn ?? null,
              },
              user: e.user,
              actor: null,
              ip: e.ip,
              firstMs: e.timeMs,
              lastMs: e.timeMs,
              evidence: [e.id],
            };
            out.push(finding);
            const country = e.country;
            const asn = network?.asn;
            open.set(e.user, {
              finding,
              untilMs: e.timeMs + parameters.followMs,
              match: (x) => (subject.startsWith('country') ? x.country === country : ctx.geo.asn(x.ip)?.asn === asn),
            });
          }
        }
        account.successes++;
        if (e.country) account.countries.set(e.country, e.timeMs);
        if (network) account.networks.set(network.asn, e.timeMs);
        if (device) account.devices.add(device);
      },
      finish: () => out,
    };
  },
};
