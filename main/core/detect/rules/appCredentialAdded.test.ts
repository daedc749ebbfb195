import { describe, expect, it } from 'vitest';
import { detect } from '../testing/detectHarness.ts';
import { graphDirectoryAudit, T0 } from '../testing/recordShapes.ts';
import { appCredentialAdded, parseKeyDescription } from './appCredentialAdded.ts';

const cert = '[KeyIdentifier=4245f2f5-4052-4c5b-afe8-1d7885d9bb39,KeyType=AsymmetricX509Cert,KeyUsage=Verify,DisplayName=CN=automation]';
const secret = '[KeyIdentifier=11ca002d-d846-4692-8e1f-501db99f485a,KeyType=Password,KeyUsage=Verify,DisplayName=backup]';
const change = (before: string[], after: string[]) =>
  graphDirectoryAudit({
    at: T0,
    user: 'secadmin@contoso.com',
    ip: '45.32.1.2',
    activity: 'Update application – Certificates and secrets management ',
    category: 'ApplicationManagement',
    targets: [
      {
        displayName: 'Contoso Exchange Automation',
        type: 'Application',
        modifiedProperties: [{ displayName: 'KeyDescription', oldValue: JSON.stringify(before), newValue: JSON.stringify(after) }],
      },
    ],
  });

describe('app-credential-added', () => {
  it('reads KeyDescription entries', () => {
    expect(parseKeyDescription(JSON.stringify([cert, secret])).map((k) => k.type)).toEqual(['AsymmetricX509Cert', 'Password']);
  });

  it('finds a client secret added to a certificate-only app, rated high', async () => {
    const [f, ...rest] = await detect(appCredentialAdded, [change([cert], [cert, secret])]);
    expect(rest).toHaveLength(0);
    expect(f!.finding.severity).toBe('high');
    expect(f!.finding.explanation).toMatch(
      /added a client secret 'backup' \(11ca002d-d846-4692-8e1f-501db99f485a\) to the application Contoso Exchange Automation\. Until then it had only certificates \(1\)/,
    );
  });

  it('leaves alone a credential removed', async () => {
    expect(await detect(appCredentialAdded, [change([cert, secret], [cert])])).toEqual([]);
  });
});
