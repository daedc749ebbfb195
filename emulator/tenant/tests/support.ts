// Helpers shared by the tenant tests: small tenants built once per test file, and lookups of records by id.

import { generateTenant, parseScenarioList } from '../index.ts';
import type { AuditRecord, DirectoryAudit, Evidence, SignIn, Tenant, TenantOptions } from '../model.ts';

export const END = new Date(Date.UTC(2025, 4, 20));

export function tenantWith(overrides: Partial<TenantOptions> = {}): Tenant {
  return generateTenant({ seed: 'tests', users: 300, days: 14, end: END, scenarios: parseScenarioList('all'), ...overrides });
}

export type AnyRecord = { source: 'signIn'; record: SignIn } | { source: 'directoryAudit'; record: DirectoryAudit } | { source: 'auditRecord'; record: AuditRecord };

/** The record an evidence entry points at, looked up in the hour it names (undefined when absent). */
export function findEvidence(tenant: Tenant, e: Evidence): AnyRecord | undefined {
  if (e.source === 'signIn') {
    const record = tenant.activity.signIns(e.hour).find((r) => r.id === e.id);
    return record && { source: 'signIn', record };
  }
  if (e.source === 'directoryAudit') {
    const record = tenant.activity.directoryAudits(e.hour).find((r) => r.id === e.id);
    return record && { source: 'directoryAudit', record };
  }
  const record = tenant.activity.auditRecords(e.hour).find((r) => r.Id === e.id);
  return record && { source: 'auditRecord', record };
}

export function parameter(record: AuditRecord, name: string): string | undefined {
  if (record.RecordType !== 1) return undefined;
  return record.Parameters.find((p) => p.Name === name)?.Value;
}

/** Every record of the given kind over all hours (small tenants only). */
export function allSignIns(tenant: Tenant): SignIn[] {
  const out: SignIn[] = [];
  for (let h = 0; h < tenant.activity.hourCount; h++) out.push(...tenant.activity.signIns(h));
  return out;
}

export function allAuditRecords(tenant: Tenant): AuditRecord[] {
  const out: AuditRecord[] = [];
  for (let h = 0; h < tenant.activity.hourCount; h++) out.push(...tenant.activity.auditRecords(h));
  return out;
}

export function allDirectoryAudits(tenant: Tenant): DirectoryAudit[] {
  const out: DirectoryAudit[] = [];
  for (let h = 0; h < tenant.activity.hourCount; h++) out.push(...tenant.activity.directoryAudits(h));
  return out;
}
