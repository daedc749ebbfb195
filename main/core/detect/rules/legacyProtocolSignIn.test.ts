import { describe, expect, it } from 'vitest';
import { detect } from '../testing/detectHarness.ts';
import { graphSignIn, MIN, T0 } from '../testing/recordShapes.ts';
import { legacyProtocolSignIn } from './legacyProtocolSignIn.ts';

describe('legacy-protocol-signin', () => {
  it('finds IMAP sign-ins with a password alone, grouped per account, protocol and address', async () => {
    const records = [0, 7, 15].map((m) =>
      graphSignIn({ at: T0 + m * MIN, user: 'lidia@contoso.com', ip: '45.32.1.2', clientApp: 'IMAP4', app: 'Office 365 Exchange Online' }),
    );
    const [f, ...rest] = await detect(legacyProtocolSignIn, records);
    expect(rest).toHaveLength(0);
    expect(f!.finding).toMatchObject({ user: 'lidia@contoso.com', severity: 'high', evidenceCount: 3 });
    expect(f!.finding.explanation).toMatch(/signed in 3 times over IMAP4 \(basic authentication, no MFA possible\) from 45\.32\.1\.2/);
  });

  it("leaves alone the scanner's SMTP AUTH from the office, a registered phone's ActiveSync, and modern clients", async () => {
    const records = [
      graphSignIn({ at: T0, user: 'scanner@contoso.com', ip: '198.51.100.4', clientApp: 'Authenticated SMTP' }),
      graphSignIn({ at: T0, user: 'adele@contoso.com', ip: '81.2.69.160', clientApp: 'Exchange ActiveSync', deviceId: '6f1c93a0-0000-4000-8000-000000000002' }),
      graphSignIn({ at: T0, user: 'alex@contoso.com', ip: '81.2.69.161', clientApp: 'Mobile Apps and Desktop clients' }),
      graphSignIn({ at: T0, user: 'megan@contoso.com', ip: '81.2.69.162', clientApp: 'POP3', errorCode: 50126 }),
    ];
    expect(await detect(legacyProtocolSignIn, records, { trustedNetworks: ['198.51.100.0/28'], automationAccounts: ['scanner@contoso.com'] })).toEqual([]);
  });
});
