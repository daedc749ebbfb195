import { describe, expect, it } from 'vitest';
import { detect } from '../testing/detectHarness.ts';
import { graphSignIn, MIN, T0 } from '../testing/recordShapes.ts';
import { adminOutsideTrustedNetwork } from './adminOutsideTrustedNetwork.ts';

const context = { trustedNetworks: ['198.51.100.0/28'], admins: ['admin@contoso.com'], homeCountries: ['GB'] };

describe('admin-outside-trusted-network', () => {
  it("finds an administrator's sign-ins from home, outside the trusted networks", async () => {
    const records = [
      graphSignIn({ at: T0, user: 'admin@contoso.com', ip: '81.2.69.160', country: 'GB', app: 'Azure Portal' }),
      graphSignIn({ at: T0 + MIN, user: 'admin@contoso.com', ip: '81.2.69.160', country: 'GB', app: 'Office365 Shell WCSS-Client', interactive: false }),
    ];
    const [f, ...rest] = await detect(adminOutsideTrustedNetwork, records, context);
    expect(rest).toHaveLength(0);
    expect(f!.finding).toMatchObject({ user: 'admin@contoso.com', severity: 'high', evidenceCount: 2 });
    expect(f!.finding.explanation).toMatch(
      /^Administrator admin@contoso\.com signed in twice from 81\.2\.69\.160 \(GB\), outside the trusted networks \(198\.51\.100\.0\/28\)/,
    );
  });

  it('leaves alone administrators inside the perimeter and ordinary users at home; without context it does not run', async () => {
    const records = [
      graphSignIn({ at: T0, user: 'admin@contoso.com', ip: '198.51.100.3', country: 'GB' }),
      graphSignIn({ at: T0, user: 'adele@contoso.com', ip: '81.2.69.161', country: 'GB' }),
    ];
    expect(await detect(adminOutsideTrustedNetwork, records, context)).toEqual([]);
    expect(await detect(adminOutsideTrustedNetwork, [graphSignIn({ at: T0, user: 'admin@contoso.com', ip: '81.2.69.160' })])).toEqual([]);
  });
});
