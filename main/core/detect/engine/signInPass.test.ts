import { describe, expect, it } from 'vitest';
import { emptyContext } from '../context/contextStore.ts';
import { loadIpGeo } from '../geo/ipGeo.ts';
import { addRecords, tempStore } from '../testing/detectHarness.ts';
import { graphSignIn, MIN, T0 } from '../testing/recordShapes.ts';
import { createRuleContext } from './ruleContext.ts';
import type { SignInRule } from './ruleTypes.ts';
import { runSignInPass } from './signInPass.ts';

/** A rule that derives one finding naming every account it was shown an event of. */
function accountsSeen(id: string, scope: SignInRule['scope']): SignInRule {
  return {
    kind: 'signin',
    id,
    title: id,
    severity: 'low',
    technique: 'T0000',
    looksAt: 'every event',
    parameters: {},
    explanation: '',
    lookbackMs: 0,
    scope,
    start() {
      const seen: string[] = [];
      return {
        observe: (e) => void seen.push(e.user ?? '-'),
        finish: () => [
          { subjectKey: id, severity: 'low', title: seen.join(' '), facts: {}, user: null, actor: null, ip: null, firstMs: null, lastMs: null, evidence: [] },
        ],
      };
    },
  };
}

describe('one pass of the sign-in rules', () => {
  it("shows an account-scoped rule only the events of the pass's share of accounts, and every other rule every event", async () => {
    const store = tempStore();
    const users = ['adele', 'alex', 'ben', 'cara', 'dev', 'emma'].map((u) => `${u}@contoso.com`);
    addRecords(
      store,
      users.map((user, i) => graphSignIn({ at: T0 + i * MIN, user, ip: '81.2.69.160' })),
    );
    const numberOf = store.db.prepare('SELECT id FROM signin_strings WHERE value = ?').pluck();
    const share = { modulus: 3, residues: [0], only: false };
    const mine = users.filter((u) => (numberOf.get(u) as number) % 3 === 0);
    expect(mine.length).toBeGreaterThan(0);
    expect(mine.length).toBeLessThan(users.length);
    const geo = await loadIpGeo();
    const ctx = createRuleContext(emptyContext(), geo, store.db);
    const plans = [accountsSeen('by-account', 'account'), accountsSeen('every-event', undefined)].map((rule) => ({ rule, judgeFromMs: 0 }));

    const shared = await runSignInPass(store.db, ctx, plans, 0, { share });
    expect(shared.derived.map((d) => d[0]!.title)).toEqual([mine.join(' '), users.join(' ')]);
    // Without a share (one thread alone), every rule sees every event.
    const alone = await runSignInPass(store.db, ctx, plans, 0);
    expect(alone.derived.map((d) => d[0]!.title)).toEqual([users.join(' '), users.join(' ')]);
    store.close();
  });
});
