import { describe, expect, it } from 'vitest';
import { detect } from '../testing/detectHarness.ts';
import { graphSignIn, MIN, T0 } from '../testing/recordShapes.ts';
import { riskySignIn } from './riskySignIn.ts';

describe('risky-signin', () => {
  it('finds sign-ins Entra rated risky while the risk is open', async () => {
    const records = [
      graphSignIn({ at: T0, user: 'adele@contoso.com', ip: '81.2.70.9', riskLevel: 'medium' }),
      graphSignIn({ at: T0 + 10 * MIN, user: 'adele@contoso.com', ip: '81.2.70.9', riskLevel: 'high' }),
    ];
    const [f, ...rest] = await detect(riskySignIn, records);
    expect(rest).toHaveLength(0);
    expect(f!.finding).toMatchObject({ severity: 'high', evidenceCount: 2 });
    expect(f!.finding.explanation).toMatch(/^Entra rated 2 sign-ins of adele@contoso\.com as high risk \(state atRisk\)/);
  });

  it('leaves alone sign-ins without risk and risks already dismissed', async () => {
    const records = [
      graphSignIn({ at: T0, user: 'a@contoso.com', ip: '81.2.70.9' }),
      graphSignIn({ at: T0, user: 'b@contoso.com', ip: '81.2.70.9', riskLevel: 'high', riskState: 'dismissed' }),
    ];
    expect(await detect(riskySignIn, records)).toEqual([]);
  });
});
