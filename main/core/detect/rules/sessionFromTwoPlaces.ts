import type { DerivedFinding, SignInRule } from '../engine/ruleTypes.ts';
import type { SignInEvent } from '../engine/signInEvent.ts';
import { times, utc } from '../findings/explain.ts';
import { DAY, HOUR } from './support/episodes.ts';
import { describeDevice, deviceFingerprint, where } from './support/signInCodes.ts';

const parameters = {
  /** A session unused this long is forgotten. */
  idleMs: DAY,
};

interface SessionState {
  first: SignInEvent;
  /** Of the first event, computed when first needed. */
  fingerprint: string | null;
  lastMs: number;
  finding: DerivedFinding | null;
}

/**
 * One session (Entra sessionId) used from a second address by a different device or client: a
 * stolen refresh token or session cookie replayed. Near misses left alone: the same laptop moving
 * from the office to home, a phone moving from Wi-Fi to mobile data (same device, same session).
 */
export const sessionFromTwoPlaces: SignInRule<typeof parameters> = {
  kind: 'signin',
  id: 'session-replayed',
  title: 'One session used from two addresses by different clients',
  severity: 'high',
  technique: 'T1550.004',
  looksAt: 'Successful sign-ins sharing a session id: address and device (device id, else OS, browser and user agent).',
  parameters,
  explanation:
    'Session {session} of {user} began at {firstTime} from {firstPlace} on {firstDevice}; it was then used {times} from {otherPlace} by {otherDevice}, from {from} to {to}.',
  lookbackMs: DAY,
  scope: 'account',
  start(_ctx, judgeFromMs) {
    const sessions = new Map<string, SessionState>();
    const out: DerivedFinding[] = [];
    let lastPrune = 0;
    return {
      observe(e) {
        if (e.result !== 'success' || !e.sessionId || !e.user) return;
        // Forgetting idle sessions is only about memory (an idle one found below counts as new), so it runs rarely.
        if (e.timeMs - lastPrune > 6 * HOUR) {
          for (const [id, s] of sessions) if (e.timeMs - s.lastMs > parameters.idleMs) sessions.delete(id);
          lastPrune = e.timeMs;
        }
        const s = sessions.get(e.sessionId);
        if (!s || e.timeMs - s.lastMs > parameters.idleMs) {
          sessions.set(e.sessionId, { first: e, fingerprint: null, lastMs: e.timeMs, finding: null });
          return;
        }
        s.lastMs = e.timeMs;
        if (e.ip === s.first.ip || e.timeMs < judgeFromMs) return;
        // Fingerprints (lower-cased user agents) only when the address changed: most sessions never do.
        s.fingerprint ??= deviceFingerprint(s.first);
        if (deviceFingerprint(e) === s.fingerprint) return;
        if (s.finding) {
          s.finding.evidence.push(e.id);
          s.finding.lastMs = e.timeMs;
          s.finding.facts['count'] = s.finding.evidence.length - 1;
          s.finding.facts['times'] = times(s.finding.evidence.length - 1);
          s.finding.facts['to'] = utc(e.timeMs);
          return;
        }
        s.finding = {
          subjectKey: `session:${e.sessionId}`,
          severity: 'high',
          title: `Session of ${e.user} replayed from ${e.ip}`,
          facts: {
            session: e.sessionId,
            user: e.user,
            firstTime: utc(s.first.timeMs),
            firstPlace: where(s.first),
            firstDevice: describeDevice(s.first),
            count: 1,
            times: 'once',
            otherPlace: where(e),
            otherDevice: describeDevice(e),
            from: utc(e.timeMs),
            to: utc(e.timeMs),
          },
          user: e.user,
          actor: null,
          ip: e.ip,
          firstMs: s.first.timeMs,
          lastMs: e.timeMs,
          evidence: [s.first.id, e.id],
        };
        out.push(s.finding);
      },
      finish: () => out,
    };
  },
};
