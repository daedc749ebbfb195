import { describe, expect, it } from 'vitest';
import { detect } from '../testing/detectHarness.ts';
import { T0, ualCmdlet } from '../testing/recordShapes.ts';
import { folderPermissionGranted } from './folderPermissionGranted.ts';

describe('folder-permission-granted', () => {
  it("finds read access to someone's inbox granted to another account", async () => {
    const [f, ...rest] = await detect(folderPermissionGranted, [
      ualCmdlet({
        at: T0,
        user: 'adele@contoso.com',
        ip: '45.32.1.2',
        operation: 'Add-MailboxFolderPermission',
        parameters: { Identity: 'ceo@contoso.com:\\Inbox', User: 'adele@contoso.com', AccessRights: 'Reviewer' },
      }),
    ]);
    expect(rest).toHaveLength(0);
    expect(f!.finding.explanation).toMatch(/gave adele@contoso\.com the rights 'Reviewer' on the folder 'Inbox' of ceo@contoso\.com's mailbox\./);
  });

  it('leaves alone calendar sharing with a colleague and availability-only rights', async () => {
    const found = await detect(folderPermissionGranted, [
      ualCmdlet({
        at: T0,
        user: 'adele@contoso.com',
        ip: '81.2.69.160',
        operation: 'Add-MailboxFolderPermission',
        parameters: { Identity: 'adele@contoso.com:\\Calendar', User: 'matt@contoso.com', AccessRights: 'Editor' },
      }),
      ualCmdlet({
        at: T0,
        user: 'adele@contoso.com',
        ip: '81.2.69.160',
        operation: 'Set-MailboxFolderPermission',
        parameters: { Identity: 'adele@contoso.com:\\Inbox', User: 'Default', AccessRights: 'AvailabilityOnly' },
      }),
    ]);
    expect(found).toEqual([]);
  });
});
