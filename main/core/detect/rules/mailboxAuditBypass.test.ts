import { describe, expect, it } from 'vitest';
import { detect } from '../testing/detectHarness.ts';
import { T0, ualCmdlet } from '../testing/recordShapes.ts';
import { mailboxAuditBypass } from './mailboxAuditBypass.ts';

describe('mailbox-audit-bypass', () => {
  it('finds audit bypass enabled and mailbox auditing turned off', async () => {
    const found = await detect(mailboxAuditBypass, [
      ualCmdlet({
        at: T0,
        user: 'stinger@contoso.com',
        ip: '104.28.196.199',
        operation: 'Set-MailboxAuditBypassAssociation',
        parameters: { AuditBypassEnabled: 'True', Identity: 'Alex@contoso.com' },
      }),
      ualCmdlet({
        at: T0,
        user: 'stinger@contoso.com',
        ip: '104.28.196.199',
        operation: 'Set-Mailbox',
        parameters: { Identity: 'megan@contoso.com', AuditEnabled: 'False' },
      }),
    ]);
    expect(found.map((f) => f.finding.title).sort()).toEqual([
      'Enabled mailbox audit bypass for alex@contoso.com',
      'Turned mailbox auditing off for megan@contoso.com',
    ]);
  });

  it('leaves alone bypass switched off and other mailbox settings', async () => {
    const found = await detect(mailboxAuditBypass, [
      ualCmdlet({
        at: T0,
        user: 'a@contoso.com',
        ip: '198.51.100.2',
        operation: 'Set-MailboxAuditBypassAssociation',
        parameters: { AuditBypassEnabled: 'False', Identity: 'svc@contoso.com' },
      }),
      ualCmdlet({
        at: T0,
        user: 'a@contoso.com',
        ip: '198.51.100.2',
        operation: 'Set-Mailbox',
        parameters: { Identity: 'x@contoso.com', AuditEnabled: 'True' },
      }),
    ]);
    expect(found).toEqual([]);
  });
});
