// Same seed and options: byte-identical tenant, activity and labels. Another seed: another tenant.

import { describe, expect, it } from 'vitest';
import type { Tenant } from '../model.ts';
import { tenantWith } from './support.ts';

function snapshot(t: Tenant, hours: number[]): string {
  return JSON.stringify({
    info: t.info,
    users: t.users,
    state: t.state,
    labels: t.labels,
    nearMisses: t.nearMisses,
    activity: hours.map((h) => [t.activity.signIns(h), t.activity.directoryAudits(h), t.activity.auditRecords(h)]),
  });
}

describe('determinism', () => {
  const hours = [0, 37, 100, 200, 335];

  it('gives byte-identical output for the same seed and options, ids included', () => {
    const a = snapshot(tenantWith(), hours);
    const b = snapshot(tenantWith(), hours);
    expect(a.length).toBeGreaterThan(100_000);
    expect(a === b).toBe(true);
  });

  it('does not depend on which hours were generated before, or in which order', () => {
    const t1 = tenantWith();
    const t2 = tenantWith();
    for (let h = 0; h < 60; h++) t2.activity.auditRecords(h);
    const reversed = hours.slice().reverse().map((h) => JSON.stringify(t1.activity.auditRecords(h))).reverse();
    expect(hours.map((h) => JSON.stringify(t2.activity.auditRecords(h)))).toEqual(reversed);
  });

  it('gives the same sign-ins whether or not audit records were asked for first (the STS records match)', () => {
    const t = tenantWith();
    const audit = t.activity.auditRecords(200);
    const ids = new Set(t.activity.signIns(200).map((s) => s.id));
    const sts = audit.filter((r) => r.RecordType === 15);
    expect(sts.length).toBeGreaterThan(0);
    for (const r of sts) expect(ids.has(r.RecordType === 15 ? r.IntraSystemId : '')).toBe(true);
  });

  it('gives a different tenant for a different seed', () => {
    const a = tenantWith();
    const b = tenantWith({ seed: 'another seed' });
    expect(a.info.tenantId).not.toBe(b.info.tenantId);
    expect(a.users[0]!.userPrincipalName).not.toBe(b.users[0]!.userPrincipalName);
    expect(a.activity.signIns(100)[0]!.id).not.toBe(b.activity.signIns(100)[0]!.id);
    expect(a.labels.map((l) => l.start)).not.toEqual(b.labels.map((l) => l.start));
  });
});
