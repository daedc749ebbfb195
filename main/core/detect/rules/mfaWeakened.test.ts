import { describe, expect, it } from 'vitest';
import { detect } from '../testing/detectHarness.ts';
import { graphDirectoryAudit, T0, ualDirectoryChange } from '../testing/recordShapes.ts';
import { mfaWeakened } from './mfaWeakened.ts';

const enforced = '[{"RelyingParty":"*","State":1,"RememberDevicesNotIssuedBefore":"2023-03-07T20:17:18+00:00"}]';

describe('mfa-weakened', () => {
  it("finds an administrator's per-user MFA removed (Update user + Disable Strong Authentication) as one finding", async () => {
    const found = await detect(
      mfaWeakened,
      [
        ualDirectoryChange({
          at: T0,
          user: 'secadmin@contoso.com',
          operation: 'Update user.',
          target: 'helpdesk@contoso.com',
          modified: [{ Name: 'StrongAuthenticationRequirement', NewValue: '[]', OldValue: enforced }],
        }),
        ualDirectoryChange({ at: T0, user: 'secadmin@contoso.com', operation: 'Disable Strong Authentication.', target: 'helpdesk@contoso.com', modified: [] }),
      ],
      { admins: ['helpdesk@contoso.com', 'secadmin@contoso.com'] },
    );
    expect(found).toHaveLength(1);
    expect(found[0]!.finding).toMatchObject({ severity: 'critical', evidenceCount: 2 });
    expect(found[0]!.finding.explanation).toMatch(
      /removed the per-user MFA requirement for helpdesk@contoso\.com, an administrator \(Update user, Disable Strong Authentication\)\./,
    );
  });

  it('leaves alone ordinary user updates and people managing their own methods', async () => {
    const found = await detect(mfaWeakened, [
      ualDirectoryChange({
        at: T0,
        user: 'admin@contoso.com',
        operation: 'Update user.',
        target: 'adele@contoso.com',
        modified: [{ Name: 'Department', NewValue: 'Finance', OldValue: 'Sales' }],
      }),
      graphDirectoryAudit({
        at: T0,
        user: 'adele@contoso.com',
        activity: 'Delete application password for user',
        targets: [{ userPrincipalName: 'adele@contoso.com' }],
      }),
    ]);
    expect(found).toEqual([]);
  });
});
