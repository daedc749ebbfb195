import type { DerivedFinding, SignInRule } from '../engine/ruleTypes.ts';
import { utc } from '../findings/explain.ts';
import { HOUR } from './support/episodes.ts';
import { isLegacyClientApp, where } from './support/signInCodes.ts';

const parameters = {
  /** Sign-ins from a registered (Entra-joined or registered) device are the person's own phone or PC. */
  exemptRegisteredDevices: true,
  /** Automation accounts from the trusted networks (a scanner sending by SMTP AUTH) are their known pattern. */
  exemptAutomationFromTrustedNetworks: true,
  /** Protocols that read a whole mailbox; the others (SMTP, ActiveSync) are rated lower. */
  mailboxReadingProtocols: ['IMAP4', 'IMAP', 'POP3', 'POP', 'Other clients', 'Exchange Web Services', 'MAPI Over HTTP', 'Outlook Anywhere (RPC over HTTP)'],
};

/**
 * Successful sign-ins over a legacy (basic authentication) protocol: IMAP, POP, SMTP AUTH,
 * ActiveSync basic, EWS, "Other clients". They carry no MFA and no device, so a stolen password is
 * enough. Known patterns left alone (and said so in the parameters): a registered device, an
 * automation account inside the trusted networks.
 */
export const legacyProtocolSignIn: SignInRule<typeof parameters> = {
  kind: 'signin',
  id: 'legacy-protocol-signin',
  title: 'Sign-in over a legacy protocol',
  severity: 'medium',
  technique: 'T1078.004',
  looksAt: 'Successful sign-ins whose client app is a basic-authentication protocol (clientAppUsed).',
  parameters,
  explanation: '{user} signed in {times} over {protocol} (basic authentication, no MFA possible) from {source} between {from} and {to}, {device}.',
  lookbackMs: 0,
  scope: 'account',
  start(ctx) {
    const out: DerivedFinding[] = [];
    const open = new Map<string, DerivedFinding>();
    const readers = new Set(parameters.mailboxReadingProtocols.map((p) => p.toLowerCase()));
    return {
      observe(e) {
        if (e.result !== 'success' || !e.user || !isLegacyClientApp(e.clientApp)) return;
        if (parameters.exemptRegisteredDevices && e.deviceId) return;
        if (parameters.exemptAutomationFromTrustedNetworks && ctx.isAutomation(e.user) && ctx.isTrusted(e.ip)) return;
        const key = `user:${e.user}|app:${e.clientApp}|ip:${e.ip ?? ''}`;
        const f = open.get(key);
        if (f && e.timeMs - (f.lastMs ?? 0) <= 2 * HOUR) {
          f.evidence.push(e.id);
          f.lastMs = e.timeMs;
          f.facts['count'] = f.evidence.length;
          f.facts['times'] = `${f.evidence.length} times`;
          f.facts['to'] = utc(e.timeMs);
          return;
        }
        const finding: DerivedFinding = {
          subjectKey: key,
          severity: readers.has(e.clientApp!.toLowerCase()) ? 'high' : 'medium',
          title: `${e.user} signed in over ${e.clientApp}`,
          facts: {
            user: e.user,
            count: 1,
            times: 'once',
            protocol: e.clientApp,
            source: where(e),
            from: utc(e.timeMs),
            to: utc(e.timeMs),
            device: 'from a client with no registered device',
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
