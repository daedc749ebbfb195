// The records and state the tenant hands to the servers have the shapes the wire-format reference gives.

import { describe, expect, it } from 'vitest';
import type { z } from 'zod';
import { allDirectoryAudits, tenantWith } from './support.ts';
import {
  auditSchemaFor, directoryAuditSchema, inboxRuleSchema, mailboxPermissionSchema, mailboxSchema, riskDetectionSchema,
  roleAssignmentSchema, signInSchema, userRegistrationDetailsSchema,
} from './wireSchemas.ts';

const tenant = tenantWith({ users: 200, days: 7 });

function expectAll(schema: z.ZodType, items: readonly unknown[], what: string): void {
  expect(items.length, `${what}: nothing to check`).toBeGreaterThan(0);
  for (const item of items) {
    const r = schema.safeParse(item);
    if (!r.success) throw new Error(`${what} does not match the reference: ${r.error.message}\n${JSON.stringify(item).slice(0, 600)}`);
  }
}

describe('served shapes', () => {
  // Every hour that holds scenario evidence, plus a working-day hour of ordinary activity.
  const hours = [...new Set(tenant.labels.flatMap((l) => l.evidence.map((e) => e.hour)))].concat([Math.floor(tenant.activity.hourCount / 2)]);

  it('sign-ins match the Graph signIn resource (§3.2, beta superset)', () => {
    const records = hours.flatMap((h) => tenant.activity.signIns(h));
    expectAll(signInSchema, records, 'signIn');
    expect(new Set(records.map((r) => r.isInteractive))).toEqual(new Set([true, false]));
  });

  it('directory audits match the Graph directoryAudit resource (§3.3)', () => {
    expectAll(directoryAuditSchema, allDirectoryAudits(tenant), 'directoryAudit');
  });

  it('unified audit records match the common schema and their workload schema (§4.10-4.14)', () => {
    const records = hours.flatMap((h) => tenant.activity.auditRecords(h));
    const types = new Set(records.map((r) => r.RecordType));
    for (const t of [1, 2, 3, 8, 15, 50]) expect(types, `RecordType ${t} present`).toContain(t);
    for (const r of records) expectAll(auditSchemaFor(r.RecordType), [r], `RecordType ${r.RecordType} ${r.Operation}`);
    for (const r of records) expect(tenant.activity.contentTypeOf(r)).toBe(r.Workload === 'Exchange' ? 'Audit.Exchange' : 'Audit.AzureActiveDirectory');
  });

  it('admin state matches the Get-* cmdlet and Graph outputs (§2.8, §3.6-3.8)', () => {
    const s = tenant.state;
    expectAll(mailboxSchema, s.mailboxes, 'Get-Mailbox');
    expectAll(inboxRuleSchema, Object.values(s.inboxRules).flat(), 'Get-InboxRule');
    expectAll(mailboxPermissionSchema, s.mailboxPermissions, 'Get-MailboxPermission');
    expectAll(roleAssignmentSchema, s.roleAssignments, 'unifiedRoleAssignment');
    expectAll(userRegistrationDetailsSchema, s.userRegistrationDetails, 'userRegistrationDetails');
    expectAll(riskDetectionSchema, s.riskDetections, 'riskDetection');
    expect(s.adminAuditLogConfig.Identity).toBe('Admin Audit Log Settings');
  });

  it('Graph role assignment ids decode to the role template and the principal, as real ids do', () => {
    const ga = tenant.users[0]!;
    const a = tenant.state.roleAssignments.find((x) => x.principalId === ga.id)!;
    expect(a.roleDefinitionId).toBe('62e90394-69f5-4237-9190-012177145e10');
    // The documented example lAPpYvVpN0KRkAEhdxReE… starts with the Global Administrator template id, little-endian
    // (21 base64 characters carry the first 15.75 bytes).
    expect(a.id.startsWith('lAPpYvVpN0KRkAEhdxReE')).toBe(true);
  });
});
