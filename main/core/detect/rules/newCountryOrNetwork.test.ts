import { describe, expect, it } from 'vitest';
import { detect } from '../testing/detectHarness.ts';
import { DAYS, graphSignIn, HOURS, T0 } from '../testing/recordShapes.ts';
import { newCountryOrNetwork } from './newCountryOrNetwork.ts';

const user = 'adele@contoso.com';
const phone = 'b6f1c93a-0000-4000-8000-000000000001';
const home = Array.from({ length: 6 }, (_, i) => graphSignIn({ at: T0 + i * DAYS, user, ip: '81.2.69.160', country: 'GB', deviceId: phone }));

describe('new-country-or-network', () => {
  it('finds a success from a country outside the home countries on an unknown device, with its follow-ups', async () => {
    const records = [
      ...home,
      graphSignIn({ at: T0 + 7 * DAYS, user, ip: '102.89.1.2', country: 'NG', city: 'Lagos', interactive: true }),
      graphSignIn({ at: T0 + 7 * DAYS + HOURS / 2, user, ip: '102.89.1.2', country: 'NG', interactive: false }),
    ];
    const [f, ...rest] = await detect(newCountryOrNetwork, records, { homeCountries: ['GB'] });
    expect(rest).toHaveLength(0);
    expect(f!.finding).toMatchObject({ user, severity: 'high', evidenceCount: 2 });
    expect(f!.finding.explanation).toMatch(/signed in successfully from 102\.89\.1\.2 \(Lagos, NG\)/);
    expect(f!.finding.explanation).toMatch(/No sign-in of this account from NG in the 30 days before, and NG is not one of the home countries \(GB\)/);
    expect(f!.finding.explanation).toMatch(/Earlier: 6 successful sign-ins .* from GB/);
  });

  it('leaves alone a holiday abroad on the known phone, and a first sign-in at home', async () => {
    const records = [
      ...home,
      graphSignIn({ at: T0 + 7 * DAYS, user, ip: '88.10.1.2', country: 'ES', deviceId: phone }),
      graphSignIn({ at: T0, user: 'new@contoso.com', ip: '81.2.69.161', country: 'GB' }),
    ];
    expect(await detect(newCountryOrNetwork, records, { homeCountries: ['GB'] })).toEqual([]);
  });
});
