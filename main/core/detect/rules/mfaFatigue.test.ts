import { describe, expect, it } from 'vitest';
import { detect } from '../testing/detectHarness.ts';
import { graphSignIn, MIN, T0 } from '../testing/recordShapes.ts';
import { mfaFatigue } from './mfaFatigue.ts';

const user = 'matt@contoso.com';
const denied = (at: number, u = user) =>
  graphSignIn({ at, user: u, ip: '81.2.69.160', errorCode: 500121, additionalDetails: 'MFA denied; user did not respond to mobile app notification' });

describe('mfa-fatigue', () => {
  it('finds push after push refused, then approved', async () => {
    const records = [...Array.from({ length: 8 }, (_, i) => denied(T0 + i * 2 * MIN)), graphSignIn({ at: T0 + 18 * MIN, user, ip: '81.2.69.160' })];
    const [f, ...rest] = await detect(mfaFatigue, records);
    expect(rest).toHaveLength(0);
    expect(f!.finding).toMatchObject({ user, severity: 'critical', evidenceCount: 9 });
    expect(f!.finding.explanation).toMatch(/refused or ignored 8 MFA prompts in 14 minutes/);
    expect(f!.finding.explanation).toMatch(/Then a prompt was approved/);
  });

  it('leaves alone one unanswered push followed by an approval', async () => {
    expect(await detect(mfaFatigue, [denied(T0, 'alex@contoso.com'), graphSignIn({ at: T0 + 2 * MIN, user: 'alex@contoso.com', ip: '81.2.69.160' })])).toEqual(
      [],
    );
  });
});
