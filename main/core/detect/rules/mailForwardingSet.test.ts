import { describe, expect, it } from 'vitest';
import { detect } from '../testing/detectHarness.ts';
import { T0, ualCmdlet } from '../testing/recordShapes.ts';
import { mailForwardingSet } from './mailForwardingSet.ts';

describe('mail-forwarding-set', () => {
  it('finds a mailbox forwarding outside the organization while keeping a copy', async () => {
    const [f, ...rest] = await detect(mailForwardingSet, [
      ualCmdlet({
        at: T0,
        user: 'adele@contoso.com',
        ip: '45.32.1.2',
        operation: 'Set-Mailbox',
        parameters: { Identity: 'adele@contoso.com', ForwardingSmtpAddress: 'smtp:finance.backup@mail.ru', DeliverToMailboxAndForward: 'True' },
      }),
    ]);
    expect(rest).toHaveLength(0);
    expect(f!.finding.explanation).toMatch(
      /set the mailbox adele@contoso\.com to forward mail to finance\.backup@mail\.ru, keeping a copy in the mailbox so the owner notices nothing\./,
    );
  });

  it("leaves alone a leaver's mail forwarded to the manager, and forwarding switched off", async () => {
    const found = await detect(mailForwardingSet, [
      ualCmdlet({
        at: T0,
        user: 'admin@contoso.com',
        ip: '198.51.100.4',
        operation: 'Set-Mailbox',
        parameters: { Identity: 'leaver@contoso.com', ForwardingAddress: 'manager@contoso.com' },
      }),
      ualCmdlet({
        at: T0,
        user: 'admin@contoso.com',
        ip: '198.51.100.4',
        operation: 'Set-Mailbox',
        parameters: { Identity: 'adele@contoso.com', ForwardingSmtpAddress: '' },
      }),
    ]);
    expect(found).toEqual([]);
  });
});
