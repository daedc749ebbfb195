import { describe, expect, it } from 'vitest';
import { detect } from '../testing/detectHarness.ts';
import { T0, ualCmdlet } from '../testing/recordShapes.ts';
import { auditLogDisabled } from './auditLogDisabled.ts';

const config = (value: string) =>
  ualCmdlet({
    at: T0,
    user: 'stinger@contoso.com',
    ip: '104.28.196.199',
    operation: 'Set-AdminAuditLogConfig',
    objectId: 'Admin Audit Log Settings',
    parameters: { UnifiedAuditLogIngestionEnabled: value },
  });

describe('audit-log-disabled', () => {
  it('finds unified audit log ingestion turned off', async () => {
    const [f, ...rest] = await detect(auditLogDisabled, [config('False')]);
    expect(rest).toHaveLength(0);
    expect(f!.finding.severity).toBe('critical');
    expect(f!.finding.explanation).toMatch(/^stinger@contoso\.com from 104\.28\.196\.199 .* set UnifiedAuditLogIngestionEnabled to False/);
  });

  it('leaves alone turning it on', async () => {
    expect(await detect(auditLogDisabled, [config('True')])).toEqual([]);
  });
});
