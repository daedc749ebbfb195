import type { DerivedFinding, SignInRule } from '../engine/ruleTypes.ts';
import { listSome, times, utc } from '../findings/explain.ts';
import { HOUR } from './support/episodes.ts';

const parameters = {
  /** Attempts of one account this close together are one finding. */
  gapMs: 6 * HOUR,
};

/**
 * Sign-in attempts to a disabled account (50057): a leaver's credentials still in use, by the leaver
 * or by whoever holds them. Every attempt is worth a look; there is no benign near miss in the logs
 * except a device that still has the account configured, which the explanation's device hints at.
 */
export const disabledAccountSignIn: SignInRule<typeof parameters> = {
  kind: 'signin',
  id: 'disabled-account-signin',
  title: 'Sign-in attempts to a disabled account',
  severity: 'medium',
  technique: 'T1078',
  looksAt: 'Sign-ins that failed with 50057 (user account is disabled).',
  parameters,
  explanation: 'Someone tried to sign in to the disabled account {user} {times} between {from} and {to}, from {sources}, to {apps}.',
  lookbackMs: 0,
  scope: 'account',
  start() {
    const out: DerivedFinding[] = [];
    const open = new Map<string, DerivedFinding>();
    return {
      observe(e) {
        const disabled = e.errorCode === 50057 || (e.result === 'failure' && /account is disabled/i.test(e.failureReason ?? ''));
        if (!disabled || !e.user) return;
        const f = open.get(e.user);
        if (f && e.timeMs - (f.lastMs ?? 0) <= parameters.gapMs) {
          f.evidence.push(e.id);
          f.lastMs = e.timeMs;
          const ips = f.facts['ips'] as string[];
          const places = f.facts['places'] as string[];
          if (e.ip && !ips.includes(e.ip)) {
            ips.push(e.ip);
            places.push(`${e.ip}${e.country ? ` (${e.country})` : ''}`);
          }
          const apps = f.facts['appList'] as string[];
          if (e.app && !apps.includes(e.app)) apps.push(e.app);
          Object.assign(f.facts, {
            count: f.evidence.length,
            times: times(f.evidence.length),
            to: utc(e.timeMs),
            sources: listSome(places),
            apps: listSome(apps) || 'unknown apps',
          });
          if (f.evidence.length >= 3) f.severity = 'high';
          return;
        }
        const finding: DerivedFinding = {
          subjectKey: `user:${e.user}`,
          severity: 'medium',
          title: `Sign-in attempts to the disabled account ${e.user}`,
          facts: {
            user: e.user,
            count: 1,
            times: 'once',
            from: utc(e.timeMs),
            to: utc(e.timeMs),
            ips: e.ip ? [e.ip] : [],
            places: e.ip ? [`${e.ip}${e.country ? ` (${e.country})` : ''}`] : [],
            sources: e.ip ? `${e.ip}${e.country ? ` (${e.country})` : ''}` : 'an unknown address',
            appList: e.app ? [e.app] : [],
            apps: e.app ?? 'unknown apps',
          },
          user: e.user,
          actor: null,
          ip: e.ip,
          firstMs: e.timeMs,
          lastMs: e.timeMs,
          evidence: [e.id],
        };
        open.set(e.user, finding);
        out.push(finding);
      },
      finish: () => out,
    };
  },
};
