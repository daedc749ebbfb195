import { describe, expect, it } from 'vitest';
import { ALL_RULES } from '../rules/index.ts';
import type { SignInRule } from './ruleTypes.ts';
import type { SignInRulePlan } from './signInPass.ts';
import { workerParts } from './signInWorkers.ts';

const signInPlans: SignInRulePlan[] = ALL_RULES.filter((r): r is SignInRule => r.kind === 'signin').map((rule) => ({ rule, judgeFromMs: 0 }));

/** For each plan, the accounts (residues) it is run over, across all parts: each exactly once, or every event once. */
function coverage(plans: readonly SignInRulePlan[], threads: number): string[] {
  const parts = workerParts(plans, threads);
  const modulus = parts[0]!.share.modulus;
  return plans.map((plan, i) => {
    const runs = parts.filter((p) => p.planIndexes.includes(i));
    if (plan.rule.scope !== 'account') return runs.length === 1 && !runs[0]!.share.only ? 'every event, once' : `wrong: ${JSON.stringify(runs)}`;
    const residues = runs.flatMap((p) => p.share.residues).sort((a, b) => a - b);
    return residues.join(',') === Array.from({ length: modulus }, (_, r) => r).join(',') ? 'each account once' : `wrong: ${residues.join(',')}`;
  });
}

describe('sharing a sign-in pass out between worker threads', () => {
  it('judges each account once for an account-scoped rule, and gives every event to one worker for the others', () => {
    for (const threads of [2, 3]) {
      expect(coverage(signInPlans, threads)).toEqual(signInPlans.map((p) => (p.rule.scope === 'account' ? 'each account once' : 'every event, once')));
      const accountOnly = signInPlans.filter((p) => p.rule.scope === 'account');
      expect(coverage(accountOnly, threads)).toEqual(accountOnly.map(() => 'each account once'));
      // Every worker reads only its own accounts' events when no rule needs them all.
      expect(workerParts(accountOnly, threads).every((p) => p.share.only)).toBe(true);
    }
  });

  it('shares out every rule whose memory is per account (an incremental run already reads such rules account by account)', () => {
    const perAccount = signInPlans.filter((p) => p.rule.memory === 'per-account').map((p) => [p.rule.id, p.rule.scope]);
    expect(perAccount.length).toBeGreaterThan(0);
    expect(perAccount).toEqual(perAccount.map(([id]) => [id, 'account']));
  });

  it('gives the worker that reads every event the smaller share of the accounts', () => {
    const [first, second] = workerParts(signInPlans, 2);
    expect(first!.share).toEqual({ modulus: 14, residues: [0, 1, 2, 3, 4], only: false });
    expect(second!.share).toEqual({ modulus: 14, residues: [5, 6, 7, 8, 9, 10, 11, 12, 13], only: true });
    expect(second!.planIndexes.map((i) => signInPlans[i]!.rule.id)).not.toContain('password-spray');
  });
});
