import type { DerivedFinding, SignInRule } from '../engine/ruleTypes.ts';
import { times, utc } from '../findings/explain.ts';
import { HOUR } from './support/episodes.ts';
import { describeDevice, where } from './support/signInCodes.ts';

const parameters = {
  /** Sign-ins of one administrator from one address this close together are one finding. */
  gapMs: 4 * HOUR,
};

/**
 * An administrator signing in from outside the trusted networks (the office egress and VPN exits
 * set in the context). The seed's rule: administration only from inside the perimeter.
 */
export const adminOutsideTrustedNetwork: SignInRule<typeof parameters> = {
  kind: 'signin',
  id: 'admin-outside-trusted-network',
  title: 'Administrator sign-in from outside the trusted networks',
  severity: 'high',
  technique: 'T1078.004',
  looksAt: 'Successful sign-ins of the accounts listed as administrators, against the trusted networks.',
  parameters,
  explanation:
    'Administrator {user} signed in {times} from {source}, outside the trusted networks ({trusted}), between {from} and {to}, to {apps}, on {device}{hoursNote}.',
  lookbackMs: 0,
  scope: 'account',
  needs: ['trustedNetworks', 'admins'],
  start(ctx) {
    const out: DerivedFinding[] = [];
    const open = new Map<string, DerivedFinding>();
    return {
      observe(e) {
        if (e.result !== 'success' || !e.user || !e.ip || !ctx.isAdmin(e.user) || ctx.isTrusted(e.ip)) return;
        const key = `user:${e.user}|ip:${e.ip}`;
        const outside = ctx.withinWorkingHours(e.timeMs) === false;
        const f = open.get(key);
        if (f && e.timeMs - (f.lastMs ?? 0) <= parameters.gapMs) {
          f.evidence.push(e.id);
          f.lastMs = e.timeMs;
          const apps = f.facts['appList'] as string[];
          if (e.app && !apps.includes(e.app)) apps.push(e.app);
          Object.assign(f.facts, { count: f.evidence.length, times: times(f.evidence.length), to: utc(e.timeMs), apps: apps.join(', ') || 'unknown apps' });
          return;
        }
        const foreign = ctx.context.homeCountries.length > 0 && e.country !== null && !ctx.isHomeCountry(e.country);
        const finding: DerivedFinding = {
          subjectKey: key,
          severity: foreign ? 'critical' : 'high',
          title: `Administrator ${e.user} signed in from ${e.ip}, outside the trusted networks`,
          facts: {
            user: e.user,
            count: 1,
            times: 'once',
            source: where(e),
            trusted: ctx.context.trustedNetworks.join(', '),
            from: utc(e.timeMs),
            to: utc(e.timeMs),
            appList: e.app ? [e.app] : [],
            apps: e.app ?? 'unknown apps',
            device: describeDevice(e),
            hoursNote: outside ? ', outside working hours' : '',
          },
          user: e.user,
          actor: null,
          ip: e.ip,
          firstMs: e.timeMs,
          lastMs: e.timeMs,
          evidence: [e.id],
        };
        open.set(key, finding);
        out.push(finding);
      },
      finish: () => out,
    };
  },
};
