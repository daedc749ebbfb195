import { describe, expect, it } from 'vitest';
import { detect } from '../testing/detectHarness.ts';
import { T0, ualCmdlet } from '../testing/recordShapes.ts';
import { auditLogAgeLimitShortened, timeSpanDays } from './auditLogAgeLimitShortened.ts';

const setLimit = (identity: string, value: string) =>
  ualCmdlet({
    at: T0,
    user: 'stinger@contoso.com',
    ip: '104.28.196.199',
    operation: 'Set-Mailbox',
    parameters: { Identity: identity, AuditLogAgeLimit: value },
  });

describe('audit-log-age-limit-shortened', () => {
  it('reads .NET time spans', () => {
    expect([timeSpanDays('90.00:00:00'), timeSpanDays('1.00:00:00'), timeSpanDays('00:00:00'), timeSpanDays('12:00:00'), timeSpanDays('soon')]).toEqual([
      90,
      1,
      0,
      0.5,
      null,
    ]);
  });

  it('finds a mailbox audit log age limit cut to one day, and to zero', async () => {
    const found = await detect(auditLogAgeLimitShortened, [setLimit('Alex@contoso.com', '1.00:00:00'), setLimit('megan@contoso.com', '00:00:00')]);
    expect(found.map((f) => [f.finding.user, f.finding.severity])).toEqual([
      ['megan@contoso.com', 'critical'],
      ['alex@contoso.com', 'high'],
    ]);
    expect(found[1]!.finding.explanation).toMatch(
      /set the mailbox audit log age limit of alex@contoso\.com to 1\.00:00:00 \(1 day\), below the 90-day default/,
    );
  });

  it('leaves alone a longer limit', async () => {
    expect(await detect(auditLogAgeLimitShortened, [setLimit('a@contoso.com', '365.00:00:00')])).toEqual([]);
  });
});
