import { describe, expect, it } from 'vitest';
import { detect } from '../testing/detectHarness.ts';
import { graphSignIn, HOURS, T0 } from '../testing/recordShapes.ts';
import { disabledAccountSignIn } from './disabledAccountSignIn.ts';

describe('disabled-account-signin', () => {
  it('finds attempts on a disabled account over a few hours as one finding', async () => {
    const records = [0, 1, 3].map((h) =>
      graphSignIn({
        at: T0 + h * HOURS,
        user: 'johns@contoso.com',
        ip: '175.45.176.99',
        errorCode: 50057,
        app: 'Azure Portal',
        failureReason: 'User account is disabled.',
      }),
    );
    const [f, ...rest] = await detect(disabledAccountSignIn, records);
    expect(rest).toHaveLength(0);
    expect(f!.finding).toMatchObject({ user: 'johns@contoso.com', severity: 'high', evidenceCount: 3 });
    expect(f!.finding.explanation).toBe(
      'Someone tried to sign in to the disabled account johns@contoso.com 3 times between 2026-03-02 09:00:00 UTC and 2026-03-02 12:00:00 UTC, from 175.45.176.99 (KP), to Azure Portal.',
    );
  });

  it('leaves alone other failures', async () => {
    expect(await detect(disabledAccountSignIn, [graphSignIn({ at: T0, user: 'a@contoso.com', ip: '81.2.69.160', errorCode: 50126 })])).toEqual([]);
  });
});
