import { describe, expect, it } from 'vitest';
import { detect } from '../testing/detectHarness.ts';
import { graphDirectoryAudit, T0, ualDirectoryChange } from '../testing/recordShapes.ts';
import { directoryRoleAdded } from './directoryRoleAdded.ts';

describe('directory-role-added', () => {
  it('finds Global Administrator added, seen in Graph and in the unified audit log, as one finding', async () => {
    const found = await detect(directoryRoleAdded, [
      graphDirectoryAudit({
        at: T0,
        user: 'secadmin@contoso.com',
        ip: '45.32.1.2',
        activity: 'Add member to role',
        category: 'RoleManagement',
        targets: [
          {
            userPrincipalName: 'adele@contoso.com',
            modifiedProperties: [{ displayName: 'Role.DisplayName', oldValue: null, newValue: '"Global Administrator"' }],
          },
        ],
      }),
      ualDirectoryChange({
        at: T0,
        user: 'secadmin@contoso.com',
        operation: 'Add member to role.',
        target: 'adele@contoso.com',
        modified: [{ Name: 'Role.DisplayName', NewValue: 'Company Administrator', OldValue: '' }],
      }),
    ]);
    expect(found).toHaveLength(1);
    expect(found[0]!.finding).toMatchObject({ severity: 'critical', user: 'adele@contoso.com', evidenceCount: 2 });
    expect(found[0]!.finding.explanation).toMatch(/added adele@contoso\.com to the directory role Global Administrator/);
  });

  it('rates a low-power role lower and ignores other directory changes', async () => {
    const found = await detect(directoryRoleAdded, [
      graphDirectoryAudit({
        at: T0,
        user: 'a@contoso.com',
        activity: 'Add member to role',
        targets: [
          {
            userPrincipalName: 'b@contoso.com',
            modifiedProperties: [{ displayName: 'Role.DisplayName', oldValue: null, newValue: '"Message Center Reader"' }],
          },
        ],
      }),
      graphDirectoryAudit({ at: T0, user: 'a@contoso.com', activity: 'Reset user password', targets: [{ userPrincipalName: 'c@contoso.com' }] }),
    ]);
    expect(found.map((f) => f.finding.severity)).toEqual(['medium']);
  });
});
