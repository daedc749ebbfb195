import { describe, expect, it } from 'vitest';
import { emptyContext } from '../context/contextStore.ts';
import { loadIpGeo } from '../geo/ipGeo.ts';
import { addRecords, tempStore } from '../testing/detectHarness.ts';
import { graphSignIn, MIN, T0, ualLogon } from '../testing/recordShapes.ts';
import { createRuleContext } from './ruleContext.ts';

describe('the rule context', () => {
  it("counts an address as internal when its domain is configured or is an account's domain in the logs", async () => {
    const store = tempStore();
    addRecords(store, [
      graphSignIn({ at: T0, user: 'adele@contoso.com', ip: '81.2.69.160' }),
      graphSignIn({ at: T0 + MIN, user: 'Alex@Fabrikam.COM', ip: '81.2.69.161' }),
      ualLogon({ at: T0 + 2 * MIN, user: 'adele@contoso.com', ip: '81.2.69.160' }),
      // A guest's home domain is not the organization's.
      graphSignIn({ at: T0 + 3 * MIN, user: 'guest_gmail.com#ext#@contoso.onmicrosoft.com', ip: '81.2.69.162' }),
    ]);
    const ctx = createRuleContext({ ...emptyContext(), organizationDomains: ['Example.ORG'] }, await loadIpGeo(), store.db);
    expect(ctx.isInternalAddress('megan@contoso.com')).toBe(true);
    expect(ctx.isInternalAddress('megan@FABRIKAM.com')).toBe(true);
    expect(ctx.isInternalAddress('megan@example.org')).toBe(true);
    expect(ctx.isInternalAddress('megan@contoso.onmicrosoft.com')).toBe(false);
    expect(ctx.isInternalAddress('attacker@gmail.com')).toBe(false);
    expect(ctx.isInternalAddress('Finance Team')).toBe(true);
    store.close();
  });
});
