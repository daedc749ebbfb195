import { describe, expect, it } from 'vitest';
import { detect } from '../testing/detectHarness.ts';
import { T0, ualCmdlet } from '../testing/recordShapes.ts';
import { legacyProtocolEnabled } from './legacyProtocolEnabled.ts';

describe('pop-imap-enabled', () => {
  it('finds POP and IMAP enabled on a mailbox', async () => {
    const [f, ...rest] = await detect(legacyProtocolEnabled, [
      ualCmdlet({
        at: T0,
        user: 'stinger@contoso.com',
        ip: '2a09:bac5:111:105::1a:89',
        operation: 'Set-CASMailbox',
        parameters: { Identity: 'Lidia@contoso.com', ImapEnabled: 'True', PopEnabled: 'True', OWAEnabled: 'True' },
      }),
    ]);
    expect(rest).toHaveLength(0);
    expect(f!.finding).toMatchObject({ user: 'lidia@contoso.com', severity: 'high' });
    expect(f!.finding.explanation).toMatch(/enabled POP and IMAP for lidia@contoso\.com/);
  });

  it('leaves alone protocols switched off', async () => {
    const found = await detect(legacyProtocolEnabled, [
      ualCmdlet({
        at: T0,
        user: 'admin@contoso.com',
        ip: '198.51.100.2',
        operation: 'Set-CASMailbox',
        parameters: { Identity: 'x@contoso.com', PopEnabled: 'False', ImapEnabled: 'False' },
      }),
    ]);
    expect(found).toEqual([]);
  });
});
