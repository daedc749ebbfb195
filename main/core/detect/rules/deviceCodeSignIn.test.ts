import { describe, expect, it } from 'vitest';
import { detect } from '../testing/detectHarness.ts';
import { graphSignIn, MIN, T0 } from '../testing/recordShapes.ts';
import { deviceCodeSignIn } from './deviceCodeSignIn.ts';

describe('device-code-signin', () => {
  it('finds a device-code sign-in and the session it opened', async () => {
    const session = '0d2f5969-011b-460d-ac74-3291d227d49f';
    const records = [
      graphSignIn({
        at: T0,
        user: 'pradeep@contoso.com',
        ip: '167.99.1.2',
        protocol: 'deviceCode',
        transfer: 'deviceCodeFlow',
        sessionId: session,
        app: 'Microsoft Authentication Broker',
        userAgent: 'axios/1.7.2',
      }),
      graphSignIn({ at: T0 + 5 * MIN, user: 'pradeep@contoso.com', ip: '167.99.1.2', interactive: false, sessionId: session }),
    ];
    const [f, ...rest] = await detect(deviceCodeSignIn, records);
    expect(rest).toHaveLength(0);
    expect(f!.finding).toMatchObject({ user: 'pradeep@contoso.com', evidenceCount: 2 });
    expect(f!.finding.explanation).toMatch(
      /completed a device-code sign-in to Microsoft Authentication Broker .* The same session was used 1 more time afterwards/,
    );
  });

  it('leaves alone ordinary browser sign-ins', async () => {
    expect(await detect(deviceCodeSignIn, [graphSignIn({ at: T0, user: 'a@contoso.com', ip: '81.2.69.160', sessionId: 's1' })])).toEqual([]);
  });
});
