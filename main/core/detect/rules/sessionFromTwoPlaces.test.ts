import { describe, expect, it } from 'vitest';
import { detect } from '../testing/detectHarness.ts';
import { graphSignIn, MIN, T0 } from '../testing/recordShapes.ts';
import { sessionFromTwoPlaces } from './sessionFromTwoPlaces.ts';

const laptop = '9c3eaae9-a913-4161-b3f5-e25c7da47797';

describe('session-replayed', () => {
  it('finds a session opened on a laptop and then used by a script from another address', async () => {
    const s = 'session-1';
    const records = [
      graphSignIn({ at: T0, user: 'adele@contoso.com', ip: '81.2.69.160', sessionId: s, deviceId: laptop }),
      graphSignIn({
        at: T0 + 40 * MIN,
        user: 'adele@contoso.com',
        ip: '81.2.70.9',
        sessionId: s,
        interactive: false,
        os: '',
        browser: '',
        userAgent: 'axios/1.7.2',
      }),
      graphSignIn({
        at: T0 + 50 * MIN,
        user: 'adele@contoso.com',
        ip: '81.2.70.9',
        sessionId: s,
        interactive: false,
        os: '',
        browser: '',
        userAgent: 'axios/1.7.2',
      }),
    ];
    const [f, ...rest] = await detect(sessionFromTwoPlaces, records);
    expect(rest).toHaveLength(0);
    expect(f!.finding).toMatchObject({ user: 'adele@contoso.com', ip: '81.2.70.9', evidenceCount: 3 });
    expect(f!.finding.explanation).toMatch(
      /on registered device 9c3eaae9.*; it was then used twice from 81\.2\.70\.9 \(GB\) by an unregistered client \(axios\/1\.7\.2\)/,
    );
  });

  it('leaves alone one laptop moving from the office to home, and a phone moving to mobile data', async () => {
    const phone = 'e4ad2d28-703e-4189-9752-6b827ef9107d';
    const records = [
      graphSignIn({ at: T0, user: 'alex@contoso.com', ip: '198.51.100.4', sessionId: 's-laptop', deviceId: laptop }),
      graphSignIn({
        at: T0 + 8 * 60 * MIN,
        user: 'alex@contoso.com',
        ip: '81.2.69.161',
        sessionId: 's-laptop',
        deviceId: laptop,
        userAgent: 'Microsoft Office/16.0',
      }),
      graphSignIn({ at: T0, user: 'megan@contoso.com', ip: '81.2.69.162', sessionId: 's-phone', deviceId: phone }),
      graphSignIn({ at: T0 + 25 * MIN, user: 'megan@contoso.com', ip: '31.94.1.2', sessionId: 's-phone', deviceId: phone }),
    ];
    expect(await detect(sessionFromTwoPlaces, records)).toEqual([]);
  });
});
