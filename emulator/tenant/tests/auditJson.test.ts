// The JSON writers (activity/auditJson.ts) against the record builders: the Management Activity feed serves the
// writers' bytes, every other service serializes the builders' objects, and both must be the same records.

import { describe, expect, it } from 'vitest';
import type { Tenant } from '../model.ts';
import { tenantWith } from './support.ts';

/** Hour h as the feed gets it: each record's text, in order, with its content type and CreationTime. */
function writtenHour(t: Tenant, h: number): Array<{ text: string; type: string; time: number }> {
  const hour = t.activity.auditRecordsJson!(h);
  return Array.from({ length: hour.count }, (_, i) => ({
    text: hour.bytes.toString('utf8', hour.start[i]!, hour.end[i]!),
    type: hour.contentTypes[i]!,
    time: hour.times[i]!,
  }));
}

function builtHour(t: Tenant, h: number): Array<{ text: string; type: string; time: number }> {
  return t.activity.auditRecords(h).map((r) => ({ text: JSON.stringify(r), type: t.activity.contentTypeOf(r), time: Date.parse(`${r.CreationTime}Z`) }));
}

describe('audit records written as JSON', () => {
  it.each([
    ['tests', 300],
    ['second seed', 800],
  ])('are byte for byte JSON.stringify of the built records (seed %s, %i users), in the same order', (seed, users) => {
    const t = tenantWith({ seed, users });
    let records = 0;
    const operations = new Set<string>();
    for (const h of [3, 37, 100, 101, 200, 290, 335]) {
      const written = writtenHour(t, h);
      const built = builtHour(t, h);
      expect(written.length).toBe(built.length);
      for (let i = 0; i < built.length; i++) expect(written[i], `hour ${h}, record ${i}`).toEqual(built[i]);
      records += built.length;
      for (const r of t.activity.auditRecords(h)) operations.add(r.Operation);
    }
    // The hours cover the writers of every ambient kind (mail access, send, deletes, STS logons).
    expect(records).toBeGreaterThan(1000);
    for (const op of ['MailItemsAccessed', 'Send', 'UserLoggedIn', 'UserLoginFailed']) expect(operations).toContain(op);
  });
});
