import { describe, expect, it } from 'vitest';
import { detect } from '../testing/detectHarness.ts';
import { graphDirectoryAudit, T0 } from '../testing/recordShapes.ts';
import { riskyConsentGranted } from './riskyConsentGranted.ts';

const consent = (admin: boolean, scopes: string, app: string) =>
  graphDirectoryAudit({
    at: T0,
    user: 'adele@contoso.com',
    ip: '45.32.1.2',
    activity: 'Consent to application',
    category: 'ApplicationManagement',
    targets: [
      {
        displayName: app,
        type: 'ServicePrincipal',
        modifiedProperties: [
          { displayName: 'ConsentContext.IsAdminConsent', oldValue: null, newValue: `"${admin ? 'True' : 'False'}"` },
          { displayName: 'ConsentAction.Permissions', oldValue: null, newValue: `"Scope: ${scopes}"` },
        ],
      },
    ],
  });

describe('risky-consent-granted', () => {
  it('finds a user consenting to an app for mail access', async () => {
    const [f, ...rest] = await detect(riskyConsentGranted, [consent(false, 'openid profile offline_access User.Read Mail.Read Mail.Send', 'Mail Sync Pro')]);
    expect(rest).toHaveLength(0);
    expect(f!.finding.severity).toBe('high');
    expect(f!.finding.explanation).toMatch(
      /granted the application 'Mail Sync Pro' the permissions Mail\.Read, Mail\.Send, for their own account \(user consent\)\./,
    );
  });

  it('leaves alone an admin consent for sign-in-only permissions', async () => {
    expect(await detect(riskyConsentGranted, [consent(true, 'openid profile email User.Read', 'Miro')])).toEqual([]);
  });
});
