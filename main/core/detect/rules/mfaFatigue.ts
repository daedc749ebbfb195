import type { DerivedFinding, SignInRule } from '../engine/ruleTypes.ts';
import type { SignInEvent } from '../engine/signInEvent.ts';
import { minutesBetween, utc } from '../findings/explain.ts';
import { HOUR, maxInWindow, MINUTE, push, splitEpisodes } from './support/episodes.ts';
import { isMfaDenial, where } from './support/signInCodes.ts';

const parameters = {
  /** Refused or unanswered MFA prompts within `windowMs`. */
  minDenials: 5,
  windowMs: HOUR,
  gapMs: 30 * MINUTE,
  /** A success this soon after the last denial is the person giving in. */
  successWithinMs: 30 * MINUTE,
};

/**
 * MFA fatigue: someone who knows the password triggers push after push until the person approves
 * one. Near miss: a single unanswered push (phone in another room), then approved.
 */
export const mfaFatigue: SignInRule<typeof parameters> = {
  kind: 'signin',
  id: 'mfa-fatigue',
  title: 'MFA fatigue (repeated MFA prompts refused or ignored)',
  severity: 'high',
  technique: 'T1621',
  looksAt: 'Sign-ins that failed at the MFA step (500121: push refused or not answered), per account, and the success after them.',
  parameters,
  explanation: '{user} refused or ignored {denials} MFA prompts in {span} ({from} to {to}), from {source} (the password was right each time). {successNote}',
  lookbackMs: 2 * HOUR,
  scope: 'account',
  start() {
    const denials = new Map<string, SignInEvent[]>();
    const successes = new Map<string, SignInEvent[]>();
    return {
      observe(e) {
        if (!e.user) return;
        if (isMfaDenial(e)) push(denials, e.user, e);
        else if (e.result === 'success') {
          // Only a success soon after a refused prompt can be "then approved" (memory stays bounded).
          const refused = denials.get(e.user);
          const last = refused?.[refused.length - 1];
          if (last && last.timeMs >= e.timeMs - parameters.successWithinMs) push(successes, e.user, e);
        }
      },
      finish() {
        const out: DerivedFinding[] = [];
        for (const [user, all] of denials) {
          if (all.length < parameters.minDenials) continue;
          for (const episode of splitEpisodes(all, parameters.gapMs)) {
            if (maxInWindow(episode, parameters.windowMs) < parameters.minDenials) continue;
            const last = episode[episode.length - 1]!;
            const success = (successes.get(user) ?? []).find((s) => s.timeMs > last.timeMs && s.timeMs <= last.timeMs + parameters.successWithinMs);
            out.push({
              subjectKey: `user:${user}`,
              severity: success ? 'critical' : 'high',
              title: `${episode.length} MFA prompts refused or ignored by ${user}${success ? ', then approved' : ''}`,
              facts: {
                user,
                denials: episode.length,
                span: minutesBetween(episode[0]!.timeMs, last.timeMs),
                from: utc(episode[0]!.timeMs),
                to: utc(last.timeMs),
                source: where(episode[0]!),
                successNote: success
                  ? `Then a prompt was approved and the sign-in succeeded from ${where(success)} at ${utc(success.timeMs)}: the account is likely in someone else's hands.`
                  : 'No approved sign-in followed.',
              },
              user,
              actor: null,
              ip: episode[0]!.ip,
              firstMs: episode[0]!.timeMs,
              lastMs: success ? success.timeMs : last.timeMs,
              evidence: [...episode.map((d) => d.id), ...(success ? [success.id] : [])],
            });
          }
        }
        return out;
      },
    };
  },
};
