import type { DerivedFinding, SignInRule } from '../engine/ruleTypes.ts';
import { utc } from '../findings/explain.ts';
import { DAY, HOUR } from './support/episodes.ts';
import { describeDevice, where } from './support/signInCodes.ts';

const parameters = {
  /** An address is "new" for the account only once it has this many sign-ins to compare with. */
  minHistorySignIns: 5,
  baselineDays: 30,
  gapMs: 4 * HOUR,
};

/**
 * An automation (service) account used the way people use accounts: an interactive browser
 * sign-in, or a sign-in from an address outside the trusted networks that it has not used before.
 * Its normal pattern (its scheduled job, a scanner's SMTP AUTH from the office) stays quiet.
 */
export const automationAccountAnomaly: SignInRule<typeof parameters> = {
  kind: 'signin',
  id: 'automation-account-anomaly',
  title: 'Automation account signed in interactively or from a new address',
  severity: 'high',
  technique: 'T1078.004',
  looksAt: 'Sign-ins of the accounts listed as automation accounts: interactive browser sign-ins, and addresses outside the trusted networks or its history.',
  parameters,
  explanation: 'The automation account {user} {what} from {source} at {time} ({app}, {device}); {usual}',
  lookbackMs: 30 * DAY,
  scope: 'account',
  memory: 'per-account',
  needs: ['automationAccounts'],
  start(ctx, judgeFromMs) {
    const out: DerivedFinding[] = [];
    const history = new Map<string, { count: number; ips: Map<string, number> }>();
    const open = new Map<string, DerivedFinding>();
    return {
      observe(e) {
        if (e.result !== 'success' || !e.user || !ctx.isAutomation(e.user)) return;
        let h = history.get(e.user);
        if (!h) {
          h = { count: 0, ips: new Map() };
          history.set(e.user, h);
        }
        const seenIp = e.ip !== null && (h.ips.get(e.ip) ?? -Infinity) >= e.timeMs - parameters.baselineDays * DAY;
        const interactiveBrowser = e.interactive === true && (e.clientApp ?? '').toLowerCase() === 'browser';
        const untrusted = ctx.trusted.size > 0 ? !ctx.isTrusted(e.ip) : true;
        const newAddress = untrusted && !seenIp && h.count >= parameters.minHistorySignIns;
        const usualIps = [...h.ips.keys()].slice(0, 3);
        const before = h.count;
        h.count++;
        if (e.ip) h.ips.set(e.ip, e.timeMs);
        if (e.timeMs < judgeFromMs || (!interactiveBrowser && !newAddress)) return;
        const key = `user:${e.user}|ip:${e.ip ?? ''}`;
        const f = open.get(key);
        if (f && e.timeMs - (f.lastMs ?? 0) <= parameters.gapMs) {
          f.evidence.push(e.id);
          f.lastMs = e.timeMs;
          return;
        }
        const what =
          interactiveBrowser && newAddress
            ? 'signed in interactively in a browser, from a new address outside the trusted networks,'
            : interactiveBrowser
              ? 'signed in interactively in a browser'
              : 'signed in from an address outside the trusted networks it had not used before,';
        const finding: DerivedFinding = {
          subjectKey: key,
          severity: 'high',
          title: `Automation account ${e.user} ${interactiveBrowser ? 'signed in interactively' : 'signed in from a new address'}`,
          facts: {
            user: e.user,
            what,
            source: where(e),
            time: utc(e.timeMs),
            app: e.app ?? 'unknown app',
            device: describeDevice(e),
            usual:
              before === 0 ? 'it is the first sign-in of this account in the store.' : `before, it signed in ${before} times, from ${usualIps.join(', ')}.`,
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
