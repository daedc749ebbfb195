import type { DerivedFinding, SignInRule } from '../engine/ruleTypes.ts';
import { utc } from '../findings/explain.ts';
import { HOUR } from './support/episodes.ts';
import { describeDevice, where } from './support/signInCodes.ts';

const parameters = {
  /** Follow-up sign-ins of the same session this soon after join the finding. */
  followMs: 12 * HOUR,
};

/**
 * Device-code sign-ins: the flow phishing kits abuse (the victim types the attacker's code and
 * does MFA for them). Rare in normal use outside shared devices and command-line tools, so each one
 * is listed, with what the session did afterwards.
 */
export const deviceCodeSignIn: SignInRule<typeof parameters> = {
  kind: 'signin',
  id: 'device-code-signin',
  title: 'Device-code sign-in',
  severity: 'high',
  technique: 'T1528',
  looksAt: 'Successful sign-ins whose authentication protocol is the device-code flow, and later sign-ins of the same session.',
  parameters,
  explanation: '{user} completed a device-code sign-in to {app} at {time}; the client was at {source} on {device}. {followNote}',
  lookbackMs: 0,
  scope: 'account',
  start() {
    const out: DerivedFinding[] = [];
    const sessions = new Map<string, DerivedFinding>();
    return {
      observe(e) {
        if (e.result !== 'success' || !e.user) return;
        const open = e.sessionId ? sessions.get(e.sessionId) : undefined;
        if (open && e.timeMs - (open.firstMs ?? 0) <= parameters.followMs) {
          open.evidence.push(e.id);
          open.lastMs = e.timeMs;
          const n = open.evidence.length - 1;
          open.facts['followNote'] = `The same session was used ${n} more time${n === 1 ? '' : 's'} afterwards, until ${utc(e.timeMs)}.`;
          return;
        }
        if (e.authProtocol?.toLowerCase() !== 'devicecode') return;
        const finding: DerivedFinding = {
          subjectKey: `user:${e.user}|session:${e.sessionId ?? e.id}`,
          severity: 'high',
          title: `Device-code sign-in by ${e.user} to ${e.app ?? 'an app'}`,
          facts: {
            user: e.user,
            app: e.app ?? 'an unknown app',
            time: utc(e.timeMs),
            source: where(e),
            device: describeDevice(e),
            followNote: 'No later use of the session is in the store.',
          },
          user: e.user,
          actor: null,
          ip: e.ip,
          firstMs: e.timeMs,
          lastMs: e.timeMs,
          evidence: [e.id],
        };
        if (e.sessionId) sessions.set(e.sessionId, finding);
        out.push(finding);
      },
      finish: () => out,
    };
  },
};
