import { describe, expect, it } from 'vitest';
import { detect } from '../testing/detectHarness.ts';
import { graphSignIn, HOURS, T0 } from '../testing/recordShapes.ts';
import { automationAccountAnomaly } from './automationAccountAnomaly.ts';

const svc = 'svc-exo-automation@contoso.com';
const usual = Array.from({ length: 8 }, (_, i) =>
  graphSignIn({
    at: T0 + i * HOURS,
    user: svc,
    ip: '198.51.100.4',
    interactive: false,
    clientApp: 'Mobile Apps and Desktop clients',
    app: 'Microsoft Exchange REST API Based Powershell',
  }),
);
const context = { trustedNetworks: ['198.51.100.0/28'], automationAccounts: [svc, 'scanner@contoso.com'] };

describe('automation-account-anomaly', () => {
  it('finds the automation account signing in interactively in a browser from a new address', async () => {
    const records = [...usual, graphSignIn({ at: T0 + 9 * HOURS, user: svc, ip: '81.2.69.160', clientApp: 'Browser', app: 'OfficeHome' })];
    const [f, ...rest] = await detect(automationAccountAnomaly, records, context);
    expect(rest).toHaveLength(0);
    expect(f!.finding).toMatchObject({ user: svc, ip: '81.2.69.160', evidenceCount: 1 });
    expect(f!.finding.explanation).toMatch(/signed in interactively in a browser, from a new address outside the trusted networks, from 81\.2\.69\.160/);
    expect(f!.finding.explanation).toMatch(/before, it signed in 8 times, from 198\.51\.100\.4/);
  });

  it("leaves alone its scheduled job and the scanner's SMTP AUTH from the office", async () => {
    const scanner = graphSignIn({ at: T0, user: 'scanner@contoso.com', ip: '198.51.100.1', clientApp: 'Authenticated SMTP', interactive: true });
    expect(await detect(automationAccountAnomaly, [...usual, scanner], context)).toEqual([]);
  });
});
