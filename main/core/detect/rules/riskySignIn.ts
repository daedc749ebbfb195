import type { DerivedFinding, SignInRule } from '../engine/ruleTypes.ts';
import { plural, utc } from '../findings/explain.ts';
import { HOUR } from './support/episodes.ts';
import { where } from './support/signInCodes.ts';

const parameters = {
  /** Risk levels reported as findings. */
  levels: ['low', 'medium', 'high'],
  /** Risk states that mean someone already dealt with it. */
  closedStates: ['dismissed', 'remediated', 'confirmedSafe', 'none'],
  gapMs: 4 * HOUR,
};

const RANK: Record<string, number> = { low: 1, medium: 2, high: 3 };

/** Sign-ins Entra ID Protection itself rated risky (riskLevelDuringSignIn), while the risk is still open. */
export const riskySignIn: SignInRule<typeof parameters> = {
  kind: 'signin',
  id: 'risky-signin',
  title: 'Sign-in with risk reported by Entra',
  severity: 'medium',
  technique: 'T1078',
  looksAt: 'Sign-ins with riskLevelDuringSignIn low, medium or high and a risk state that is still open.',
  parameters,
  explanation: 'Entra rated {signIns} of {user} as {level} risk (state {state}) between {from} and {to}, from {source}.',
  lookbackMs: 0,
  scope: 'account',
  start() {
    const out: DerivedFinding[] = [];
    const open = new Map<string, DerivedFinding>();
    const closed = new Set(parameters.closedStates.map((s) => s.toLowerCase()));
    return {
      observe(e) {
        const level = e.riskLevel?.toLowerCase() ?? '';
        if (!e.user || !RANK[level] || !parameters.levels.includes(level)) return;
        if (e.riskState && closed.has(e.riskState.toLowerCase())) return;
        const key = `user:${e.user}`;
        const f = open.get(key);
        if (f && e.timeMs - (f.lastMs ?? 0) <= parameters.gapMs) {
          f.evidence.push(e.id);
          f.lastMs = e.timeMs;
          const worst = (RANK[level] ?? 0) > (RANK[f.facts['level'] as string] ?? 0) ? level : (f.facts['level'] as string);
          Object.assign(f.facts, { count: f.evidence.length, signIns: plural(f.evidence.length, 'sign-in'), to: utc(e.timeMs), level: worst });
          f.severity = worst === 'high' ? 'high' : worst === 'medium' ? 'medium' : 'low';
          return;
        }
        const finding: DerivedFinding = {
          subjectKey: key,
          severity: level === 'high' ? 'high' : level === 'medium' ? 'medium' : 'low',
          title: `Entra rated a sign-in of ${e.user} ${level} risk`,
          facts: {
            user: e.user,
            count: 1,
            signIns: 'one sign-in',
            level,
            state: e.riskState ?? 'unknown',
            from: utc(e.timeMs),
            to: utc(e.timeMs),
            source: where(e),
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
