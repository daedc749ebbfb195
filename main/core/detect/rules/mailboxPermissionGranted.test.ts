import { describe, expect, it } from 'vitest';
import { detect } from '../testing/detectHarness.ts';
import { T0, ualCmdlet } from '../testing/recordShapes.ts';
import { mailboxPermissionGranted } from './mailboxPermissionGranted.ts';

const context = { trustedNetworks: ['198.51.100.0/28'], admins: ['exadmin@contoso.com'] };

describe('mailbox-permission-granted', () => {
  it('finds FullAccess and SendAs granted from outside the trusted networks', async () => {
    const found = await detect(
      mailboxPermissionGranted,
      [
        ualCmdlet({
          at: T0,
          user: 'exadmin@contoso.com',
          ip: '45.32.1.2',
          operation: 'Add-MailboxPermission',
          parameters: { Identity: 'ceo@contoso.com', User: 'adele@contoso.com', AccessRights: 'FullAccess' },
        }),
        ualCmdlet({
          at: T0,
          user: 'exadmin@contoso.com',
          ip: '45.32.1.2',
          operation: 'Add-RecipientPermission',
          parameters: { Identity: 'cfo@contoso.com', Trustee: 'adele@contoso.com', AccessRights: 'SendAs' },
        }),
      ],
      context,
    );
    expect(found.map((f) => f.finding.explanation).sort()).toEqual([
      "exadmin@contoso.com from 45.32.1.2 (US, outside the trusted networks) at 2026-03-02 09:00:00 UTC granted adele@contoso.com FullAccess on ceo@contoso.com's mailbox. Listed because it came from 45.32.1.2, outside the trusted networks.",
      "exadmin@contoso.com from 45.32.1.2 (US, outside the trusted networks) at 2026-03-02 09:00:00 UTC granted adele@contoso.com SendAs on cfo@contoso.com's mailbox. Listed because it came from 45.32.1.2, outside the trusted networks.",
    ]);
  });

  it('leaves alone an administrator granting shared-mailbox access from the office', async () => {
    const found = await detect(
      mailboxPermissionGranted,
      [
        ualCmdlet({
          at: T0,
          user: 'exadmin@contoso.com',
          ip: '198.51.100.2',
          operation: 'Add-MailboxPermission',
          parameters: { Identity: 'support@contoso.com', User: 'adele@contoso.com', AccessRights: 'FullAccess' },
        }),
      ],
      context,
    );
    expect(found).toEqual([]);
  });
});
