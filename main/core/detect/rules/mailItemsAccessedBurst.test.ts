import { describe, expect, it } from 'vitest';
import { detect } from '../testing/detectHarness.ts';
import { mailItemsAccessed, MIN, T0 } from '../testing/recordShapes.ts';
import { mailItemsAccessedBurst } from './mailItemsAccessedBurst.ts';

describe('mail-items-accessed-burst', () => {
  it('finds one account reading a mailbox in bulk within two hours', async () => {
    const records = Array.from({ length: 120 }, (_, i) =>
      mailItemsAccessed({ at: T0 + i * 30_000, user: 'megan@contoso.com', ip: '45.32.1.2', items: 12, throttled: i > 100 }),
    );
    const [f, ...rest] = await detect(mailItemsAccessedBurst, records);
    expect(rest).toHaveLength(0);
    expect(f!.finding).toMatchObject({ user: 'megan@contoso.com', actor: 'megan@contoso.com', evidenceCount: 120 });
    expect(f!.finding.explanation).toMatch(/read megan@contoso\.com's mailbox in bulk: 120 MailItemsAccessed records covering 1440 items in 60 minutes/);
    expect(f!.finding.explanation).toMatch(/Exchange throttled the auditing/);
  });

  it('leaves alone a day of ordinary reading', async () => {
    const records = Array.from({ length: 40 }, (_, i) => mailItemsAccessed({ at: T0 + i * 20 * MIN, user: 'alex@contoso.com', ip: '81.2.69.160', items: 2 }));
    expect(await detect(mailItemsAccessedBurst, records)).toEqual([]);
  });
});
