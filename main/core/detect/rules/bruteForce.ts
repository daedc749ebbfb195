import type { DerivedFinding, SignInRule } from '../engine/ruleTypes.ts';
import { brief, type BriefEvent } from '../engine/signInEvent.ts';
import { listSome, minutesBetween, utc } from '../findings/explain.ts';
import { HOUR, maxInWindow, MINUTE, mostCommon, push, splitEpisodes } from './support/episodes.ts';
import { isCredentialFailure, where } from './support/signInCodes.ts';

const parameters = {
  /** Failed attempts against one account within `windowMs`. */
  minFailures: 10,
  windowMs: HOUR,
  /** Failures of one account this close together are one episode. */
  gapMs: 30 * MINUTE,
  /** A success from one of the attacking addresses this soon after counts as the attack succeeding. */
  successWithinMs: HOUR,
};

/**
 * Brute force against one account: many wrong passwords in a short time (often until smart lockout,
 * 50053). Near misses: a mistyped password corrected on the next try, an expired password.
 */
export const bruteForce: SignInRule<typeof parameters> = {
  kind: 'signin',
  id: 'brute-force',
  title: 'Brute force on one account',
  severity: 'high',
  technique: 'T1110.001',
  looksAt: 'Failed sign-ins with a wrong password, a locked or unknown account, per account.',
  parameters,
  explanation: '{user} had {failures} failed sign-ins in {span} ({from} to {to}), up to {peak} within an hour, from {sources}{lockNote}. {successNote}',
  lookbackMs: 2 * HOUR,
  scope: 'account',
  start() {
    const failuresByUser = new Map<string, BriefEvent[]>();
    const successesByUser = new Map<string, BriefEvent[]>();
    return {
      observe(e) {
        if (!e.user) return;
        if (e.result === 'success') {
          // Only a success soon after a failure can be "then a success" (memory stays bounded over millions of sign-ins).
          const failures = failuresByUser.get(e.user);
          const last = failures?.[failures.length - 1];
          if (last && last.timeMs >= e.timeMs - Math.max(parameters.gapMs, parameters.successWithinMs)) push(successesByUser, e.user, brief(e));
        } else if (isCredentialFailure(e)) push(failuresByUser, e.user, brief(e));
      },
      finish() {
        const out: DerivedFinding[] = [];
        for (const [user, all] of failuresByUser) {
          if (all.length < parameters.minFailures) continue;
          for (const failures of splitEpisodes(all, parameters.gapMs)) {
            const peak = maxInWindow(failures, parameters.windowMs);
            if (peak < parameters.minFailures) continue;
            const ips = [...new Set(failures.map((f) => f.ip).filter((ip): ip is string => !!ip))];
            const last = failures[failures.length - 1]!;
            const success = (successesByUser.get(user) ?? []).find(
              (s) => s.timeMs > failures[0]!.timeMs && s.timeMs <= last.timeMs + parameters.successWithinMs && s.ip !== null && ips.includes(s.ip),
            );
            const locked = failures.filter((f) => f.errorCode === 50053).length;
            const main = mostCommon(failures.map((f) => f.ip)) ?? null;
            const sample = failures.find((f) => f.ip === main) ?? failures[0]!;
            out.push({
              subjectKey: `user:${user}`,
              severity: success ? 'critical' : 'high',
              title: `${failures.length} failed sign-ins against ${user}${success ? ', then a success' : ''}`,
              facts: {
                user,
                failures: failures.length,
                span: minutesBetween(failures[0]!.timeMs, last.timeMs),
                from: utc(failures[0]!.timeMs),
                to: utc(last.timeMs),
                peak,
                sources: ips.length === 1 ? where(sample) : `${ips.length} addresses (${listSome(ips, 3)})`,
                ips,
                lockNote: locked > 0 ? `; the account was locked out (50053) on ${locked} of them` : '',
                successNote: success
                  ? `Then ${user} signed in successfully from ${success.ip} at ${utc(success.timeMs)}: treat the password as known to the attacker.`
                  : 'No successful sign-in from these addresses followed.',
              },
              user,
              actor: null,
              ip: main,
              firstMs: failures[0]!.timeMs,
              lastMs: success ? success.timeMs : last.timeMs,
              evidence: [...failures.map((f) => f.id), ...(success ? [success.id] : [])],
            });
          }
        }
        return out;
      },
    };
  },
};
