import { describe, expect, it } from 'vitest';
import { detect } from '../testing/detectHarness.ts';
import { T0, ualCmdlet } from '../testing/recordShapes.ts';
import { roleGroupMemberAdded } from './roleGroupMemberAdded.ts';

describe('role-group-member-added', () => {
  it('weights a member added to Organization Management above one added to View-Only', async () => {
    const found = await detect(roleGroupMemberAdded, [
      ualCmdlet({
        at: T0,
        user: 'exadmin@contoso.com',
        ip: '45.32.1.2',
        operation: 'Add-RoleGroupMember',
        parameters: { Identity: 'Organization Management', Member: 'adele@contoso.com' },
      }),
      ualCmdlet({
        at: T0,
        user: 'exadmin@contoso.com',
        ip: '198.51.100.2',
        operation: 'Add-RoleGroupMember',
        parameters: { Identity: 'View-Only Organization Management', Member: 'matt@contoso.com' },
      }),
    ]);
    expect(found.map((f) => [f.finding.user, f.finding.severity])).toEqual([
      ['adele@contoso.com', 'critical'],
      ['matt@contoso.com', 'low'],
    ]);
    expect(found[0]!.finding.explanation).toMatch(
      /added adele@contoso\.com to the Exchange role group 'Organization Management' \(full control of Exchange Online administration\)/,
    );
  });

  it('leaves alone failed attempts and removals', async () => {
    const found = await detect(roleGroupMemberAdded, [
      ualCmdlet({
        at: T0,
        user: 'x@contoso.com',
        ip: '45.32.1.2',
        operation: 'Add-RoleGroupMember',
        parameters: { Identity: 'Organization Management', Member: 'y@contoso.com' },
        failed: true,
      }),
      ualCmdlet({
        at: T0,
        user: 'x@contoso.com',
        ip: '45.32.1.2',
        operation: 'Remove-RoleGroupMember',
        parameters: { Identity: 'Organization Management', Member: 'y@contoso.com' },
      }),
    ]);
    expect(found).toEqual([]);
  });
});
