import { describe, expect, it } from 'vitest';
import { detect } from '../testing/detectHarness.ts';
import { graphSignIn, HOURS, MIN, T0 } from '../testing/recordShapes.ts';
import { impossibleTravel } from './impossibleTravel.ts';

const user = 'adele@contoso.com';
const london = { country: 'GB', city: 'London', lat: 51.5074, lon: -0.1278 };
const newYork = { country: 'US', city: 'New York', lat: 40.7128, lon: -74.006 };
const reading = { country: 'GB', city: 'Reading', lat: 51.4543, lon: -0.9781 };

describe('impossible-travel', () => {
  it('finds two successful sign-ins 5,570 km apart within half an hour', async () => {
    const records = [graphSignIn({ at: T0, user, ip: '81.2.69.160', ...london }), graphSignIn({ at: T0 + 30 * MIN, user, ip: '68.100.1.2', ...newYork })];
    const [f, ...rest] = await detect(impossibleTravel, records);
    expect(rest).toHaveLength(0);
    expect(f!.finding).toMatchObject({ user, ip: '68.100.1.2', evidenceCount: 2 });
    expect(f!.finding.explanation).toMatch(
      /from 81\.2\.69\.160 \(London, GB\) at 2026-03-02 09:00:00 UTC and 30 minutes later from 68\.100\.1\.2 \(New York, US\)/,
    );
    expect(f!.facts['distanceKm']).toBe(5570);
  });

  it('leaves alone a flight (slower than an airliner), a nearby city, and failed sign-ins', async () => {
    const records = [
      graphSignIn({ at: T0, user, ip: '81.2.69.160', ...london }),
      graphSignIn({ at: T0 + 9 * HOURS, user, ip: '68.100.1.2', ...newYork }),
      graphSignIn({ at: T0, user: 'alex@contoso.com', ip: '81.2.69.161', ...london }),
      graphSignIn({ at: T0 + 5 * MIN, user: 'alex@contoso.com', ip: '81.2.69.162', ...reading }),
      graphSignIn({ at: T0, user: 'megan@contoso.com', ip: '81.2.69.163', ...london }),
      graphSignIn({ at: T0 + 10 * MIN, user: 'megan@contoso.com', ip: '68.100.1.3', errorCode: 50126, ...newYork }),
    ];
    expect(await detect(impossibleTravel, records)).toEqual([]);
  });
});
