import { describe, expect, it } from 'vitest';
import { detect } from '../testing/detectHarness.ts';
import { graphSignIn, MIN, T0 } from '../testing/recordShapes.ts';
import { bruteForce } from './bruteForce.ts';

const victim = 'megan@contoso.com';

describe('brute-force', () => {
  it('finds many wrong passwords against one account, with the lockout and the success after', async () => {
    const records = [
      ...Array.from({ length: 14 }, (_, i) => graphSignIn({ at: T0 + i * MIN, user: victim, ip: '95.24.1.2', errorCode: i < 10 ? 50126 : 50053 })),
      graphSignIn({ at: T0 + 20 * MIN, user: victim, ip: '95.24.1.2' }),
    ];
    const [f, ...rest] = await detect(bruteForce, records);
    expect(rest).toHaveLength(0);
    expect(f!.finding).toMatchObject({ user: victim, ip: '95.24.1.2', severity: 'critical', evidenceCount: 15 });
    expect(f!.finding.explanation).toMatch(/had 14 failed sign-ins in 13 minutes/);
    expect(f!.finding.explanation).toMatch(/locked out \(50053\) on 4 of them/);
    expect(f!.finding.explanation).toMatch(/Then megan@contoso\.com signed in successfully from 95\.24\.1\.2/);
  });

  it('leaves alone a mistyped password corrected on the next try, and failures spread over a day', async () => {
    const typo = [
      graphSignIn({ at: T0, user: victim, ip: '81.2.69.160', errorCode: 50126 }),
      graphSignIn({ at: T0 + 40_000, user: victim, ip: '81.2.69.160' }),
    ];
    const slow = Array.from({ length: 12 }, (_, i) =>
      graphSignIn({ at: T0 + i * 2 * 3_600_000, user: 'alex@contoso.com', ip: '81.2.69.161', errorCode: 50126 }),
    );
    const interrupts = Array.from({ length: 12 }, (_, i) => graphSignIn({ at: T0 + i * MIN, user: 'lynne@contoso.com', ip: '81.2.69.162', errorCode: 50074 }));
    expect(await detect(bruteForce, [...typo, ...slow, ...interrupts])).toEqual([]);
  });
});
