import { describe, expect, it } from 'vitest';
import { detect } from '../testing/detectHarness.ts';
import { graphSignIn, ualLogon, MIN, T0 } from '../testing/recordShapes.ts';
import { passwordSpray } from './passwordSpray.ts';

const users = ['adele', 'alex', 'megan', 'lynne', 'matt', 'miriam', 'nestor'].map((u) => `${u}@contoso.com`);

describe('password-spray', () => {
  it('finds one address failing against many accounts, and names the account that then signed in', async () => {
    const records = [
      ...users.map((user, i) => graphSignIn({ at: T0 + i * MIN, user, ip: '159.89.10.20', errorCode: 50126 })),
      graphSignIn({ at: T0 + 8 * MIN, user: 'nobody@contoso.com', ip: '159.89.10.20', errorCode: 50034 }),
      graphSignIn({ at: T0 + 9 * MIN, user: 'henrietta@contoso.com', ip: '159.89.10.20' }),
    ];
    const [finding, ...rest] = await detect(passwordSpray, records);
    expect(rest).toHaveLength(0);
    expect(finding!.finding.severity).toBe('critical');
    expect(finding!.finding.ip).toBe('159.89.10.20');
    expect(finding!.evidence).toHaveLength(9);
    expect(finding!.finding.explanation).toMatch(/^8 accounts failed to sign in from 159\.89\.10\.20 \(AS14061/);
    expect(finding!.finding.explanation).toMatch(/1 attempt named accounts that do not exist \(50034\)/);
    expect(finding!.finding.explanation).toMatch(/henrietta@contoso\.com signed in successfully from the same source/);
  });

  it('groups several addresses of one network, and reads unified-audit-log logons too', async () => {
    const records = users.map((user, i) => ualLogon({ at: T0 + i * MIN, user, ip: i % 2 ? '159.89.10.20' : '159.89.77.5', errorCode: 50126 }));
    const [finding, ...rest] = await detect(passwordSpray, records);
    expect(rest).toHaveLength(0);
    expect(finding!.facts['ips']).toEqual(['159.89.10.20', '159.89.77.5']);
    expect(finding!.finding.severity).toBe('high');
  });

  it('leaves alone typos at an office address where most sign-ins succeed, and one account hammered', async () => {
    const office = [
      ...users.map((user, i) => graphSignIn({ at: T0 + i * MIN, user, ip: '198.51.100.7', errorCode: 50126 })),
      ...users.flatMap((user, i) => [
        graphSignIn({ at: T0 + i * MIN + 30_000, user, ip: '198.51.100.7' }),
        graphSignIn({ at: T0 + i * MIN + 40_000, user, ip: '198.51.100.7' }),
      ]),
    ];
    const hammer = Array.from({ length: 12 }, (_, i) => graphSignIn({ at: T0 + i * MIN, user: 'adele@contoso.com', ip: '159.89.10.20', errorCode: 50126 }));
    expect(await detect(passwordSpray, [...office, ...hammer])).toEqual([]);
  });

  it('counts good sign-ins just before the failures against the failure share, and not those hours earlier', async () => {
    const typos = users.map((user, i) => graphSignIn({ at: T0 + i * MIN, user, ip: '198.51.100.7', errorCode: 50126 }));
    const goodAt = (startMs: number) =>
      users.flatMap((user, i) => [0, 1].map((k) => graphSignIn({ at: startMs + (2 * i + k) * 20_000, user, ip: '198.51.100.7' })));
    // Fourteen good sign-ins in the five minutes before seven failures: an office, not a sprayer.
    expect(await detect(passwordSpray, [...goodAt(T0 - 5 * MIN), ...typos])).toEqual([]);
    // The same sign-ins three hours before do not vouch for the address.
    const [finding, ...rest] = await detect(passwordSpray, [...goodAt(T0 - 180 * MIN), ...typos]);
    expect(rest).toHaveLength(0);
    expect(finding!.finding.explanation).toMatch(/^7 accounts failed to sign in from 198\.51\.100\.7/);
  });

  it('still tells the office from the sprayer among thousands of other sign-ins', async () => {
    // Eleven thousand good sign-ins from other addresses over four hours, as a busy tenant has.
    const busy = Array.from({ length: 11_000 }, (_, i) =>
      graphSignIn({ at: T0 - 240 * MIN + i * 1309, user: users[i % users.length]!, ip: `81.2.${(i >> 8) & 255}.${i & 255}` }),
    );
    // The office: one typo three hours before, then good sign-ins just before seven typos.
    const office = '198.51.100.7';
    const early = graphSignIn({ at: T0 - 180 * MIN, user: users[0]!, ip: office, errorCode: 50126 });
    const good = users.flatMap((user, i) => [0, 1].map((k) => graphSignIn({ at: T0 - 5 * MIN + (2 * i + k) * 20_000, user, ip: office })));
    const typos = users.map((user, i) => graphSignIn({ at: T0 + i * MIN, user, ip: office, errorCode: 50126 }));
    const spray = users.map((user, i) => graphSignIn({ at: T0 + 10 * MIN + i * MIN, user, ip: '159.89.10.20', errorCode: 50126 }));
    const findings = await detect(passwordSpray, [...busy, early, ...good, ...typos, ...spray]);
    expect(findings.map((f) => f.finding.ip)).toEqual(['159.89.10.20']);
  });
});
